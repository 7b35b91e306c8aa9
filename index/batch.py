"""One batch of articles on its way into the index: extracted, embedded (here or in the embedding process) and
written under the journal."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .bounded import TimedOut, within
from .embed import Embedder
from .errors import ArticleError
from .load import Article, admitted
from .store import CONTEXTS, PASSAGES, QUOTES, Store
from .validate import Limits, clean_text

if TYPE_CHECKING:  # the extraction code is imported only when an article is extracted (prepare_batch)
    from .embed_worker import EmbedWorker
    from .records import ArticleRecords

__all__ = ["embedded", "prepare_batch", "send", "write_batch", "refusal"]

log = logging.getLogger(__name__)


def send(worker: EmbedWorker | None, records: list[ArticleRecords]) -> EmbedWorker | None:
    """The batch's texts to the embedding process; the worker, or None if it has gone (then this process embeds)."""
    if worker is not None:
        try:
            worker.send([t for r in records for t in r.texts()])
        except (OSError, ValueError) as e:
            log.warning("the embedding process ended (%s); the building process embeds the rest",
                        type(e).__name__)
            worker.close()
            return None
    return worker


def embedded(worker: EmbedWorker | None, records: list[ArticleRecords], embedder: Embedder,
             refused: list) -> tuple[list, list, EmbedWorker | None]:
    """The batch's records kept and their vectors, from the worker (sent by `send`) or, without it or when it fails,
    from this process (which refuses an article that can't be embedded by name); and the worker still usable."""
    if worker is not None:
        try:
            return records, worker.receive().tolist(), worker
        except (RuntimeError, EOFError, OSError) as e:  # failed there, or gone: this process embeds the rest
            log.warning("the embedding process ended (%s); the building process embeds the rest",
                        str(e) or type(e).__name__)
            worker.close()
            worker = None
    return (*_vectors(records, embedder, refused), worker)


def write_batch(store: Store, gen: int, catalog: dict, batch: list[Article], records: list[ArticleRecords],
                vectors: list, lock, bar) -> None:
    """One batch written under the journal: its articles out of the catalog, their records written, back in."""
    store.journal(gen, [a.id for a in batch])
    held = [a.id for a in batch if a.id in catalog]
    store.uncatalog(gen, held)  # no longer whole; their records are rewritten in place, the rest deleted
    _store(store, gen, records, vectors, held)
    store.journal(gen, [])  # whole: a rebuild that dies while it embeds the next batch has nothing to undo
    lock.beat()
    if bar:
        bar.update(len(batch))


def refusal(a: Article, reason: str) -> ArticleError:
    e = ArticleError(a.path, reason, a.line)
    e.article_id = a.id
    return e


def _why(e: Exception) -> str:
    return f"{type(e).__name__}: {clean_text(str(e))[:200]}"


def prepare_batch(batch: list[Article], embedder: Embedder, limits: Limits) -> tuple[list[ArticleRecords], list]:
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
            refused.append(refusal(a, f"took longer than {seconds:g} s to read: split it or raise "
                                       "WHOSAID_EXTRACT_SECONDS"))
        except Exception as e:  # a bug the article's text trips in extraction: this article only
            refused.append(refusal(a, f"can't be read (id {a.id!r}: {_why(e)})"))
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
                failed.append(refusal(r.article, f"can't be embedded (id {r.article.id!r}: {_why(e)})"))
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
