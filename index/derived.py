"""What is derived from the records, not stored in Chroma: the BM25 indexes and the speaker roster, cached per index version."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .lexical import Lexical
from .roster import Roster

__all__ = ["Derived", "derive"]

PASSAGES, QUOTES = "passages", "quotes"


class Derived:
    """BM25 over passages and statements, and the roster, for one version of one index."""

    def __init__(self, lexical: dict[str, Lexical], roster: Roster):
        self.lexical, self.roster = lexical, roster

    @classmethod
    def build(cls, records: dict[str, list[dict]]) -> "Derived":
        """From every passage and statement record ({id, document, metadata})."""
        lex = {kind: Lexical.build([r["id"] for r in recs], [r["document"] for r in recs],
                                   [r["metadata"] for r in recs]) for kind, recs in records.items()}
        quotes = records[QUOTES]
        return cls(lex, Roster.build([r["metadata"] for r in quotes], [r["document"] for r in quotes]))

    def save(self, where: Path) -> None:
        """Written aside and renamed into place: a reader never sees half of it."""
        where.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=where.parent, prefix=".building-"))
        for kind, lex in self.lexical.items():
            lex.save(tmp / kind)
        self.roster.save(tmp / "roster.json")
        try:
            os.replace(tmp, where)
        except OSError:  # another process saved the same version first
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, where: Path) -> "Derived":
        return cls({kind: Lexical.load(where / kind) for kind in (PASSAGES, QUOTES)}, Roster.load(where / "roster.json"))


def derive(cache: Path, key: str, fetch) -> Derived:
    """The derived data for index version `key`: loaded from `cache/key` when saved there, else built from
    `fetch()` (kind -> records), saved, and older versions removed."""
    where = cache / key
    if (where / "roster.json").is_file():
        try:
            return Derived.load(where)
        except (OSError, ValueError, KeyError, TypeError):
            shutil.rmtree(where, ignore_errors=True)  # damaged: made again below
    derived = Derived.build(fetch())
    try:
        derived.save(where)
        for old in cache.iterdir():
            if old.name != key and not old.name.startswith(".building-"):
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass  # a home we can't write to: the version is kept in memory only
    return derived
