"""Speakers a question describes rather than names ("Which Minnesota senator …", "What did the mayor say …"): does
the article describe a statement's speaker so, and whom does a description stand for."""
from __future__ import annotations

import re

import numpy as np

from index.lexical import Lexical
from index.store import QUOTES

from .retrieve import Hit, Retriever
from .statements import described_words, fits

__all__ = ["corroborated", "described_speaker", "DESCRIBED_RARITY_MIN"]

# A description corroborates a speaker when at least half of its words, and words worth DESCRIBED_RARITY_MIN between
# them, stand in the speaker's role or within _NEAR characters of their name in the article. A word's worth is its
# inverse document frequency over the index's highest (a word in one passage is worth 1): about two uncommon words
# ("Minnesota senator" 0.85, "Bloodline actor" 1.57 in PolNeAR); a bare "governor" (0.37) or "campaign" (0.17) is
# not enough. 0.7 (an idf of 6 in PolNeAR's 4,813 passages) was chosen on the tuning half's who-questions with a
# description (65): see app/statements.py, DESCRIBED_SUPPORT_MIN.
DESCRIBED_RARITY_MIN = 0.7
_NEAR = 120  # characters either side of the name: an appositive ("Al Franken, the Minnesota Democrat, …")


def corroborated(hint: str, quote: Hit, article: str, lexical: Lexical) -> bool:
    """Whether `article` (the statement's article) describes the speaker of `quote` with the words of `hint`."""
    want = described_words(hint)
    s = quote.record
    if not want or s.speaker_type not in ("person", "pronoun") or not s.speaker_key:
        return False
    have = described_words(" ".join((s.speaker, s.speaker_name, s.speaker_role)))
    for word in {s.speaker_key, *(w for w in s.speaker_name.split() if len(w) > 2)}:
        for m in re.finditer(rf"\b{re.escape(word)}\b", article, re.I):
            have |= described_words(article[max(0, m.start() - _NEAR): m.end() + _NEAR])
    got = want & have
    top = float(np.log1p(max(1, len(lexical.ids))))
    return 2 * len(got) >= len(want) and sum(lexical.idf.get(t, top) for t in got) / top >= DESCRIBED_RARITY_MIN


def described_speaker(description: str, topic: str, r: Retriever) -> str:
    """Whom a what-question means by a description instead of a name ("the mayor"): the speaker of the best statement,
    searched for with the description and the topic, whose name or role fits the description; "" when none does."""
    hits = r.search(QUOTES, f"{description} {topic}".strip(), k=20)
    return next((h.record.speaker_name for h in hits if h.record.speaker_type in ("person", "pronoun")
                 and fits(description, h) > 0), "")
