"""Make the index hold the articles under some paths: changed articles updated in place, guarded by a journal."""
from __future__ import annotations

import copy
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .bounded import TimedOut, within
from . import embed_worker
from .embed import Embedder, get_embedder
from .errors import ArticleError, WhosaidError
from .load import Article, admitted, load_known
from .fingerprint import extractor_version
from .names import surname_key
from .state import Manifest, now_iso
from .store import ARTICLES, CONTEXTS, KINDS, PASSAGES, QUOTES, SCHEMA, Store
from .validate import Limits, clean_text

if TYPE_CHECKING:  # the extraction code is imported only when an article is extracted (_prepare)
    from .records import ArticleRecords

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
    meanwhile is validated when it is indexed, see _prepare)."""
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
    batches = [todo[i:i + _BATCH] for i in range(0, len(todo), _BATCH)]
    limits = limits or Limits()
    # Three stages at once: the next batch is extracted (a thread) and the last one written while this one is
    # embedded (in a child process for a big job: embed_worker). The batches are written in order, each under the
    # journal, by this thread.
    worker = embed_worker.start(embedder, len(todo))
    try:
        with ThreadPoolExecutor(max_workers=1) as extractor:
            ahead = extractor.submit(_prepare, batches[0], embedder, limits) if batches else None
            last = None  # the batch embedded, to be written
            for n, batch in enumerate(batches):
                records, refused = ahead.result()
                ahead = extractor.submit(_prepare, batches[n + 1], embedder, limits) if n + 1 < len(batches) else None
                worker = _send(worker, records)
                if last:
                    _write_batch(store, gen, catalog, *last, lock, report, bar)
                records, vectors, worker = _embedded(worker, records, embedder, refused)
                report.embedded_texts += len(vectors)
                report.refused += refused
                last = (batch, records, vectors)
            if last:
                _write_batch(store, gen, catalog, *last, lock, report, bar)
    finally:
        if worker is not None:
            worker.close()
    if bar:
        bar.close()


def _send(worker, records: list[ArticleRecords]):
    """The batch's texts to the embedding process; the worker, or None if it has gone (then this process embeds)."""
    if worker is not None:
        try:
            worker.send([t for r in records for t in r.texts()])
        except (OSError, ValueError):
            worker.close()
            return None
    return worker


def _embedded(worker, records: list[ArticleRecords], embedder: Embedder, refused: list) -> tuple[list, list, object]:
    """The batch's records kept and their vectors, from the worker (sent by `_send`) or, without it or when it fails,
    from this process (which refuses an article that can't be embedded by name); and the worker still usable."""
    if worker is not None:
        try:
            return records, worker.receive().tolist(), worker
        except RuntimeError:  # the batch failed there: article by article here, the failing one refused
            pass
        except (EOFError, OSError):  # the process is gone: this process embeds the rest
            worker.close()
            worker = None
    return (*_vectors(records, embedder, refused), worker)


def _write_batch(store: Store, gen: int, catalog: dict, batch: list[Article], records: list[ArticleRecords],
                 vectors: list, lock, report: BuildReport, bar) -> None:
    """One batch written under the journal: its articles out of the catalog, their records written, back in."""
    store.journal(gen, [a.id for a in batch])
    held = [a.id for a in batch if a.id in catalog]
    store.uncatalog(gen, held)  # no longer whole; their records are rewritten in place, the rest deleted
    _store(store, gen, records, vectors, held)
    store.journal(gen, [])  # whole: a rebuild that dies while it embeds the next batch has nothing to undo
    lock.beat()
    if bar:
        bar.update(len(batch))


def _less_refused(report: BuildReport, late: list[ArticleError], known: dict, total: int) -> None:
    """Counts without the articles refused while indexing (new ones off `added`, the others off `changed`)."""
    ids = {e.article_id for e in late}
    new = sum(1 for i in ids if i not in known)
    report.articles, report.added = total - len(ids), report.added - new
    report.changed -= len(ids) - new


def _refusal(a: Article, reason: str) -> ArticleError:
    e = ArticleError(a.path, reason, a.line)
    e.article_id = a.id
    return e


def _why(e: Exception) -> str:
    return f"{type(e).__name__}: {clean_text(str(e))[:200]}"


def _prepare(batch: list[Article], embedder: Embedder, limits: Limits) -> tuple[list[ArticleRecords], list]:
    """Each article's records (validated first if it was left unchecked), read within `limits.extract_seconds`; one
    that fails validation or extraction, or runs past the time, is refused by name."""
    from .records import prepare  # its rules compile at import: ~0.4 s a process, paid only when needed

    records, refused, seconds = [], [], limits.extract_seconds
    for a in batch:
        try:
            a = admitted(a, limits)
        except ArticleError as e:
            e.article_id = a.id
            refused.append(e)
            continue
        try:
            records.append(within(seconds, lambda: prepare(a, embedder.count_tokens)))
        except TimedOut:
            refused.append(_refusal(a, f"took longer than {seconds:g} s to read: split it or raise "
                                       "WHOSAID_EXTRACT_SECONDS"))
        except Exception as e:  # a bug the article's text trips in extraction: this article only
            refused.append(_refusal(a, f"can't be read (id {a.id!r}: {_why(e)})"))
    return records, refused


def _vectors(records: list[ArticleRecords], embedder: Embedder, refused: list) -> tuple[list, list]:
    """The batch's texts embedded in one call (sorted by length inside); if that fails, article by article, the one
    that fails refused by name. Returns the records kept and their vectors in order."""
    try:
        return records, embedder.embed([t for r in records for t in r.texts()])
    except Exception as whole:
        kept, vectors, failed = [], [], []
        for r in records:
            try:
                vectors += embedder.embed(r.texts())
                kept.append(r)
            except Exception as e:
                failed.append(_refusal(r.article, f"can't be embedded (id {r.article.id!r}: {_why(e)})"))
        if not any(r.texts() for r in kept):  # every article fails: the embedder is broken, not an article
            raise whole
        refused += failed
        return kept, vectors


def _store(store: Store, gen: int, records: list[ArticleRecords], vectors: list, held: list[str]) -> None:
    """Write a batch's records with their vectors over the records of the same ids; delete the other records of
    the articles the generation `held`; then mark the articles whole."""
    vectors = iter(vectors)
    out = {PASSAGES: ([], [], [], []), QUOTES: ([], [], [], []), CONTEXTS: ([], [], [], [])}
    for r in records:
        for kind, (ids, docs, metas) in ((PASSAGES, r.passages), (QUOTES, r.statements)):
            acc = out[kind]
            for rec in zip(ids, docs, metas):
                for lst, v in zip(acc, (*rec, next(vectors))):
                    lst.append(v)
        ids, _, metas = r.statements
        acc = out[CONTEXTS]
        for i, doc, m in zip(ids, r.contexts, metas):
            for lst, v in zip(acc, (i, doc, {"article_id": m["article_id"]}, next(vectors))):
                lst.append(v)
    for kind, (ids, docs, metas, vecs) in out.items():
        if ids:
            store.add(gen, kind, ids, docs, metas, vecs)
    if held:
        store.delete_records(gen, held, keep={kind: set(acc[0]) for kind, acc in out.items()})
    store.commit_articles(gen, {r.article.id: r.entry for r in records})


def _bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="article", desc="Indexing")
