"""The author's sign-off under a Vietnamese article, moved out of the body into ``author``.

Forms seen on these portals: "Tác giả bài viết: Tuyết Nhung", "Tin, ảnh: Thu Hương", "Hà Trang-
Văn phòng Huyện ủy Bình Giang", "Minh Đức (Văn phòng HĐND tỉnh)", "Ngọc Lan - Quang Huy" (two
people), a name on one line and its unit on the next, or a name alone on the last line. A person's
name is two to five capitalised syllables; a unit contains lower-case words ("Văn phòng Huyện ủy",
"Trung tâm TT và VH") or starts with an office word from boilerplate.toml. No library knows this.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from crawler.extract.blocks import TEXT, Block
from crawler.extract.tree import HtmlElement, ParsedPage, matches, select_any, tag, text_of
from crawler.lang.textnorm import clean_text
from crawler.lang.textnorm import fold as folded
from crawler.rules import Family, boilerplate

_DASH = re.compile(r"\s*[-–—]\s*")
_PAREN = re.compile(r"^(?P<who>[^()]+?)\s*\((?P<unit>[^()]+)\)\s*$")
_WORD = re.compile(r"^[^\W\d_][\w.]*$")
MAX_SIGNOFF = 120
BYLINE_DISTANCE = 150      # elements around the headline (or body) where a byline element may sit
MAX_NAME_WORDS = 5


@dataclass(frozen=True)
class Signoff:
    author: str        # person(s), joined with ", "
    unit: str          # the office after the dash or in parentheses; "" if none


def _is_upper_word(word: str) -> bool:
    return bool(_WORD.match(word)) and word[0].isupper()


def is_name(text: str) -> bool:
    """A person's name: 1-5 capitalised words, letters only (initials with a dot allowed), not an
    office ("Văn phòng …", "UBND …")."""
    words = text.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or len(text) > 40:
        return False
    if not all(_is_upper_word(w) for w in words):
        return False
    return not _starts_with_unit(text)


def _starts_with_unit(text: str) -> bool:
    key = folded(text)
    return any(key == w or key.startswith(w + " ") for w in boilerplate().unit_words)


def is_unit(text: str) -> bool:
    """An office or organisation: starts with an office word, or mixes in lower-case words the way
    unit names do and personal names never do."""
    words = text.split()
    if not words or len(text) > 100:
        return False
    if _starts_with_unit(text):
        return True
    return words[0][:1].isupper() and any(w[:1].islower() for w in words[1:])


def _prefix(text: str) -> tuple[bool, str]:
    """Strip a sign-off label ("Tác giả bài viết:"); returns whether one was there and the rest."""
    key = folded(text)
    for p in boilerplate().signoff_prefixes:
        if key.startswith(p):
            return True, text[len(p):].strip()
    return False, text


def parse(text: str, formatted: bool = False) -> Signoff | None:
    """Read one sign-off line (or "name\\nunit"); None when the text is not a sign-off.

    ``formatted``: the line is bold or right-aligned, as sign-offs are set; without that, only a
    labelled line or a bare name (no unit) is accepted, so a short closing sentence is not taken.
    """
    text = clean_text(text)
    if not text or len(text) > MAX_SIGNOFF or any(ch.isdigit() for ch in text):
        return None
    labelled, rest = _prefix(text)
    lines = [ln.strip() for ln in rest.split("\n") if ln.strip()]
    if not lines:
        return None
    sure = labelled or formatted
    if len(lines) > 1:
        who, unit = lines[0], " ".join(lines[1:])
        people = _people(who)
        if people and _unit_ok(unit, sure):
            return Signoff(", ".join(people), unit)
        return None
    line = lines[0].rstrip(" .")
    m = _PAREN.match(line)
    if m:
        people = _people(m.group("who"))
        if people and _unit_ok(m.group("unit"), sure):
            return Signoff(", ".join(people), m.group("unit").strip())
        return None
    parts = [p for p in _DASH.split(line) if p]
    people: list[str] = []
    unit_parts: list[str] = []
    for part in parts:
        if not unit_parts and is_name(part):
            people.extend(_people(part))
        elif people:
            unit_parts.append(part)
        else:
            return None
    if not people:
        return None
    unit = " - ".join(unit_parts)
    if unit and not _unit_ok(unit, sure):
        return None
    return Signoff(", ".join(people), unit)


def _unit_ok(unit: str, sure: bool) -> bool:
    """A unit after a name: one that starts with an office word always; any unit-like text when the
    line is set as a sign-off (bold, right-aligned, labelled)."""
    return _starts_with_unit(unit) or (sure and is_unit(unit))


def _people(text: str) -> list[str]:
    """Names separated by commas, "và" or dashes; [] when any part is not a name."""
    parts = [p.strip() for p in re.split(r",|\s+và\s+|\s*[-–—]\s*", text) if p.strip()]
    return parts if parts and all(is_name(p) for p in parts) else []


def take(blocks: list[Block]) -> tuple[list[Block], Signoff | None]:
    """Remove the sign-off from the end of the body: the last text block, or the last two when a
    name sits on one line and its unit on the next (split at a <br> or in two paragraphs)."""
    idx = [i for i, b in enumerate(blocks) if b.kind == TEXT]
    if not idx:
        return blocks, None
    last = blocks[idx[-1]]
    if len(idx) >= 2:
        prev = blocks[idx[-2]]
        if is_unit(last.text) and not is_name(last.text) and len(prev.text) <= 60:
            formatted = _formatted(prev) or _formatted(last)
            found = parse(f"{prev.text}\n{last.text}", formatted)
            if found is not None:
                return [b for i, b in enumerate(blocks) if i not in (idx[-2], idx[-1])], found
    found = parse(last.text, _formatted(last))
    if found is None:
        return blocks, None
    return [b for i, b in enumerate(blocks) if i != idx[-1]], found


def _formatted(block: Block) -> bool:
    return block.bold or block.align == "right"


def from_byline(doc: ParsedPage, fam: Family | None, anchor: HtmlElement | None,
                scope: HtmlElement | None = None) -> Signoff | None:
    """An author element ("Tác giả: …", ``.author``) near the headline or body, for bodies with no
    sign-off. Meta author tags are not read: portals fill them with the site's name. The family's
    selectors are asked of the article's block (``scope``, with its parent, where a byline printed
    just outside it sits) when it is known: over a whole page they cost more than the rest."""
    where = scope.getparent() if scope is not None and scope.getparent() is not None else doc.root
    cands: list[HtmlElement] = select_any(where, fam.author) if fam is not None and fam.author else []
    patterns = boilerplate().author_classes
    if anchor is not None:
        near = set(doc.window(anchor, BYLINE_DISTANCE, BYLINE_DISTANCE))
        cands = [el for el in cands if el in near]
    cands.extend(doc.near_matching(anchor, BYLINE_DISTANCE, BYLINE_DISTANCE, patterns))
    not_here = boilerplate().not_date_classes
    for el in cands:
        if any(matches(a, not_here) for a in el.iterancestors()):
            continue
        text = text_of(el)
        if not text or len(text) > 80:
            continue
        found = parse(text, formatted=True)
        if found is not None:
            return found
    return None


def after_container(container: HtmlElement, strip: Callable[[HtmlElement], bool]) -> Signoff | None:
    """A sign-off printed just under the body container rather than inside it (NukeViet themes put
    the author in their own right-aligned line): the first element with text after the container."""
    node: HtmlElement | None = container
    for _ in range(3):  # the container, then up to two wrappers that end with it
        if node is None:
            return None
        sib = node.getnext()
        while sib is not None and (not tag(sib) or strip(sib) or not text_of(sib)):
            sib = sib.getnext()
        if sib is not None:
            text = text_of(sib)
            if len(text) > MAX_SIGNOFF:
                return None
            formatted = any(tag(e) in ("strong", "b") or "right" in (e.get("class") or "") + (e.get("style") or "")
                            + (e.get("align") or "") for e in sib.iter())
            return parse(text, formatted)
        node = node.getparent()
    return None
