"""Speakers: split a title from a name, and resolve surnames, pronouns and roles to the name the article means."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from .attribution.pronouns import antecedent
from .cues import NAME, PRONOUNS
from .lexicon import words

__all__ = ["SpeakerRef", "split_title", "ArticleNames", "clean_role", "org_name"]

TITLE_WORDS = set(words("titles"))
# Titles that say only who someone is, never what they do: not a role by themselves ('Mr. Dalby said').
HONORIFICS = {"mr.": "m", "mr": "m", "messrs.": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f",
              "mmes.": "f", "dr.": "", "drs.": ""}
_PLURAL_TITLES = {"sens.": "Sen.", "reps.": "Rep.", "govs.": "Gov."}  # 'Sens. Ana Koss and Ben Mora'
_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
_PARTICLES = {"de", "van", "von", "der", "da", "del", "bin", "al", "la", "le", "di", "du"}
_TITLE_SUFFIXES = ("master", "person", "woman", "spokesman", "minister", "officer")
_STOP_START = set(words("determiners"))
_FUNCTION = set(words("function_words"))
_ORG_HINTS = re.compile(rf"\b(?:{'|'.join(words('organisation_words'))})\b")
_MEDIA = re.compile(rf"\b(?:{'|'.join(words('media'))})$")  # an outlet, not a person


@dataclass
class SpeakerRef:
    written: str
    name: str
    role: str
    type: str  # person | org | group | pronoun | nominal


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
        if (_is_title(w) or w[:1].islower()) and not particle:
            last_title = i
    return " ".join(words[: last_title + 1]), " ".join(words[last_title + 1:])


_APPOSITIVE = re.compile(rf"(?P<name>{NAME}),\s+(?P<role>(?:a|an|the|who|[A-Z][a-z]+’s|[A-Z][a-z]+'s)\s[^,.;“”\"]{{2,120}}),")
_SERVES = re.compile(r"\s(?:to|of|for)\s")  # 'a longtime adviser to Trump'
_OWNED = re.compile(rf"{NAME}[’']s?\s+[a-z]")
_TITLED = re.compile(rf"\b{NAME}(?!\w)")
# 'the State Department’s Ivo Petrak'
_ORG_OWNS = re.compile(rf"(?:[Tt]he\s+)?(?P<org>{NAME})[’']s\s+(?P<name>{NAME})")
_DET_TITLED = re.compile(rf"(?:[Tt]he|[Aa]n?)\s+(?P<role>(?:\S+\s+){{0,5}}?[a-z]+)\s+(?P<name>{NAME})")
_PLURAL_NOUN = re.compile(r"[a-z](?:ists|ysts|ics|ials|ants|ents|ers|ors|ians|ans|ats|ives|ies)$")


def _is_title(word: str) -> bool:
    low = word.lower().strip(",")
    return low in TITLE_WORDS or low.endswith(_TITLE_SUFFIXES)


def org_name(phrase: str) -> str:
    """'the State Department', 'Ministry of Roads' -> the organisation's whole name; '' for any other phrase."""
    m = re.fullmatch(rf"(?:[Tt]he\s+)?({NAME})", phrase)
    if not m:
        return ""
    words = m.group(1).split()
    head = words[words.index("of", 1) - 1] if "of" in words[1:] else words[-1]
    return m.group(1) if _ORG_HINTS.fullmatch(head) else ""


def clean_role(role: str) -> str:
    """A title alone is no role: 'Mr.' -> '', 'Dr.' -> '' (but 'Surgeon General Dr.' stays), 'Sens.' -> 'Sen.'."""
    words = [_PLURAL_TITLES.get(w.lower(), w) for w in role.split() if HONORIFICS.get(w.lower()) not in ("m", "f")]
    return "" if len(words) == 1 and words[0].lower() in HONORIFICS else " ".join(words)


def _surname(name: str) -> str:
    words = [w for w in name.split() if w.lower().strip(",") not in _SUFFIXES]
    return words[-1].lower() if words else ""


def _in_full(name: str) -> bool:
    """Whether `name` gives more than a surname: 'Don Dalby', not 'Dalby Jr.'."""
    return len([w for w in name.split() if w.lower().strip(",") not in _SUFFIXES]) >= 2


def _suffix(name: str) -> str:
    """'Jr.' of 'Don Dalby Jr.', '' for 'Don Dalby'."""
    words = name.split()
    return words[-1].lower().strip(".,") if len(words) >= 2 and words[-1].lower().strip(",") in _SUFFIXES else ""


def _honorific(role: str) -> str:
    """'m' or 'f' for a role ending in Mr., Mrs., Ms.; '' otherwise."""
    return HONORIFICS.get(role.split()[-1].lower(), "") if role.split() else ""


# Words that open a sentence before a surname: 'Neither Johnson', 'Team Trump', 'Asserting Clinton'.
_OPENERS = set(words("openers"))


