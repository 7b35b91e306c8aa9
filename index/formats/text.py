"""Plain-text and Markdown articles: title line, body, dateline, and an optional front-matter block."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import ArticleError
from .base import Article, content_id, decode
from .dates import iso_date, parse_dateline, with_year

__all__ = ["read", "parse"]

_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$")
_META = {"title", "source", "date", "url", "year"}


def front_matter(raw: str) -> tuple[dict, str]:
    """'---\\ndate: 2016-09-05\\nsource: Wire\\n---\\n' at the top: its `key: value` lines, and the rest."""
    m = _FRONT.match(raw)
    if not m:
        return {}, raw
    meta = {}
    for line in m["body"].splitlines():
        f = _FIELD.match(line)
        if f and f["key"].lower() in _META:
            meta[f["key"].lower()] = f["value"].strip("'\"")
    return meta, raw[m.end():]


def parse(path: str | Path, raw: str) -> Article:
    """Title from the first line ('# Heading' in Markdown) unless it already opens the story."""
    origin, path = str(path), Path(path)
    meta, raw = front_matter(raw)
    text = raw.strip()
    head, _, rest = text.partition("\n")
    is_heading = head.startswith("#") or (path.suffix.lower() != ".md" and rest.strip()
                                           and not parse_dateline(head)[0] and len(head) < 200)
    title = head.lstrip("#").strip() if is_heading else ""
    if is_heading:
        text = rest.strip()
    if not text:
        raise ArticleError(origin, "no text")
    place, date = parse_dateline(text)
    known = iso_date(meta.get("date", "")) or meta.get("year", "")
    date = with_year(date, known) if date else iso_date(meta.get("date", ""))
    title = meta.get("title") or title or path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    return Article(id=content_id(text), title=title, text=text, source=meta.get("source", ""), date=date,
                   url=meta.get("url", ""), place=place, path=origin)


def read(path: Path | str, data: bytes) -> tuple[list[Article], list[ArticleError]]:
    try:
        return [parse(path, decode(path, data))], []
    except ArticleError as e:
        return [], [e]
