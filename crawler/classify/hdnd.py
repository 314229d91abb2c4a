"""Is an article HĐND news? A transparent weighted-evidence classifier.

It runs on every crawled page and an operator must be able to see why it decided (``hdnd extract``
prints the reasons), so it is phrase lists over folded words, not a model: deterministic, nothing to
download, a fraction of a millisecond per article. The vocabulary and the weights live in
crawler/rules/hdnd.toml; this module only finds phrases in sentences and adds points.

The hard cases are articles that name the council without being about it: an HĐND leader in the
guest list of a festival, "Văn phòng HĐND" organising a youth event, a UBND meeting preparing a
resolution "to submit to HĐND", the National Assembly's own question sessions. Hence the three ideas
of the design: a council mention is read in its context (guest, office name, citation, person's
title, the council itself); an activity word ("kỳ họp", "chất vấn") counts for the council only when
its sentence names the council acting, not another organ; and the title and lead, which say what the
article is about, weigh more than the body.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from crawler.classify.hdnd_rules import COUNCIL_KIND, GUEST_KIND, Activity, Kind, Occurrences, Rules, rules
from crawler.lang.textnorm import fold_ascii, nfc

__all__ = ["Rules", "Verdict", "classify", "rules"]

MAX_REASONS = 8
ZONE_NAMES = {"title": "tiêu đề", "lead": "sapo", "body": "thân bài", "all": "cả bài"}

# Folded ASCII: punctuation other than the clause marks and sentence ends (";,:.!?") to spaces.
_BYTES = bytes((b if chr(b).isalnum() or chr(b) in ";,:.!?\n " else 32) for b in range(256))
_ENDS = "\x01"  # stands for a sentence end in folded text: ". ", "! ", "? " (not the dot of "1.000")
_CLAUSE_BREAK = frozenset(";,:")
_WORD = re.compile(r"[a-z0-9]+")


def _paragraphs(text: str) -> list[list[list[str]]]:
    """Paragraphs as lists of sentences as lists of words; ";" "," ":" are words of their own."""
    data = fold_ascii(text).translate(_BYTES) + b"\n"
    data = data.replace(b". ", b" \x01 ").replace(b".\n", b" \x01\n").replace(b"!", b" \x01 ").replace(b"?", b" \x01 ")
    data = data.replace(b";", b" ; ").replace(b",", b" , ").replace(b":", b" : ").replace(b".", b" ")
    return [[s.split() for s in line.split(_ENDS)] for line in data.decode("ascii").split("\n")[:-1]]


class Verdict(NamedTuple):
    """The decision, its total of points, and the evidence an operator reads (biggest first).

    A named tuple, so ``hdnd, score, reasons = classify(...)`` works as well as ``.hdnd``.
    """

    hdnd: bool
    score: float
    reasons: list[str]


@dataclass
class _Tally:
    """Points per (zone, evidence) with a count, so reasons can say "×4" instead of repeating."""

    points: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    counts: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    # Mentions that earned nothing, to quote: (zone text, zone, paragraph, rank in paragraph, kind).
    ignored: list[tuple[str, str, int, int, Kind]] = field(default_factory=list)
    paragraph: tuple[str, str, int] = ("", "", 0)  # the one being read: (zone text, zone, number)
    council: list[int] = field(default_factory=list)  # word positions of its council mentions

    def add(self, zone: str, what: str, points: float) -> None:
        self.points[zone, what] += points
        self.counts[zone, what] += 1


@dataclass
class _Sentence:
    """Word range of one sentence in its paragraph, and the phrases found in it."""

    start: int
    end: int
    alone: bool  # the whole paragraph, with no full stop: perhaps an image caption
    occ: Occurrences = field(default_factory=lambda: defaultdict(list))


def _sentences(paragraph: list[list[str]]) -> tuple[list[str], list[_Sentence]]:
    """A paragraph's words in one list, and its sentences as ranges of that list.

    A paragraph of one sentence without a full stop is flagged: it may be an image caption.
    """
    tokens: list[str] = []
    sentences = []
    alone = sum(1 for words in paragraph if words) == 1 and bool(paragraph[-1])
    for words in paragraph:
        if words:
            sentences.append(_Sentence(len(tokens), len(tokens) + len(words), alone))
            tokens.extend(words)
    return tokens, sentences


def _find(tokens: list[str], sentences: list[_Sentence], r: Rules) -> None:
    """Every phrase of the rules in a paragraph, filed under its sentence by tag as (start, end)."""
    phrases = r.phrases
    hits = [i for i, token in enumerate(tokens) if token in phrases]
    if not hits:
        return
    owner: list[_Sentence] = []
    for s in sentences:
        owner += [s] * (s.end - s.start)
    for i in hits:
        for words, offset, n, tag in phrases[tokens[i]]:
            first = i - offset
            if n == 1 or (first >= 0 and tokens[first : first + n] == words):
                sentence = owner[first]
                if first + n <= sentence.end:
                    sentence.occ[tag].append((first, first + n))


def _kind_of(at: int, tokens: list[str], s: _Sentence, guest: bool, r: Rules) -> Kind:
    """The kind of the council mention at word ``at``, from the words before it."""
    if guest or any(end <= at for _, end in s.occ.get(("guest",), ())):
        return GUEST_KIND
    for index, kind in enumerate(r.kinds):
        for _, end in s.occ.get(("kind", index), ()):
            if end <= at and at - end <= kind.gap and not _CLAUSE_BREAK.intersection(tokens[end:at]):
                return kind
    return COUNCIL_KIND


def _organs(s: _Sentence, r: Rules) -> set[str]:
    """Other organs named in a sentence (a "not_before" continuation cancels a mention)."""
    named = set()
    for tag, spans in s.occ.items():
        if tag[0] == "organ":
            cancelled = {start for start, _ in s.occ.get(("organ_not", tag[1]), ())}
            if any(end not in cancelled for _, end in spans):
                named.add(r.organs[tag[1]])
    return named


def _activities(s: _Sentence, r: Rules) -> list[Activity]:
    """Activities of a sentence: those with a phrase of each of their groups present."""
    groups: dict[int, int] = defaultdict(int)
    for tag in s.occ:
        if tag[0] == "act":
            groups[tag[1]] += 1
    return [r.activities[i] for i in sorted(groups) if groups[i] == r.activities[i].groups]


def _is_caption(tokens: list[str], sentences: list[_Sentence], r: Rules) -> bool:
    """A short paragraph with a photo credit, or one unfinished sentence starting like a caption."""
    if len(tokens) > r.caption_max_words or not sentences:
        return False
    if sentences[0].alone and any(tuple(tokens[: len(w)]) == w for w in r.caption_start):
        return True
    return any(tokens[end : end + 1] == [":"] for s in sentences for _, end in s.occ.get(("credit",), ()))


def _score_sentence(tokens: list[str], s: _Sentence, weight: float, r: Rules, tally: _Tally) -> tuple[bool, set[str]]:
    """Add the evidence of one sentence; return whether the council acts in it, and other organs."""
    zone = tally.paragraph[1]
    mentions = s.occ.get(("council",), ())
    text = " ".join(tokens[s.start : s.end]) if mentions else ""
    guest = bool(mentions) and any(p.match(text) for p in r.guest_start)
    actor = False
    for at, _ in mentions:
        kind = _kind_of(at, tokens, s, guest, r)
        if kind.weight:
            tally.add(zone, f"{kind.kind}:{kind.label}", kind.weight * weight)
        if not kind.actor:
            tally.ignored.append((*tally.paragraph, bisect.bisect_left(tally.council, at), kind))
        actor |= kind.actor
    organs = _organs(s, r)
    for act in _activities(s, r):
        if actor:
            tally.add(zone, f"activity:{act.label}", act.weight * weight)
        elif not organs:
            tally.add(zone, f"unattributed:{act.label}", act.weight * weight / 2)
        else:
            tally.add(zone, f"foreign:{act.label} ({', '.join(sorted(organs))})", 0.0)
    return actor, organs


def _score_zone(raw: str, zone: str, r: Rules, tally: _Tally) -> bool:
    """Add the evidence of one zone; return True when it names the council acting."""
    names_council, organs = False, set()
    for line, paragraph in enumerate(_paragraphs(raw)):
        tokens, sentences = _sentences(paragraph)
        _find(tokens, sentences, r)
        if not any(s.occ for s in sentences):  # no phrase of the rules: nothing to weigh
            continue
        tally.paragraph = (raw, zone, line)
        tally.council = sorted(at for s in sentences for at, _ in s.occ.get(("council",), ()))
        caption = zone == "body" and _is_caption(tokens, sentences, r)
        weight = r.zones[zone] * (r.caption_factor if caption else 1.0)
        for s in sentences:
            if s.occ:
                actor, named = _score_sentence(tokens, s, weight, r, tally)
                names_council |= actor
                organs |= named
    if zone != "body" and organs and not names_council:
        tally.add(zone, f"subject:{', '.join(sorted(organs))}", -r.organ_penalty * r.zones[zone])
    return names_council


def _notes(ignored: list[tuple[str, str, int, int, Kind]], r: Rules, limit: int = 3) -> list[str]:
    """Say which mentions earned nothing, quoting the original words (only the few shown)."""
    notes: list[str] = []
    for raw, zone, line, rank, kind in ignored:
        what, tail = ("chỉ là khách mời", " trong danh sách dự") if kind is GUEST_KIND else (kind.label, "")
        quote = _quote(raw.split("\n")[line], rank, r)
        note = f"{what}: '{quote}'{tail} ({ZONE_NAMES[zone]})"
        notes += [] if note in notes else [note]
        if len(notes) == limit:
            break
    return notes


def _quote(line: str, rank: int, r: Rules) -> str:
    """The original words of the clause around the rank-th council mention of a line, accents kept.

    The mention is found in the folded line, which has the original's offsets when every character
    folds to one (all of Vietnamese does); if some did not, the folded words are quoted instead.
    """
    folded = fold_ascii(line).decode("ascii")
    if len(folded) != len(line):
        line = folded
    hits = [m.span() for m in r.council_text.finditer(folded)]
    if rank >= len(hits):
        return "HĐND"
    hit_start, hit_end = hits[rank]
    start = max(line.rfind(sep, 0, hit_start) + 1 for sep in ";:.")
    if hit_start - start > 60:
        start = line.find(" ", hit_start - 60) + 1
    ends = [i for i in (line.find(sep, hit_end) for sep in ";,.") if i != -1]
    end = min(ends, default=len(line))
    if end - hit_end > 25:
        end = max(line.rfind(" ", hit_end, hit_end + 25), hit_end)
    return line[start:end].strip(" ,;:")


def _total(tally: _Tally, r: Rules) -> tuple[float, list[tuple[float, str, str]]]:
    """Sum the points, capping each kind of body evidence; one (points, group, reason) per item."""
    body_sums: dict[str, float] = defaultdict(float)
    items: list[tuple[float, str, str]] = []
    for (zone, what), points in tally.points.items():
        group = what.split(":", 1)[0]
        cap_key = group if group in ("person", "activity", "unattributed") else "council"
        if zone == "body" and cap_key in r.body_caps:
            points = min(points, max(0.0, r.body_caps[cap_key] - body_sums[cap_key]))
            body_sums[cap_key] += points
        items.append((points, group, _describe(zone, what, tally.counts[zone, what], points)))
    return sum(item[0] for item in items), items


def _describe(zone: str, what: str, count: int, points: float) -> str:
    group, _, detail = what.partition(":")
    times = f" ×{count}" if count > 1 else ""
    text = {
        "activity": f"{detail} của HĐND",
        "unattributed": f"{detail} (không rõ cơ quan)",
        "foreign": f"{detail}: của cơ quan khác, không tính",
        "subject": f"chủ thể là {detail}, không phải HĐND",
    }.get(group, detail)
    return f"{ZONE_NAMES[zone]}: {text}{times} ({points:+.1f})"


def _reasons(items: list[tuple[float, str, str]], tally: _Tally, r: Rules) -> list[str]:
    """Biggest evidence first; then, briefly, what was seen and deliberately not counted."""
    counted = sorted((item for item in items if item[0]), key=lambda item: -abs(item[0]))
    foreign = [text for _, group, text in items if group == "foreign"]
    return [text for *_, text in counted[:MAX_REASONS]] + foreign[:2] + _notes(tally.ignored, r)


def classify(title: str, lead: str, text: str) -> Verdict:
    """Decide whether one article is HĐND news and say why."""
    r = rules()
    tally = _Tally()
    council_acts = False
    for zone, raw in (("title", title), ("lead", lead), ("body", text)):
        council_acts |= _score_zone(nfc(raw or ""), zone, r, tally)
    if not council_acts and tally.points:
        tally.add("all", "no_council:HĐND không là chủ thể ở đâu", -r.no_council_penalty)
    score, items = _total(tally, r)
    if score >= 2 * r.threshold:  # clearly HĐND news: what did not count is not worth quoting
        tally.ignored.clear()
    return Verdict(hdnd=score >= r.threshold, score=round(score, 2), reasons=_reasons(items, tally, r))
