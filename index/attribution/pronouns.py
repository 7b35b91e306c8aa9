"""Who 'he' or 'she' is: the latest person of that sex named as a subject before it (first names tell the sex where
the article does not), not inside a quotation, not an owner ('Clinton's') and not the object of a preposition."""
from __future__ import annotations

import re

from ..lexicon import words

__all__ = ["antecedent", "first_name_sex"]

_OBJECT = re.compile(r"\b(?:of|in|at|from|to|with|against|by|about|for|on|than|like|and|or)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}$")
_REACH = 1500  # characters back: about three paragraphs, beyond which a pronoun rarely reaches


def first_name_sex(name: str) -> str:
    """'m' or 'f' for a name whose first word is a first name given (almost) only to boys or to girls; '' otherwise."""
    first = name.split()[0].lower().strip(".,") if name.split() else ""
    if first in _names("first_names_male"):
        return "m"
    return "f" if first in _names("first_names_female") else ""


_SETS: dict[str, frozenset] = {}


def _names(list_name: str) -> frozenset:
    if list_name not in _SETS:
        _SETS[list_name] = frozenset(words(list_name))
    return _SETS[list_name]


def _subject_like(text: str, pos: int, end: int) -> bool:
    """Whether the mention at text[pos:end] reads as someone acting, not an owner or a preposition's object."""
    before = re.split(r"(?<![A-Z][a-z])(?<![A-Z])[.!?][”\"’']?\s|\n", text[max(0, pos - 40):pos])[-1]  # this sentence
    return text[end:end + 2] not in ("’s", "'s") and not _OBJECT.search(before)


def antecedent(text: str, mentions: list[tuple[int, str]], sex_of: dict[str, str], pronoun: str, at: int,
               quoted: list[tuple[int, int]] = ()) -> str:
    """The full name `pronoun` ('he' or 'she', at offset `at` in `text`) stands for, or '' when none fits."""
    want = "f" if pronoun.lower() == "she" else "m"
    fits = []
    for pos, name in mentions:
        if not at - _REACH <= pos < at or any(x <= pos < y for x, y in quoted):
            continue
        sex = first_name_sex(name) or sex_of.get(name)  # 'Bill Clinton' is a he, whatever 'Clinton' did before
        if sex and sex != want:
            continue
        end = pos + len(text[pos:pos + 80].split(",")[0].split("\n")[0])
        fits.append((bool(sex), _subject_like(text, pos, end), pos, name))
    if not fits:
        return ""
    subjects = [f for f in fits if f[1]] or fits
    known = [f for f in subjects if f[0]]
    best = max(subjects, key=lambda f: f[2])
    if not best[0] and known and best[2] - max(known, key=lambda f: f[2])[2] < 300:
        best = max(known, key=lambda f: f[2])  # 'Ana Pell met Sam Cole. She said': a known sex over an unknown one
    return best[3]
