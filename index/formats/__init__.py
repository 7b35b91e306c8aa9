"""Article readers, one module per format; this module picks one by file suffix or by a fetched page's kind."""
from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Callable

from ..errors import ArticleError
from .base import Article, MissingExtra

__all__ = ["Article", "SUFFIXES", "KIND_OF_SUFFIX", "read_file", "read_bytes"]

KIND_OF_SUFFIX = {
    ".txt": "text", ".md": "text", ".json": "json", ".jsonl": "jsonl", ".csv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".rss": "feed", ".atom": "feed", ".xml": "feed", ".pdf": "pdf",
}
SUFFIXES = tuple(KIND_OF_SUFFIX)

Found = tuple[list[Article], list[ArticleError]]


def read_bytes(origin: str | Path, data: bytes, kind: str, url: str = "",
               follow: Callable[[str], Article] | None = None) -> Found:
    """The articles in `data`, read as `kind` (a value of KIND_OF_SUFFIX); `origin` names it in refusals,
    `url` is where it was fetched from; `follow`, given, reads the page each feed entry links to."""
    try:
        if kind == "text":
            return import_module(".text", __name__).read(origin, data)
        if kind in ("json", "jsonl"):
            json_ = import_module(".json_", __name__)
            return (json_.read if kind == "json" else json_.read_lines)(origin, data)
        if kind == "csv":
            return import_module(".csv_", __name__).parse_bytes(str(origin), data)
        if kind == "feed":
            return import_module(".feed", __name__).read(origin, data, follow)
        if kind in ("html", "pdf"):
            return import_module(f".{kind}", __name__).read(origin, data, url)
    except MissingExtra as e:
        return [], [ArticleError(origin, str(e))]
    return [], [ArticleError(origin, f"not an article file (expected {', '.join(SUFFIXES)})")]


def read_file(path: Path, follow: Callable[[str], Article] | None = None) -> Found:
    """The articles in one file, chosen by its suffix (a CSV is read row by row, never whole)."""
    kind = KIND_OF_SUFFIX.get(path.suffix.lower())
    if kind is None:
        return [], [ArticleError(path, f"not an article file (expected {', '.join(SUFFIXES)})")]
    if kind == "csv":
        return import_module(".csv_", __name__).read(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        return [], [ArticleError(path, f"can't be read ({e.strerror or e})")]
    return read_bytes(path, data, kind, follow=follow)
