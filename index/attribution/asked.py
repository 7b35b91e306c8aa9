"""A question reported as asked by someone: 'Asked by Ivo Brant whether the pier would close, the mayor said ...',
'when asked by a reporter if ...': the asker's question (PolNeAR marks it as the asker's statement)."""
from __future__ import annotations

import re

from ..cues import NAME, SPEAKER, WEEKDAYS

__all__ = ["ASKED_BY", "asked_by", "add_each"]

_MIN_WORDS = 3  # fewer words are a fragment, not a statement (as reported.py)
# Who asked: a speaker ('Ivo Brant', 'a reporter') or a role before a name ('host Ana Pell'), maybe when; the question
# opens with a word that asks ('whether', 'if', 'to', 'about' ...) and ends at the clause's comma or the sentence's end.
# Its words run at most 300 characters: a bound keeps a search over a long line without an end linear (issue 18).
ASKED_BY = re.compile(rf"""
    (?<![\w’'-]) (?P<cue> [Aa]sked ) \s+ by \s+ (?P<sp> {SPEAKER} | (?: host | moderator | reporter | interviewer ) \s+ {NAME} )
    (?: \s+ (?: on \s+ )? {WEEKDAYS} )? \s+
    (?P<content> (?: to | if | whether | about | why | how | what | when | who ) \s+ [^,;“”"\n]{{3,300}}? ) (?= ,\s | [.!?]\s*$ )
    """, re.X)


def asked_by(ex) -> None:
    """Each question asked by someone, not inside a quotation nor in words a statement found already holds."""
    add_each(ex, ASKED_BY, "asked-by")


def add_each(ex, pattern: re.Pattern, rule: str) -> None:
    """Each match of `pattern` in each sentence as an indirect statement of its `sp`, with its `cue` and `content`:
    not one of fewer than _MIN_WORDS words, inside a quotation, or in words a statement found already holds."""
    for s in ex.sents:
        sent = ex.text[s.start:s.end]
        for m in pattern.finditer(sent):
            a, b = s.start + m.start("content"), s.start + m.end("content")
            if len(m["content"].split()) < _MIN_WORDS or any(x < b and a < y for x, y in ex.quoted) \
                    or any(x < b and a < y for _, p in ex.pending for x, y in p["spans"]):
                continue
            ex._add(m, s.start, [(a, b)], "indirect", rule=rule)
