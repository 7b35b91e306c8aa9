"""The public answer as data: Answer, Citation, Attribution (JSON-serialisable dataclasses)."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

__all__ = ["Answer", "Attribution", "Citation"]


@dataclass
class Citation:
    """A numbered source: `passage == article.text[char_start:char_end]`; `page`, from 1, where the article has
    pages (a PDF) and the passage starts on that page."""

    n: int
    article_id: str
    title: str
    source: str
    date: str
    url: str
    passage: str
    char_start: int
    char_end: int
    page: int | None = None


@dataclass
class Attribution:
    speaker: str  # as written in the article ("he", "Putin")
    speaker_name: str  # resolved to the fullest name the article gives
    quote: str
    cue: str
    citations: list[int]
    speaker_role: str = ""
    kind: str = ""  # direct | indirect | mixed
    article_id: str = ""


@dataclass
class Answer:
    text: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    notice: str = ""
    unverified: list[str] = field(default_factory=list)  # generated sentences that failed a citation check
    question: str = ""  # the standalone question answered (a follow-up, rewritten)
    answerer: str = "extractive"  # extractive | llm
    llm_reply: str = ""  # the model's own reply when it was not shown (it could not be checked): for debugging only

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
