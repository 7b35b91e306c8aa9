"""Does a statement deny what the claim affirms, or the other way round: the same word, negated on one side only."""
from __future__ import annotations

import re

from index.lexical import tokens
from index.lexicon import words as word_list

from .support import SAYING
from .swap import Swap

__all__ = ["flipped", "opposed", "negation_differs"]

# Words that negate what follows them within _NEAR words ("not", "won't ... vote"), and the strong ones that a
# retelling seldom puts in or leaves out ("no longer fear", "a lack of willfulness").
_NEGATORS = {"not", "no", "never", "nor", "without", "cannot", "neither"}
_STRONG = {"lack", "longer"}
_NEAR = 3
# A prefix that makes a word its opposite ("inappropriate", "unqualified"), on a word of at least _BASE letters.
_PREFIX = re.compile(r"^(?:in|im|un|il|ir)(?=[a-z]{%d,}$)" % 5)
# Word pairs that say opposite things ("more" and "less", "win" and "lose"), both ways, by stem.
_OPPOSITE: dict[str, set[str]] = {}
for _a, _b in (pair.split() for pair in word_list("opposites")):
    _OPPOSITE.setdefault(tokens(_a)[0], set()).add(tokens(_b)[0])
    _OPPOSITE.setdefault(tokens(_b)[0], set()).add(tokens(_a)[0])
_RAW = re.compile(r"[a-z]+(?:['’]t)?|[.,;:!?“”\"—–]")


def _polarity(text: str, reach: int = _NEAR) -> dict[str, set[tuple[bool, bool]]]:
    """stem -> (negated, negated strongly) for each of its uses in `text`: a negator among the _NEAR words before it,
    within its clause, and whether one of those is a strong one ("no longer", "lack"); a word with a negating prefix
    counts as its base, negated strongly ("inappropriate")."""
    out: dict[str, set[tuple[bool, bool]]] = {}
    recent: list[str] = []
    for w in _RAW.findall(text.lower().replace("n't", " not").replace("n’t", " not")):
        if not w[0].isalpha():
            recent = []
            continue
        near = recent[-reach:]
        negated, strong = any(r in _NEGATORS | _STRONG for r in near), any(r in _STRONG for r in near)
        stem = tokens(w)
        if stem and stem[0] not in SAYING:
            out.setdefault(stem[0], set()).add((negated, strong))
            base = _PREFIX.sub("", w)
            if base != w and tokens(base):
                out.setdefault("~" + tokens(base)[0], set()).add((not negated, not negated))
        recent.append(w)
    return out


def flipped(claim: str, statement: str) -> Swap | None:
    """A content word used by both, negated on one side and not on the other, where the negation is a strong one
    ("fear us more than ever" against "no longer fear us", "appropriate" against "inappropriate"): the statement says
    the opposite. A plain "not", "no" or "never" is not enough: a retelling moves those freely ("cannot be done"
    for "can't arrive", "don't care" for "not worried")."""
    mine, theirs = _polarity(claim), _polarity(statement)
    for stem, uses in mine.items():
        if stem.startswith("~") or len(uses) != 1:
            continue
        there = theirs[stem] if stem in theirs else theirs.get("~" + stem, set())
        if len(there) != 1 or there == uses:
            continue
        (neg, strong), = uses
        (their_neg, their_strong), = there
        if neg != their_neg and (strong if neg else their_strong):
            return Swap(_word(claim, stem, neg), _word(statement, stem, their_neg))
    return None


def negation_differs(claim: str, statement: str) -> bool:
    """Whether a word both use is negated on one side only, by any negator within five words ("would vote" against
    "won't be holding a vote"): too loose to refuse by (a retelling moves negations), strict enough to withhold a
    "Yes."."""
    mine, theirs = _polarity(claim, 5), _polarity(statement, 5)
    return any(len(u) == 1 and len(theirs.get(k, ())) == 1 and next(iter(u))[0] != next(iter(theirs[k]))[0]
               for k, u in mine.items() if not k.startswith("~"))


def opposed(claim: str, statement: str) -> Swap | None:
    """A claim's word whose opposite (`index/lexicon/opposites.txt`) the statement has in the same place, a word
    either side the same, neither text holding the other's word ("more likely" against "much less likely")."""
    mine, theirs = tokens(claim), tokens(statement)
    for i, c in enumerate(mine):
        opposite = _OPPOSITE.get(c, set()) - set(mine)
        if not opposite or c in theirs:
            continue
        near = set(mine[max(0, i - 2):i] + mine[i + 1:i + 3])
        for j, s in enumerate(theirs):
            if s in opposite and near & set(theirs[max(0, j - 2):j] + theirs[j + 1:j + 3]):
                return Swap(_word(claim, c), _word(statement, s))
    return None


_STANCE = {}
for _a, _b in (pair.split() for pair in word_list("opposed_acts")):
    _STANCE.setdefault(tokens(_a)[0], set()).add(tokens(_b)[0])
    _STANCE.setdefault(tokens(_b)[0], set()).add(tokens(_a)[0])


def opposed_act(claim: str, cue: str, statement: str) -> Swap | None:
    """The claim's act ("praised the fees") against the statement's own act: its cue and the words of its sentence
    before it (`cue`: "He condemned the fees in a letter, saying ..."), or its first words ("ripping into President
    Barack Obama"); opposites by `index/lexicon/opposed_acts.txt`."""
    act = tokens(claim.split()[0]) if claim.split() else []
    if not act or act[0] not in _STANCE:
        return None
    theirs = set(tokens(cue)) | set(tokens(statement)[:3])
    hit = _STANCE[act[0]] & theirs
    return Swap(claim.split()[0], _word(f"{cue} {statement}", sorted(hit)[0])) if hit else None


def _word(text: str, stem: str, negated: bool = False) -> str:
    """The word of `text` whose stem (or whose base's stem) is `stem`; from the negator before it when `negated`."""
    words = re.findall(r"[A-Za-z’'-]+", text)
    for i, w in enumerate(words):
        if stem in tokens(w) or stem in tokens(_PREFIX.sub("", w.lower())):
            before = [j for j in range(max(0, i - _NEAR), i) if _negates(words[j])] if negated else []
            if before and words[before[-1]].lower() == "longer" and before[-1] > 0:
                before.append(before[-1] - 1)  # "no longer"
            return " ".join(words[before[-1]:i + 1]) if before else w
    return stem


def _negates(word: str) -> bool:
    w = word.lower()
    return w in _NEGATORS | _STRONG or w.endswith(("n't", "n’t"))
