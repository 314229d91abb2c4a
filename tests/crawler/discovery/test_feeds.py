"""crawler/discovery/feeds.py: article URLs with the site's own dates, from RSS, Atom and sitemaps.

Dates come out as ISO 8601 in Vietnamese time (UTC+7); relative links are resolved against the
feed's URL; anything that is not a feed or a sitemap (an HTML error page, broken gzip, JSON) gives
None instead of an exception.
"""

from __future__ import annotations

import gzip
import unicodedata

import pytest
from lxml import html as lxml_html

from crawler.discovery.feeds import Entry, feed_links_in_page, parse_feed_or_sitemap

NUKEVIET_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Hội đồng nhân dân tỉnh Lào Cai</title>
  <link>https://hdnd.laocai.gov.vn/</link>
  <atom:link href="https://hdnd.laocai.gov.vn/vi/news/rss/" rel="self" type="application/rss+xml"/>
  <item>
    <title>Kỳ họp thứ 10 HĐND tỉnh khóa XVI</title>
    <link>https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/ky-hop-thu-10-hdnd-tinh-khoa-xvi-1234.html</link>
    <pubDate>Wed, 26 Jun 2024 09:34:00 +0700</pubDate>
  </item>
  <item>
    <title><![CDATA[  Giám sát   chuyên đề  ]]></title>
    <link>/vi/news/hoat-dong-hdnd/giam-sat-chuyen-de-1235.html</link>
    <pubDate>Tue, 25 Jun 2024 02:00:00 GMT</pubDate>
  </item>
  <item>
    <title>Tiếp xúc cử tri</title>
    <guid isPermaLink="true">https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/tiep-xuc-cu-tri-1236.html</guid>
    <dc:date>2024-06-24T08:00:00+07:00</dc:date>
  </item>
  <item><title>Không có liên kết</title><description>Mục lỗi</description></item>
  <item>
    <title>Ngày viết kiểu Việt</title>
    <link>https://hdnd.laocai.gov.vn/vi/news/thong-bao/thong-bao-1237.html</link>
    <pubDate>23/06/2024</pubDate>
  </item>
  <item>
    <title>Không có ngày</title>
    <link>https://hdnd.laocai.gov.vn/vi/news/thong-bao/thong-bao-1238.html</link>
  </item>
</channel></rss>""".encode()

WORDPRESS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://hdnd.hagiang.gov.vn/2024/06/26/ky-hop-thu-muoi/</loc><lastmod>2024-06-26T09:34:00+00:00</lastmod></url>
  <url><loc>  https://hdnd.hagiang.gov.vn/2024/06/25/giam-sat-chuyen-de/  </loc></url>
  <url><lastmod>2024-06-26</lastmod></url>
  <url><loc>/2024/06/24/tiep-xuc-cu-tri/</loc><lastmod>2024-06-24</lastmod></url>
</urlset>"""

SITEMAP_ENTRIES = [
    Entry("https://hdnd.hagiang.gov.vn/2024/06/26/ky-hop-thu-muoi/", "", "2024-06-26T16:34+07:00"),
    Entry("https://hdnd.hagiang.gov.vn/2024/06/25/giam-sat-chuyen-de/", "", None),
    Entry("https://hdnd.hagiang.gov.vn/2024/06/24/tiep-xuc-cu-tri/", "", "2024-06-24"),
]


# --- RSS ----------------------------------------------------------------------------------------

def test_rss_entries_with_titles_and_dates() -> None:
    parsed = parse_feed_or_sitemap(NUKEVIET_RSS, "https://hdnd.laocai.gov.vn/vi/news/rss/")
    assert parsed is not None and parsed.kind == "rss" and parsed.sitemaps == []
    assert parsed.entries == [
        Entry("https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/ky-hop-thu-10-hdnd-tinh-khoa-xvi-1234.html",
              "Kỳ họp thứ 10 HĐND tỉnh khóa XVI", "2024-06-26T09:34+07:00"),
        Entry("https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/giam-sat-chuyen-de-1235.html",
              "Giám sát chuyên đề", "2024-06-25T09:00+07:00"),
        Entry("https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/tiep-xuc-cu-tri-1236.html",
              "Tiếp xúc cử tri", "2024-06-24T08:00+07:00"),
        Entry("https://hdnd.laocai.gov.vn/vi/news/thong-bao/thong-bao-1237.html", "Ngày viết kiểu Việt",
              "2024-06-23"),
        Entry("https://hdnd.laocai.gov.vn/vi/news/thong-bao/thong-bao-1238.html", "Không có ngày", None),
    ]


