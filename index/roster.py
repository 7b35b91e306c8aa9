"""The roster: every speaker the index holds (name, surname key, role, counts), for linking questions to people."""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["SpeakerEntry", "Roster"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
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
        for e in self.entries:
            self.by_key[e.key].append(e)
            self.by_name.setdefault(e.name.lower(), e)

    @classmethod
    def build(cls, metas: list[dict], documents: list[str]) -> "Roster":
        """From the quote records' metadata and texts."""
        stats: dict[str, dict] = {}
        for m in metas:
            name = (m.get("speaker_name") or "").strip()
            if m.get("speaker_type") not in _NAMED or not name or not m.get("speaker_key"):
                continue
            s = stats.setdefault(name, {"key": m["speaker_key"], "type": m["speaker_type"], "roles": Counter(),
                                        "articles": set(), "n": 0})
            s["n"] += 1
            s["articles"].add(m.get("article_id", ""))
            if m.get("speaker_role"):
                s["roles"][m["speaker_role"]] += 1
        entries = [SpeakerEntry(name, s["key"], min(s["roles"], key=lambda r: (-s["roles"][r], r)) if s["roles"] else "",
                                s["type"], s["n"], len(s["articles"])) for name, s in stats.items()]
        words = Counter(w for d in documents for w in _WORD.findall(d))
        common = {e.key for e in entries if words[e.key] > words[e.key.capitalize()]}
        return cls(entries, common)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"entries": [asdict(e) for e in self.entries], "common": sorted(self.common)},
                                   ensure_ascii=False))

    @classmethod
    def load(cls, path: Path) -> "Roster":
        data = json.loads(path.read_text())
        return cls([SpeakerEntry(**e) for e in data["entries"]], set(data["common"]))

    def named(self, key: str, given: str = "") -> list[SpeakerEntry]:
        """Entries filed under surname `key`; with a `given` name, only those whose name holds it (or that have
        no given name at all)."""
        found = self.by_key.get(key.lower(), [])
        if given:
            found = [e for e in found if given.lower() in e.name.lower().split()[:-1] or len(e.name.split()) < 2]
        return found
