"""The roster: every speaker the index holds (name, surname key, role, counts), for linking questions to people."""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SpeakerEntry", "Roster", "word_counts"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_READS = ("speaker_name", "speaker_type", "speaker_key", "article_id", "speaker_role")  # a statement's metadata read
# A first name alone names the person of the surname that holds this share of the statements by people of that first
# name: "Hillary" is Hillary Clinton (all 367), "Bernie" Bernie Sanders; the index's Johns are a dozen people.
FIRST_NAME_SHARE = 0.8
_NAMED = ("person", "org")  # pronouns ("he") and nominals ("a source") are nobody a question can name


@dataclass(frozen=True)
class SpeakerEntry:
    name: str  # the fullest name the articles give ("Hillary Clinton")
    key: str  # the surname key statements are filed under ("clinton")
    role: str  # the role most often given ("Democratic presidential nominee"), or ""
    type: str  # person | org
    statements: int
    articles: int


class Roster:
    """Speakers by name and by surname key; `common` holds keys that the articles mostly write in lower case
    (a question's lower-case "wall" is not Mr. Wall)."""

    def __init__(self, entries: list[SpeakerEntry], common: set[str]):
        self.entries = sorted(entries, key=lambda e: (-e.statements, e.name))
        self.common = set(common)
        self.by_key: dict[str, list[SpeakerEntry]] = defaultdict(list)
        self.by_name: dict[str, SpeakerEntry] = {}
        self._given: dict[str, list[SpeakerEntry]] | None = None  # first name -> people, made when first asked
        for e in self.entries:
            self.by_key[e.key].append(e)
            self.by_name.setdefault(e.name.lower(), e)

    @classmethod
    def build(cls, metas: list[dict], documents: list[str]) -> "Roster":
        """From the quote records' metadata and texts."""
        return cls.from_columns({c: [m.get(c) for m in metas] for c in _READS}, word_counts(documents))

    @classmethod
    def from_columns(cls, columns: dict[str, list], words: Counter) -> "Roster":
        """From the quote records' metadata as columns (`_READS`: one list each, in record order) and the
        `word_counts` of their texts."""
        stats: dict[str, dict] = {}
        for name, kind, key, article, role in zip(*(columns[c] for c in _READS)):
            name = (name or "").strip()
            if kind not in _NAMED or not name or not key:
                continue
            s = stats.get(name)
            if s is None:
                s = stats[name] = {"key": key, "type": kind, "roles": {}, "articles": set(), "n": 0}
            s["n"] += 1
            s["articles"].add(article or "")
            if role:  # a plain dict: a Counter per speaker cost 0.085 s of a one-article update on the BBC index
                s["roles"][role] = s["roles"].get(role, 0) + 1
        entries = [SpeakerEntry(name, s["key"], min(s["roles"], key=lambda r: (-s["roles"][r], r)) if s["roles"] else "",
                                s["type"], s["n"], len(s["articles"])) for name, s in stats.items()]
        common = {e.key for e in entries if words[e.key] > words[e.key.capitalize()]}
        return cls(entries, common)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"entries": [vars(e) for e in self.entries], "common": sorted(self.common)},
                                   ensure_ascii=False))

    @classmethod
    def load(cls, path: Path) -> "Roster":
        data = json.loads(path.read_text())
        return cls([SpeakerEntry(**e) for e in data["entries"]], set(data["common"]))

    def called(self, given: str) -> list[SpeakerEntry]:
        """The person a reader names by first name alone ("Hillary", "Bernie"): the entries of the surname key that
        holds at least FIRST_NAME_SHARE of the statements by people of that first name, most quoted first; [] when
        no key does (the index's Johns are many people)."""
        if self._given is None:
            self._given = defaultdict(list)
            for e in self.entries:
                if e.type == "person" and len(e.name.split()) >= 2:
                    self._given[e.name.split()[0].lower()].append(e)
        people = self._given.get(given.lower(), [])
        by_key = Counter()
        for e in people:
            by_key[e.key] += e.statements
        if not by_key:
            return []
        key, n = max(by_key.items(), key=lambda kv: (kv[1], kv[0]))
        return [e for e in people if e.key == key] if n >= FIRST_NAME_SHARE * sum(by_key.values()) else []

    def named(self, key: str, given: str = "") -> list[SpeakerEntry]:
        """Entries filed under surname `key`; with a `given` name, only those whose name holds it (or that have
        no given name at all)."""
        found = self.by_key.get(key.lower(), [])
        if given:
            found = [e for e in found if given.lower() in e.name.lower().split()[:-1] or len(e.name.split()) < 2]
        return found


def word_counts(documents: Iterable[str]) -> Counter:
    """How often each word is written, as written ("Wall" and "wall" apart): which keys are common words."""
    return Counter(w for d in documents for w in _WORD.findall(d))
