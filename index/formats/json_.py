"""JSON articles: an object or a list of them (.json), one per line (.jsonl); a bad line spoils only itself."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import ArticleError
from ..validate import MB, JsonLimit, Limits, parse_json
from .base import Article, decode, from_fields

__all__ = ["read", "read_lines"]

_ESCAPED = 6  # a character written as \uXXXX takes 6: no line holding a text within the limit is longer
Found = tuple[list[Article], list[ArticleError]]


def read(path: Path | str, data: bytes, limits: Limits | None = None) -> Found:
    """A .json file: one article object, or a list of them."""
    try:
        doc = parse_json(decode(path, data), limits or Limits())
    except ArticleError as e:
        return [], [e]
    except JsonLimit as e:
        return [], [ArticleError(path, f"refused JSON: {e}")]
    except json.JSONDecodeError as e:
        return [], [ArticleError(path, f"malformed JSON ({e.msg} at line {e.lineno})")]
    if doc == []:
        return [], [ArticleError(path, "no articles (an empty list)")]
    articles, problems = [], []
    for i, rec in enumerate(doc if isinstance(doc, list) else [doc], start=1):
        try:
            articles.append(from_fields(path, rec, i if isinstance(doc, list) else None))
        except ArticleError as e:
            problems.append(e)
    return articles, problems


def _line(path, n: int, line: str, limits: Limits) -> Article:
    most = limits.article_bytes * _ESCAPED
    if len(line) > most:  # not parsed at all; the text itself is bounded again, in bytes, by index.validate
        raise ArticleError(path, f"line longer than {most / MB:g} MB: split it or raise WHOSAID_MAX_ARTICLE_MB", n)
    try:
        return from_fields(path, parse_json(line, limits), n)
    except JsonLimit as e:
        raise ArticleError(path, f"refused JSON: {e}", n) from None
    except json.JSONDecodeError as e:
        raise ArticleError(path, f"malformed JSON ({e.msg})", n) from None


def read_lines(path: Path | str, data: bytes, limits: Limits | None = None) -> Found:
    """A .jsonl file: one article object per line. Lines end at \\n only (a raw U+2028, U+2029 or U+0085 inside a
    string is valid JSON); a \\r before it is dropped."""
    try:
        raw = decode(path, data)
    except ArticleError as e:
        return [], [e]
    articles, problems = [], []
    for n, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            articles.append(_line(path, n, line.removesuffix("\r"), limits or Limits()))
        except ArticleError as e:
            problems.append(e)
    return articles, problems
