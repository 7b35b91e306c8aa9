"""A relative clause that reports with a quotation in its words: '..., said Ivo Brant, who added that the pier was
“a disgrace.”', 'the mayor, who called the plan “reckless,”': a mixed statement by the one the clause hangs on."""
from __future__ import annotations

import bisect
import re

from ..cues import ADVERBS, LEAD_CUE, RUN_NAME
from ..found import Found

__all__ = ["RELATIVE_QUOTED", "relative_quotes"]

# ', who added that ...', ', who has called ...': the words run from here to the end of a quotation that opens within
# 200 characters, in the same sentence, that no statement holds. Bounded: linear.
RELATIVE_QUOTED = re.compile(rf"""
    ,\s+ who \s+ {ADVERBS} (?P<cue> {LEAD_CUE} ) \b (?:\s+that\b)? \s+ (?P<content> [^“”"\n]{{0,200}}? ) (?= [“"] | '' )
    """, re.X)
_NAME_BEFORE = re.compile(rf"(?<![\w’'-])(?P<sp>{RUN_NAME})\s*$")
_APPOSED = re.compile(r"(?:,\s*[^,“”\"\n.]{2,100})?\s*")  # ', the Chamber’s chief strategist' between speaker and 'who'
_CLOSE = re.compile(r"[,.!?]?(?:''|[”\"’'])")


def _antecedent(ex, speakers: list[tuple[int, int]], s, at: int) -> tuple[int, int] | None:
    """Who the clause opening at `at` (its comma) hangs on: the speaker of a statement named right before it, maybe
    with an appositive ('said Scott Reed, the Chamber’s strategist, who ...'); else a name. `speakers`: sorted."""
    i = bisect.bisect_right(speakers, (at, at)) - 1
    while i >= 0 and speakers[i][1] > at:
        i -= 1
    if i >= 0 and s.start <= speakers[i][0] and _APPOSED.fullmatch(ex.text, speakers[i][1], at):
        return speakers[i]
    m = _NAME_BEFORE.search(ex.text, s.start, at)
    return m.span("sp") if m else None


def _free(ex) -> dict[int, int]:
    """The quoted stretches no statement holds, start -> end: the statements' words merged into disjoint stretches,
    then one pass over both (linear after sorting)."""
    held: list[list[int]] = []
    for x, y in sorted(span for _, p in ex.pending for span in p["spans"]):
        if held and x < held[-1][1]:
            held[-1][1] = max(held[-1][1], y)
        else:
            held.append([x, y])
    free, j = {}, 0
    for x, y in sorted(ex.quoted):
        while j < len(held) and held[j][1] <= x:
            j += 1
        if j == len(held) or held[j][0] >= y:
            free[x] = y
    return free


def _quotation_end(ex, free: dict[int, int], a: int, s) -> int | None:
    """The end (closing mark included) of the quotation opening at `a`, in sentence `s`, that no statement holds."""
    x = next((x for x in (a + 1, a + 2) if x in free), None)
    if x is None or free[x] > s.end:
        return None
    close = _CLOSE.match(ex.text, free[x])
    return close.end() if close else free[x]


def relative_quotes(ex) -> None:
    """Each ', who <cue> (that) ... “...”' whose quotation no statement holds: a mixed statement of the one the relative
    clause hangs on, its words from after the cue to the quotation's end."""
    free = _free(ex)
    speakers = sorted(p["speaker_span"] for _, p in ex.pending if p.get("speaker_span"))
    for s in ex.sents:
        sent = ex.text[s.start:s.end]
        for m in RELATIVE_QUOTED.finditer(sent):
            a = s.start + m.start("content")
            b = _quotation_end(ex, free, s.start + m.end("content"), s)
            sp = _antecedent(ex, speakers, s, s.start + m.start()) if b is not None else None
            if sp is None:
                continue
            found = Found({"sp": (sp[0] - s.start, sp[1] - s.start), "cue": m.span("cue"), "content": (a - s.start,
                                                                                                     b - s.start)}, sent)
            ex._add(found, s.start, [(a, b)], "mixed", rule="relative-quoted")
