"""Speakers: split a title from a name, and resolve surnames, pronouns and roles to the name the article means."""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, replace

from .attribution.described import IT_REACH, OWNED_BY_PRONOUN, org_named, places, role_holder, role_is, vote
from .attribution.prefixed_roles import role_before
from .attribution.pronouns import antecedent, first_name_sex, lone_first_names, shared_first_name
from .attribution.titles import (
    DETERMINERS, MEDIA, ORG_HINTS, PLURAL_NOUN, TITLE_WORDS, clean_name, clean_role, honorific, in_full, is_title,
    opener, org_name, split_title, suffix, surname)
from .clauses import SHARE
from .lexicon import words
from .cues import NAME, PRONOUNS, RUN_NAME, WEEKDAYS

__all__ = ["SpeakerRef", "ArticleNames", "split_title", "clean_role", "org_name", "TITLE_WORDS"]


@dataclass
class SpeakerRef:
    written: str
    name: str
    role: str
    type: str  # person | org | group | pronoun | nominal


_APPOSITIVE = re.compile(rf"(?P<name>{RUN_NAME}),\s+(?P<role>(?:a|an|the|who|[A-Z][a-z]+’s|[A-Z][a-z]+'s)\s[^,.;“”\"]{{2,120}}),")
_SERVES = re.compile(r"\s(?:to|of|for)\s")  # 'a longtime adviser to Trump'
_OWNED = re.compile(rf"{NAME}[’']s?\s+[a-z]")
_TITLED = re.compile(rf"\b{NAME}(?!\w)")
# 'the State Department’s Ivo Petrak'
_ORG_OWNS = re.compile(rf"(?:[Tt]he\s+)?(?P<org>{NAME})[’']s\s+(?P<name>{NAME})")
_DET_TITLED = re.compile(rf"(?:[Tt]he|[Aa]n?)\s+(?P<role>(?:\S+\s+){{0,5}}?[a-z]+)\s+(?P<name>{NAME})")
_SAYS = r"said|says|told|added|wrote|argued|asked|insisted|explained|warned|noted"
# A verb after a bare name: 'Obama took a lighter tone', 'Obama himself'.
_ACTS = re.compile(rf"\s+(?:{_SAYS}|himself|herself|has|had|was|is|[a-z]{{3,}}ed)\b")
_KIN = re.compile(r"\b(?:wife|husband|son|daughter|brother|sister|mother|father),\s*$")  # 'his wife, Jane,'
_GROUP_NOUNS = frozenset(words("group_nouns"))  # lower case: 'experts', not 'Democrats' as a name's end
# A pronoun with an adverb or "'s" stuck to it, or closing a clause that opened before it.
_PRONOUN_SAID = re.compile(r"(?:.*\b(?:when|as|while|because|after|before|since|one|what|which|whom)\s+)?(?P<p>[Hh]e|[Ss]he)"
                           r"(?:[’']s|\s+(?:then|also|later|now|too|again|once|still|often|quickly))?", re.S)


