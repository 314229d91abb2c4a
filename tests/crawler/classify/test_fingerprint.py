"""crawler/classify/fingerprint.py: republished copies are found, different articles on one topic are not.

The corpus's ``[[copies]]`` are how the sample sites republish each other (same text, another title,
a later date); the variants below add what real republishing also does to a text. Run with -s to
see the closest pair of different articles and the time a fingerprint takes.
"""

from __future__ import annotations

import itertools
import timeit
import tomllib
import unicodedata

import pytest

from crawler.classify.fingerprint import (
    BANDS,
    COPY_THRESHOLD,
    Copy,
    band_ints,
    band_keys,
    choose_original,
    fingerprint,
    is_copy,
    similar,
    similarity,
)
from tests.paths import REPO

CORPUS = REPO / "sampleweb" / "corpus"

# Different articles that share a council, a kind of event and a template: they must not collide.
NEAR_TOPIC = [
    ("seed-bk-tp-giao-ban-quy-1-2023", "seed-bk-tp-giao-ban-quy-2-2018"),
    ("bk-hdnd-khai-mac-ky-hop-thu-11-khoa-x-2022", "bk-hdnd-be-mac-ky-hop-thu-13-khoa-ix-2019"),
    ("hd-ky-hop-thu-10-cuoi-nam-2019", "hd-ky-hop-thu-22-chat-van-2024"),
    ("bk-hdnd-ky-hop-chuyen-de-sap-xep-2025", "hd-ky-hop-chuyen-de-sap-xep-xa-2025"),
]


def _corpus() -> dict[str, dict]:
    articles = (tomllib.loads(p.read_text("utf-8")) for p in sorted(CORPUS.glob("*.toml")))
    return {a["id"]: a for a in articles}


def _text(article: dict, paragraphs: list[str] | None = None) -> str:
    """What the extractor fingerprints: the lead and the body (never the title)."""
    return "\n".join([article["lead"], *(paragraphs if paragraphs is not None else article["paragraphs"])])


def _variants(article: dict) -> dict[str, str]:
    """The article as another site may republish it."""
    paragraphs = article["paragraphs"]
    text = _text(article)
    rest = paragraphs[0].partition(" ")[2]
    return {
        "verbatim": text,
        "credit line": text + "\nNguồn: Báo Bắc Kạn điện tử",
        "dateline": _text(article, [f"(BBK) - {rest}", *paragraphs[1:]]),
        "paragraphs split": _text(article, [s for p in paragraphs for s in p.split(". ")]),
        "paragraphs joined": " ".join([article["lead"], *paragraphs]),
        "NFD": unicodedata.normalize("NFD", text),
        "Uỷ/Hoà": text.replace("Ủy", "Uỷ").replace("Hòa", "Hoà").replace("hòa", "hoà"),
        "a few words": text.replace(" tỉnh ", " tỉnh Bắc Kạn ", 2).replace(" đã ", " ", 2),
        "no lead": _text(article, paragraphs) if not article["lead"] else "\n".join(paragraphs),
    }


def _copied_articles() -> list[dict]:
    return [a for a in _corpus().values() if a.get("copies")]


def test_corpus_has_copies() -> None:
    assert len(_copied_articles()) >= 5


@pytest.mark.parametrize("article", _copied_articles(), ids=lambda a: a["id"])
def test_every_corpus_copy_is_detected(article: dict) -> None:
    original = fingerprint(_text(article))
    for name, text in _variants(article).items():
        copy = fingerprint(text)
        assert is_copy(original, copy), (name, similarity(original, copy))
        assert set(band_keys(original)) & set(band_keys(copy)), f"{name}: no shared band, no candidate"
        assert set(band_ints(original)) & set(band_ints(copy)), name


def test_the_original_is_the_earliest_copy() -> None:
    for article in _copied_articles():
        copies = [Copy(f"https://{article['sites'][0]}/a", article["published"], "2026-01-01T00:00:00")]
        copies += [Copy(f"https://{c['site']}/b", c.get("published", article["published"])) for c in article["copies"]]
        assert choose_original(copies) is copies[0], article["id"]


