"""Load article files (.txt, .md, .json, .jsonl) into Article records, refusing bad ones by name."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ArticleError

__all__ = ["Article", "load_paths", "load_file", "SUFFIXES"]

SUFFIXES = (".txt", ".md", ".json", ".jsonl")

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'’\- ]+(?:,\s*[A-Z][A-Za-z.'’\- ]+)?),\s+"
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?P<day>\d{1,2})"
    r"(?:,\s*(?P<year>\d{4}))?\s*(?:\([^)]*\)\s*)?[—–-]{1,2}\s"
)
_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


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
    extra: dict = field(default_factory=dict, repr=False)

    @property
    def hash(self) -> str:
        """Content hash: an article whose hash is unchanged need not be indexed again."""
        blob = json.dumps([self.title, self.text, self.source, self.date, self.url, self.place])
        return hashlib.sha256(blob.encode()).hexdigest()[:24]

    @property
    def words(self) -> int:
        return len(self.text.split())


def _content_id(text: str) -> str:
    return "a-" + hashlib.sha256(text.encode()).hexdigest()[:16]


def parse_dateline(text: str) -> tuple[str, str]:
    """'MOSCOW, September 5 — ...' gives ('Moscow', 'September 5'); with a year, an ISO date."""
    m = _DATELINE.match(text)
    if not m:
        return "", ""
    place = m["place"].strip().title()
    month, day = m["month"], int(m["day"])
    if m["year"]:
        return place, f"{m['year']}-{_MONTHS[month[:3].lower()]:02d}-{day:02d}"
    return place, f"{month} {day}"


def _from_plain(path: Path, raw: str) -> Article:
    """Title from the first line ('# Heading' in Markdown) unless it already opens the story."""
    text = raw.strip()
    head, _, rest = text.partition("\n")
    is_heading = head.startswith("#") or (path.suffix.lower() == ".txt" and rest.strip()
                                           and not parse_dateline(head)[0] and len(head) < 200)
    title = head.lstrip("#").strip() if is_heading else ""
    if is_heading:
        text = rest.strip()
    if not text:
        raise ArticleError(path, "no text")
    place, date = parse_dateline(text)
    title = title or path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    return Article(id=_content_id(text), title=title, text=text, date=date, place=place, path=str(path))


def _from_record(path: Path, rec: object, line: int | None) -> Article:
    if not isinstance(rec, dict):
        raise ArticleError(path, "expected a JSON object with a 'text' field", line)
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ArticleError(path, "no text", line)
    place, dateline_date = parse_dateline(text)
    known = {"id", "title", "source", "date", "url", "text"}
    return Article(
        id=str(rec.get("id") or _content_id(text)),
        title=str(rec.get("title") or "").strip() or text.strip().splitlines()[0][:80],
        text=text,
        source=str(rec.get("source") or ""),
        date=str(rec.get("date") or dateline_date or ""),
        url=str(rec.get("url") or ""),
        place=place,
        path=str(path),
        extra={k: v for k, v in rec.items() if k not in known},
    )


def load_file(path: str | Path) -> tuple[list[Article], list[ArticleError]]:
    """Articles in one file, and the problems found in it (a bad JSONL line spoils only itself)."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        return [], [ArticleError(path, f"not an article file (expected {', '.join(SUFFIXES)})")]
    try:
        data = path.read_bytes()
    except OSError as e:
        return [], [ArticleError(path, f"can't be read ({e.strerror or e})")]
    if not data.strip():
        return [], [ArticleError(path, "empty file")]
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [ArticleError(path, "not UTF-8 text")]
    if "\x00" in raw:
        return [], [ArticleError(path, "binary data, not text")]
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):
        try:
            return [_from_plain(path, raw)], []
        except ArticleError as e:
            return [], [e]
    articles: list[Article] = []
    problems: list[ArticleError] = []
    if suffix == ".json":
        try:
            doc = json.loads(raw)
        except json.JSONDecodeError as e:
            return [], [ArticleError(path, f"malformed JSON ({e.msg} at line {e.lineno})")]
        for i, rec in enumerate(doc if isinstance(doc, list) else [doc], start=1):
            try:
                articles.append(_from_record(path, rec, i if isinstance(doc, list) else None))
            except ArticleError as e:
                problems.append(e)
        return articles, problems
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            articles.append(_from_record(path, json.loads(line), n))
        except json.JSONDecodeError as e:
            problems.append(ArticleError(path, f"malformed JSON ({e.msg})", n))
        except ArticleError as e:
            problems.append(e)
    return articles, problems


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*")
                      if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
    return [path]


def load_paths(paths: list[str | Path]) -> tuple[list[Article], list[ArticleError]]:
    """Every article under the given files and folders (recursively), and every refusal."""
    articles: dict[str, Article] = {}
    problems: list[ArticleError] = []
    for root in map(Path, paths):
        if not root.exists():
            problems.append(ArticleError(root, "no such file or folder"))
            continue
        for f in _files(root):
            found, bad = load_file(f)
            problems.extend(bad)
            for a in found:
                articles.setdefault(a.id, a)
    return list(articles.values()), problems