class ArticleNames:
    """The people an article names, to resolve a later 'Putin' or 'he' to 'Vladimir Putin'."""

    def __init__(self, text: str):
        self.text = text
        self.people: list[tuple[int, str]] = []  # (offset, name) of each full name, in reading order
        self.surnames: set[str] = set()
        self.roles: dict[str, str] = {}  # full name -> role
        self.mentions: list[tuple[int, str]] = []  # (offset, full name) of person mentions
        self.quoted: list[tuple[int, int]] = []  # the article's quoted stretches, once the quotes are paired
        self.starts: list[int] = []  # where the article's sentences start, once they are split
        self.spoken: list[tuple[int, str]] = []  # (offset, full name) of the speakers attributed so far
        self.org_spoken: list[tuple[int, str]] = []  # (offset, name) of the organisations attributed so far
        self.speakers = {w.lower() for w in re.findall(rf"(?<![\w’'-])([A-Z][a-z]+)\s+(?:{_SAYS})\b", text)}
        self._junked: dict[str, bool] = {}
        self.titled: set[str] = set()  # full names given Mr., Mrs. or Ms. somewhere: people, whatever their first name
        self.sex = self._collect(text)  # full name -> 'm' | 'f', from Mr./Mrs./Ms. or he/she after it
        self._by_surname: dict[str, list[tuple[int, str]]] = {}
        for pos, full in self.people:
            self._by_surname.setdefault(surname(full), []).append((pos, full))
        self._fit_cache: dict[tuple[str, str], tuple[list, list]] = {}
        for m in _APPOSITIVE.finditer(text):
            name = self.person(clean_name(split_title(m["name"])[1]), m.start())
            if name and len(name.split()) >= 2:
                self.roles[name] = m["role"].strip()
        for m in _TITLED.finditer(text):
            role, name = split_title(m.group(0))
            name = self.person(clean_name(name), m.start(), honorific(role))
            if " " in name and self._junk(name):  # 'Was Szlachta satisfied?': the name after the word opening it
                rest = self.person(name.split(None, 1)[1], m.start())
                name = rest if in_full(rest) and not self._junk(rest) else name
            if name in self.roles or len(name.split()) >= 2 and surname(name) in self.surnames \
                    or role and is_title(role.split()[-1]) and name[:1].isupper() and not ORG_HINTS.search(name) \
                    or " " not in name and _ACTS.match(text, m.end()) and name.lower() in self.surnames | self.speakers \
                    or " " not in name and _KIN.search(text, max(0, m.start() - 12), m.start()):
                self.mentions.append((m.start(), name))  # 'Ana Pell', 'Pell' (after 'Ana Pell'), 'President Pell'
        self.sex = lone_first_names(self.mentions, self.people) | self.sex  # 'Bob agreed to talk'
        self._persons = set(self.roles) | self.titled  # names known to be people's: given a role, Mr. or Ms., or a statement
        self.places = places(text, self.people, self._persons)
        self._spoke: set[tuple[int, str]] = set()  # (offset, name) of each speaker: the subject of its clause
        self._seen = list(self.mentions)  # mentions and speakers, in reading order: a pronoun's candidates

    def speak(self, at: int, name: str) -> None:
        """Note that `name` was attributed a statement at offset `at`: a later 'he' may mean them."""
        self.spoken.append((at, name))
        self._persons.add(name)
        self._spoke.add((at, name))
        insort(self._seen, (at, name))

    def _collect(self, text: str) -> dict[str, str]:
        """Fill `people`, `surnames` and `roles` from the names given in full; returns their sexes (`_sexes`)."""
        found = [(m, *split_title(m.group(0))) for m in _TITLED.finditer(text)]
        found = [(m, role, clean_name(name)) for m, role, name in found]
        found = [(m, role, name) for m, role, name in found
                 if in_full(name) and not ORG_HINTS.search(name) and not opener(name)]
        for m, role, name in found:
            self.people.append((m.start(), name))
            self.surnames.add(surname(name))
            role = clean_role(role) or role_before(text, m.start())
            if role:
                self.roles.setdefault(name, role)
        return self._sexes(text, found)

    def _sexes(self, text: str, found: list) -> dict[str, str]:
        """Each full name's sex where the article tells it: Mr., Mrs. or Ms. before it, or the first he, his, she or
        her after it (not ', his aide'), before the paragraph ends, a quotation opens or closes, or anyone of a known surname is named again."""
        votes: dict[str, list[int]] = {}  # name -> [male, female]
        named = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(self.surnames))) + r")\b", re.I)
        for m, role, name in found:
            v = votes.setdefault(name, [0, 0])
            if honorific(role):
                v[honorific(role) == "f"] += 3
                self.titled.add(name)
            vote(text, m.end(), named, v)
        self._honorific_votes(text, votes, named)
        self.votes = votes
        told = {n: first_name_sex(n) for n in votes}
        # the first-name lists before the article's he or she, unless every one of two or more says otherwise: Lindsey
        # Graham; a first name given to both sexes ('Bernie', 'Leslie') takes a sex from two votes more, not from one
        # (a he or she after a name is often someone else's)
        need = {n: 2 if not told[n] and shared_first_name(n) else 1 for n in votes}
        return {n: "mf"[v[1] > v[0]] if not told[n] or min(v) == 0 and max(v) >= 2 else told[n]
                for n, v in votes.items() if abs(v[0] - v[1]) >= need[n] or told[n]}

    def _honorific_votes(self, text: str, votes: dict[str, list[int]], named: re.Pattern) -> None:
        """'Mr. Dalby' tells the sex of the article's one Dalby, if it names only one in full, and so does the he or
        she after a bare 'Dalby'."""
        full_names: dict[str, set[str]] = {}
        for _, full in self.people:
            full_names.setdefault(surname(full), set()).add(full)
        for m in _TITLED.finditer(text):  # linear: each surname's full names are looked up, not searched for
            role, name = split_title(m.group(0))
            if not in_full(name):
                fits = {full for full in full_names.get(surname(name), ()) if not self._junk(full)}
                if len(fits) == 1 and honorific(role):
                    self.titled.add(next(iter(fits)))
                    votes[next(iter(fits))][honorific(role) == "f"] += 3
                if len(fits) == 1 and name[:1].isupper():
                    vote(text, m.end(), named, votes[fits.pop()])

    def _junk(self, name: str) -> bool:
        """Whether a name may open with some other word: 'Neither Cruz', 'Continued Stone', 'Republicans Jolly' (but
        also 'Will Estrada'), unless the article also writes it mid-sentence; or with a bare initial: 'X. Dalby'."""
        if name not in self._junked:
            first = name.split()[0]
            lower = re.search(rf"(?<![\w’'-]){re.escape(first.lower())}(?![\w’'-])", self.text)
            self._junked[name] = opener(name) or bool(re.fullmatch(r"[A-Z]\.", first)) or bool(first[:1].isupper() and lower and not re.search(rf"[a-z,]\s+{re.escape(name)}\b", self.text))
        return self._junked[name]

    def _common_plural(self, word: str) -> bool:
        """'Analysts', 'Critics' opening a sentence: a plural noun, unless the article uses it mid-sentence too."""
        return (" " not in word and bool(PLURAL_NOUN.search(word)) and word.lower() not in self.surnames
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
            fits = [(pos, full) for pos, full in self._by_surname.get(surname(name), [])
                    if words <= {w.strip(".,").lower() for w in full.split()}
                    and (suffix(full) == suffix(name) if in_full(name) or suffix(name) else True)]
            fits = [f for f in fits if not self._junk(f[1])] or fits  # 'Gary Johnson' before 'Neither Johnson'
            fits = [f for f in fits if self.sex.get(f[1], sex) == sex] if sex else fits
            same = [f for f in fits if self.sex.get(f[1]) == sex] if sex else []
            self._fit_cache[key] = (fits, same)
        return self._fit_cache[key]

    def resolve(self, written: str, at: int, appositive: str = "", recent: list[str] = ()) -> SpeakerRef:
        """`recent`: names of the speakers attributed before `at`, latest last."""
        if written.lower() in PRONOUNS:
            return self._pronoun(written, at, recent)
        if written.lower() == "it":  # 'The Halvard Port Authority said ... It added': the latest organisation to speak
            org = next((n for pos, n in reversed(self.org_spoken) if at - IT_REACH <= pos < at), "")
            return SpeakerRef(written, org or written, "", "org" if org else "pronoun")
        said = _PRONOUN_SAID.fullmatch(written)
        if said:  # "He's said", 'He then adopted', 'a while back when she said': the pronoun is the speaker
            ref = self._pronoun(said["p"], at + said.start("p"), recent)
            return replace(ref, written=said["p"])
        if re.search(r"[’']s$", written):  # 'Trump’s' (campaign, left behind): an owner, no one who speaks
            return SpeakerRef(written, written, "", "nominal")
        if SHARE.fullmatch(written):  # 'about half of voters', 'Those over 60': a group, named as written
            return SpeakerRef(written, written, "", "group")
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
        if first in DETERMINERS or OWNED_BY_PRONOUN.fullmatch(written):  # 'some of his supporters': his
            return self._nominal(written, at, recent)
        if len(written.split()) > 1 and written.split()[-1] in _GROUP_NOUNS:
            return SpeakerRef(written, written, "", "group")  # 'Public health experts', 'Many Republican voters'
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
            name = antecedent(self.text, self._seen, self.sex, written, at, self.quoted, self.starts,
                              self._persons, self._spoke, self.places, self.titled) \
                if written.lower() in ("he", "she") else ""
            if not name:  # the latest speaker, else the latest person named, not of the other sex
                cut = bisect_left(self.mentions, (at, ""))
                name = self._latest_fit(written, recent) or self._latest_fit(
                    written, [n for _, n in self.mentions[max(0, cut - 20):cut] if n not in self.places])
            if name:
                return SpeakerRef(written, name, self.roles.get(name, ""), "pronoun")
        return SpeakerRef(written, written, "", "pronoun")

    def _latest_fit(self, pronoun: str, names: list[str]) -> str:
        """The last of `names` that `pronoun` may stand for: not of the other sex ('he says' after Gloria Garcia spoke
        is not her), any name for 'I' or 'we'."""
        other = {"he": "f", "she": "m"}.get(pronoun.lower(), "")
        return next((n for n in reversed(names) if not other or n[:1].isupper() and n.lower() not in PRONOUNS
                     and (first_name_sex(n) or self.sex.get(n)) != other), "")

    def _nominal(self, written: str, at: int, recent: list[str]) -> SpeakerRef:
        """'the spokesman', 'the Ministry of Roads spokesman Ivo Petrak', 'the Harbour Council', 'the senator' (the
        latest person the article gave that role), 'his campaign' (whose: the one 'he' would mean)."""
        titled = _DET_TITLED.fullmatch(written)
        if titled and len(titled["name"].split()) >= 2 and is_title(titled["role"].split()[-1]):
            return replace(self._named(titled["name"], at + titled.start("name")), written=written, role=titled["role"])
        noun = written.split()[-1].lower()
        for name in reversed(list(recent)):
            if role_is(self.roles.get(name, ""), noun):  # the role is that noun: not 'a spokeswoman for the company'
                return SpeakerRef(written, name, self.roles[name], "nominal")
        owned = OWNED_BY_PRONOUN.fullmatch(written)
        if owned:  # 'his campaign' -> 'Ivo Brant's campaign': annotators, and a reader asking who, want the owner named
            owner = self._pronoun("he" if owned[1].lower() == "his" else "she", at, recent).name
            if owner[:1].isupper() and owner.lower() not in PRONOUNS:
                return SpeakerRef(written, f"{owner}’s {owned[2]}", "", "nominal")
        if written.split()[0].lower() == "the" and len(written.split()) <= 4 and written.split()[-1].islower():
            name = role_holder(self.mentions, self.roles, noun, at)
            if name:  # 'the senator' after 'Sen. Ana Koss', 'the Republican nominee' after 'Republican nominee X'
                return SpeakerRef(written, name, self.roles.get(name, ""), "nominal")
        the, *described = written.split()
        org = org_named(self.text, written.lower(), at) if the.lower() == "the" and " ".join(described).islower() else ""
        if org:  # 'the institute' after 'the Public Policy Institute of California'
            return SpeakerRef(written, org, "", "org")
        if _SERVES.search(written) and not ORG_HINTS.search(written):
            return SpeakerRef(written, written, "", "nominal")
        kind = "org" if ORG_HINTS.search(written) or written.split()[-1][:1].isupper() else "nominal"
        return SpeakerRef(written, written, "", kind)

    def _named(self, written: str, at: int, appositive: str = "") -> SpeakerRef:
        """A name, perhaps after a title: 'Russian President Vladimir Putin', 'Mr. Dalby', 'Putin'."""
        role, name = split_title(written)
        if not name:
            return SpeakerRef(written, written, "", "nominal")
        if ORG_HINTS.search(name) or name.split()[-1].islower():
            return SpeakerRef(written, name, role, "org" if ORG_HINTS.search(name) else "group")
        if written == name and self._common_plural(name):
            return SpeakerRef(written, name, "", "group")
        if MEDIA.search(name):
            return SpeakerRef(written, name, role, "org")
        full = self.person(name, at, honorific(role))
        if in_full(name) and self._junk(name):  # 'What Romney', 'Stated Stone': a word opening the sentence
            known = self.person(name.split(None, 1)[1], at, honorific(role))
            full = known if in_full(known) and not self._junk(known) else full
        if not re.match(r"(?:a|an|the|[A-Z]\w+[’']s|(?!who|which|whose|where|when)[a-z]+)\s", appositive):
            appositive = ""
        return SpeakerRef(written, full, appositive or clean_role(role) or self.roles.get(full, ""), "person")
