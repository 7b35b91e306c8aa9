"""Does a statement support a question's claim? Its meaning in its own sentences, and the claim's rare words there."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from text_to_num import alpha2digit

from index.lexical import Lexical, tokens
from index.lexicon import words as word_list

__all__ = ["Support", "SAYING", "salient_terms", "support", "without_act", "unheard", "words_of", "lacking", "SHARE_W",
           "UNRELATED_MAX", "WORD_CLOSE_MIN"]

# Words that say a claim was made, not what it is: never required of the evidence.
_SAYING = set(tokens("""say said says saying tell told claim claimed argue argued state stated comment commented
remark remarked suggest suggested insist insisted add added note noted mention mentioned assert asserted declare
declared describe described call called someone somebody something anything person people anyone anybody quoted
statement public publicly also ever once really actually""")) | {""}
SAYING = _SAYING
_NAME = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][a-z’'-]+|\b[A-Z]{2,}\b")
_NUMBER = re.compile(r"\d[\d,.]*")
_COUNT = re.compile(_NUMBER.pattern + r"(?![\d,.]*(?:st|nd|rd|th)\b)")  # a number, not an ordinal ("32nd")
# The verb of a free who-question names the act ("compared X to Y", "blamed X for Y", "warned about X"), which the
# statement performs rather than contains: it is not asked of the evidence.
_ACT = re.compile(r"^\s*(?:(?:has|had|have|did|was|is)\s+)?(?:[a-z]+(?:ed|ied)|said|told|made|gave|took|spoke|wrote|"
                  r"thought|sought|put|felt|called|urges?|warns?|says?|claims?|predicts?|defends?|mocks?|blames?|"
                  r"praises?|compares?|denies|admits?|accuses?|dismiss(?:es)?)\b\s*(?:(?:about|that|on|of)\b\s*)?", re.I)
# Support = cosine(claim, the statement in its sentences) + SHARE_W x the idf-weighted share of the claim's words
# (less its act verb) found there. On the tuning half (train-split questions) the sum separates the right statements of answerable
# questions from the best statements for claims nobody made better than either part alone (AUC 0.958 against 0.938
# for the cosine and 0.901 for the share; the old confidence, 0.886). For a who-question's claim the words are looked
# for around the statement too (`words_in`: its paragraph and the one before, other speakers' words aside). Measured
# with the whole passage on the tuning half's who-questions: AUC 0.938 against 0.913 for the sentences alone (the right
# statement of 0.90 of the answerable ones kept at 90 % of invented claims refused, against 0.84): a reader retelling a
# statement borrows words from the reporting around it, an inventor does not. The two paragraphs rather than the
# passage: a later speaker in the same passage must not borrow the reporting that led up to someone else's quote.
SHARE_W = 0.5
# A claim word that at most one passage of the whole index holds, missing from the statement and unrelated to it in
# meaning (cosine of the word alone to the statement in its sentences below UNRELATED_MAX), is something the articles
# never said: "the wall would be paid for in avocados". 0.1 was chosen on the tuning half: with it, SUPPORT_MIN could
# drop from 0.625 to 0.6 at the same refusal rate (0.90), the right speaker going from 0.648 to 0.653 of
# who-questions and false refusals from 0.233 to 0.199.
UNRELATED_MAX = 0.1
# Such a word is accounted for all the same when a word around the statement (its sentences and the paragraphs
# leading up to it) comes close to it alone, word to word: cosine >= WORD_CLOSE_MIN. A word against a whole context
# is a weak measure ("sunk" against a senator's "descent into lawlessness": 0.09); word to word it is 0.45, and
# "shipment" meets "complete" (0.41), "Tunis" meets "Tunisia" (0.86), while the invented words of the tuning
# half's claims stay below it ("lighthouse" at most 0.36 to any word around the statements found for it, "avocados"
# 0.34, "psychic" 0.37, "sandcastle" 0.29; "houseboat" meets "house" at 0.64). 0.4 was chosen on the tuning half.
WORD_CLOSE_MIN = 0.4
# "At most one passage" says a word is rare only in a large index: in a small one every word is.
UNHEARD_PASSAGES_MIN = 1000
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_FUNCTION = set(word_list("function_words")) | set(word_list("determiners"))


def without_act(claim: str) -> str:
    """'compared the toll to a tax' -> 'the toll to a tax'."""
    return _ACT.sub("", claim, count=1)


@dataclass(frozen=True)
class Support:
    share: float  # the idf-weighted share of the claim's terms found in the evidence (1.0 for a claim with none)
    missing: tuple[str, ...]  # the claim's names and numbers that the evidence lacks
    similarity: float = 0.0  # cosine of the claim to the evidence, when it was measured
    numbers: tuple[str, ...] = ()  # the claim's numbers (in digits or words) that the evidence and `names_in` lack

    @property
    def score(self) -> float:
        return self.similarity + SHARE_W * self.share

    def holds(self, minimum: float) -> bool:
        """Lexical support alone (no similarity measured): no name or number missing and `minimum` of the words."""
        return not self.missing and self.share >= minimum


def salient_terms(claim: str) -> tuple[list[str], list[str]]:
    """(every content term of the claim, stemmed; those that are names or numbers)."""
    terms = [t for t in dict.fromkeys(tokens(claim)) if t not in _SAYING]
    named = set(tokens(" ".join(_NAME.findall(claim)))) | set(tokens(" ".join(_NUMBER.findall(claim))))
    return terms, [t for t in terms if t in named]


def words_of(text: str) -> list[str]:
    """The words of `text` that carry content (lower case, once each, in order): what a claim's word is compared with."""
    stems = {w: tokens(w) for w in dict.fromkeys(w.lower() for w in _WORD.findall(text)) if w not in _FUNCTION}
    return [w for w, t in stems.items() if t and t[0] not in _SAYING]


