"""Article extraction: from a raw page to title, date, author, lead, text and captions.

Public entry point: ``extract``. The archive stores its result beside the raw page, and
``hdnd reextract`` runs it again over archived pages when it improves.

Conventions of the result (crawler/extract/model.py):
- ``lead`` is the sapo alone; ``text`` is the body paragraphs only, in order, joined by a blank line
  ("\\n\\n"). The lead is not repeated in ``text``: the search index shows lead + text.
- ``captions``: one string per image caption, out of ``text`` (a credit such as "Ảnh: Minh Hà" stays
  inside its caption).
- ``author``: the person(s) of the sign-off, several joined with ", "; ``author_unit``: the office
  after the dash or in parentheses. The sign-off line is removed from ``text``.
- ``source``: where the portal says it took the article from ("Theo Báo Đắk Nông điện tử",
  "Nguồn: …", a bare link under the body), several joined with "; ". Not the author.
- ``published``: ISO 8601, a date ("2022-11-17") or, when the page prints a time, a datetime with
  the Vietnamese offset ("2024-06-26T16:34+07:00"); ``published_source`` says which of "page",
  "metadata", "url", "listing" gave it.
- All text NFC, whatever the page's encoding (UTF-8, windows-1258, NFD, character references),
  without invisible characters.
- Nothing found is thrown away: a page that does not read like an article keeps its text with
  status "suspect" and the reason (quality.py); "failed" means there was no text at all.

How: decode, parse once, detect the CMS family (crawler/discovery/cms.py); walk the family's body container
(crawler/rules/cms.toml, body.py) when the page gives no reason to doubt it (trust.py), otherwise
let trafilatura find the body and put its paragraphs back where the page prints them (fallback.py,
locate.py); then the same Vietnamese rules for both: boilerplate (cleanup.py), sapo (lead.py),
captions (captions.py), credits (credits.py), sign-off (signoff.py); the headline by evidence
(title.py) and the date (published.py) from the page itself.
"""

from __future__ import annotations

from crawler.classify import classify_article
from crawler.discovery.cms import detect_family, family
from crawler.extract import captions, fallback, quality, trust
from crawler.extract.blocks import CAPTION, TEXT, Block, texts
from crawler.extract.body import find_container, walk
from crawler.extract.cleanup import Stripper, clean_blocks, stripper
from crawler.extract.credits import drop_credits, take_credits
from crawler.extract.decode import decode_html, drop_view_state
from crawler.extract.lead import find_lead, lead_from_blocks, reconcile
from crawler.extract.model import EXTRACTOR_VERSION, FAILED, OK, SUSPECT, Extracted
from crawler.extract.published import find_published
from crawler.extract.signoff import Signoff, after_container, from_byline, take
from crawler.extract.title import find_title
from crawler.extract.tree import HtmlElement, ParsedPage, article_block, inside, parse
from crawler.rules import Family, families

__all__ = ["EXTRACTOR_VERSION", "FAILED", "OK", "SUSPECT", "Extracted", "extract", "read"]


def extract(
    body: bytes | str,
    url: str,
    *,
    headers: dict[str, list[str]] | None = None,
    encoding: str | None = None,
    listing_date: str | None = None,
    cms: str | None = None,
) -> Extracted:
    """Read the article of one page (``read``) and classify it (crawler.classify: HĐND or not, its
    fingerprint, the abbreviations it mentions); never raises (the result's status and problem say
    what failed). What the archive stores for every fetched article page.

    ``cms``: the family the crawler detected, if any (detected here otherwise); ``listing_date``: the
    date printed next to the link on the listing page, the least trusted source of ``published``.
    """
    ex = read(body, url, headers=headers, encoding=encoding, listing_date=listing_date, cms=cms)
    if ex.status == FAILED:
        return ex
    try:
        return classify_article(ex)
    except Exception as exc:  # as below: the page is kept with the reason
        ex.status, ex.problem = FAILED, f"classifier error: {type(exc).__name__}: {exc}"
        return ex


