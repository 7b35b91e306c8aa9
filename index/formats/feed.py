"""RSS and Atom feeds through feedparser (parsed from bytes): each entry an article; `follow` reads its page."""
from __future__ import annotations

import calendar
import re
import time
from pathlib import Path
from typing import Callable

from ..errors import ArticleError, WhosaidError
from .base import Article, content_id, need, url_id
from .dates import iso_date, parse_dateline
from .markup import strip_tags

__all__ = ["read", "looks_like_feed"]

Follow = Callable[[str], Article]  # an entry's link -> the article its page holds
_MANY = 5  # refused entries listed one by one; more are summed up in one line


def looks_like_feed(data: bytes) -> bool:
    """An XML document whose root is an RSS, RDF or Atom element."""
    head = data[:2048].lstrip().lower()
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def _date(entry) -> str:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(parsed)))
    return iso_date(entry.get("published") or entry.get("updated") or "")


def _body(entry) -> str:
    """The fullest text the entry carries: its content, else its summary, tags stripped."""
    contents = [c.get("value", "") for c in entry.get("content") or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return strip_tags(best if len(best) >= len(summary) else summary)


def _author(entry) -> str:
    """The author's name; RSS writes 'desk@example.org (Rosa Fenwick)' (parsed here: feedparser's reading of
    such an address cuts longer domains short)."""
    raw = (entry.get("author") or "").strip()
    m = re.match(r"^\S+@\S+\s*\((?P<name>[^)]+)\)$", raw)
    if m:
        return m["name"].strip()
    return raw if "@" not in raw else ((entry.get("author_detail") or {}).get("name") or "").strip()


def _followed(origin: str, source: str, entry, key: str, follow: Follow) -> Article:
    """The page an entry links to, with what the entry says filling what the page leaves out."""
    a = follow(entry["link"].strip())
    a.id, a.path, a.source = url_id(key), origin, a.source or source
    a.title, a.date = a.title or strip_tags(entry.get("title") or ""), a.date or _date(entry)
    if _author(entry):
        a.extra.setdefault("author", _author(entry))
    return a


def _entry(origin: str, source: str, n: int, entry, follow: Follow | None) -> Article:
    link, key = (entry.get("link") or "").strip(), (entry.get("id") or entry.get("link") or "").strip()
    if follow and link:
        return _followed(origin, source, entry, key, follow)
    title, text, author = strip_tags(entry.get("title") or ""), _body(entry), _author(entry)
    if not text:
        raise ArticleError(origin, f"entry {n} ({title or link or 'untitled'}) has no text")
    place, dateline_date = parse_dateline(text)
    return Article(id=url_id(key) if key else content_id(text), title=title or text.splitlines()[0][:80], text=text,
                   source=source, date=_date(entry) or dateline_date, url=link, place=place, path=origin,
                   extra={"author": author} if author else {})


def read(path: Path | str, data: bytes, follow: Follow | None = None) -> tuple[list[Article], list[ArticleError]]:
    """The entries of a feed (`data`, its bytes: never a string feedparser could take for an address)."""
    if not data.strip():
        return [], [ArticleError(path, "empty file")]
    feedparser = need("feedparser", "read RSS and Atom feeds")
    parsed = feedparser.parse(bytes(data), resolve_relative_uris=False, sanitize_html=True)
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        return [], [ArticleError(path, f"not a feed, or a feed with no entries{why}")]
    source = strip_tags(parsed.feed.get("title") or "")
    articles, problems = [], []
    for n, entry in enumerate(parsed.entries, start=1):
        try:
            articles.append(_entry(str(path), source, n, entry, follow))
        except ArticleError as e:
            problems.append(e if not follow else ArticleError(path, f"entry {n}: {e}"))
        except WhosaidError as e:
            problems.append(ArticleError(path, f"entry {n}: {e}"))
    return articles, _summed(path, problems)


def _summed(path, problems: list[ArticleError]) -> list[ArticleError]:
    """More than a few refused entries are one refusal naming how many (a feed of 10,000 empty items is one line)."""
    if len(problems) <= _MANY:
        return problems
    shown = "; ".join(p.reason for p in problems[:3])
    return [ArticleError(path, f"{len(problems):,} entries refused ({shown}; ...)")]
