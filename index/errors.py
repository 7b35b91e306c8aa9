"""The one error tree: every message is written to be shown to a user as it is."""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["WhosaidError", "ArticleError", "NoIndexError", "StoreError", "IndexChanged", "RebuildRunning"]


def shown_path(path: str | Path) -> str:
    """A file name fit to print and store: bytes that aren't UTF-8 shown as \\xff escapes, never a
    UnicodeEncodeError."""
    s = str(path)
    try:
        return os.fsencode(s).decode("utf-8", "backslashreplace")
    except UnicodeError:  # a lone surrogate that no file name decoding made
        return s.encode("utf-8", "backslashreplace").decode("utf-8")


class WhosaidError(Exception):
    """Base of every error whosaid raises on purpose; str(error) is safe to show a user."""


class ArticleError(WhosaidError):
    """An article file (or one line of it) that can't be read; the rest of the work goes on."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None):
        self.path, self.reason, self.line = shown_path(path), reason, line
        where = f"{self.path} line {line}" if line else self.path
        super().__init__(f"{where}: {reason}")


class NoIndexError(WhosaidError):
    def __init__(self, home: str | Path):
        self.home = str(home)
        super().__init__(f"No index at {self.home}: run `whosaid index rebuild PATH`")


class StoreError(WhosaidError):
    """The vector store could not be reached or read."""


class IndexChanged(StoreError):
    """A rebuild changed or switched what a question was reading; asking again reads the new index."""

    def __init__(self, where: str):
        super().__init__(f"The index at {where} changed while it was being read: ask again")


class RebuildRunning(WhosaidError):
    """Another rebuild holds the index; one runs at a time."""

    def __init__(self, started: str, holder: str):
        self.started, self.holder = started, holder  # holder: "pid 1234 on HOST"
        super().__init__(f"A rebuild is already running ({holder}, started at {started}); try again when it ends")
