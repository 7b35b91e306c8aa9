"""The CLI's index commands: rebuild, add, remove, status, check (parsed in app/cli.py)."""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import WhosaidError

__all__ = ["plural"]


def plural(n: int, word: str) -> str:
    """'1 article', '2 articles', '1,234 passages'."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _load(args, out, store=None):
    """The articles under the paths and addresses given, refusals listed; none at all is an error. Those `store`
    holds unchanged are not validated again (0.5-1 s of a one-article update of the BBC corpus)."""
    from index.build import indexed_hashes
    from index.load import load_known

    from .config import load_config

    known = indexed_hashes(store) if store is not None else None
    articles, refused = load_known(args.paths, known, follow=args.follow, limits=load_config().limits)
    if not articles:
        _refusals(refused, out)
        raise WhosaidError("Nothing to index: no readable article in " + ", ".join(map(str, args.paths))
                           + (f" ({plural(len(refused), 'file')} refused)" if refused else ""))
    return articles, refused


def _refusals(refused, out) -> None:
    if refused:
        print(f"Refused {len(refused)}:", file=out)
        for e in refused:
            print(f"  {e}", file=out)


def _build(args, out, exact: bool):
    from index import rebuild

    from .stores import open_store
    from .config import load_config

    store = open_store(getattr(args, "home", None))
    articles, refused = _load(args, out, store)
    r = rebuild(articles, store, progress=not args.no_progress and sys.stderr.isatty(), exact=exact,
                limits=load_config().limits)
    r.refused = refused + r.refused
    return r, store


def _rebuild(args, out) -> int:
    r, _ = _build(args, out, exact=True)
    rate = r.words / r.seconds if r.seconds else 0
    how = "indexed again in full" if r.full else "updated in place"
    print(f"Indexed {plural(r.articles, 'article')} ({r.added:,} new, {r.changed:,} changed, {r.reused:,} unchanged, "
          f"{r.removed:,} removed; {how}): {plural(r.chunks, 'passage')}, {plural(r.quotes, 'quote')}, "
          f"{plural(r.words, 'word')} in {r.seconds:.1f} s ({rate:,.0f} words/s).", file=out)
    if r.removed:
        print(f"{plural(r.removed, 'article')} not in these paths {'was' if r.removed == 1 else 'were'} removed "
              "from the index.", file=out)
    _refusals(r.refused, out)
    print(f"Index: {r.home}", file=out)
    return 0


def _add(args, out) -> int:
    r, store = _build(args, out, exact=False)
    held = store.manifest().counts["articles"]
    print(f"Added {plural(r.articles, 'article')} ({r.added:,} new, {r.changed:,} changed, {r.reused:,} unchanged) "
          f"in {r.seconds:.1f} s; the index holds {plural(held, 'article')}: {plural(r.chunks, 'passage')}, "
          f"{plural(r.quotes, 'quote')}.", file=out)
    _refusals(r.refused, out)
    print(f"Index: {r.home}", file=out)
    return 0


def _from_path(target: str, catalog: dict) -> set[str]:
    """The ids a file or folder yields now, and those the index recorded as read from it (even if since changed)."""
    from index import load_paths

    root = Path(target).resolve()
    ids = {a.id for a in load_paths([target])[0]} if root.exists() else set()
    for article_id, entry in catalog.items():
        path = entry.get("path") or ""
        if path and "://" not in path and (Path(path).resolve() == root or root in Path(path).resolve().parents):
            ids.add(article_id)
    return ids


def _targets(targets: list[str], catalog: dict) -> tuple[set[str], list[str]]:
    """Article ids for each ID|PATH|URL (nothing is fetched), and the targets that name no indexed article."""
    from index.fetch import is_url
    from index.formats.base import url_id

    ids, unknown = set(), []
    for t in targets:
        if t in catalog:
            found = {t}
        elif is_url(t):
            found = {i for i, e in catalog.items() if e.get("path") == t} | ({url_id(t)} & set(catalog))
        else:  # a file or folder, or one since deleted that the index still records
            found = _from_path(t, catalog) & set(catalog)
        ids |= found
        if not found:
            unknown.append(t)
    return ids, unknown


def _remove(args, out) -> int:
    from index import remove

    from .stores import open_store

    store = open_store(getattr(args, "home", None))
    catalog = store.manifest().articles
    ids, unknown = _targets(args.targets, catalog)
    if not ids:
        raise WhosaidError("Nothing removed: no article in the index is, or was read from, "
                           + ", ".join(args.targets))
    if ids >= set(catalog):
        raise WhosaidError(f"Nothing removed: that is every article in the index; to start again, delete "
                           f"{store.where} or run `whosaid index rebuild PATH`")
    r = remove(sorted(ids), store)
    print(f"Removed {plural(r.removed, 'article')}; the index holds {plural(r.articles, 'article')}: "
          f"{plural(r.chunks, 'passage')}, {plural(r.quotes, 'quote')}.", file=out)
    if unknown:
        print(f"Not in the index: {', '.join(unknown)}", file=out)
    print(f"Index: {r.home}", file=out)
    return 0


def _size(n: int) -> str:
    """'812 KB', '21.4 MB'."""
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return ""


def _running(store) -> str:
    held = store.lock().holder()
    return f"pid {held['pid']} on {held['host']}, started at {held['started']}" if held else "none"


def _status(args, out) -> int:
    from .stores import open_store

    store = open_store(getattr(args, "home", None))
    m = store.manifest()
    c = m.counts
    disk = _size(store.disk_size()) + (" (caches only; the records are on the server)" if store.chroma_host else "")
    for label, value in (("Index", store.where), ("Built", m.built_at), ("Articles", f"{c['articles']:,}"),
                         ("Passages", f"{c['chunks']:,}"), ("Quotes", f"{c['quotes']:,}"),
                         ("Words", f"{c['words']:,}"), ("Model", f"{m.model} ({m.backend or 'backend not recorded'})"),
                         ("Version", f"generation {m.generation}, version {m.version}"), ("Disk", disk),
                         ("Rebuild", _running(store))):
        print(f"{label + ':':<10}{value}", file=out)
    return 0


def _check(args, out) -> int:
    """The store against the manifest: exit 0 when they agree, 1 (with what to do) when they don't."""
    from index.check import check

    from .stores import open_store

    store = open_store(getattr(args, "home", None))
    found = check(store)
    print(f"Index: {store.where} (generation {found.generation})", file=out)
    for kind in found.held:
        mark = "ok" if found.held[kind] == found.catalog[kind] else "DISAGREES"
        print(f"  {kind:<9} store {found.held[kind]:>9,}   catalog {found.catalog[kind]:>9,}   {mark}", file=out)
    for note in found.notes:
        print(f"  note: {note}", file=out)
    running = _running(store)
    if running != "none":
        print(f"  a rebuild is running ({running}): check again when it ends", file=out)
    if found.ok:
        print("The store and the manifest agree.", file=out)
        return 0
    for problem in found.problems:
        print(f"  problem: {problem}", file=out)
    print("To repair: run `whosaid index rebuild PATH` (it removes what the catalog doesn't hold and indexes again "
          "the articles whose records are incomplete).", file=out)
    return 1