def _opener(name: str) -> bool:
    """'Neither Johnson', 'Republicans Jolly': a name that opens with a word that is no first name."""
    first = name.split()[0]
    return first.lower() in _OPENERS or len(first) > 6 and bool(_PLURAL_NOUN.search(first))


_SAYS = r"said|says|told|added|wrote|argued|asked|insisted|explained|warned|noted"
# A verb after a bare name: 'Obama took a lighter tone', 'Obama himself'.
_ACTS = re.compile(rf"\s+(?:{_SAYS}|himself|herself|has|had|was|is|[a-z]{{3,}}ed)\b")
_STOP = re.compile(r"\n|[“”\"]|''")  # where a he or she after a name may be about someone else
_GENDERED = re.compile(r"\b(?:(?P<m>[Hh]e|[Hh]is|him|himself)|(?P<f>[Ss]he|[Hh]er|hers|herself))\b")


class ArticleNames:
    """The people an article names, to resolve a later 'Putin' or 'he' to 'Vladimir Putin'."""

    def __init__(self, text: str):
        self.text = text
        self.people: list[tuple[int, str]] = []  # (offset, name) of each full name, in reading order
        self.surnames: set[str] = set()
        self.roles: dict[str, str] = {}  # full name -> role
        self.mentions: list[tuple[int, str]] = []  # (offset, full name) of person mentions
        self.quoted: list[tuple[int, int]] = []  # the article's quoted stretches, once the quotes are paired
        self.spoken: list[tuple[int, str]] = []  # (offset, full name) of the speakers attributed so far
        self.speakers = {w.lower() for w in re.findall(rf"(?<![\w’'-])([A-Z][a-z]+)\s+(?:{_SAYS})\b", text)}
        self._junked: dict[str, bool] = {}
        self.sex = self._collect(text)  # full name -> 'm' | 'f', from Mr./Mrs./Ms. or he/she after it
        self._by_surname: dict[str, list[tuple[int, str]]] = {}
        for pos, full in self.people:
            self._by_surname.setdefault(_surname(full), []).append((pos, full))
        self._fit_cache: dict[tuple[str, str], tuple[list, list]] = {}
        for m in _APPOSITIVE.finditer(text):
            name = self.person(self._clean(split_title(m["name"])[1]), m.start())
            if name and len(name.split()) >= 2:
                self.roles[name] = m["role"].strip()
        for m in _TITLED.finditer(text):
            role, name = split_title(m.group(0))
            name = self.person(self._clean(name), m.start(), _honorific(role))
            if name in self.roles or len(name.split()) >= 2 and _surname(name) in self.surnames \
                    or role and _is_title(role.split()[-1]) and name[:1].isupper() and not _ORG_HINTS.search(name) \
                    or " " not in name and _ACTS.match(text, m.end()) and name.lower() in self.surnames | self.speakers:
                self.mentions.append((m.start(), name))  # 'Ana Pell', 'Pell' (after 'Ana Pell'), 'President Pell'

    def _collect(self, text: str) -> dict[str, str]:
        """Fill `people`, `surnames` and `roles` from the names given in full; returns their sexes (`_sexes`)."""
        found = [(m, *split_title(m.group(0))) for m in _TITLED.finditer(text)]
        found = [(m, role, self._clean(name)) for m, role, name in found]
        found = [(m, role, name) for m, role, name in found
                 if _in_full(name) and not _ORG_HINTS.search(name) and not _opener(name)]
        for m, role, name in found:
            self.people.append((m.start(), name))
            self.surnames.add(_surname(name))
            if clean_role(role):
                self.roles.setdefault(name, clean_role(role))
        return self._sexes(text, found)

    def _sexes(self, text: str, found: list) -> dict[str, str]:
        """Each full name's sex where the article tells it: Mr., Mrs. or Ms. before it, or the first he, his, she or
        her after it (not ', his aide'), before the paragraph ends, a quotation opens or closes, or anyone of a known surname is named again."""
        votes: dict[str, list[int]] = {}  # name -> [male, female]
        named = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(self.surnames))) + r")\b", re.I)
        for m, role, name in found:
            v = votes.setdefault(name, [0, 0])
            if _honorific(role):
                v[_honorific(role) == "f"] += 3
            end = min(len(text), m.end() + 200)
            stops = [x.start() for x in (named.search(text, m.end(), end), _STOP.search(text, m.end(), end)) if x]
            end = min([end, *stops])
            said = _GENDERED.search(text, m.end(), end)
            if said and not re.fullmatch(r"[’']?s?\s*,\s*", text[m.end():said.start()]):  # not 'Ivo Petrak, his aide'
                v[bool(said["f"])] += 1
        self._honorific_votes(text, votes)
        return {n: "mf"[v[1] > v[0]] for n, v in votes.items() if v[0] != v[1]}

    def _honorific_votes(self, text: str, votes: dict[str, list[int]]) -> None:
        """'Mr. Dalby' tells the sex of the article's one Dalby, if it names only one in full."""
        for m in _TITLED.finditer(text):
            role, name = split_title(m.group(0))
            if _honorific(role) and not _in_full(name):
                fits = {full for _, full in self.people if _surname(full) == _surname(name) and not self._junk(full)}
                if len(fits) == 1:
                    votes[fits.pop()][_honorific(role) == "f"] += 3

    def _junk(self, name: str) -> bool:
        """Whether a name may open with some other word: 'Neither Cruz', 'Continued Stone', 'Republicans Jolly' (but
        also 'Will Estrada'), unless the article also writes it mid-sentence; or with a bare initial: 'X. Dalby'."""
        if name not in self._junked:
            first = name.split()[0]
            lower = re.search(rf"(?<![\w’'-]){re.escape(first.lower())}(?![\w’'-])", self.text)
            self._junked[name] = _opener(name) or bool(re.fullmatch(r"[A-Z]\.", first)) or bool(first[:1].isupper() and lower and not re.search(rf"[a-z,]\s+{re.escape(name)}\b", self.text))
        return self._junked[name]

    @staticmethod
    def _clean(name: str) -> str:
        words = re.sub(r"[’']s$", "", name).split()
        owner = [i for i, w in enumerate(words) if re.search(r"[’']s$", w)]
        words = words[owner[-1] + 1:] if owner else words  # 'CNN’s Gloria Borger'
        if len(words) >= 3 and len(words[0]) > 6 and _PLURAL_NOUN.search(words[0]):
            words = words[1:]  # 'Senators Ana Koss'
        while words and (words[0].lower() in _STOP_START or words[0].lower() in _FUNCTION):
            words = words[1:]
        if len(words) > 4:  # a headline in title case: its last words may be a name
            words = [w for w in words[-2:] if w.lower() not in _FUNCTION]
        return " ".join(words)

    def _common_plural(self, word: str) -> bool:
        """'Analysts', 'Critics' opening a sentence: a plural noun, unless the article uses it mid-sentence too."""
        return (" " not in word and bool(_PLURAL_NOUN.search(word)) and word.lower() not in self.surnames
                and not re.search(rf"[a-z,]\s+{re.escape(word)}\b", self.text))

    def person(self, name: str, at: int, sex: str = "") -> str:
        """The full name `name` (a surname, or a name as written) means at offset `at`: the nearest full name before
        it with the same surname, the words written, the same Jr./Sr. and no other sex (`sex`: 'm' after Mr., 'f'
        after Mrs. or Ms.; one known to be of that sex first); else the first after it; else `name` itself.
        A name that may open with some other word ('Neither Johnson') is taken only when no other fits."""
        if not name:
            return name
        fits, same = self._fits(name, sex)
        for group, after in ((same, False), (fits, False), (same, True), (fits, True)):
            cut = bisect_left(group, (at + len(name), ""))
            if after and cut < len(group):
                return group[cut][1]
            if not after and cut:
                return group[cut - 1][1]
        return name

    def _fits(self, name: str, sex: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        """(full names that `name` may mean, those known to be of sex `sex`), each as (offset, name) in reading order;
        worked out once per name and sex, so an article naming one person a thousand times stays linear."""
        key = (name, sex)
        if key not in self._fit_cache:
            words = {w.strip(".,").lower() for w in name.split()}
            fits = [(pos, full) for pos, full in self._by_surname.get(_surname(name), [])
                    if words <= {w.strip(".,").lower() for w in full.split()}
                    and (_suffix(full) == _suffix(name) if _in_full(name) or _suffix(name) else True)]
            fits = [f for f in fits if not self._junk(f[1])] or fits  # 'Gary Johnson' before 'Neither Johnson'
            fits = [f for f in fits if self.sex.get(f[1], sex) == sex] if sex else fits
            same = [f for f in fits if self.sex.get(f[1]) == sex] if sex else []
            self._fit_cache[key] = (fits, same)
        return self._fit_cache[key]

    def resolve(self, written: str, at: int, appositive: str = "", recent: list[str] = ()) -> SpeakerRef:
        """`recent`: names of the speakers attributed before `at`, latest last."""
        if written.lower() in PRONOUNS:
            return self._pronoun(written, at, recent)
        core = written.lstrip("'\"“”‘’ ")
        if core != written and core:  # "''Donald Trump": a quote mark typed as two apostrophes
            ref = self.resolve(core, at + len(written) - len(core), appositive, recent)
            return replace(ref, written=written)
        bare = re.sub(r"\s*\([^()]{1,20}\)|,\s*who\b.*$", "", written, flags=re.S)
        if bare != written and bare:  # 'Sen. Mara Tollen (D-Mo.), who has endorsed Orlen'
            return replace(self.resolve(bare, at, appositive, recent), written=written)
        first = written.split()[0].lower()
        last = written.split()[-1]
        if first in ("a", "an") and len(written.split()) <= 4 and last.lower() in self.surnames and last[:1].isupper():
            return replace(self.resolve(last, at, appositive, recent), written=written)  # 'A defensive Obama'
        org = org_name(written)
        if org:  # 'the State Department', 'the Ministry of Roads': one name, not a title and a name
            return SpeakerRef(written, org, "", "org")
        owned = _ORG_OWNS.fullmatch(written)
        if owned and org_name(owned["org"]) and len(split_title(owned["name"])[1].split()) >= 2:
            ref = self._named(owned["name"], at + owned.start("name"), appositive)  # 'the Ministry’s Ivo Petrak'
            return replace(ref, written=written, role=ref.role or org_name(owned["org"]))
        if first == "the" and split_title(written)[0] != "the" and re.fullmatch(NAME, written[4:]):
            return replace(self.resolve(written[4:], at, appositive, recent), written=written)  # 'the Rev. Peter Wherry'
        if first in _STOP_START:
            return self._nominal(written, at, recent)
        both = re.fullmatch(rf"((?:the\s+)?{NAME})\s+and\s+((?:the\s+)?{NAME})", written)
        if both:  # 'Mark Blumenthal and Jon Cohen', 'Sens. Ana Koss and Ben Mora', 'Orlen and the Harbour Council'
            names = (org_name(n) or self.person(split_title(n)[1] or n, at) for n in both.groups())
            return SpeakerRef(written, " and ".join(names), "", "group")
        if _OWNED.match(written) or written[:1].islower() and _SERVES.search(written):
            return SpeakerRef(written, written, "", "nominal")  # 'Donald Trump’s campaign manager', 'an adviser to Trump'
        if written.islower():  # 'harbour officials', 'several observers': a group named by a common noun
            return SpeakerRef(written, written, "", "group")
        return self._named(written, at, appositive)

    def _pronoun(self, written: str, at: int, recent: list[str]) -> SpeakerRef:
        if PRONOUNS[written.lower()] == "person":
            name = antecedent(self.text, sorted(self.mentions + self.spoken), self.sex, written, at, self.quoted) \
                if written.lower() in ("he", "she") else ""
            if not name:
                before = [n for pos, n in self.mentions if pos < at]
                name = recent[-1] if recent else (before[-1] if before else "")
            if name:
                return SpeakerRef(written, name, self.roles.get(name, ""), "pronoun")
        return SpeakerRef(written, written, "", "pronoun")

    def _nominal(self, written: str, at: int, recent: list[str]) -> SpeakerRef:
        """'the spokesman', 'the Ministry of Roads spokesman Ivo Petrak', 'the Harbour Council'."""
        titled = _DET_TITLED.fullmatch(written)
        if titled and len(titled["name"].split()) >= 2 and _is_title(titled["role"].split()[-1]):
            return replace(self._named(titled["name"], at + titled.start("name")), written=written, role=titled["role"])
        noun = written.split()[-1].lower()
        for name in reversed(list(recent)):
            if noun in self.roles.get(name, "").lower():
                return SpeakerRef(written, name, self.roles[name], "nominal")
        if _SERVES.search(written) and not _ORG_HINTS.search(written):
            return SpeakerRef(written, written, "", "nominal")
        kind = "org" if _ORG_HINTS.search(written) or written.split()[-1][:1].isupper() else "nominal"
        return SpeakerRef(written, written, "", kind)

    def _named(self, written: str, at: int, appositive: str = "") -> SpeakerRef:
        """A name, perhaps after a title: 'Russian President Vladimir Putin', 'Mr. Dalby', 'Putin'."""
        role, name = split_title(written)
        if not name:
            return SpeakerRef(written, written, "", "nominal")
        if _ORG_HINTS.search(name) or name.split()[-1].islower():
            return SpeakerRef(written, name, role, "org" if _ORG_HINTS.search(name) else "group")
        if written == name and self._common_plural(name):
            return SpeakerRef(written, name, "", "group")
        if _MEDIA.search(name):
            return SpeakerRef(written, name, role, "org")
        full = self.person(name, at, _honorific(role))
        if _in_full(name) and self._junk(name):  # 'What Romney', 'Stated Stone': a word opening the sentence
            surname = self.person(name.split(None, 1)[1], at, _honorific(role))
            full = surname if _in_full(surname) and not self._junk(surname) else full
        if not re.match(r"(?:a|an|the|[A-Z]\w+[’']s|(?!who|which|whose|where|when)[a-z]+)\s", appositive):
            appositive = ""
        return SpeakerRef(written, full, appositive or clean_role(role) or self.roles.get(full, ""), "person")
