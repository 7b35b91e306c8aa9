"""Article readers, one module per format; this module picks one by file suffix or by a fetched page's kind."""
from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Callable

from ..errors import ArticleError
from ..validate import MB, Limits, clean_text
from .base import Article, MissingExtra

__all__ = ["Article", "SUFFIXES", "KIND_OF_SUFFIX", "read_file", "read_bytes"]

KIND_OF_SUFFIX = {
    ".txt": "text", ".md": "text", ".json": "json", ".jsonl": "jsonl", ".csv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".rss": "feed", ".atom": "feed", ".xml": "feed", ".pdf": "pdf",
}
SUFFIXES = tuple(KIND_OF_SUFFIX)

Found = tuple[list[Article], list[ArticleError]]


def _too_big(origin, size: int, limits: Limits) -> ArticleError | None:
    if size <= limits.file_bytes:
        return None
    return ArticleError(origin, f"larger than {limits.file_bytes / MB:g} MB ({size / MB:.1f} MB): split it or raise "
                                "WHOSAID_MAX_FILE_MB")


def read_bytes(origin: str | Path, data: bytes, kind: str, url: str = "",
               follow: Callable[[str], Article] | None = None, limits: Limits | None = None) -> Found:
    """The articles in `data`, read as `kind` (a value of KIND_OF_SUFFIX); `origin` names it in refusals,
    `url` is where it was fetched from; `follow`, given, reads the page each feed entry links to."""
    limits = limits or Limits()
    big = _too_big(origin, len(data), limits)
    if big:
        return [], [big]
    try:
        if kind == "text":
            return import_module(".text", __name__).read(origin, data)
        if kind in ("json", "jsonl"):
            json_ = import_module(".json_", __name__)
            return (json_.read if kind == "json" else json_.read_lines)(origin, data, limits)
        if kind == "csv":
            return import_module(".csv_", __name__).parse_bytes(str(origin), data)
        if kind == "feed":
            return import_module(".feed", __name__).read(origin, data, follow)
        if kind in ("html", "pdf"):
            return import_module(f".{kind}", __name__).read(origin, data, url)
    except MissingExtra as e:
        return [], [ArticleError(origin, str(e))]
    except Exception as e:  # a reader's library choking on hostile bytes spoils this file only
        return [], [ArticleError(origin, f"can't be read ({type(e).__name__}: {clean_text(str(e))[:200]})")]
    return [], [ArticleError(origin, f"not an article file (expected {', '.join(SUFFIXES)})")]


def read_file(path: Path, follow: Callable[[str], Article] | None = None, limits: Limits | None = None) -> Found:
    """The articles in one file, chosen by its suffix; a file over the size limit is refused unread, except a CSV,
    which is read row by row, never whole (each row's text is bounded as an article)."""
    limits = limits or Limits()
    kind = KIND_OF_SUFFIX.get(path.suffix.lower())
    if kind is None:
        return [], [ArticleError(path, f"not an article file (expected {', '.join(SUFFIXES)})")]
    if kind == "csv":
        return import_module(".csv_", __name__).read(path)
    try:
        big = _too_big(path, path.stat().st_size, limits)
        if big:
            return [], [big]
        data = path.read_bytes()
    except OSError as e:
        return [], [ArticleError(path, f"can't be read ({e.strerror or e})")]
    return read_bytes(path, data, kind, follow=follow, limits=limits)
