"""One sentence read once for find_report, which asks the same questions of each of its prefixes (the words before each
reporting verb): where a search anchored at a prefix's end can start, and where the prefix's clauses start. Answered
from the last words of each prefix, not its whole length (issue 18: cue count x sentence length, quadratic)."""
from __future__ import annotations

import re
from bisect import bisect_left

__all__ = ["Prefixes"]

_TOKEN = re.compile(r"\S+")
_STOP = re.compile(r"[,;“”\"]")
# A word one of every share of a group holds (clauses.SHARE): '28 percent', 'one in ten', 'a third', 'most', 'those over'.
_SHARE_WORD = re.compile(r"(?=(?i:percent|%|in|third|quarter|fifth|half|majority|plurality|minority|most|those))")
_READ = 11  # non-space characters one try of the boundary reads at most in a row ('although' and the one after)


class Prefixes:
    """`boundary`: where a clause starts (clauses._BOUNDARY), scanned once over the whole sentence; each try of it reads
    at most three runs of spaces and, between them, stretches of at most _READ non-space characters."""

    def __init__(self, text: str, boundary: re.Pattern):
        self.text, self._boundary = text, boundary
        tokens = [m.span() for m in _TOKEN.finditer(text)]
        self._tokens, self._token_ends = [a for a, _ in tokens], [b for _, b in tokens]
        self._stops = [m.start() for m in _STOP.finditer(text)]
        self.commas = [m.start() for m in re.finditer(",", text)]
        self.who = [a for a, b in tokens if text[a:b] in ("who", "that")]  # where a relative clause can start
        self.shares = [m.start() for m in _SHARE_WORD.finditer(text)]
        self._ands = [m.start() for m in re.finditer(r"(?= and )", text)]
        found = [m.span() for m in boundary.finditer(text)]
        self._starts, self._ends = [a for a, _ in found], [b for _, b in found]

    def window(self, end: int, runs: int, stops: bool = False) -> int:
        """The earliest start of a match that ends at `end` and holds at most `runs` runs of whitespace (and, with
        `stops`, none of , ; “ ” "): every later word start is after a space, so an earlier start holds more runs."""
        i = bisect_left(self._tokens, end)
        start = self._tokens[i - runs - 1] if i > runs else 0
        if stops:
            j = bisect_left(self._stops, end)
            start = max(start, self._stops[j - 1] + 1 if j else 0)
        return start

    def holds_share(self, start: int, end: int) -> bool:
        """Whether text[start:end] holds a word every share of a group has."""
        i = bisect_left(self.shares, start)
        return i < len(self.shares) and self.shares[i] < end

    def last_and(self, end: int) -> int:
        """text[:end].rfind(" and ")."""
        i = bisect_left(self._ands, end - 4)
        return self._ands[i - 1] if i else -1

    def words_before(self, end: int, words: int) -> int:
        """Where the last `words` words before `end` start (0 when there are fewer)."""
        i = bisect_left(self._tokens, end)
        return self._tokens[i - words] if i >= words else 0

    def _barrier(self, end: int) -> int:
        """A place before `end` that no try of the boundary from before it reads past to `end`: four runs of spaces
        after it, or a stretch of more than _READ non-space characters; 0 when there is none."""
        i = bisect_left(self._tokens, end)
        for j in range(i - 1, max(i - 5, -1), -1):
            stretch = min(self._token_ends[j], end)
            if stretch - self._tokens[j] > _READ:
                return stretch - _READ - 1
        return self._tokens[i - 5] if i >= 5 else 0

    def ends(self, end: int, start: int = 0) -> list[int] | None:
        """The ends of the last four matches of boundary.finditer(text, start, end) (text[end - 1] is no space); None
        when `start` is inside a match of the whole sentence's scan. Its matches before a barrier are
        the prefix's (no try there reads as far as `end`, where the two differ); from the barrier (or the start of a
        match across it) on, the prefix is scanned."""
        s = bisect_left(self._starts, start)
        if s and self._ends[s - 1] > start:
            return None
        sync = self._barrier(end)
        k = bisect_left(self._starts, sync)  # the whole scan's matches that start before sync: [s, k)
        if k > s and self._ends[k - 1] > sync:
            k -= 1
            sync = self._starts[k]
        if sync <= start:
            k, sync = s, start
        tail = [m.end() for m in self._boundary.finditer(self.text, sync, end)]
        return (self._ends[max(s, k - 4):k] + tail)[-4:]
