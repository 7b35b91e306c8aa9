"""A clause that reports with a quotation in its words, hung on someone named before it: a relative clause ('..., said
Ivo Brant, who added that the pier was “a disgrace.”') or a second verb ('Ana Pell condemned the “reckless” plan and
called the bridge “a toll road”'): a mixed statement by the one the clause hangs on."""
from __future__ import annotations

import bisect
import re

from ..cues import ADVERBS, LEAD_CUE, RUN_NAME
from ..found import Found
from .participles import VERBISH, clause_subject

__all__ = ["AND_QUOTED", "RELATIVE_QUOTED", "and_quotes", "relative_quotes"]

# ', who added that ...', ', who has called ...': the words run from here to the end of a quotation that opens within
# 200 characters, in the same sentence, that no statement holds. Bounded: linear.
RELATIVE_QUOTED = re.compile(rf"""
    ,\s+ who \s+ {ADVERBS} (?P<cue> {LEAD_CUE} ) \b (?:\s+that\b)? \s+ (?P<content> [^“”"\n]{{0,200}}? ) (?= [“"] | '' )
    """, re.X)
# '... and called ...', '... but described ...': the subject's second verb, its words to a quotation's end as above.
AND_QUOTED = re.compile(rf"""
    \s (?:and|but) \s+ {ADVERBS} (?P<cue> {LEAD_CUE} ) \b (?:\s+that\b)? \s+ (?P<content> [^“”"\n]{{0,200}}? ) (?= [“"] | '' )
    """, re.X)
# A subject is taken only with its verb right after it ('Ana Pell condemned ...'), and is no adverb or owner alone.
_SUBJECT_VERB = re.compile(rf"\s+(?:{VERBISH}|[a-z]+s)\b")
_NOT_NAME = re.compile(r"^[A-Z][a-z]+ly$|[’']s?$")
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
    _each(ex, RELATIVE_QUOTED, "relative-quoted", lambda s, at, speakers: _antecedent(ex, speakers, s, at))


def and_quotes(ex) -> None:
    """Each ' and <cue> ... “...”' whose quotation no statement holds: a mixed statement of the speaker of the
    sentence's statement before it, else of the sentence's subject."""
    _each(ex, AND_QUOTED, "and-quoted", lambda s, at, speakers: _before(ex, speakers, s, at))


def _before(ex, speakers: list[tuple[int, int]], s, at: int) -> tuple[int, int] | None:
    """The speaker of this sentence's statement named last before `at`, else the sentence's subject when its verb
    follows it."""
    i = bisect.bisect_right(speakers, (at, at)) - 1
    if i >= 0 and s.start <= speakers[i][0] and speakers[i][1] <= at:
        return speakers[i]
    sp = clause_subject(ex.text, s.start, at, ex.quoted)
    return sp if sp and _SUBJECT_VERB.match(ex.text, sp[1]) and not _NOT_NAME.search(ex.text, sp[0], sp[1]) else None


def _each(ex, pattern: re.Pattern, rule: str, who) -> None:
    """Each match of `pattern` in each sentence whose quotation no statement holds, as a mixed statement of `who`."""
    free = _free(ex)
    speakers = sorted(p["speaker_span"] for _, p in ex.pending if p.get("speaker_span"))
    for s in ex.sents:
        sent = ex.text[s.start:s.end]
        for m in pattern.finditer(sent):
            a = s.start + m.start("content")
            b = _quotation_end(ex, free, s.start + m.end("content"), s)
            sp = who(s, s.start + m.start(), speakers) if b is not None else None
            if sp is None:
                continue
            found = Found({"sp": (sp[0] - s.start, sp[1] - s.start), "cue": m.span("cue"), "content": (a - s.start,
                                                                                                     b - s.start)}, sent)
            ex._add(found, s.start, [(a, b)], "mixed", rule=rule)
