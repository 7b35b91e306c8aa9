"""JSON articles: an object or a list of them (.json), one per line (.jsonl); a bad line spoils only itself."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import ArticleError
from .base import Article, decode, from_fields

__all__ = ["read", "read_lines"]


def read(path: Path | str, data: bytes) -> tuple[list[Article], list[ArticleError]]:
    """A .json file: one article object, or a list of them."""
    try:
        doc = json.loads(decode(path, data))
    except ArticleError as e:
        return [], [e]
    except json.JSONDecodeError as e:
        return [], [ArticleError(path, f"malformed JSON ({e.msg} at line {e.lineno})")]
    articles, problems = [], []
    for i, rec in enumerate(doc if isinstance(doc, list) else [doc], start=1):
        try:
            articles.append(from_fields(path, rec, i if isinstance(doc, list) else None))
        except ArticleError as e:
            problems.append(e)
    return articles, problems


def read_lines(path: Path | str, data: bytes) -> tuple[list[Article], list[ArticleError]]:
    """A .jsonl file: one article object per line."""
    try:
        raw = decode(path, data)
    except ArticleError as e:
        return [], [e]
    articles, problems = [], []
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            articles.append(from_fields(path, json.loads(line), n))
        except json.JSONDecodeError as e:
            problems.append(ArticleError(path, f"malformed JSON ({e.msg})", n))
        except ArticleError as e:
            problems.append(e)
    return articles, problems
