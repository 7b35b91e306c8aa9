"""A statement's context: the statement with the sentence (or two) it stands in, the unit a claim is checked against."""
from __future__ import annotations

import re

__all__ = ["statement_context", "quick_sentences", "REACH"]

REACH = 200  # characters kept on each side of a statement: its attribution, not the whole paragraph
# A sentence ends at a full stop (a closing quote mark may follow) before a capital, or at a line break.
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])|\n")


def statement_context(statement: str, text: str, start: int, end: int) -> str:
    """`statement` (its words run from `start` to `end` in `text`), then the sentences of `text` around it, cut to
    REACH characters on each side."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 2 * REACH)) if m.end() <= start]
    after = _SENTENCE_END.search(text, max(0, end - 1))
    lo = max(before[-1] if before else 0, start - REACH)
    hi = min(after.end() if after else len(text), end + REACH)
    return statement + "\n" + text[max(0, lo):hi].strip()


# The same, but not after a title ("Mr. Bush"), an initial ("George W. Bush") or "U.S.": a sentence shown whole.
_TITLE_END = "".join(rf"(?<!\b{t})" for t in ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "St",
                                                "Jr", "Sr", "Rev", "Prof", "Sgt", "Capt", "U.S", "U.N", "D.C"))
_SHOWN_END = re.compile(rf"(?<!\b[A-Z]){_TITLE_END}[.!?][\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])|\n")


def quick_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence by the same rule, for picking one sentence to show at answer time (pysbd, which
    the index cuts with, costs tens of milliseconds a passage)."""
    spans, start = [], 0
    for m in _SHOWN_END.finditer(text):
        end = m.start() + len(m.group().rstrip())  # the full stop and any closing quote mark
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans]
