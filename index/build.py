"""Make the index hold the articles under some paths: changed articles updated in place, guarded by a journal."""
from __future__ import annotations

import copy
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from . import embed_worker
from .embed import Embedder, get_embedder
from .batch import embedded, prepare_batch, send as batch_send, write_batch
from .errors import ArticleError, WhosaidError
from .load import Article, load_known
from .fingerprint import extractor_version
from .names import surname_key
from .state import Manifest, now_iso
from .store import ARTICLES, KINDS, SCHEMA, Store
from .validate import Limits

__all__ = ["BuildReport", "indexed_hashes", "rebuild", "remove", "surname_key"]

_BATCH = 32  # articles embedded together: enough texts for length-sorted batches, little lost to a kill
_DELETE_BATCH = 500


@dataclass
class BuildReport:
    home: str
    articles: int = 0
    added: int = 0
    changed: int = 0
    reused: int = 0
    removed: int = 0
    chunks: int = 0
    quotes: int = 0
    words: int = 0
    embedded_texts: int = 0
    seconds: float = 0.0
    full: bool = False  # every article indexed again (first build, or a new extractor, layout or model)
    refused: list[ArticleError] = field(default_factory=list)


def rebuild(paths: list, store: Store, embedder: Embedder | None = None, progress: bool = False,
            exact: bool = True, limits: Limits | None = None) -> BuildReport:
    """Make the index hold the articles under `paths` (with `exact=False`, add and update them, keeping the rest).

    New and changed articles are extracted and embedded; unchanged ones are not touched; removed ones are
    deleted. Each batch is written under a journal, so a rebuild killed at any moment leaves an index that
    answers, and the next rebuild redoes the batch it was writing. A first build, or one for a new extractor,
    record layout or model, is built beside the live index and switched in when complete. One rebuild runs at a
    time: another gets RebuildRunning. An article whose extraction fails, takes longer than
    `limits.extract_seconds`, or can't be embedded is refused by name (in report.refused) and the rest goes on.
    """
    started = time.perf_counter()
    embedder = embedder or get_embedder()
    limits = limits or Limits()
    articles, refused = load_known(paths, indexed_hashes(store), limits=limits)
    if not articles:
        raise WhosaidError("Nothing to index: no readable article in " + ", ".join(map(str, paths))
                           + (f" ({len(refused)} file(s) refused)" if refused else ""))
    report = BuildReport(home=store.where, refused=list(refused))
    with store.lock() as lock:
        store.recover()
        live = store.manifest() if store.exists() else None
        wanted = {"schema": SCHEMA, "extractor": extractor_version(), "model": embedder.name}
        if live is None or any(getattr(live, k) != v for k, v in wanted.items()):
            if live is not None and live.articles and not exact:
                raise WhosaidError(_FULL_DUE)
            new = _full(store, live, wanted, articles, embedder, lock, report, exact, progress, limits)
        else:
            follow = getattr(embedder, "for_index", None)  # new vectors sit with the index's (int8 with int8)
            new = _update(store, live, articles, follow(live.backend) if follow else embedder, lock, report, exact,
                          progress, limits)
    _less_refused(report, report.refused[len(refused):], live.articles if live else {}, len(articles))
    report.chunks, report.quotes, report.words = (new.counts[k] for k in ("chunks", "quotes", "words"))
    report.seconds = time.perf_counter() - started
    return report


def indexed_hashes(store: Store) -> dict[str, str]:
    """Article id -> hash, as the live index holds them ({} without an index): for `load_known`, which leaves the
    articles the index holds unchanged unvalidated (read before the lock: an article that another rebuild changes
    meanwhile is validated when it is indexed, see batch.prepare_batch)."""
    try:
        return {i: e.get("hash", "") for i, e in store.manifest().articles.items()} if store.exists() else {}
    except WhosaidError:  # no index, or one recovery will deal with: everything is validated
        return {}


_FULL_DUE = ("The index was built by another version of the extractor, record layout or model and must be "
             "indexed again in full: run `whosaid index rebuild PATH...` with all your articles (adding to it "
             "would keep only the new ones).")


def remove(article_ids: list[str], store: Store) -> BuildReport:
    """Take articles out of the index by id (under the lock and the journal, like a rebuild); unknown ids are
    ignored and reported as not removed."""
    started = time.perf_counter()
    report = BuildReport(home=store.where)
    with store.lock():
        store.recover()
        live = store.manifest()
        gone = sorted(set(article_ids) & set(live.articles))
        new = _in_place(store, live, [], gone, None, None, report, False) if gone else live
    report.removed, report.articles = len(gone), len(new.articles)
    report.chunks, report.quotes, report.words = (new.counts[k] for k in ("chunks", "quotes", "words"))
    report.seconds = time.perf_counter() - started
    return report


def _plan(catalog: dict, articles: list[Article], report: BuildReport, exact: bool) -> tuple[list[Article], list[str]]:
    """What to index and what to delete, against what the generation holds whole."""
    todo = [a for a in articles if catalog.get(a.id, {}).get("hash") != a.hash]
    gone = sorted(set(catalog) - {a.id for a in articles}) if exact else []
    report.added = sum(1 for a in todo if a.id not in catalog)
    report.changed = len(todo) - report.added
    report.reused, report.removed = len(articles) - len(todo), len(gone)
    return todo, gone


