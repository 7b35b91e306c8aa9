"""A share of a group that reports, hung on the sentence by 'with' or 'left': 'with 30 percent of voters saying they
trust her', 'left 62 percent saying the ferry is worse': the share is the speaker (no comma before the participle, so
the 'participle' rule does not see it)."""
from __future__ import annotations

import re

from .asked import add_each

__all__ = ["SHARE_SAYING", "share_sayings"]

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
    add_each(ex, SHARE_SAYING, "share-saying")
