"""Does a statement name someone else, somewhere else or another number where the claim has its own: a detail swapped."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import alpha2digit

from index.lexical import tokens
from index.lexicon import words as word_list

__all__ = ["Swap", "swapped", "SAME_MIN"]

# Two names this close in meaning (each embedded alone) are one thing said two ways: "ISIS" and "Islamic State"
# (0.70), "America" and "United States" (0.78), "Islamist" and "Islamic" (0.82); the swaps of the tuning half's
# plausible claims stay below it ("Sikhs" and "Hindus" 0.68, "Marco Rubio" and "Cruz" 0.65, "Japan" and "Germany"
# 0.64). A claim's name this close to any word of the evidence is held by it ("TV" and "television").
SAME_MIN = 0.7
# A word of a text: a number (digits, after number words became digits) or a word, with its offset.
_TOKEN = re.compile(r"\d[\d,.]*\d(?:st|nd|rd|th)?|\d(?:st|nd|rd|th)?|[A-Za-z][A-Za-z’'-]*")
# Words that never hold a slot (modal and degree words that a retelling changes freely: "might", "will", "far").
_LOOSE = set(tokens("""might may could should can will would must shall more most very far much many also just even
still only really quite""")) | {""}
# Words a name before them qualifies as a description ("Texas senator", "Republican candidate", "Sanders campaign").
_ROLE = set(tokens(" ".join(w for f in ("titles", "generic_people", "organisation_words", "group_nouns")
                            for w in word_list(f))))
# Titles ("Mr.", "Sen.") are no names of their own.
_TITLES = set(tokens(" ".join(word_list("title_abbreviations")))) | _ROLE
# How many words either side of a detail must agree for the statement's word to stand in the same slot.
_REACH = 2
# A capital inside a sentence: after a lower-case word, a comma, a dash or an ellipsis, or after a title ("Ms.").
_INSIDE = re.compile(r"(?:(?<=[a-z,;…—–-]\s)|(?<=\b[A-Z][a-z]\.\s)|(?<=\b[A-Z][a-z]{2}\.\s)|(?<=\b[A-Z][a-z]{3}\.\s))"
                     r"[A-Z][A-Za-z’'-]+")


@dataclass(frozen=True)
class Swap:
    claim: str  # the claim's words ("Ebola")
    statement: str  # the statement's words in their place ("Zika")


@dataclass(frozen=True)
class _Word:
    stem: str
    text: str
    kind: str  # "name", "number" or "" (another word)
    start: int
    end: int
    head: str = ""  # the role word a name qualifies, right after it ("Texas senator": "senat")


_GIVEN = frozenset(w for f in ("first_names_male", "first_names_female", "first_names_shared") for w in word_list(f))
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep)\.\s+([A-Z][A-Za-z’'-]+)|\b([A-Z][a-z]+)\s+([A-Z][A-Za-z’'-]+)")


@lru_cache(maxsize=64)
def _persons(article: str) -> frozenset[str]:
    """Stems `article` writes after a title ("Mr. Dunmore"), or as a first name and the name after it ("Walter
    Dunmore"): persons. A first name alone is no person ("Paris")."""
    out = set()
    for m in _TITLED.finditer(article):
        if m.group(1) or m.group(2).lower() in _GIVEN:
            out.update(tokens(m.group(1) or f"{m.group(2)} {m.group(3)}"))
    return frozenset(out)


@lru_cache(maxsize=64)
def _names(text: str) -> frozenset[str]:
    """Stems `text` writes with a capital inside a sentence and never in lower case: its names by its own spelling."""
    lower = _lower(text)
    return frozenset(t for m in _INSIDE.finditer(text) for t in tokens(m.group(0)) if t not in lower)


def _capitals(claim: str, article: str) -> frozenset[str]:
    """Stems the claim writes with a capital anywhere (it is cut from inside a question: "Japan's workers ...") that
    the article never writes in lower case."""
    lower = _lower(article)
    return frozenset(t for w in re.findall(r"\b[A-Z][A-Za-z’'-]+", claim) for t in tokens(w) if t not in lower)


@lru_cache(maxsize=64)
def _lower(text: str) -> frozenset[str]:
    """The stems `text` writes in lower case."""
    return frozenset(tokens(" ".join(re.findall(r"\b[a-z][a-z’'-]*", text))))


def _words(text: str, names: frozenset[str], people: frozenset[str]) -> list[_Word]:
    """The words of `text` that carry content, in order: each a name (by the article, and by its capital unless it
    names a person in a text all in lower case: "ted cruz"), a number or neither."""
    out: list[_Word] = []
    text, cased = alpha2digit(text, "en"), text != text.lower()
    for m in _TOKEN.finditer(text):
        w, at = m.group(0), m.span()
        if w[0].isdigit():
            if not w[-1].isalpha():  # an ordinal ("32nd", "fifth") is no quantity
                out.append(_Word(w.replace(",", ""), w, "number", *at))
            continue
        for stem in tokens(w):
            if stem in _LOOSE:
                continue
            if out and out[-1].kind == "name" and stem in _ROLE and at[0] - out[-1].end <= 1:
                out[-1] = _Word(out[-1].stem, out[-1].text, "name", out[-1].start, out[-1].end, stem)
            name = stem in names and stem not in _TITLES and (w[0].isupper() or (not cased and stem in people))
            out.append(_Word(stem, w, "name" if name else "", *at))
    return out


def _beside(words: list[_Word], i: int) -> tuple[set[str], set[str]]:
    return ({w.stem for w in words[max(0, i - _REACH):i]}, {w.stem for w in words[i + 1:i + 1 + _REACH]})


def _run(words: list[_Word], i: int, people: frozenset[str] = frozenset()) -> str:
    """The word at `i` with the names written next to it ("Ted Cruz", "New York"; a person's first name after an
    opening quote mark too: “Walter Dunmore's …)."""
    lo, hi = i, i + 1
    while lo > 0 and _joined(words[lo - 1], words[lo], people):
        lo -= 1
    while hi < len(words) and _joined(words[hi - 1], words[hi], people):
        hi += 1
    return " ".join(_bare(w.text) for w in words[lo:hi])


def _joined(a: _Word, b: _Word, people: frozenset[str] = frozenset()) -> bool:
    named = [w.kind == "name" or (w.stem in people and w.text[:1].isupper()) for w in (a, b)]
    return all(named) and b.start - a.end <= 1


def _bare(word: str) -> str:
    return re.sub(r"[’']s?$", "", word)


def _same_thing(a: str, b: str, article: str) -> bool:
    """Two names of one person or place: written side by side in the article ("Hillary Clinton"), or one the start
    of the other ("America" and "American")."""
    a, b = _bare(a).lower(), _bare(b).lower()
    if a.startswith(b) or b.startswith(a):
        return True
    pair = rf"\b(?:{re.escape(a)}\w*\s+{re.escape(b)}|{re.escape(b)}\w*\s+{re.escape(a)})"
    return re.search(pair, article, re.I) is not None


def _alike(c: _Word, s: _Word, people: frozenset[str]) -> bool:
    """Details of one sort: two numbers, or two names that both or neither name a person, qualifying the same word
    or none ("Ebola funding" and "Zika funding"; not "Texas senator" and "Ted Cruz", a description and its name).
    `people`: the stems the article or the claim writes after a first name or a title."""
    if c.kind != s.kind:
        return False
    return c.kind == "number" or ((c.stem in people) == (s.stem in people) and c.head == s.head)


def swapped(claim: str, statement: str, evidence: str, article: str,
            similar: Callable[[str, list[str]], float]) -> Swap | None:
    """The first name or number of `claim` that `evidence` (the statement in its sentences and the paragraphs before)
    does not hold, where `statement` has a detail of the same sort that the claim lacks in the same slot (a word within
    _REACH either side the same): "every Ebola funding measure" against "every Zika funding measure", "40 percent"
    against "20 percent". `similar`: the best cosine of a word to a list of words."""
    names = _names(article) | _capitals(claim, article) | _names(statement)
    people = _persons(article) | _persons(claim)
    said, mine = _words(statement, names, people), _words(claim, names, people)
    held = _words(evidence, names, people)
    have, claimed = {w.stem for w in said + held}, {w.stem for w in mine}
    for i, c in enumerate(mine):
        if not c.kind or c.stem in have:
            continue
        left, right = _beside(mine, i)
        for j, s in enumerate(said):
            if s.stem in claimed or not _alike(c, s, people):
                continue
            there_left, there_right = _beside(said, j)
            if not ((left & there_left) or (right & there_right)) or _same_thing(c.text, s.text, article):
                continue
            ours, theirs = _run(mine, i, people), _run(said, j, people)
            if c.kind == "name" and c.stem not in people and (similar(ours, [theirs]) >= SAME_MIN
                                     or similar(_bare(c.text), [w.text for w in said]) >= SAME_MIN):
                continue
            return Swap(ours, theirs)
    return None
