"""Load articles from files, folders and (only when given) web addresses, refusing bad ones by name."""
from __future__ import annotations

from pathlib import Path

from .errors import ArticleError
from .formats import SUFFIXES, read_file
from .formats.base import Article, content_id
from .formats.dates import iso_date, parse_dateline

__all__ = ["Article", "load_paths", "load_file", "SUFFIXES", "parse_dateline", "iso_date", "content_id"]

Found = tuple[list[Article], list[ArticleError]]


def _follow(follow: bool):
    if not follow:
        return None
    from .fetch import follow_link

    return follow_link


def load_file(path: str | Path, follow: bool = False) -> Found:
    """Articles in one file, and the problems found in it (a bad JSONL line or CSV row spoils only itself).

    `follow`: a feed's entries are read from the pages they link to (fetched), not from the feed's summaries."""
    return read_file(Path(path), _follow(follow))


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*")
                      if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
    return [path]


def _load_one(item, follow: bool) -> Found:
    """One item of load_paths: an Article, an http(s) address, a file or a folder."""
    if isinstance(item, Article):
        return [item], []
    from .fetch import is_url

    if is_url(item):
        from .fetch import load_url

        return load_url(item, follow)
    root = Path(item)
    if not root.exists():
        return [], [ArticleError(root, "no such file or folder")]
    articles, problems = [], []
    for f in _files(root):
        found, bad = load_file(f, follow)
        articles += found
        problems += bad
    return articles, problems


def load_paths(paths: list, follow: bool = False) -> Found:
    """Every article under the given files and folders (recursively) and at the given http(s) addresses (fetched:
    nothing else ever is), and every refusal. An Article among `paths` is taken as it is."""
    articles: dict[str, Article] = {}
    problems: list[ArticleError] = []
    for item in paths:
        found, bad = _load_one(item, follow)
        problems.extend(bad)
        for a in found:
            articles.setdefault(a.id, a)
    return list(articles.values()), problems
