"""Reported speech inside a relative clause whose subject reports it: 'a pier which the council says will close',
'what critics said was a mistake', 'a ferry that he claims runs late': the words after the verb are the statement."""
from __future__ import annotations

import re

from ..cues import ADVERBS, RUN_NAME
from .extent import clause_end

__all__ = ["RELATIVE_OBJECT", "relative_objects"]

_MIN_WORDS = 3  # fewer words are a fragment, not a statement (as reported.py)
# What opens no statement: a preposition or a time ('which he said on Monday'); an auxiliary may ('which critics say
# is a mistake': the relative word is its subject).
_NOT_CONTENT = re.compile(r"(?:in|on|at|about|during|for|from|with|of|by|after|before|since|until|into|over|than|"
                          r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# 'who' only before a pronoun ('a judge who he claims was unfair'): before a noun it is mostly the subject of a verb
# ('those who back her opponents say ...': the sentence's own report).
# Who reports: a pronoun, a name, or a plural or determined noun phrase ('the council', 'many analysts').
_WHO = rf"""(?: [Hh]e | [Ss]he | they | it | we | I | {RUN_NAME}
              | (?: the | some | many | most | other | several | his | her | their | its ) \s+ (?: [a-z][\w-]* \s+ ){{0,3}}? [a-z][\w-]*
              | (?: [a-z][\w-]* \s+ ){{0,2}}? [a-z][\w-]*s )"""
# The words run at most 400 characters: a bound keeps a search over a long line without an end linear (issue 18).
# Verbs whose object here is what was said ('which critics say will fail'); not 'think' or 'believe' (no speech).
_VERB = r"(?: say | says | said | argue | argues | argued | claim | claims | claimed | contend | contends | insist | insists)"
RELATIVE_OBJECT = re.compile(rf"""
    (?<![\w’'-]) (?P<rel> which | that | what | whom | who (?= \s+ (?: he | she | they | we | I ) \s ) ) \s+ (?P<sp> {_WHO} ) \s+ {ADVERBS} (?P<cue> {_VERB} ) \s+
    (?! that \b | to \b | so \b | it \s*[,.] ) (?P<content> [^“”"\n]{{1,400}}? ) \s* (?= ,\s | [.!?;]?\s*$ | [.!?;]\s | \s[—–]\s | [()] )
    """, re.X)


def relative_objects(ex) -> None:
    """Each relative clause that reports, not inside a quotation nor in words a statement found already holds."""
    for s in ex.sents:
        sent = ex.text[s.start:s.end]
        for m in RELATIVE_OBJECT.finditer(sent):
            a, b = s.start + m.start("content"), s.start + m.end("content")
            if len(m["content"].split()) < _MIN_WORDS or _NOT_CONTENT.match(m["content"]) \
                    or any(x < b and a < y for x, y in ex.quoted) \
                    or any(x < b and a < y for _, p in ex.pending for x, y in p["spans"]):
                continue
            # the words from the relative word on, as PolNeAR's annotators mark them ('which they say left a vacuum')
            ex._add(m, s.start, [(s.start + m.start("rel"), clause_end(ex.text, a, b))], "indirect", rule="relative-object")
