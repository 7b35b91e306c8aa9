"""The Quote record: one attribution with its speaker, cue, content and char spans."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

__all__ = ["Quote"]


@dataclass
class Quote:
    """One attribution. Spans are (start, end) char offsets into the article text."""

    speaker: str  # as written: "he", "Putin", "Russian President Vladimir Putin"
    speaker_name: str  # resolved to the fullest name the article gives
    speaker_role: str
    speaker_type: str  # person | org | group | pronoun | nominal
    cue: str
    content: str
    kind: str  # direct | indirect | mixed
    content_spans: list[tuple[int, int]]
    speaker_span: tuple[int, int] | None = None
    cue_span: tuple[int, int] | None = None
    article_id: str = ""
    extra: dict = field(default_factory=dict, repr=False)

    @property
    def start(self) -> int:
        return min([self.content_spans[0][0]] + [s[0] for s in (self.speaker_span, self.cue_span) if s])

    @property
    def end(self) -> int:
        return max([self.content_spans[-1][1]] + [s[1] for s in (self.speaker_span, self.cue_span) if s])

    def to_dict(self) -> dict:
        return asdict(self)
