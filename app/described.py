"""Speakers a question describes rather than names ("Which Minnesota senator …", "What did the mayor say …"): does
the article describe a statement's speaker so, and whom does a description stand for."""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from index.lexical import Lexical
from index.lexicon import words as word_list
from index.store import QUOTES

from .link import first_names
from .retrieve import Hit, Retriever
from .statements import described_words, fits

__all__ = ["corroborated", "contradicted", "contradicted_by", "described_speaker", "DESCRIBED_RARITY_MIN", "DESCRIBED_SHARE_MIN"]

# A description corroborates a speaker when at least half of its words, and words worth DESCRIBED_RARITY_MIN between
# them, stand in the speaker's role or near their name in the article (`_near`). A word's worth is its
# inverse document frequency over the index's highest (a word in one passage is worth 1): about two uncommon words
# ("Minnesota senator" 0.85, "Bloodline actor" 1.57 in PolNeAR); a bare "governor" (0.37) or "campaign" (0.17) is
# not enough. 0.7 (an idf of 6 in PolNeAR's 4,813 passages) was chosen on the tuning half's who-questions with a
# description (65): see app/statements.py, DESCRIBED_SUPPORT_MIN.
DESCRIBED_RARITY_MIN = 0.7
# Near a name: _REACH characters either side of it, cut where another person is named (their role is theirs). 120
# characters, uncut, was the window until 2026-12-01: it took the role of someone named a sentence away ("Senator
# Ada Brinley" for the finance minister quoted after her), and a wider uncut one (300) did so more. Cut at other
# people, 300 on the tuning half: paraphrases 0.795 -> 0.807, nothing lost; report half: paraphrases 0.795 -> 0.808,
# two free who-questions answered wrongly rather than refused, absurd claims refused 0.912 -> 0.900, plausible 0.282
# -> 0.296.
_REACH = 300
_PERSON = re.compile(r"\b(?=([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?([A-Z][a-z’'-]+)\b)")  # overlapping: "Senator Ada Brinley"
# A description the article does not give a statement's speaker rules the statement out: fewer than half of its words
# in the speaker's role or near their name ("Which British prime minister said …" is not
# answered by a Republican strategist). Half, as for corroboration. Tuning half, who-questions with a description:
# it ruled out the statements chosen for 11 invented claims (6 plausible) and for 4 answerable questions answered
# with the wrong speaker, and the right speaker of 2 ("Pentagon chief" for a defense secretary; "the man who coined
# the word genocide").
DESCRIBED_SHARE_MIN = 0.5
_GENERIC = described_words(" ".join(word_list("generic_people")))  # "Name the official who ...": anyone


def corroborated(hint: str, quote: Hit, article: str, lexical: Lexical) -> bool:
    """Whether `article` (the statement's article) describes the speaker of `quote` with the words of `hint`."""
    want = described_words(hint)
    s = quote.record
    if not want or s.speaker_type not in ("person", "pronoun") or not s.speaker_key:
        return False
    got = want & described_words(_near(quote, article, hint))
    top = float(np.log1p(max(1, len(lexical.ids))))
    return 2 * len(got) >= len(want) and sum(lexical.idf.get(t, top) for t in got) / top >= DESCRIBED_RARITY_MIN


def contradicted(hint: str, quote: Hit, article: str, r: Retriever) -> bool:
    """Whether `article` gives the speaker of `quote` fewer than DESCRIBED_SHARE_MIN of the words of `hint` (the role
    the index most often gives them counts too)."""
    known = r.store.roster().by_name.get(quote.record.speaker_name.lower())
    return _one_person(hint) and _organisation(quote, article) or contradicted_by(
        hint, f"{_near(quote, article, hint)} {known.role if known else ''}")


# Nouns that describe one person: an organisation answers no question that describes its speaker by one of them.
_PERSON_NOUNS = {w.lower() for f in ("person_nouns", "titles", "generic_people") for w in word_list(f)
                 if not w.endswith("s") or w.endswith("ss")}


def _organisation(quote: Hit, article: str) -> bool:
    """Whether the speaker of `quote` is an organisation: so typed, and never written after a first name in the
    article ("Bloomberg" is the company unless the article writes "Michael Bloomberg")."""
    s = quote.record
    return s.speaker_type == "org" and not any(s.speaker_key in words for _, _, words in _people(article))


def _one_person(hint: str) -> bool:
    """Whether the description's head noun ("Which Republican strategist", "the finance ministry spokeswoman for …")
    names one person."""
    words = re.sub(r"\s+(?:in|with|of|from|at|for|to|on|under)\s+.*$", "", hint.strip(), flags=re.I).split()
    return bool(words) and words[-1].lower().strip(".,") in _PERSON_NOUNS


def contradicted_by(hint: str, text: str) -> bool:
    """Whether `text` holds fewer than DESCRIBED_SHARE_MIN of the words of `hint`."""
    want = described_words(hint) - _GENERIC
    return bool(want) and len(want & described_words(text)) < DESCRIBED_SHARE_MIN * len(want)


def _near(quote: Hit, article: str, hint: str = "") -> str:
    """The speaker's name and role and the article's text around their name: _REACH characters either side, cut
    where another person is named (their role is not the speaker's), unless the description names them ("chief of
    staff to Rep. Duncan Hunter")."""
    s = quote.record
    pieces = [s.speaker, s.speaker_name, s.speaker_role]
    own = {w.lower() for w in s.speaker_name.split()} | {s.speaker_key}
    named = {w.lower() for w in re.findall(r"[A-Za-z]+", hint)}
    others = [(b, e) for b, e, words in _people(article) if not (own | named) & words]
    for word in own - {""}:
        if len(word) <= 2:
            continue
        for m in re.finditer(rf"\b{re.escape(word)}\b", article, re.I):
            lo = max([m.start() - _REACH] + [e for b, e in others if e <= m.start()])
            hi = min([m.end() + _REACH] + [b for b, e in others if b >= m.end()])
            pieces.append(article[max(0, lo): hi])
    return " ".join(pieces)


@lru_cache(maxsize=256)
def _people(article: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """(start, end, words) of each first name and surname in `article` (read once per article: every candidate of a
    question, and the next question's, look at the same few articles)."""
    first = first_names()
    return tuple((m.start(1), m.end(2), frozenset((m.group(1).lower(), m.group(2).lower())))
                 for m in _PERSON.finditer(article) if m.group(1).lower() in first)


def described_speaker(description: str, topic: str, r: Retriever) -> str:
    """Whom a what-question means by a description instead of a name ("the mayor"): the speaker of the best statement,
    searched for with the description and the topic, whose name or role fits the description; "" when none does."""
    hits = r.search(QUOTES, f"{description} {topic}".strip(), k=20)
    return next((h.record.speaker_name for h in hits if h.record.speaker_type in ("person", "pronoun")
                 and fits(description, h) > 0), "")
