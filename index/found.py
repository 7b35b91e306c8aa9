"""A match-like record of named spans (speaker, cue, appositive, content) that a rule's function gives in place of
a regex match."""
from __future__ import annotations

__all__ = ["Found"]


class Found:
    """Match-like: group, start and end for sp, cue, app and content, offsets into the sentence."""

    re = None

    def __init__(self, spans: dict[str, tuple[int, int]], text: str):
        self._spans, self._text = spans, text

    @property
    def string(self) -> str:
        return self._text

    def __getitem__(self, name: str) -> str | None:
        return self.group(name)

    def group(self, name: str) -> str | None:
        s = self._spans.get(name)
        return self._text[s[0]:s[1]] if s else None

    def start(self, name: str) -> int:
        return self._spans[name][0]

    def end(self, name: str | None = None) -> int:
        """`end()`, as for a lead-in match: where the reported words start."""
        return self._spans[name][1] if name else self._spans["content"][0]

    def span(self, name: str) -> tuple[int, int]:
        return self._spans[name]

    def groupdict(self) -> dict:
        return {k: self.group(k) for k in self._spans}
