"""CSV articles: a header naming `id, title, source, date, url, text` (text required), rows read one at a time."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import ArticleError
from .base import FIELDS, Article, from_fields

__all__ = ["read", "parse", "parse_bytes"]

_FIELD_LIMIT = 64 * 1024 * 1024  # one article's text may be long; a 64 MB field is a broken file, not an article


def _raise_field_limit() -> None:
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)


def _header(path: Path | str, reader: csv.DictReader) -> None:
    names = reader.fieldnames
    if not names:
        raise ArticleError(path, "empty file")
    reader.fieldnames = [(n or "").strip().lower() for n in names]
    if "text" not in reader.fieldnames:
        shown = ", ".join(n for n in reader.fieldnames if n)[:200] or "nothing"
        raise ArticleError(path, f"no 'text' column: the first row must be a header naming {', '.join(FIELDS)} "
                                 f"(it names {shown})")


def parse(path: Path | str, lines) -> tuple[list[Article], list[ArticleError]]:
    """Articles in CSV text (`lines`: an open text file or any iterable of lines), the bad rows named by line."""
    _raise_field_limit()
    reader = csv.DictReader(lines, restkey="_overflow")
    articles, problems = [], []
    try:
        _header(path, reader)
        for row in reader:
            row.pop("_overflow", None)
            row = {k: v for k, v in row.items() if k and v is not None}
            try:
                articles.append(from_fields(path, row, reader.line_num))
            except ArticleError as e:
                problems.append(e)
    except ArticleError as e:
        problems.append(e)
    except csv.Error as e:
        problems.append(ArticleError(path, f"malformed CSV ({e})", reader.line_num))
    except UnicodeDecodeError:
        problems.append(ArticleError(path, "not UTF-8 text", reader.line_num or None))
    return articles, problems


def read(path: Path) -> tuple[list[Article], list[ArticleError]]:
    """A .csv file, streamed from disk row by row."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return parse(path, f)
    except OSError as e:
        return [], [ArticleError(path, f"can't be read ({e.strerror or e})")]


def parse_bytes(path: str, data: bytes) -> tuple[list[Article], list[ArticleError]]:
    """CSV fetched from a URL."""
    return parse(path, io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""))
