"""A large Vietnamese corpus for search benchmarks, generated from the sample web's articles.

Syllables follow the corpus's own frequencies and local order (sampleweb/textgen.py), so
common words are common and phrases like "hội đồng nhân dân" occur as they do in real news. Places
cover the 34 current provinces and their 63 members, dates 2010-2026, levels and sites realistic.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.lang import abbreviations, places
from indexer.model import Doc
from sampleweb.corpus import load_corpus
from sampleweb.textgen import MarkovText, corpus_texts

LEVELS = (("province", 0.5), ("district", 0.35), ("commune", 0.15))
TITLE_STARTS = ("HĐND tỉnh", "Thường trực HĐND", "HĐND huyện", "HĐND xã", "Ban Kinh tế - Ngân sách HĐND",
                "Ban Pháp chế HĐND", "Đại biểu HĐND", "Kỳ họp thứ", "Hội đồng nhân dân thành phố")


def _model() -> MarkovText:
    articles = load_corpus(Path(__file__).resolve().parent.parent / "sampleweb" / "corpus")
    return MarkovText(corpus_texts(articles))


class SentencePool:
    """Sentences drawn once from the model, then sampled: a million articles in minutes rather than
    the hours a fresh Markov walk per sentence takes, with the same word frequencies."""

    def __init__(self, model: MarkovText, rng: random.Random, size: int = 60_000) -> None:
        self.long = [model.sentence(rng) for _ in range(size)]
        self.short = [model.sentence(rng, 6, 14) for _ in range(size // 4)]
        self.rng = rng

    def sentence(self, rng: random.Random, min_words: int = 12, max_words: int = 34) -> str:
        return rng.choice(self.short if max_words <= 14 else self.long)

    def paragraph(self, rng: random.Random) -> str:
        return " ".join(rng.choice(self.long) for _ in range(rng.randint(2, 5)))


def generate_docs(n: int, seed: int = 1) -> Iterator[Doc]:
    """``n`` documents, deterministic for a seed."""
    rng = random.Random(seed)
    model = SentencePool(_model(), rng) if n > 20_000 else _model()
    olds = places.all_old()
    level_names = [lv for lv, _ in LEVELS]
    level_weights = [w for _, w in LEVELS]
    for i in range(n):
        old = rng.choice(olds)
        current = places.current_of(old) or old
        level = rng.choices(level_names, level_weights)[0]
        site = f"{places.key(old).replace(' ', '')}-{level[:1]}{rng.randrange(8)}"
        year = rng.randint(2010, 2026)
        month = rng.randint(1, 11 if year == 2026 else 12)
        day = rng.randint(1, 28)
        published = f"{year:04d}-{month:02d}-{day:02d}T{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:00+07:00"
        title = f"{rng.choice(TITLE_STARTS)} {model.sentence(rng, 6, 14).rstrip('.')}"
        lead = model.sentence(rng, 15, 30) if rng.random() < 0.7 else ""
        text = "\n\n".join(model.paragraph(rng) for _ in range(rng.randint(4, 10)))
        captions = [model.sentence(rng, 5, 10)] if rng.random() < 0.4 else []
        yield Doc(
            id=f"b{i:08d}", url=f"https://{site}.example.gov.vn/tin/{i}.html", title=title, lead=lead, text=text,
            captions=captions, published=published, site=site,
            site_name=f"Cổng thông tin {site}", province=old, province_current=current, level=level,
            author=rng.choice(["", "Minh Hà", "Thu Hương", "Quang Huy", "Ngọc Lan"]),
            # extraction records these for every archived article (crawler/extract)
            abbreviations=abbreviations.detect("\n".join((title, lead, text, *captions))),
        )
