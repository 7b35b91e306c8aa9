"""The records the store hands back, typed: passages, statements with their spans as pairs, statement contexts."""
from __future__ import annotations

from dataclasses import dataclass, fields

__all__ = ["PassageRecord", "StatementRecord", "ContextRecord", "Record", "Found", "typed", "pairs"]


def pairs(flat: list[int] | None) -> list[tuple[int, int]]:
    """[s0, e0, s1, e1, …] as stored in metadata -> [(s0, e0), (s1, e1), …]."""
    flat = list(flat or [])
    return list(zip(flat[0::2], flat[1::2]))



def _known(cls, metadata: dict | None) -> dict:
    """The metadata keys `cls` has a field for (a key an older record lacks keeps the field's default)."""
    names = {f.name for f in fields(cls)} - {"id", "text"}
    return {k: v for k, v in (metadata or {}).items() if k in names}


@dataclass(frozen=True)
class PassageRecord:
    """A passage: the `n`th cut of an article, at [char_start, char_end) of its text."""

    id: str
    article_id: str = ""
    n: int = 0
    text: str = ""
    title: str = ""
    source: str = ""
    date: str = ""
    day: int = 0
    url: str = ""
    place: str = ""
    char_start: int = 0
    char_end: int = 0
    page: int = 0  # the page (from 1) the passage starts on, in an article with pages (a PDF); 0 when unknown

    @classmethod
    def from_chroma(cls, id: str, document: str, metadata: dict | None) -> "PassageRecord":
        return cls(id=id, text=document, **_known(cls, metadata))


@dataclass(frozen=True)
class StatementRecord:
    """A statement: its words (`text`), who said them and how, its spans in the article, and the passage it is in."""

    id: str
    article_id: str = ""
    text: str = ""
    title: str = ""
    source: str = ""
    date: str = ""
    day: int = 0
    url: str = ""
    place: str = ""
    speaker: str = ""  # as written ("he", "the mayor", "Ada Brinley")
    speaker_name: str = ""  # the name it resolves to
    speaker_role: str = ""
    speaker_type: str = ""  # person | org | pronoun | nominal
    speaker_key: str = ""  # surname_key(speaker_name)
    cue: str = ""
    kind: str = ""  # direct | reported
    content_start: int = 0
    content_end: int = 0
    content_spans: tuple[tuple[int, int], ...] = ()
    speaker_span: tuple[int, int] | None = None
    cue_span: tuple[int, int] | None = None
    chunk_n: int = 0
    chunk_start: int = 0
    chunk_end: int = 0
    page: int = 0  # the page (from 1) the words start on, in an article with pages (a PDF); 0 when unknown

    @property
    def passage_id(self) -> str:
        return f"{self.article_id}#{self.chunk_n}"

    @classmethod
    def from_chroma(cls, id: str, document: str, metadata: dict | None) -> "StatementRecord":
        m = _known(cls, metadata)
        m["content_spans"] = tuple(pairs(m.get("content_spans")))
        for name in ("speaker_span", "cue_span"):
            m[name] = next(iter(pairs(m.get(name))), None)
        return cls(id=id, text=document, **m)


@dataclass(frozen=True)
class ContextRecord:
    """A statement in the sentences it stands in (filed under the statement's id)."""

    id: str
    text: str = ""

    @classmethod
    def from_chroma(cls, id: str, document: str, metadata: dict | None = None) -> "ContextRecord":
        return cls(id=id, text=document)


Record = PassageRecord | StatementRecord | ContextRecord
_BY_KIND = {"passages": PassageRecord, "quotes": StatementRecord, "contexts": ContextRecord}  # the store's KINDS


@dataclass(frozen=True)
class Found:
    """A record as the store found it: `score`, its cosine similarity to the query (Store.query); `vector`, its
    stored embedding (Store.records(..., vectors=True))."""

    record: Record
    score: float = 0.0
    vector: list[float] | None = None


def typed(kind: str, rows) -> list[Record]:
    """Rows of the collection `kind`, as {id, document, metadata} or (id, document, metadata), as records."""
    make = _BY_KIND[kind].from_chroma
    return [make(r["id"], r["document"], r["metadata"]) if isinstance(r, dict) else make(*r) for r in rows]
