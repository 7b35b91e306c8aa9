"""What the tabs read from the index: statements, speakers, articles and passages, kept per index version."""
from __future__ import annotations

import threading

from index import NoIndexError, Store
from index.store import PASSAGES, QUOTES
from index.typed import StatementRecord, typed

__all__ = ["Records", "records_of"]

_lock = threading.Lock()
_kept: dict[str, "Records"] = {}


class Records:
    """The index's statements and articles as the tabs show them, read once per index version."""

    def __init__(self, store: Store):
        self.store = store
        self._version = None
        self._statements: list[StatementRecord] = []
        self._articles: list[dict] = []

    def _fresh(self) -> bool:
        """Read the index again if it changed; False when there is no index."""
        try:
            m = self.store.manifest()
        except NoIndexError:
            self._version, self._statements, self._articles = None, [], []
            return False
        version = (m.uid, m.generation, m.version)
        if version != self._version:
            self._statements = typed(QUOTES, self.store.every(QUOTES))
            self._articles = self._read_articles(m.articles)
            self._version = version
        return True

    def _read_articles(self, catalog: dict[str, dict]) -> list[dict]:
        """Each article's catalog entry with the source, date and url of its first passage."""
        first = {p.article_id: p for p in self.store.opening_passages()}
        out = []
        for aid, entry in catalog.items():
            p = first.get(aid)
            out.append({"id": aid, "title": entry.get("title", ""), "source": p.source if p else "",
                        "date": p.date if p else "", "day": (p.day if p else 0) or 0, "url": p.url if p else "",
                        "statements": entry.get("quotes", 0), "path": entry.get("path", "")})
        return sorted(out, key=lambda a: (-a["day"], a["title"].lower(), a["id"]))

    def exists(self) -> bool:
        with _lock:
            return self._fresh()

    def statements(self) -> list[StatementRecord]:
        with _lock:
            self._fresh()
            return self._statements

    def articles(self) -> list[dict]:
        with _lock:
            self._fresh()
            return self._articles

    def speakers(self) -> list:
        """The roster's entries: every named speaker, most quoted first."""
        return self.store.roster().entries if self.exists() else []

    def by_speaker(self, name: str) -> list[StatementRecord]:
        """A speaker's statements by date (undated last), then by article and place in it."""
        said = [s for s in self.statements() if (s.speaker_name or s.speaker) == name]
        return sorted(said, key=lambda s: (s.day == 0, s.day, s.date, s.title, s.content_start))

    def in_articles(self, article_ids) -> list[StatementRecord]:
        ids = set(article_ids)
        return [s for s in self.statements() if s.article_id in ids]

    def passages(self, ids) -> dict[str, tuple[str, int]]:
        """Passage id -> (its text, where it starts in its article), for the ids the index holds."""
        found = self.store.records(PASSAGES, sorted(set(ids))) if ids else []
        return {f.record.id: (f.record.text, f.record.char_start) for f in found}


def records_of(store: Store) -> Records:
    """One Records per store (so every tab and every visitor shares what was read)."""
    with _lock:
        if store.where not in _kept or _kept[store.where].store is not store:
            _kept[store.where] = Records(store)
        return _kept[store.where]