def test_rss_converts_gmt_to_vietnamese_time() -> None:
    """02:00 GMT is 09:00 in Hà Nội, and the entry says so."""
    parsed = parse_feed_or_sitemap(NUKEVIET_RSS, "https://hdnd.laocai.gov.vn/vi/news/rss/")
    assert parsed is not None
    assert parsed.entries[1].date == "2024-06-25T09:00+07:00"


def test_rss_1_0_rdf_feed() -> None:
    rdf = """<?xml version="1.0" encoding="utf-8"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
             xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://hdnd.bentre.gov.vn/rss.xml"><title>HĐND Bến Tre</title></channel>
      <item rdf:about="https://hdnd.bentre.gov.vn/node/123">
        <title>Kỳ họp chuyên đề</title><link>https://hdnd.bentre.gov.vn/node/123</link>
        <dc:date>2024-06-26T09:00+07:00</dc:date>
      </item>
    </rdf:RDF>""".encode()
    parsed = parse_feed_or_sitemap(rdf, "https://hdnd.bentre.gov.vn/rss.xml")
    assert parsed is not None and parsed.kind == "rss"
    assert parsed.entries == [
        Entry("https://hdnd.bentre.gov.vn/node/123", "Kỳ họp chuyên đề", "2024-06-26T09:00+07:00")]


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # the five tone marks, combining


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letter, then the tone as a combining mark."""
    out = b""
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out += (base + tones).encode("cp1258")
    return out


def test_rss_in_windows_1258_comes_out_nfc() -> None:
    """The declared encoding is honoured and the combining tones of windows-1258 are composed."""
    body = _cp1258('<?xml version="1.0" encoding="windows-1258"?><rss version="2.0"><channel><item>'
                   "<title>Hội đồng nhân dân</title><link>https://hdnd.a.gov.vn/tin-1.html</link></item></channel></rss>")
    assert "ộ".encode() not in body and b"\xf4\xf2" in body  # ô + combining dot below
    parsed = parse_feed_or_sitemap(body, "https://hdnd.a.gov.vn/rss")
    assert parsed is not None
    assert [e.title for e in parsed.entries] == ["Hội đồng nhân dân"]


# --- Atom ---------------------------------------------------------------------------------------

ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
  <title>HĐND tỉnh Hà Giang</title>
  <entry>
    <title>Kỳ họp thứ mười</title>
    <link rel="replies" type="text/html" href="https://hdnd.hagiang.gov.vn/2024/06/26/ky-hop-thu-muoi/#comments"/>
    <link rel="alternate" type="text/html" href="https://hdnd.hagiang.gov.vn/2024/06/26/ky-hop-thu-muoi/"/>
    <published>2024-06-26T02:34:00Z</published>
  </entry>
  <entry>
    <title>Giám sát chuyên đề</title>
    <link href="/2024/06/25/giam-sat-chuyen-de/"/>
    <updated>2024-06-25</updated>
  </entry>
  <entry><title>Tệp âm thanh</title><link rel="enclosure" href="/wp-content/uploads/ky-hop.mp3"/></entry>
</feed>""".encode()


def test_atom_entries_use_the_alternate_link() -> None:
    """``rel="alternate"`` or no rel at all is the article; replies and enclosures are not."""
    parsed = parse_feed_or_sitemap(ATOM, "https://hdnd.hagiang.gov.vn/feed/atom/")
    assert parsed is not None and parsed.kind == "atom"
    assert parsed.entries == [
        Entry("https://hdnd.hagiang.gov.vn/2024/06/26/ky-hop-thu-muoi/", "Kỳ họp thứ mười", "2024-06-26T09:34+07:00"),
        Entry("https://hdnd.hagiang.gov.vn/2024/06/25/giam-sat-chuyen-de/", "Giám sát chuyên đề", "2024-06-25"),
    ]


