"""A share of a group that reports, hung on the sentence by 'with' or 'left': 'with 30 percent of voters saying they
trust her', 'left 62 percent saying the ferry is worse': the share is the speaker (no comma before the participle, so
the 'participle' rule does not see it)."""
from __future__ import annotations

import re

__all__ = ["SHARE_SAYING", "share_sayings"]

_MIN_WORDS = 3  # fewer words are a fragment, not a statement (as reported.py)
# The share: '30 percent', '62%', 'three in 10', 'four out of 10', maybe qualified and 'of' a group (at most 60
# characters: bounded, so a search over a long line stays linear, issue 18).
_SHARE = r"""(?: (?i: just | only | about | nearly | almost | roughly | more \s+ than | fewer \s+ than | less \s+ than ) \s+ )?
    (?: \d+ (?: \.\d+ )? \s* (?: percent | % ) | (?: \d+ | [a-z]+ ) \s+ (?: in | out \s+ of ) \s+ (?: \d+ | ten ) )
    (?: \s+ of \s+ [^,;:“”"\n]{2,60}? )?"""
SHARE_SAYING = re.compile(rf"""
    (?<![\w’'-]) (?: with | left ) \s+ (?P<sp> {_SHARE} ) \s+ (?P<cue> saying ) \s+ (?: that \s+ )?
    (?P<content> [^,;“”"\n]{{3,300}}? ) (?= ,\s | [.!?;]?\s*$ | [.!?;]\s )""", re.X)


def share_sayings(ex) -> None:
    """Each share that reports after 'with' or 'left', not inside a quotation nor in words a statement holds."""
    for s in ex.sents:
        sent = ex.text[s.start:s.end]
        for m in SHARE_SAYING.finditer(sent):
            a, b = s.start + m.start("content"), s.start + m.end("content")
            if len(m["content"].split()) < _MIN_WORDS or any(x < b and a < y for x, y in ex.quoted) \
                    or any(x < b and a < y for _, p in ex.pending for x, y in p["spans"]):
                continue
            ex._add(m, s.start, [(a, b)], "indirect", rule="share-saying")
