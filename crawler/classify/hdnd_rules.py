"""The HĐND classifier's vocabulary and weights (rules/hdnd.toml), compiled once: phrase index,
mention kinds, activities, organs. Data apart from the heuristics that apply it (crawler/classify/hdnd.py)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from crawler.lang.textnorm import fold
from crawler.rules import load

_WORD = re.compile(r"[a-z0-9]+")
# What may precede the verb of a guest-list sentence: a time or a place ("Sáng 5/9, dự lễ …").
_PRE = r"(?:[^,]{0,45}, )?"
# Syllables too common to look phrases up by (see _key).
_COMMON = frozenset({
    "va", "cac", "co", "cua", "tai", "tu", "theo", "trong", "voi", "cho", "la", "duoc", "da", "se", "nhung",
    "mot", "so", "ba", "ong", "dong", "chi", "len", "tinh", "thanh", "huyen", "xa", "quan", "thi", "cong",
})


@dataclass(frozen=True)
class Kind:
    """A way of reading a council mention (see [[mention]] in the TOML)."""

    kind: str
    label: str
    weight: float
    actor: bool
    gap: int


@dataclass(frozen=True)
class Activity:
    """An HĐND activity (see [[activity]] in the TOML)."""

    label: str
    weight: float
    groups: int  # phrase groups that must all occur in the sentence (tags ("act", index, group))


@dataclass(frozen=True)
class Rules:
    """Compiled crawler/rules/hdnd.toml (its comments explain each part)."""

    threshold: float
    no_council_penalty: float
    zones: dict[str, float]
    body_caps: dict[str, float]
    phrases: dict[str, tuple[tuple[list[str], int, int, Tag], ...]]  # key word -> (words, key index, length, tag)
    kinds: tuple[Kind, ...]
    guest_start: tuple[re.Pattern[str], ...]
    caption_max_words: int
    caption_factor: float
    caption_start: tuple[tuple[str, ...], ...]
    activities: tuple[Activity, ...]
    organs: tuple[str, ...]
    organ_penalty: float
    council_text: re.Pattern[str]  # the council's spellings in folded text, to quote a mention


Tag = tuple  # ("council",), ("kind", i), ("act", i, group), ("organ", i)…: what a phrase is evidence of
Occurrences = dict[Tag, list[tuple[int, int]]]
COUNCIL_KIND = Kind("council", "HĐND là chủ thể", 1.0, True, 0)
GUEST_KIND = Kind("guest", "khách mời", 0.0, False, 0)


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(phrase)))  # the TOML is read once: textnorm's fold is fine here


def _key(words: tuple[str, ...]) -> int:
    """Which word of a phrase to look it up by: its first, unless that is a very common syllable.

    Every word of the text that is some phrase's key costs a lookup, so "tại nghị quyết" is found
    from "nghị", not from "tại", which is in every other sentence.
    """
    return next((i for i, w in enumerate(words) if w not in _COMMON), 0)


@cache
def rules() -> Rules:
    """Load and index the rules once per process."""
    raw = load("hdnd.toml")
    council = raw["council"]
    index: dict[str, list[tuple[list[str], int, int, Tag]]] = defaultdict(list)

    def add(tag: Tag, phrases: list[str]) -> None:
        for phrase in phrases:
            for spelled in [phrase.replace("{HĐND}", c) for c in council] if "{HĐND}" in phrase else [phrase]:
                words = _words(spelled)
                entry = (list(words), _key(words), len(words), tag)
                if entry not in index[words[entry[1]]]:  # "HĐND" and "HĐNĐ" fold alike
                    index[words[entry[1]]].append(entry)

    add(("council",), council)
    add(("guest",), raw["guests"]["before"])
    add(("credit",), raw["captions"]["credit"])
    for i, m in enumerate(raw["mention"]):
        add(("kind", i), m["before"])
    activities = []
    for i, a in enumerate(raw["activity"]):
        groups = a.get("all_of") or [a["phrases"]]
        for g, phrases in enumerate(groups):
            add(("act", i, g), phrases)
        activities.append(Activity(a["label"], float(a["weight"]), len(groups)))
    for i, o in enumerate(raw["organ"]):
        add(("organ", i), o["phrases"])
        add(("organ_not", i), o.get("not_before", []))
    spellings = sorted({r"\s+".join(_words(c)) for c in council}, key=len, reverse=True)
    return Rules(
        threshold=float(raw["threshold"]),
        no_council_penalty=float(raw["no_council_penalty"]),
        zones={k: float(v) for k, v in raw["zones"].items()},
        body_caps={k: float(v) for k, v in raw["body_caps"].items()},
        phrases={k: tuple(v) for k, v in index.items()},
        kinds=tuple(
            Kind(m["kind"], m["label"], float(m["weight"]), bool(m["actor"]), int(m["gap"])) for m in raw["mention"]
        ),
        guest_start=tuple(re.compile(p.replace("{PRE}", _PRE)) for p in raw["guests"]["sentence_start"]),
        caption_max_words=int(raw["captions"]["max_words"]),
        caption_factor=float(raw["captions"]["factor"]),
        caption_start=tuple(_words(p) for p in raw["captions"]["start"]),
        activities=tuple(activities),
        organs=tuple(o["label"] for o in raw["organ"]),
        organ_penalty=float(raw["organ_penalty"]),
        council_text=re.compile(rf"(?<![a-z0-9])(?:{'|'.join(spellings)})(?![a-z0-9])"),
    )


