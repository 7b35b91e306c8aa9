"""Narrowing a question: speaker, source, date range, checked once and handed to the store and the BM25 index."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from index import surname_key
from index.lexical import day_number
from index.store import Narrow

from .errors import FilterError

__all__ = ["Filters"]


def _day(value: str | date | None, name: str) -> int:
    if not value:
        return 0
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    try:
        date.fromisoformat(text)
    except ValueError:
        raise FilterError(f"{name} must be a date like 2016-01-31, not {text!r}") from None
    return day_number(text)


@dataclass(frozen=True)
class Filters:
    speaker: str = ""  # any form of the name: "Clinton", "Hillary Clinton"
    source: str = ""  # the publication, as stored (case-insensitive): "breitbart"
    since: int = 0  # YYYYMMDD, inclusive; 0 = open
    until: int = 0

    @classmethod
    def of(cls, speaker: str | None = None, source: str | None = None, since: str | date | None = None,
           until: str | date | None = None) -> "Filters":
        f = cls((speaker or "").strip(), (source or "").strip(), _day(since, "since"), _day(until, "until"))
        if f.since and f.until and f.since > f.until:
            raise FilterError(f"since ({since}) is after until ({until}): no article can match")
        if f.speaker and not surname_key(f.speaker):
            raise FilterError(f"speaker {speaker!r} has no name in it")
        return f

    @property
    def speaker_key(self) -> str:
        return surname_key(self.speaker) if self.speaker else ""

    @property
    def narrow(self) -> Narrow:
        """What the store limits a search to (the speaker applies to statements only)."""
        return Narrow(self.source, self.since, self.until, self.speaker_key)

    def mask(self, lexical, quotes: bool):
        return lexical.mask(source=self.source, since=self.since, until=self.until,
                            speaker_key=self.speaker_key if quotes else "")