# Function words, and verbs that carry tense or mood rather than content: a claim's "should" or "be" is no word the
# evidence must hold.
_NOT_CONTENT = set(tokens(" ".join(_FUNCTION))) | set(tokens("be been being is was were are should would could can will "
                                                             "may might must shall have has had do does did"))


def lacking(claim: str, evidence: str) -> list[str]:
    """The claim's content words (stemmed; its names aside, which may stand elsewhere in the article) that `evidence`
    holds in no form: what a "Yes." may not leave out ("it would be easy to win" is not "it was impossible")."""
    terms, named = salient_terms(without_act(claim))
    have = _stems(evidence)
    return [t for t in terms if t not in have and t not in named and t not in _NOT_CONTENT]


def unheard(claim: str, evidence: str, lexical: Lexical, most: int = 2) -> list[str]:
    """The claim's words (as written, lower case) that `evidence` lacks and at most one passage of the index holds
    (in an index of UNHEARD_PASSAGES_MIN passages or more): the words to check for meaning before the evidence may
    count as support."""
    found, top = set(tokens(evidence)), float(np.log1p(max(1, len(lexical.ids))))
    if len(lexical.ids) < UNHEARD_PASSAGES_MIN:
        return []
    words: dict[str, str] = {}
    for w in _WORD.findall(without_act(claim)):
        t = tokens(w)
        if t and t[0] not in _SAYING and t[0] not in found and lexical.idf.get(t[0], top) >= top - 1e-6:
            words.setdefault(t[0], w.lower())
    return sorted(words.values())[:most]


def support(claim: str, evidence: str, lexical: Lexical, names_in: str = "", similarity: float = 0.0,
            words_in: str = "") -> Support:
    """How much of `claim` the `evidence` (a statement and its sentences) holds, by rarity; which of its names and
    numbers are absent from the evidence and from `names_in` (the statement's article: a name may stand elsewhere).
    `words_in`: more text whose words count as found (a statement's passage, for a claim in words of its own)."""
    terms, named = salient_terms(without_act(claim))
    if not terms:
        return Support(1.0, (), similarity)
    found = _stems(evidence) | _stems(words_in)
    around = found | _stems(names_in)
    top = float(np.log1p(max(1, len(lexical.ids))))
    weights = {t: lexical.idf.get(t, top) for t in terms}
    share = sum(w for t, w in weights.items() if t in found) / sum(weights.values())
    have = numbers_in(evidence) | numbers_in(words_in) | numbers_in(names_in)
    return Support(share, tuple(t for t in named if not _held(t, around)), similarity,
                   tuple(n for n in numbers_in(claim) if n not in have))


@lru_cache(maxsize=256)
def numbers_in(text: str) -> frozenset[str]:
    """The numbers of `text`, written in digits or in words ("twelve", "one hundred"), as digit strings."""
    return frozenset(n.replace(",", "").rstrip(".") for n in _COUNT.findall(alpha2digit(text, "en")))


@lru_cache(maxsize=256)
def _stems(text: str) -> frozenset[str]:
    """The stems of `text` (an article is looked at for each of its statements: stemmed once)."""
    return frozenset(tokens(text))


def _held(name: str, words: set[str]) -> bool:
    """A name's stem among `words`, or one word the other begins with when the shorter has 6 letters or more
    ("america" and "american", "israel" and "israeli": a place and its people)."""
    return name in words or any(min(len(name), len(w)) >= 6 and (w.startswith(name) or name.startswith(w))
                                for w in words)