def test_distinct_articles_are_not_copies() -> None:
    corpus = _corpus()
    fps = {key: fingerprint(_text(a)) for key, a in corpus.items()}
    scored = sorted(
        ((similarity(fps[a], fps[b]), a, b) for a, b in itertools.combinations(sorted(fps), 2)), reverse=True
    )
    shared_band = sum(1 for _, a, b in scored if set(band_keys(fps[a])) & set(band_keys(fps[b])))
    best, a, b = scored[0]
    print(f"\n{len(fps)} articles, {len(scored)} pairs; closest different articles: {a} / {b}: {best:.3f}")
    print(f"pairs sharing a band (candidates to check): {shared_band}")
    assert best < COPY_THRESHOLD / 2, scored[:3]


def test_near_topic_pairs_do_not_collide() -> None:
    corpus = _corpus()
    present = [(a, b) for a, b in NEAR_TOPIC if a in corpus and b in corpus]
    assert present
    for a, b in present:
        score = similarity(fingerprint(_text(corpus[a])), fingerprint(_text(corpus[b])))
        print(f"\n{a} / {b}: {score:.3f}")
        assert not similar(_text(corpus[a]), _text(corpus[b]))
        assert score < COPY_THRESHOLD / 2


def test_signature_shape_and_stability() -> None:
    article = next(iter(_corpus().values()))
    fp = fingerprint(_text(article))
    assert len(fp) == 256 and int(fp, 16) >= 0
    assert fp == fingerprint(_text(article))
    keys = band_keys(fp)
    assert len(keys) == BANDS and len(set(keys)) == BANDS and all(len(k) == 18 for k in keys)
    ints = band_ints(fp)
    assert len(set(ints)) == BANDS and all(0 <= k < 2**63 for k in ints)  # a signed 64-bit INTEGER


def test_known_fingerprint_does_not_drift() -> None:
    """The archive stores fingerprints: changing the algorithm must be deliberate (then recompute all)."""
    text = "Sáng 07/12, HĐND tỉnh Bắc Kạn khóa X khai mạc Kỳ họp thứ 11, kỳ họp thường lệ cuối năm 2022."
    expected = (
        "8f6cf13552feb4c716907859da223beb9db4ff7d614675e4d7addded3fb6a17f03486511c6da28a38a6cec35531bb4e4"
        "16adad610f2a589eba671c307df9dfc2418ba354051d66e6c8af0f3f7108d2d1349a7c140872bcd11e9a8063e22c43f5"
        "a5be07876950cb192ce2488b907c49ceab970d60afbc1185734eb939cbda2da3"
    )
    assert fingerprint(text) == expected
    assert fingerprint(unicodedata.normalize("NFD", text.upper().replace("ĐỒNG", "ÐỒNG"))) == expected


@pytest.mark.parametrize("text", ["", "   \n ", "Loading...", "Ảnh: Minh Hà"])
def test_empty_or_tiny_text_has_no_signature(text: str) -> None:
    assert fingerprint(text) == ""
    assert band_keys("") == [] and band_ints("") == []
    assert not is_copy("", "") and not similar(text, text)


def test_choose_original_rules() -> None:
    a = Copy("https://b.vn/1", "2023-04-18T09:00", "2023-04-20T00:00:00")
    b = Copy("https://a.vn/1", "2023-04-18T09:00", "2023-04-19T00:00:00")  # same time, fetched earlier
    c = Copy("https://a.vn/0", "2023-04-19", "2023-04-18T00:00:00")  # a day later
    d = Copy("https://0.vn/0", None, "2020-01-01T00:00:00")  # no date: last
    assert choose_original([a, b, c, d]) is b
    assert choose_original([a, Copy("https://a.vn/1", "2023-04-18T09:00", "2023-04-20T00:00:00")]).url == "https://a.vn/1"
    assert choose_original([c, Copy("https://z.vn", "2023-04-18T23:00+07:00")]).url == "https://z.vn"
    assert choose_original([Copy("x", "2023-04-18T02:00+00:00"), Copy("y", "2023-04-18T08:00")]).url == "y"
    mappings = [{"url": "m", "published": "2023-01-02"}, {"url": "n", "published": "2023-01-01"}]
    assert choose_original(mappings)["url"] == "n"


def test_speed() -> None:
    article = max(_corpus().values(), key=lambda a: len(_text(a)))
    text = _text(article).encode()[:5000].decode("utf-8", "ignore")
    best = min(timeit.repeat(lambda: fingerprint(text), number=50, repeat=5)) / 50
    print(f"\nfingerprint of {len(text.encode())} bytes: {best * 1e6:.0f} µs (best of 5 × 50 runs)")
