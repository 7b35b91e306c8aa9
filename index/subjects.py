"""Who a reporting verb hangs on: a sentence's free subject, past datelines and the objects of prepositions."""
from __future__ import annotations

import re

from .cues import NAME
from .patterns import NAMED, OBJECT_OF, WHEN
from .attribution.titles import DETERMINERS as _STOP_START
from .attribution.titles import FUNCTION_WORDS as _FUNCTION
from .attribution.titles import is_title, split_title

__all__ = ["dateline", "subject_before"]

_PARTICIPLE_OPENING = re.compile(r"[A-Z][a-z]+ed")  # 'Reached', 'Asked', 'Pressed' opening a sentence
_PREPOSITION_NEXT = re.compile(r"\s+(?:by|about|on|if|whether|for|to|in|at|with)\b")
_ROLE_THEN_NAME = re.compile(rf"(?:\s+[a-z][\w-]*){{1,3}}\s+{NAME}")  # 'Democratic front-runner Hillary Clinton'
_AGENCY_LINE = re.compile(r"[^—–\n()]{0,40}?\((?:AFP|AP|Reuters|UPI|dpa|IANS)\)\s*(?:[—–]|--?\s)\s*")


def dateline(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is where a story was filed from: 'WASHINGTON — Sen. Ada Vell said', 'Washington (AFP) –'."""
    return bool(text[a:b].isupper() and re.match(r"\s*(?:\([\w.]+\)\s*)?(?:[—–]|--?\s)", text[b:b + 12])
                or _AGENCY_LINE.match(text, a, b + 16))


def _with_title(text: str, m: re.Match, end: int) -> tuple[int, int]:
    """The subject `m` found, or with the role and name after it when it opens a title: 'Democratic front-runner
    Hillary Clinton' (not 'Democratic' alone)."""
    titled = _ROLE_THEN_NAME.match(text, m.end(), end) if " " not in m.group(0) else None
    role = [w for w in text[m.end():titled.end()].split() if w[:1].islower()] if titled else []
    if role and is_title(role[-1]) and split_title(text[m.start():titled.end()])[0].endswith(role[-1]):
        return m.start(), titled.end()
    return m.start(), m.end()


def subject_before(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first name in text[start:end] (a sentence up to its cue) that is nobody's object, no dateline and not
    inside the `quoted` stretches: the subject the cue hangs on."""
    line = _AGENCY_LINE.match(text, start, end)  # 'Washington (AFP) – ...': the subject comes after
    for m in NAMED.finditer(text, line.end() if line else start, end):
        opener = re.match(r"(\w+)\s+(?=[A-Z])", m.group(0))
        if opener and opener.group(1).lower() in _FUNCTION:  # 'When Trump later referred to ...': Trump
            m = NAMED.match(text, m.start() + opener.end(), m.end())
        if any(x <= m.start() < y for x, y in quoted) or WHEN.search(m.group(0)) or _PARTICIPLE_OPENING.fullmatch(
                m.group(0)) and _PREPOSITION_NEXT.match(text, m.end()):
            continue  # inside a quotation; 'Also Tuesday': a day is no one; 'Reached by POLITICO, X said'
        before = text[max(start, m.start() - 60):m.start()]
        place = re.match(r"\.?,", text[m.end():m.end() + 2]) and re.search(rf"\b(?:of|in|at|from|near)\s+{NAME},\s*$", before)
        # 'in Flint, Mich., Cory James said', 'at a rally in Beaumont, Tex., Mr. Trump ...': the state is no subject
        if not OBJECT_OF.search(before) and not place and not dateline(text, m.start(), m.end()) \
                and not m.group(0).endswith("ing") and m.group(0).split()[0].lower() not in _FUNCTION | _STOP_START \
                and text[m.end():m.end() + 2] not in ("’s", "'s"):
            return _with_title(text, m, end)
    return None
