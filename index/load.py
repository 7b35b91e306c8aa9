"""Load articles from files, folders and (only when given) web addresses, refusing bad ones by name: every file the
walk meets is either read or named with its reason, and every article passes index.validate (for a rebuild, an article
the index holds unchanged may pass it later, only if it is indexed again: see load_known)."""
from __future__ import annotations

import errno
import os
from dataclasses import fields
from pathlib import Path

from .errors import ArticleError, shown_path
from .formats import SUFFIXES, read_file
from .formats.base import Article, content_id
from .formats.dates import iso_date, parse_dateline
from .validate import Limits, checked

__all__ = ["Article", "Unchecked", "Limits", "load_paths", "load_known", "admitted", "load_file", "SUFFIXES",
           "parse_dateline", "iso_date", "content_id"]

Found = tuple[list[Article], list[ArticleError]]
_FIELDS = tuple(f.name for f in fields(Article))  # once: `fields()` per article was 0.04 s of loading the BBC file


class Unchecked(Article):
    """An article read exactly as the index holds it (its hash as read is the hash the index stored of it after
    validation), left unvalidated: `admitted` validates it if it is to be indexed again."""


def admitted(a: Article, limits: Limits) -> Article:
    """The article validated (cleaned), if it was left Unchecked; ArticleError when it does not pass."""
    if not isinstance(a, Unchecked):
        return a
    return checked(Article(**{name: getattr(a, name) for name in _FIELDS}), limits)


def _unchanged(a: Article, known: dict[str, str] | None, limits: Limits) -> Unchecked | None:
    """`a` as Unchecked when `known` (article id -> the hash the index holds) has it unchanged and it is within the
    size limit (which may have been lowered since); validation would only say again what it said then."""
    if not known or known.get(a.id) != a.hash or len(a.text.encode("utf-8", "surrogatepass")) > limits.article_bytes:
        return None
    return Unchecked(**{name: getattr(a, name) for name in _FIELDS} | {"path": shown_path(a.path)})


def _follow(follow: bool):
    if not follow:
        return None
    from .fetch import follow_link

    return follow_link


def _validated(found: list[Article], limits: Limits, known: dict[str, str] | None = None) -> Found:
    """The articles that pass index.validate (cleaned) or are held unchanged (Unchecked), and the refusals of the
    others."""
    ok, bad = [], []
    for a in found:
        try:
            ok.append(_unchanged(a, known, limits) or checked(a, limits))
        except ArticleError as e:
            bad.append(e)
    return ok, bad


def load_file(path: str | Path, follow: bool = False, limits: Limits | None = None) -> Found:
    """Articles in one file, and the problems found in it (a bad JSONL line or CSV row spoils only itself).

    `follow`: a feed's entries are read from the pages they link to (fetched), not from the feed's summaries;
    `limits`: file and article sizes, JSON bounds (default: Limits())."""
    return _load_file(path, follow, limits or Limits(), None)


def _load_file(path, follow: bool, limits: Limits, known: dict[str, str] | None) -> Found:
    found, problems = read_file(Path(path), _follow(follow), limits)
    ok, bad = _validated(found, limits, known)
    return ok, problems + bad


def _link_problem(p: Path) -> ArticleError:
    """Why a link can't be followed: it points nowhere, or round in a loop."""
    try:
        target = os.readlink(p)
    except OSError:
        target = "?"
    try:
        os.stat(p)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return ArticleError(p, f"a link loop (it points to {target}, which leads back to itself)")
        return ArticleError(p, f"a broken link (it points to {target}, which doesn't exist)")
    return ArticleError(p, "not a regular file")


def _walk(root: Path) -> Found:
    """Every file under `root` (names starting with '.' skipped), links to files and folders followed, a folder
    entered once (a second way into it is named as a link loop); what isn't a file is named with its reason."""
    files: list[Path] = []
    problems: list[ArticleError] = []
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                problems.append(ArticleError(folder, "a link loop (a link to a folder already read)"))
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            problems.append(ArticleError(folder, f"can't be read ({e.strerror or e})"))
            continue
        below = []
        for e in entries:
            if e.name.startswith("."):
                continue
            p = Path(e.path)
            try:
                if e.is_dir():
                    below.append(p)
                elif e.is_file():
                    files.append(p)
                else:
                    problems.append(_link_problem(p) if e.is_symlink() else ArticleError(p, "not a regular file"))
            except OSError as err:
                problems.append(_link_problem(p) if e.is_symlink() else
                                ArticleError(p, f"can't be read ({err.strerror or err})"))
        stack.extend(reversed(below))
    return files, problems


def _load_root(root: Path, follow: bool, limits: Limits, known: dict[str, str] | None) -> Found:
    if not os.path.lexists(root):
        return [], [ArticleError(root, "no such file or folder")]
    if root.is_dir():
        files, problems = _walk(root)
    elif root.is_file():
        files, problems = [root], []
    else:
        return [], [_link_problem(root) if root.is_symlink() else ArticleError(root, "not a regular file")]
    articles = []
    for f in files:
        found, bad = _load_file(f, follow, limits, known)
        articles += found
        problems += bad
    return articles, problems


def _load_one(item, follow: bool, limits: Limits, known: dict[str, str] | None) -> Found:
    """One item of load_paths: an Article, an http(s) address, a file or a folder. An Unchecked article (read by an
    earlier `load_known`, the CLI's) is passed on as it is: whoever indexes it validates it first (`admitted`)."""
    if isinstance(item, Unchecked):
        return [item], []
    if isinstance(item, Article):
        return _validated([item], limits, known)
    from .fetch import is_url

    if is_url(item):
        from .fetch import load_url

        found, bad = load_url(item, follow)
        ok, refused = _validated(found, limits, known)
        return ok, bad + refused
    return _load_root(Path(item), follow, limits, known)


def load_paths(paths: list, follow: bool = False, limits: Limits | None = None) -> Found:
    """Every article under the given files and folders (recursively) and at the given http(s) addresses (fetched:
    nothing else ever is), and every refusal. An Article among `paths` is checked like any other. Of two articles
    with one id, the first is kept and the second refused by name."""
    return load_known(paths, None, follow, limits)


def load_known(paths: list, known: dict[str, str] | None, follow: bool = False, limits: Limits | None = None) -> Found:
    """load_paths for a rebuild: `known` maps article ids to the hashes the index holds. An article whose hash as
    read equals its id's is returned Unchecked (not validated again: 0.5 s of the BBC corpus's 2,225 articles),
    and `admitted` must validate it before it is indexed again; any other article is validated as by load_paths."""
    limits = limits or Limits()
    articles: dict[str, Article] = {}
    problems: list[ArticleError] = []
    for item in paths:
        found, bad = _load_one(item, follow, limits, known)
        problems.extend(bad)
        for a in found:
            first = articles.setdefault(a.id, a)
            if first is not a and (first.path, first.line) != (a.path, a.line):  # not the same file given twice
                where = f"{first.path} line {first.line}" if first.line else first.path
                problems.append(ArticleError(a.path, f"id {a.id!r} also in {where}; kept the first", a.line))
    return list(articles.values()), problems
