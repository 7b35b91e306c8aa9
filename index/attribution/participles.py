"""Reported speech hung on a participle: '..., arguing that the plan would fail', its speaker the clause's subject."""
from __future__ import annotations

import re

from ..cues import ADVERBS, PARTICIPLE
from ..patterns import DATELINE
from ..subjects import subject_before

__all__ = ["PARTICIPLE_REPORT", "VERBISH", "participle_reports", "clause_subject"]

# ', arguing (that) <content>': ', calling for <content>' and ', pointing to <content>' take their particle; the content runs to the sentence's end or the next participle or dash clause.
# Also what a statement says: 'issued a statement saying ...', 'sent a fundraising email Wednesday saying ...'; and after a
# dash: 'flipped his choice on the spot – saying ...'. Its words end before a second participle joined by 'and'.
_SAYS_IN = r"\s(?:statement|release|letter|e-?mail|memo|tweet|post|video|ad|message)s?(?:\s+(?:on\s+)?[A-Z][a-z]+day)?"
# What a statement says, no comma before it: 'issued a statement saying ...', 'sent an email Wednesday saying ...'.
_SAYS_IN = r"\s(?:statement|release|letter|e-?mail|memo|tweet|post|video|ad|message)s?(?:\s+(?:on\s+)?[A-Z][a-z]+day)?"
PARTICIPLE_REPORT = re.compile(rf"""
    (?: , | \s(?:by|while|before|and) | \s[—–] | {_SAYS_IN} (?=\s+saying\b) ) \s+ {ADVERBS} (?P<cue> (?: calling \s+ (?: for | on ) | pointing \s+ to ) | {PARTICIPLE} ) \b (?!\s+(?:to|for|on|with)\b) (?:\s*,)? (?:\s+that\b)? \s+
    (?P<content> [^“”"\n]+? ) \s* (?= [.!?]?\s*$ | (?: , | ,?\s+and ) \s+{ADVERBS}(?:{PARTICIPLE})\b | \s[—–]\s )
    """, re.X | re.S)
_DATELINE = re.compile(DATELINE)
# A verb after a described subject: '-ed', an auxiliary, or a common irregular past ('The harbour board cut ...').
VERBISH = (r"(?:[a-z]{2,}ed|has|have|had|is|was|were|are|will|would|could|did|also|then|later|again|cut|made|took|gave|"
            r"met|spoke|ran|came|went|put|set|won|lost|left|held|kept|sent|began|brought|built|chose|drew|felt|found|got|"
            r"heard|hit|knew|led|let|paid|read|rose|saw|sold|shut|sought|spent|struck|swore|thought|threw|wrote|told|said)")
_OPENING = re.compile(rf"""^\W*(?:(?:But|And|So|Yet|Still|Meanwhile|Instead|Later|Earlier|Then|Also|On\s+\w+day),?\s+)?
    (?: (?P<pronoun> [Hh]e|[Ss]he|[Tt]hey|I|[Ww]e ) \s+[a-z]
      | (?P<described> (?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[A-Za-z][\w’'-]*\s+){{0,3}}?[a-z][\w-]+ ) \s+{VERBISH}\b
      | (?P<share> (?:[Ss]ome|[Mm]any|[Mm]ost|[Ss]everal|[Ff]ew|[Aa]ll|[Bb]oth)\s+of\s+(?:the|his|her|their|its)\s+
                   (?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*s ) \s+[a-z] )
    """, re.X)


# A time opening the sentence before its subject: 'Minutes later, ', 'Shortly after the vote, ' (not 'She declined, ...').
_ADVERBIAL = re.compile(r"(?:[A-Z][a-z]+\s+(?:later|earlier|after|before|afterward|afterwards)\b[^,“”\"\n]{0,80},\s+)?")


def clause_subject(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The subject the sentence text[start:end] opens with: a pronoun or a phrase ('He', 'The Sanders campaign'), or
    else its first name that is nobody's object."""
    head = text[start:end]  # a slice: '^' matches at a string's start only, not at a `pos`
    at = _DATELINE.match(head).end()  # 'BRAMWICK, May 4 — The board ...'
    opener = _ADVERBIAL.match(head, at).end() - at  # 'Minutes later, the campaign ...', 'Shortly after the vote, Ana Pell ...'
    at += opener
    m = _OPENING.match(head[at:])
    if m:
        sp = "pronoun" if m["pronoun"] else "described" if m["described"] else "share"  # 'some of his supporters
        return start + at + m.start(sp), start + at + m.end(sp)
    return subject_before(text, start + (at if opener else 0), end, quoted)


def participle_reports(sent: str) -> list[re.Match]:
    """Each ', <participle> (that) <content>' in `sent` with at least three words of content; 'and <participle>' only
    right after another's words ('saying A and calling for B'; in 'were treating it ... and urging' the verb is
    finite's twin)."""
    out, end = [], -1
    for m in PARTICIPLE_REPORT.finditer(sent):
        if (not m.group().lstrip(" ,").startswith("and ") or end >= 0 and not sent[end:m.start()].strip(" ,")) \
                and len(m["content"].split()) >= 3:
            out.append(m)
        end = m.end("content")
    return out
