"""Deterministic Vietnamese-looking text for the synthetic site, learnt from the corpus.

A first-order Markov chain over syllables keeps the real syllable frequencies and the local word
order ("hội đồng nhân dân", "kỳ họp thứ"), so tokenisers, indexes and classifiers see realistic
input at benchmark scale without anyone writing thousands of articles.
"""

from __future__ import annotations

import bisect
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

# Used when the corpus is empty (e.g. while it is being written): real HĐND report language.
FALLBACK = (
    "Thường trực Hội đồng nhân dân huyện tổ chức hội nghị giao ban quý với Thường trực HĐND các xã, thị trấn. "
    "Hội nghị đánh giá kết quả hoạt động giám sát, tiếp xúc cử tri, tiếp công dân và giải quyết kiến nghị của cử tri. "
    "Các đại biểu tập trung thảo luận những khó khăn, vướng mắc trong tổ chức kỳ họp và đề xuất giải pháp nâng cao "
    "chất lượng hoạt động của Hội đồng nhân dân hai cấp. Ủy ban nhân dân huyện chỉ đạo các phòng, ban chuyên môn "
    "phối hợp chặt chẽ với Ủy ban Mặt trận Tổ quốc Việt Nam huyện trong triển khai nhiệm vụ phát triển kinh tế - xã "
    "hội. "
    "Nhân dân các xã tích cực tham gia xây dựng nông thôn mới, chỉnh trang đường làng, ngõ xóm, bảo vệ môi trường."
)

_TOKEN_RE = re.compile(r"[^\s]+")
_END = "\x00"


class MarkovText:
    """Syllable bigram model; ``sentence`` and ``paragraph`` draw from it with a caller's RNG."""

    def __init__(self, texts: Iterable[str]) -> None:
        follow: dict[str, Counter[str]] = defaultdict(Counter)
        starts: Counter[str] = Counter()
        for text in texts:
            for sentence in re.split(r"(?<=[.!?…])\s+", text):
                words = _TOKEN_RE.findall(sentence)
                if len(words) < 4:
                    continue
                starts[words[0]] += 1
                for a, b in zip(words, [*words[1:], _END], strict=True):
                    follow[a][b] += 1
        if not starts:
            raise ValueError("no text to learn from")
        self._starts = self._table(starts)
        self._follow = {word: self._table(counts) for word, counts in follow.items()}

    @staticmethod
    def _table(counts: Counter[str]) -> tuple[list[str], list[int]]:
        words, cum, total = [], [], 0
        for word, n in sorted(counts.items()):
            total += n
            words.append(word)
            cum.append(total)
        return words, cum

    @staticmethod
    def _draw(rng: random.Random, table: tuple[list[str], list[int]]) -> str:
        words, cum = table
        return words[bisect.bisect_right(cum, rng.randrange(cum[-1]))]

    def sentence(self, rng: random.Random, min_words: int = 12, max_words: int = 34) -> str:
        words = [self._draw(rng, self._starts)]
        limit = rng.randint(min_words, max_words)
        while len(words) < limit:
            table = self._follow.get(words[-1])
            nxt = self._draw(rng, table) if table else _END
            if nxt == _END:
                if len(words) >= min_words:
                    break
                nxt = self._draw(rng, self._starts)
            words.append(nxt)
        text = " ".join(words).rstrip(",;:")
        if not text.endswith((".", "!", "?", "…")):
            text += "."
        return text[0].upper() + text[1:]

    def paragraph(self, rng: random.Random, sentences: tuple[int, int] = (2, 5)) -> str:
        return " ".join(self.sentence(rng) for _ in range(rng.randint(*sentences)))


def corpus_texts(articles: Sequence[object]) -> list[str]:
    """Lead and paragraphs of every corpus article (duck-typed to avoid an import cycle)."""
    texts: list[str] = []
    for art in articles:
        texts.append(getattr(art, "lead", ""))
        texts.extend(getattr(art, "paragraphs", ()))
    return [t for t in texts if t]
