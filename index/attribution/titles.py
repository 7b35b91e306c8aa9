"""The parts of a written name: titles and honorifics, a surname, Jr./Sr., an organisation's name, words that open a
sentence but no name; word lists from `index/lexicon`."""
from __future__ import annotations

import re

from ..cues import NAME, WEEKDAYS
from ..lexicon import words

__all__ = ["TITLE_WORDS", "TITLE_MEANINGS", "HONORIFICS", "DETERMINERS", "FUNCTION_WORDS", "ORG_HINTS", "MEDIA", "PLURAL_NOUN",
           "split_title", "clean_name", "is_title", "org_name", "clean_role", "surname", "in_full", "suffix", "honorific", "opener"]

TITLE_WORDS = set(words("titles"))
# A title written short -> the words it means, the one to spell it as first ("sen" -> ("senator",), "rep" ->
# ("representative", "congressman", "congresswoman")): read by described speakers here and by answers in app/.
TITLE_MEANINGS = {line.split()[0]: tuple(line.split()[1:]) for line in words("title_meanings")}
# Titles that say only who someone is, never what they do: not a role by themselves ('Mr. Dalby said').
HONORIFICS = {"mr.": "m", "mr": "m", "messrs.": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f",
              "mmes.": "f", "dr.": "", "drs.": ""}
_PLURAL_TITLES = {"sens.": "Sen.", "reps.": "Rep.", "govs.": "Gov."}  # 'Sens. Ana Koss and Ben Mora'
_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
_PARTICLES = frozenset(words("name_particles"))
_TITLE_SUFFIXES = ("master", "person", "woman", "spokesman", "minister", "officer")
DETERMINERS = set(words("determiners"))
FUNCTION_WORDS = set(words("function_words"))
ORG_HINTS = re.compile(rf"\b(?:{'|'.join(words('organisation_words'))})\b")
MEDIA = re.compile(rf"\b(?:{'|'.join(words('media'))})$")  # an outlet, not a person


def split_title(phrase: str) -> tuple[str, str]:
    """'Russian President Vladimir Putin' -> ('Russian President', 'Vladimir Putin')."""
    words = phrase.split()
    if "of" in words[2:-1]:  # 'Sen. Brian Schatz of Hawaii': the place is part of the role
        at = words.index("of", 2)
        role, name = split_title(" ".join(words[:at]))
        if len(name.split()) >= 2 and name.split()[-1].lower() not in TITLE_WORDS:
            return " ".join([role, *words[at:]]).strip(), name
    last_title = -1
    for i, w in enumerate(words[:-1]):
        particle = w in _PARTICLES and i > last_title + 1  # 'Bill de Blasio', 'Osama bin Laden'
        if (is_title(w) or w[:1].islower()) and not particle:
            last_title = i
    return " ".join(words[: last_title + 1]), " ".join(words[last_title + 1:])


PLURAL_NOUN = re.compile(r"[a-z](?:ists|ysts|ics|ials|ants|ents|ers|ors|ians|ans|ats|ives|ies)$")


def is_title(word: str) -> bool:
    low = word.lower().strip(",")
    return low in TITLE_WORDS or low.endswith(_TITLE_SUFFIXES)


def org_name(phrase: str) -> str:
    """'the State Department', 'Ministry of Roads' -> the organisation's whole name; '' for any other phrase."""
    m = re.fullmatch(rf"(?:[Tt]he\s+)?({NAME})", phrase)
    if not m:
        return ""
    words = m.group(1).split()
    head = words[words.index("of", 1) - 1] if "of" in words[1:] else words[-1]
    return m.group(1) if ORG_HINTS.fullmatch(head) else ""


def clean_role(role: str) -> str:
    """A title alone is no role: 'Mr.' -> '', 'Dr.' -> '' (but 'Surgeon General Dr.' stays), 'Sens.' -> 'Sen.'."""
    words = [_PLURAL_TITLES.get(w.lower(), w) for w in role.split() if HONORIFICS.get(w.lower()) not in ("m", "f")]
    return "" if len(words) == 1 and words[0].lower() in HONORIFICS else " ".join(words)


def surname(name: str) -> str:
    words = [w for w in name.split() if w.lower().strip(",") not in _SUFFIXES]
    return words[-1].lower() if words else ""


def in_full(name: str) -> bool:
    """Whether `name` gives more than a surname: 'Don Dalby', not 'Dalby Jr.'."""
    return len([w for w in name.split() if w.lower().strip(",") not in _SUFFIXES]) >= 2


def suffix(name: str) -> str:
    """'Jr.' of 'Don Dalby Jr.', '' for 'Don Dalby'."""
    words = name.split()
    return words[-1].lower().strip(".,") if len(words) >= 2 and words[-1].lower().strip(",") in _SUFFIXES else ""


def honorific(role: str) -> str:
    """'m' or 'f' for a role ending in Mr., Mrs., Ms.; '' otherwise."""
    return HONORIFICS.get(role.split()[-1].lower(), "") if role.split() else ""


# Words that open a sentence before a surname: 'Neither Johnson', 'Team Trump', 'Asserting Clinton'.
_OPENERS = set(words("openers"))


def opener(name: str) -> bool:
    """'Neither Johnson', 'Republicans Jolly': a name that opens with a word that is no first name."""
    first = name.split()[0]
    return first.lower() in _OPENERS or len(first) > 6 and bool(PLURAL_NOUN.search(first))


def clean_name(name: str) -> str:
    """A name as the article wrote it, without an owner before it ('CNN’s Gloria Borger'), a weekday after it, a plural
    title, words that open a sentence or the start of a title-case headline."""
    parts = re.sub(r"[’']s$", "", name).split()
    owner = [i for i, w in enumerate(parts) if re.search(r"[’']s$", w)]
    parts = parts[owner[-1] + 1:] if owner else parts  # 'CNN’s Gloria Borger'
    while parts and re.fullmatch(WEEKDAYS, parts[-1]):
        parts = parts[:-1]  # 'in West Palm Beach Tuesday': a day is no one's name
    if len(parts) >= 3 and len(parts[0]) > 6 and PLURAL_NOUN.search(parts[0]):
        parts = parts[1:]  # 'Senators Ana Koss'
    while parts and (parts[0].lower() in DETERMINERS or parts[0].lower() in FUNCTION_WORDS):
        parts = parts[1:]
    if len(parts) > 4:  # a headline in title case: its last words may be a name
        parts = [w for w in parts[-2:] if w.lower() not in FUNCTION_WORDS]
    inner = [i for i, w in enumerate(parts) if i and w[:1].isupper() and w.lower() in FUNCTION_WORDS]
    parts = parts[inner[-1] + 1:] if inner else parts  # 'the U.S. While Clinton': a sentence ran into the name
    return " ".join(parts)
