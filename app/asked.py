"""A question as read (its kind, the claim, the speaker asked about or described, the topic), and the patterns the
who- and the what-reader share."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .link import Mention

__all__ = ["Question", "QUOTES", "QUOTED", "ASKS_MORE", "BASE_VERB"]


@dataclass
class Question:
    kind: str  # who | what | about (everyone's statements on a topic) | person ("Who is X?") | other
    text: str  # the whole question
    statement: str = ""  # who: the claim someone made (the question less its who-head); what: a claim asked about
    quoted: bool = False  # who: the claim was given in quote marks, as the speaker's own words
    speaker: str = ""  # what: the person asked about, as the index names them
    speaker_hint: str = ""  # who: what the question says about the speaker ("a senator", "Tulsa's police chief")
    topic: str = ""  # what: "about Y"
    yes_no: bool = False  # "Did X say ...?", "Did anyone say ...?"
    fragment: str = ""  # who: words the question quotes inside a claim it otherwise words itself
    mentions: list[Mention] = field(default_factory=list)  # known speakers the question names
    when: bool = False  # "When did X say …?": the statement and its date, no "Yes"
    others: tuple[str, ...] = ()  # what: more people asked about with the speaker ("What did X and Y say …?")


QUOTES = "\"“”‘’«»'"
QUOTED = re.compile(r"[\"“«‘']\s*\S.*\S\s*[\"”»’']")
# The verb after "Did anyone / any senator ...": the base form of a verb of saying or judging.
BASE_VERB = (r"(?:say|tell|claim|argue|warn|predict|promise|call|critici[sz]e|praise|mock|urge|suggest|describe|accuse|"
              r"deny|admit|defend|dismiss|question|attack|slam|blame|compare|doubt|oppose|support|back|reject|endorse|"
              r"mention|comment|speak|talk|complain|insist|state|write|tweet|liken|threaten|vow|pledge|announce|reveal)")
ASKS_MORE = re.compile(r"[,;]?(?<!\s)\s++and\s+(?:when|where|why|how|in\s+(?:what|which)\s+\w+)\b[^.!?]*$", re.I)  # ", and when?"