def test_atom_prefers_published_over_updated_in_any_order() -> None:
    body = """<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
    <entry><title>Kỳ họp thứ mười</title>
      <link rel="alternate" type="text/html" href="https://hdnd.hagiang.gov.vn/2024/06/26/ky-hop-thu-muoi/"/>
      <updated>2024-07-02T01:00:00Z</updated>
      <published>2024-06-26T02:34:00Z</published>
    </entry></feed>""".encode()
    parsed = parse_feed_or_sitemap(body, "https://hdnd.hagiang.gov.vn/feed/atom/")
    assert parsed is not None
    assert parsed.entries[0].date == "2024-06-26T09:34+07:00"


# --- sitemaps -----------------------------------------------------------------------------------

def test_sitemap_urls_with_lastmod() -> None:
    """Entries without <loc> are skipped, <loc> is trimmed and resolved, dates become Vietnamese time."""
    parsed = parse_feed_or_sitemap(WORDPRESS_SITEMAP, "https://hdnd.hagiang.gov.vn/wp-sitemap-posts-post-1.xml")
    assert parsed is not None and parsed.kind == "sitemap" and parsed.sitemaps == []
    assert parsed.entries == SITEMAP_ENTRIES


def test_gzipped_sitemap() -> None:
    parsed = parse_feed_or_sitemap(gzip.compress(WORDPRESS_SITEMAP), "https://hdnd.hagiang.gov.vn/sitemap.xml.gz")
    assert parsed is not None and parsed.entries == SITEMAP_ENTRIES


def test_sitemap_with_bom_and_leading_whitespace() -> None:
    for body in (b"\xef\xbb\xbf" + WORDPRESS_SITEMAP, b"\r\n\n   " + WORDPRESS_SITEMAP):
        parsed = parse_feed_or_sitemap(body, "https://hdnd.hagiang.gov.vn/sitemap.xml")
        assert parsed is not None and parsed.entries == SITEMAP_ENTRIES


def test_truncated_sitemap_keeps_what_arrived() -> None:
    cut = WORDPRESS_SITEMAP[: WORDPRESS_SITEMAP.index(b"<url><lastmod>")]
    parsed = parse_feed_or_sitemap(cut, "https://hdnd.hagiang.gov.vn/sitemap.xml")
    assert parsed is not None
    assert parsed.entries == SITEMAP_ENTRIES[:2]


def test_sitemap_index_lists_child_sitemaps() -> None:
    body = b"""<?xml version="1.0" encoding="UTF-8"?>
    <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://hdnd.hagiang.gov.vn/wp-sitemap-posts-post-1.xml</loc><lastmod>2024-06-26</lastmod></sitemap>
      <sitemap><loc>/wp-sitemap-taxonomies-category-1.xml</loc></sitemap>
      <sitemap><lastmod>2024-06-26</lastmod></sitemap>
    </sitemapindex>"""
    parsed = parse_feed_or_sitemap(body, "https://hdnd.hagiang.gov.vn/wp-sitemap.xml")
    assert parsed is not None and parsed.kind == "sitemap" and parsed.entries == []
    assert parsed.sitemaps == ["https://hdnd.hagiang.gov.vn/wp-sitemap-posts-post-1.xml",
                               "https://hdnd.hagiang.gov.vn/wp-sitemap-taxonomies-category-1.xml"]


@pytest.mark.parametrize("lastmod, iso", [
    ("2024-06-26", "2024-06-26"),
    ("2024-06-26T09:34:00Z", "2024-06-26T16:34+07:00"),
    ("2024-06-26T16:34:00+07:00", "2024-06-26T16:34+07:00"),
    ("2024-06-26T23:30:00-05:00", "2024-06-27T11:30+07:00"),
    ("2024-06-26T16:34:00", "2024-06-26T16:34+07:00"),
    ("2024-06-26T16:34:00.123+07:00", "2024-06-26T16:34+07:00"),
    ("Wed, 26 Jun 2024 16:34:00 +0700", "2024-06-26T16:34+07:00"),
    ("Wed, 26 Jun 2024 09:34:00 -0000", "2024-06-26T16:34+07:00"),   # RFC 5322: UTC, own zone unsaid
    ("Wed, 26 Jun 2024 16:34:00", "2024-06-26T16:34+07:00"),         # no zone: the portal's own time
    ("26/06/2024 16:34", "2024-06-26T16:34+07:00"),
    ("  2024-06-26  ", "2024-06-26"),
    ("", None),
    ("không rõ", None),
])
def test_sitemap_date_formats(lastmod: str, iso: str | None) -> None:
    """W3C dates with or without offset (none means Vietnamese time), RFC 822, portal-style dates."""
    body = (f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://hdnd.a.gov.vn/tin-1</loc>'
            f"<lastmod>{lastmod}</lastmod></url></urlset>").encode()
    parsed = parse_feed_or_sitemap(body, "https://hdnd.a.gov.vn/sitemap.xml")
    assert parsed is not None
    assert parsed.entries == [Entry("https://hdnd.a.gov.vn/tin-1", "", iso)]