def _update(store, live, articles, embedder, lock, report, exact, progress, limits=None) -> Manifest:
    """Change the live generation in place."""
    todo, gone = _plan(live.articles, articles, report, exact)
    if not todo and not gone:
        return live  # nothing changed: not even the version moves
    return _in_place(store, live, todo, gone, embedder, lock, report, progress, limits)


def _in_place(store, live, todo, gone, embedder, lock, report, progress, limits=None) -> Manifest:
    """Write `todo` and delete `gone` in the live generation, the version moved before and after."""
    live = copy.copy(live)
    live.version += 1  # readers reload: the index is changing
    store.write_state(live, touched=[])
    _write(store, live.generation, live.articles, todo, gone, embedder, lock, report, progress, limits)
    store.save(live.generation)  # Chroma's log of the changes emptied before readers load them
    live.version += 1
    live.built_at = now_iso()
    if embedder is not None:
        live.backend = getattr(embedder, "backend", "")
    store.write_state(live, touched=[*gone, *(a.id for a in todo)])  # only these catalog entries read back
    # BM25 and the roster of the new version are made by its first reader, from the last version's saved parts and
    # the changed articles' records (a writer making them cost a fresh CLI process ~0.3-0.4 s: bench/RESULTS.md,
    # 2026-11-30 night; a reader, which imports bm25s anyway, ~0.1-0.2 s once per version).
    return store.manifest()


def _full(store, live, wanted, articles, embedder, lock, report, exact, progress, limits=None) -> Manifest:
    """Index everything into a new generation beside the live one (or go on with one a killed build left)."""
    report.full = True
    building = store.building()
    if building and {k: building.get(k) for k in wanted} == wanted and (live is None or
                                                                         building["generation"] != live.generation):
        gen = building["generation"]
    else:
        gen = max(store.generations() | {live.generation if live else 0}) + 1
        store.drop_generations(keep={live.generation} if live else set())
        store.set_building({"generation": gen, **wanted})
    for kind in (*KINDS, ARTICLES):  # all of them, even those no article fills
        store.collection(kind, gen, create=True)
    catalog = store.catalog(gen)
    todo, gone = _plan(catalog, articles, report, exact)
    before = live.articles if live else {}  # as a reader sees it: every article is indexed again
    report.added = sum(1 for a in articles if a.id not in before)
    report.changed, report.reused = len(articles) - report.added, 0
    report.removed = len(set(before) - {a.id for a in articles}) if exact else 0
    _write(store, gen, catalog, todo, gone, embedder, lock, report, progress, limits)
    store.save(gen)  # saved whole before it goes live: readers load it without Chroma's log
    new = Manifest(generation=gen, version=(live.version + 1) if live else 1, built_at=now_iso(),
                   backend=getattr(embedder, "backend", ""), **wanted, **({"uid": live.uid} if live else {}))
    store.write_state(new)
    store.set_building(None)
    store.drop_generations(keep={gen})
    store.derived()  # every record read once here, not by the first reader: a new generation has no saved parts
    return store.manifest()


def _write(store, gen, catalog, todo, gone, embedder, lock, report, progress, limits=None) -> None:
    """Delete `gone`, then index `todo` batch by batch, each batch under the journal."""
    for i in range(0, len(gone), _DELETE_BATCH):
        part = gone[i:i + _DELETE_BATCH]
        store.journal(gen, part)
        store.delete_articles(gen, part)
    if gone:
        store.journal(gen, [])
    bar = _bar(len(todo)) if progress and todo else None
    worker = embed_worker.start(embedder, len(todo))
    try:
        _batches(store, gen, catalog, todo, worker, embedder, lock, report, bar, limits or Limits())
    finally:
        if worker is not None:
            worker.close()
    if bar:
        bar.close()


def _batches(store, gen, catalog, todo, worker, embedder, lock, report, bar, limits) -> None:
    """Three stages at once: the next batch is extracted (a thread) and the last one written while this one is
    embedded (in the embedding process for a big job: embed_worker). This thread writes the batches in order, each
    under the journal."""
    batches = [todo[i:i + _BATCH] for i in range(0, len(todo), _BATCH)]
    with ThreadPoolExecutor(max_workers=1) as extractor:
        ahead = extractor.submit(prepare_batch, batches[0], embedder, limits) if batches else None
        last = None  # the batch embedded, to be written
        for n, batch in enumerate(batches):
            records, refused = ahead.result()
            if n + 1 < len(batches):
                ahead = extractor.submit(prepare_batch, batches[n + 1], embedder, limits)
            worker = batch_send(worker, records)
            if last:
                write_batch(store, gen, catalog, *last, lock, bar)
            records, vectors, worker = embedded(worker, records, embedder, refused)
            report.embedded_texts += len(vectors)
            report.refused += refused
            last = (batch, records, vectors)
        if last:
            write_batch(store, gen, catalog, *last, lock, bar)


def _less_refused(report: BuildReport, late: list[ArticleError], known: dict, total: int) -> None:
    """Counts without the articles refused while indexing (new ones off `added`, the others off `changed`)."""
    ids = {e.article_id for e in late}
    new = sum(1 for i in ids if i not in known)
    report.articles, report.added = total - len(ids), report.added - new
    report.changed -= len(ids) - new


def _bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="article", desc="Indexing")
