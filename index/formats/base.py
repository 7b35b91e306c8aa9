"""What every reader shares: the Article record, its ids, record fields to an Article, and the extras' import."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from ..errors import ArticleError, WhosaidError
from ..validate import clean_text, id_field, text_field
from .dates import iso_date, parse_dateline

__all__ = ["Article", "MissingExtra", "content_id", "url_id", "from_fields", "need", "decode", "one_article", "FIELDS"]

FIELDS = ("id", "title", "source", "date", "url", "text")  # the fields of a JSON record or a CSV row


@dataclass
class Article:
    id: str
    title: str
    text: str
    source: str = ""
    date: str = ""
    url: str = ""
    place: str = ""
    path: str = ""
    # anything else the source gave: "author"; "page_starts", the offset in `text` where each page begins (PDF)
    extra: dict = field(default_factory=dict, repr=False)
    line: int | None = field(default=None, repr=False, compare=False)  # its line in a JSONL/CSV file, for messages

    @property
    def hash(self) -> str:
        """Content hash: an article whose hash is unchanged need not be indexed again."""
        blob = json.dumps([self.title, self.text, self.source, self.date, self.url, self.place])
        return hashlib.sha256(blob.encode()).hexdigest()[:24]

    @property
    def words(self) -> int:
        return len(self.text.split())


def content_id(text: str) -> str:
    """The id of an article known only by its text."""
    return "a-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def url_id(key: str) -> str:
    """The id of an article known by its address (or a feed's guid): a new version of the page replaces the old."""
    return "u-" + hashlib.sha256(key.strip().encode("utf-8", "surrogatepass")).hexdigest()[:16]


def from_fields(path: str | Path, rec: object, line: int | None) -> Article:
    """A JSON object or a CSV row (`id, title, source, date, url, text`, others kept in `extra`) as an Article: each
    field text (a number as written; a list, object or true/false refused), cleaned by index.validate."""
    if not isinstance(rec, dict):
        raise ArticleError(path, "expected a JSON object with a 'text' field", line)
    if not isinstance(rec.get("text"), str):
        raise ArticleError(path, "no text" if rec.get("text") in (None, "") else "field 'text' must be text", line)
    text = clean_text(rec["text"])
    if not text.strip():
        raise ArticleError(path, "no text", line)
    title, source, date, url = (text_field(path, rec, k, line) for k in ("title", "source", "date", "url"))
    place, dateline_date = parse_dateline(text)
    return Article(
        id=id_field(path, rec, line) or content_id(text),
        title=title.strip() or text.strip().splitlines()[0][:80],
        text=text,
        source=source,
        date=iso_date(date) or dateline_date,
        url=url,
        place=place,
        path=str(path),
        extra={k: v for k, v in rec.items() if k not in FIELDS},
        line=line,
    )


class MissingExtra(WhosaidError):
    """A format or a URL that needs one of the `ingest` extras, which is not installed."""


def need(module: str, what: str):
    """Import one of the `ingest` extras, or say how to get it (never an ImportError's traceback)."""
    try:
        return import_module(module)
    except ImportError:
        raise MissingExtra(f"install whosaid[ingest] to {what} ({module} is not installed)") from None


def decode(path: str | Path, data: bytes) -> str:
    """Bytes of a text format as str, or the reason they are not text."""
    if not data.strip():
        raise ArticleError(path, "empty file")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ArticleError(path, "not UTF-8 text") from None
    if "\x00" in raw:
        raise ArticleError(path, "binary data, not text")
    return raw


def one_article(parse):
    """read(path, data, url) for a format holding one article a file: an empty file, or one `parse` refuses, is
    refused by name."""
    def read(path: Path | str, data: bytes, url: str = "") -> tuple[list[Article], list[ArticleError]]:
        if not data.strip():
            return [], [ArticleError(path, "empty file")]
        try:
            return [parse(path, data, url)], []
        except ArticleError as e:
            return [], [e]
    return read