# --- what is not a feed -------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    b"",
    b"   \n  ",
    "<!DOCTYPE html><html><head><title>404</title></head><body><p>Không tìm thấy</p></body></html>".encode(),
    b"<html><body><rss>not really</rss></body></html>",
    b"\x1f\x8b\x08\x00garbage that is not gzip",
    b"Not found",
    b'{"status": "error"}',
    b"<?xml version='1.0'?><opml version='2.0'><body/></opml>",
])
def test_what_is_not_a_feed_or_sitemap_gives_none(body: bytes) -> None:
    assert parse_feed_or_sitemap(body, "https://hdnd.a.gov.vn/sitemap.xml") is None


def test_gzipped_html_is_not_a_feed() -> None:
    body = gzip.compress("<html><body>Lỗi</body></html>".encode())
    assert parse_feed_or_sitemap(body, "https://hdnd.a.gov.vn/sitemap.xml.gz") is None


def test_empty_but_valid_feeds_are_feeds() -> None:
    """A site with no entries yet still has a feed: kind known, nothing listed."""
    rss = parse_feed_or_sitemap(b'<rss version="2.0"><channel><title>t</title></channel></rss>', "https://a.gov.vn/")
    sitemap = parse_feed_or_sitemap(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', "https://a.gov.vn/")
    assert rss is not None and (rss.kind, rss.entries) == ("rss", [])
    assert sitemap is not None and (sitemap.kind, sitemap.entries, sitemap.sitemaps) == ("sitemap", [], [])


# --- feed_links_in_page -------------------------------------------------------------------------

def test_feed_links_in_page() -> None:
    """RSS, Atom and RDF alternates, resolved, once each, in order; other links are ignored."""
    root = lxml_html.fromstring("""<html><head>
    <link rel="alternate" type="application/rss+xml" title="Tin tức" href="/vi/news/rss/">
    <link rel="Alternate" type="Application/Atom+XML" href=" https://hdnd.laocai.gov.vn/feed/atom/ ">
    <link rel="alternate" type="application/rss+xml" href="/vi/news/rss/">
    <link rel="alternate" type="application/rdf+xml" href="rss.rdf">
    <link rel="alternate" hreflang="en" href="/en/">
    <link rel="alternate" type="application/json+oembed" href="/wp-json/oembed/1.0/embed?url=x">
    <link rel="stylesheet" type="text/css" href="/themes/default/css/style.css">
    <link rel="alternate" type="application/rss+xml">
    </head><body><a href="/vi/news/rss/hoat-dong/" type="application/rss+xml">RSS</a></body></html>""")
    assert feed_links_in_page(root, "https://hdnd.laocai.gov.vn/vi/") == [
        "https://hdnd.laocai.gov.vn/vi/news/rss/",
        "https://hdnd.laocai.gov.vn/feed/atom/",
        "https://hdnd.laocai.gov.vn/vi/rss.rdf",
    ]


def test_feed_links_accept_rel_lists() -> None:
    root = lxml_html.fromstring('<html><head><link rel="alternate feed" type="application/rss+xml" href="/rss">'
                                "</head></html>")
    assert feed_links_in_page(root, "https://hdnd.a.gov.vn/") == ["https://hdnd.a.gov.vn/rss"]


def test_page_without_feeds() -> None:
    root = lxml_html.fromstring("<html><head><title>HĐND</title></head><body><p>Xin chào</p></body></html>")
    assert feed_links_in_page(root, "https://hdnd.a.gov.vn/") == []


def test_a_malformed_feed_link_costs_that_entry_only() -> None:
    body = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>http://[hdnd.a.gov.vn/tin-1</loc></url><url><loc>https://hdnd.a.gov.vn/tin-2</loc></url></urlset>")
    parsed = parse_feed_or_sitemap(body, "https://hdnd.a.gov.vn/sitemap.xml")
    assert parsed is not None and [e.url for e in parsed.entries] == ["https://hdnd.a.gov.vn/tin-2"]
