"""Speakers: split a title from a name, and resolve surnames, pronouns and roles to the fullest name."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .cues import NAME, PRONOUNS

__all__ = ["SpeakerRef", "split_title", "ArticleNames"]

TITLE_WORDS = set("""president staff vice prime minister deputy mayor councillor councilman councilwoman commissioner
senator sen. rep. representative gov. governor secretary chancellor dr. mr. mrs. ms. judge justice general
gen. chief director chairman chairwoman chair spokesman spokeswoman spokesperson ceo cfo coach manager
captain capt. officer sheriff attorney ambassador king queen prince princess pope bishop rev. professor
prof. lt. col. sgt. adm. speaker leader minority majority whip candidate nominee engineer executive
inspector superintendent supt. insp. detective constable premier foreign defence defense interior
finance health education state press lord lady sir dame agent host anchor democrat republican""".split())
_TITLE_SUFFIXES = ("master", "person", "woman", "spokesman", "minister", "officer")
_STOP_START = {"the", "a", "an", "his", "her", "their", "its", "my", "our"}
_FUNCTION = set("""as in on at but and if when while after before despite however meanwhile earlier later this
that these those then so yet for with without from by to of or nor since until under over about among
although though because during asked speaking according said says added adds asks wrote writes tweeted
here there early amid like unlike upon once instead indeed following""".split())
_ORG_HINTS = re.compile(r"\b(?:Ministry|Kremlin|Department|Office|Council|Committee|Party|Government|Agency|"
                        r"Authority|Commission|Campaign|Company|Corporation|Inc|Ltd|Bank|Court|Police|Union|"
                        r"Association|University|Board|Club|Group|House|Senate|Congress|Administration|Service)\b")
_MEDIA = re.compile(r"\b(?:Times|Post|Journal|News|Courier|Herald|Tribune|Gazette|Magazine|Network|Radio|Daily|"
                    r"Reuters|CNN|MSNBC|NBC|ABC|CBS|BBC|NPR|Politico|Bloomberg)$")  # an outlet, not a person


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
        low = w.lower().strip(",")
        if low in TITLE_WORDS or low.endswith(_TITLE_SUFFIXES) or w[:1].islower():
            last_title = i
    return " ".join(words[: last_title + 1]), " ".join(words[last_title + 1:])


_APPOSITIVE = re.compile(rf"(?P<name>{NAME}),\s+(?P<role>(?:a|an|the|who|[A-Z][a-z]+’s|[A-Z][a-z]+'s)\s[^,.;“”\"]{{2,120}}),")
_SERVES = re.compile(r"\s(?:to|of|for)\s")  # 'a longtime adviser to Trump'
_OWNED = re.compile(rf"{NAME}[’']s?\s+[a-z]")
_TITLED = re.compile(rf"\b{NAME}\b")
_PLURAL_NOUN = re.compile(r"[a-z](?:ists|ysts|ics|ials|ants|ents|ers|ors|ians|ans|ats|ives|ies)$")


class ArticleNames:
    """The people an article names, to resolve a later 'Putin' or 'he' to 'Vladimir Putin'."""

    def __init__(self, text: str):
        self.text = text
        self.full: dict[str, str] = {}  # surname (lower) -> fullest name
        self.roles: dict[str, str] = {}  # fullest name -> role
        self.mentions: list[tuple[int, str]] = []  # (offset, fullest name) of person mentions
        for m in _TITLED.finditer(text):
            role, name = split_title(m.group(0))
            name = self._clean(name)
            if len(name.split()) >= 2 and not _ORG_HINTS.search(name):
                key = name.split()[-1].lower()
                if len(name) > len(self.full.get(key, "")):
                    self.full[key] = name
                if role:
                    self.roles.setdefault(name, role)
        for m in _APPOSITIVE.finditer(text):
            name = self.fullest(self._clean(split_title(m["name"])[1]))
            if name and len(name.split()) >= 2:
                self.roles[name] = m["role"].strip()
        for m in _TITLED.finditer(text):
            name = self.fullest(self._clean(split_title(m.group(0))[1]))
            if name in self.roles or len(name.split()) >= 2 and name.split()[-1].lower() in self.full:
                self.mentions.append((m.start(), name))

    @staticmethod
    def _clean(name: str) -> str:
        words = name.replace("’s", "").split()
        while words and (words[0].lower() in _STOP_START or words[0].lower() in _FUNCTION):
            words = words[1:]
        if len(words) > 4:  # a headline in title case: its last words may be a name
            words = [w for w in words[-2:] if w.lower() not in _FUNCTION]
        return " ".join(words)

    def _common_plural(self, word: str) -> bool:
        """'Analysts', 'Critics' opening a sentence: a plural noun, unless the article uses it mid-sentence too."""
        return (" " not in word and bool(_PLURAL_NOUN.search(word)) and word.lower() not in self.full
                and not re.search(rf"[a-z,]\s+{re.escape(word)}\b", self.text))

    def fullest(self, name: str) -> str:
        if not name:
            return name
        best = self.full.get(name.split()[-1].lower(), "")
        return best if best.endswith(name.split()[-1]) and len(best) >= len(name) else name

    def resolve(self, written: str, at: int, appositive: str = "", recent: list[str] = ()) -> SpeakerRef:
        """`recent`: names of the speakers attributed before `at`, latest last."""
        low = written.lower()
        if low in PRONOUNS:
            kind = PRONOUNS[low]
            if kind == "person":
                before = [n for pos, n in self.mentions if pos < at]
                name = recent[-1] if recent else (before[-1] if before else "")
                if name:
                    return SpeakerRef(written, name, self.roles.get(name, ""), "pronoun")
            return SpeakerRef(written, written, "", "pronoun")
        bare = re.sub(r"\s*\([^()]{1,20}\)|,\s*who\b.*$", "", written, flags=re.S)
        if bare != written and bare:  # 'Sen. Mara Tollen (D-Mo.), who has endorsed Orlen'
            return replace(self.resolve(bare, at, appositive, recent), written=written)
        first = written.split()[0].lower()
        last = written.split()[-1]
        if first in ("a", "an") and len(written.split()) <= 4 and last.lower() in self.full and last[:1].isupper():
            return replace(self.resolve(last, at, appositive, recent), written=written)  # 'A defensive Obama'
        if first == "the" and split_title(written)[0] != "the" and re.fullmatch(NAME, written[4:]):
            return replace(self.resolve(written[4:], at, appositive, recent), written=written)  # 'the Rev. Peter Wherry'
        if first in _STOP_START:
            noun = written.split()[-1].lower()
            for name in reversed(list(recent)):
                if noun in self.roles.get(name, "").lower():
                    return SpeakerRef(written, name, self.roles[name], "nominal")
            if _SERVES.search(written) and not _ORG_HINTS.search(written):
                return SpeakerRef(written, written, "", "nominal")
            kind = "org" if _ORG_HINTS.search(written) or written.split()[-1][:1].isupper() else "nominal"
            return SpeakerRef(written, written, "", kind)
        both = re.fullmatch(rf"({NAME})\s+and\s+({NAME})", written)
        if both:  # 'Mark Blumenthal and Jon Cohen'
            return SpeakerRef(written, " and ".join(self.fullest(split_title(n)[1] or n) for n in both.groups()), "", "group")
        if _OWNED.match(written) or written[:1].islower() and _SERVES.search(written):
            return SpeakerRef(written, written, "", "nominal")  # 'Donald Trump’s campaign manager', 'an adviser to Trump'
        role, name = split_title(written)
        if not name:
            return SpeakerRef(written, written, "", "nominal")
        if _ORG_HINTS.search(name) or name.split()[-1].islower():
            return SpeakerRef(written, name, role, "org" if _ORG_HINTS.search(name) else "group")
        if written == name and self._common_plural(name):
            return SpeakerRef(written, name, "", "group")
        if _MEDIA.search(name):
            return SpeakerRef(written, name, role, "org")
        full = self.fullest(name)
        if not re.match(r"(?:a|an|the|[A-Z]\w+[’']s|(?!who|which|whose|where|when)[a-z]+)\s", appositive):
            appositive = ""
        return SpeakerRef(written, full, appositive or role or self.roles.get(full, ""), "person")