def read(
    body: bytes | str,
    url: str,
    *,
    headers: dict[str, list[str]] | None = None,
    encoding: str | None = None,
    listing_date: str | None = None,
    cms: str | None = None,
) -> Extracted:
    """The article of one page, fields only (no classification); never raises."""
    try:
        return _extract(body, url, headers, encoding, listing_date, cms)
    except Exception as exc:  # a bug here must not lose the page: the archive keeps it with the reason
        return Extracted(cms=cms, status=FAILED, problem=f"extractor error: {type(exc).__name__}: {exc}")


def _extract(body: bytes | str, url: str, headers: dict[str, list[str]] | None, encoding: str | None,
             listing_date: str | None, cms: str | None) -> Extracted:
    html = drop_view_state(decode_html(body if body is not None else b"", headers, encoding))
    root = parse(html)
    if root is None:
        return Extracted(cms=cms, status=FAILED, problem="empty page")
    doc = ParsedPage(root)
    name = cms if cms in families() else detect_family(html, url or "")
    fam = family(name)
    strip = stripper(doc, fam)
    named = captions.named_captions(root, fam)

    container, fb = _body(doc, fam, url, strip, named)
    region = container if container is not None else fb.region if fb is not None else None
    title, title_el = find_title(doc, fam, region, fb.heading if container is None and fb else "")
    lead, lead_el = find_lead(doc, fam, title_el, region)
    if container is not None:
        blocks = walk(container, strip, named, frozenset(el for el in (title_el, lead_el) if el is not None))
    else:
        blocks = fb.blocks if fb is not None else []

    blocks = clean_blocks(blocks, fam, title, lead)
    blocks, lead = lead_from_blocks(blocks, lead)
    blocks, lead = reconcile(blocks, lead)
    blocks, sign, source = _signoff(blocks)
    if sign is None:
        sign = _signoff_around(doc, fam, strip, region, title_el)

    # A container that also holds the headline (a family's whole article panel) holds its date too.
    body_only = container is not None and not (title_el is not None and inside(title_el, container))
    avoid = tuple(el for el in (container if body_only else None, lead_el) if el is not None)
    published = find_published(doc, fam, url or "", title_el=title_el, body_el=region, avoid=avoid,
                               listing_date=listing_date, headers=headers)
    paragraphs = texts(blocks, TEXT)
    ex = Extracted(
        title=title,
        published=published.iso if published else None,
        published_source=published.source if published else None,
        author=sign.author if sign else "",
        author_unit=sign.unit if sign else "",
        lead=lead,
        text="\n\n".join(paragraphs),
        captions=texts(blocks, CAPTION),
        source=source,
        cms=name,
    )
    return quality.assess(ex, paragraphs)


def _body(doc: ParsedPage, fam: Family | None, url: str, strip: Stripper,
          named: frozenset[HtmlElement]) -> tuple[HtmlElement | None, fallback.Fallback | None]:
    """The family's container, or trafilatura's reading: the container unless the page holds more
    prose outside it than in it and trafilatura finds much more text."""
    container = find_container(doc.root, fam)
    if container is not None and not trust.doubtful(doc.root, container):
        return container, None
    fb = fallback.extract_blocks(doc, url or None, strip, named, fam)
    if container is not None and not trust.generic_wins(container, fb.blocks):
        return container, fb
    return None, fb


def _signoff_around(doc: ParsedPage, fam: Family | None, strip: Stripper, region: HtmlElement | None,
                    title_el: HtmlElement | None) -> Signoff | None:
    """A sign-off printed outside the body: right under it, or as a byline near the headline."""
    sign = after_container(region, strip) if region is not None else None
    if sign is None:
        sign = from_byline(doc, fam, title_el if title_el is not None else region, article_block(title_el, region))
    return sign


def _signoff(blocks: list[Block]) -> tuple[list[Block], Signoff | None, str]:
    """The sign-off and the credited sources out of the body's end: credit lines under the sign-off
    first (so "Theo Báo …" is never read as the author's office), then the sign-off, then credits
    printed above it; credit lines left inside the body go too."""
    blocks, below = take_credits(blocks)
    blocks, sign = take(blocks)
    blocks, above = take_credits(blocks)
    if sign is None:
        blocks, sign = take(blocks)
    return drop_credits(blocks), sign, "; ".join(dict.fromkeys(above + below))
