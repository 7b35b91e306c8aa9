"""Rebuild the index from article files: incremental, built aside, switched in atomically."""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .chunk import Chunk, chunk_article, sentences
from .embed import MAX_TOKENS, Embedder, get_embedder
from .errors import ArticleError, WhosaidError
from .load import Article, load_paths
from .quotes import Quote, extract_quotes
from .lexical import day_number
from .context import statement_context
from .store import CONTEXTS, KINDS, PASSAGES, QUOTES, SCHEMA, Manifest, Store

__all__ = ["BuildReport", "rebuild", "surname_key"]

_BATCH = 32  # articles embedded together
_EXTRACTION = ("chunk.py", "clauses.py", "cues.py", "marks.py", "patterns.py", "quote.py", "quotes.py", "speakers.py",
               "subjects.py")


def extractor_version() -> str:
    """A fingerprint of the code that cuts passages and extracts statements: when it changes, records made
    by the old code are made again."""
    h = hashlib.sha256()
    for name in _EXTRACTION:
        path = Path(__file__).with_name(name)
        h.update(path.read_bytes() if path.exists() else b"")
    return h.hexdigest()[:12]


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
    refused: list[ArticleError] = field(default_factory=list)


def surname_key(name: str) -> str:
    """The key a speaker is filed under: the last word of the name, lower-cased."""
    words = [w for w in name.replace("’s", "").split() if w[:1].isalnum()]
    return words[-1].lower().strip(".,") if words else ""


def _article_meta(a: Article) -> dict:
    return {"article_id": a.id, "title": a.title, "source": a.source, "date": a.date, "day": day_number(a.date),
            "url": a.url, "place": a.place}


def _passage_records(a: Article, chunks: list[Chunk]) -> tuple[list[str], list[str], list[dict]]:
    ids = [c.id for c in chunks]
    metas = [{**_article_meta(a), "n": c.n, "char_start": c.char_start, "char_end": c.char_end} for c in chunks]
    return ids, [c.text for c in chunks], metas


def _quote_records(a: Article, quotes: list[Quote], chunks: list[Chunk]) -> tuple[list[str], list[str], list[dict]]:
    ids, docs, metas = [], [], []
    for i, q in enumerate(quotes):
        home = next((c for c in chunks if c.char_start <= q.start and q.end <= c.char_end), None) or next(
            (c for c in chunks if c.char_start <= q.content_spans[0][0] < c.char_end), chunks[-1])
        ids.append(f"{a.id}#q{i}")
        docs.append(q.content)
        metas.append({**_article_meta(a), "speaker": q.speaker, "speaker_name": q.speaker_name,
                      "speaker_role": q.speaker_role, "speaker_type": q.speaker_type,
                      "speaker_key": surname_key(q.speaker_name), "cue": q.cue, "kind": q.kind,
                      "content_start": q.content_spans[0][0], "content_end": q.content_spans[-1][1],
                      "spans": json.dumps({"content": q.content_spans, "speaker": q.speaker_span, "cue": q.cue_span}),
                      "chunk_n": home.n, "chunk_start": home.char_start, "chunk_end": home.char_end})
    return ids, docs, metas


def _add(col, ids, docs, metas, embs) -> None:
    for i in range(0, len(ids), 1000):
        col.add(ids=ids[i:i + 1000], documents=docs[i:i + 1000], metadatas=metas[i:i + 1000],
                embeddings=embs[i:i + 1000])


def _copy(store: Store, old: Manifest, new: Manifest, article_ids: list[str]) -> None:
    """Carry unchanged articles' records and vectors over: nothing is embedded again."""
    for kind in KINDS:
        dest = store.collection(kind, new, create=True)
        for i in range(0, len(article_ids), 200):
            recs = store.get(kind, where={"article_id": {"$in": article_ids[i:i + 200]}}, embeddings=True, manifest=old)
            if recs:
                _add(dest, [r["id"] for r in recs], [r["document"] for r in recs],
                     [r["metadata"] for r in recs], [r["embedding"] for r in recs])


def _index(store: Store, new: Manifest, embedder: Embedder, batch: list[Article]) -> int:
    """Chunk, extract, embed and store a batch of new or changed articles; returns texts embedded."""
    p_ids, p_docs, p_metas, q_ids, q_docs, q_metas, c_docs = [], [], [], [], [], [], []
    for a in batch:
        sents = sentences(a.text)
        quotes = extract_quotes(a.text, a.id, sents)
        chunks = chunk_article(a.id, a.text, embedder.count_tokens, MAX_TOKENS, [(q.start, q.end) for q in quotes], sents)
        for acc, recs in ((( p_ids, p_docs, p_metas), _passage_records(a, chunks)),
                          ((q_ids, q_docs, q_metas), _quote_records(a, quotes, chunks) if chunks else ([], [], []))):
            for lst, vals in zip(acc, recs):
                lst.extend(vals)
        c_docs += [statement_context(q.content, a.text, q.content_spans[0][0], q.content_spans[-1][1])
                   for q in quotes] if chunks else []
        new.articles[a.id] = {"hash": a.hash, "title": a.title, "path": a.path, "chunks": len(chunks),
                              "quotes": len(quotes), "words": a.words}
    embs = embedder.embed(p_docs + q_docs + c_docs)
    _add(store.collection(PASSAGES, new, create=True), p_ids, p_docs, p_metas, embs[:len(p_docs)])
    if q_ids:
        _add(store.collection(QUOTES, new, create=True), q_ids, q_docs, q_metas, embs[len(p_docs):len(p_docs) + len(q_ids)])
        _add(store.collection(CONTEXTS, new, create=True), q_ids, c_docs,
             [{"article_id": m["article_id"]} for m in q_metas], embs[len(p_docs) + len(q_ids):])
    return len(embs)


def rebuild(paths: list[str | Path], store: Store, embedder: Embedder | None = None,
            progress: bool = False) -> BuildReport:
    """Make the index hold exactly the articles under `paths`.

    Unchanged articles (same id, same content hash) are copied with their vectors; changed and new
    ones are embedded; missing ones disappear. The new index is built beside the live one and
    switched in only when complete, so a failure at any point leaves the previous index answering.
    """
    started = time.perf_counter()
    embedder = embedder or get_embedder()
    articles, refused = load_paths(paths)
    report = BuildReport(home=store.where, refused=refused)
    if not articles:
        raise WhosaidError("Nothing to index: no readable article in " + ", ".join(map(str, paths))
                           + (f" ({len(refused)} file(s) refused)" if refused else ""))
    old = store.manifest() if store.exists() else None
    current = {a.id: a.hash for a in articles}
    old_ids = set(old.articles) if old else set()
    version = extractor_version()
    if old and (old.schema != SCHEMA or old.extractor != version):  # older layout or extractor: index all again
        old = Manifest(generation=old.generation, schema=SCHEMA, extractor=version)
    if old and current == {i: a.get("hash") for i, a in old.articles.items()}:
        report.articles = report.reused = len(articles)  # nothing changed: the live index stays as it is
        report.chunks, report.quotes, report.words = (old.counts[k] for k in ("chunks", "quotes", "words"))
        report.seconds = time.perf_counter() - started
        return report
    store.drop_except(old or Manifest(generation=-1))  # leftovers of a build that died
    new = Manifest(generation=(old.generation + 1) if old else 1, model=embedder.name, schema=SCHEMA,
                   extractor=version)
    for kind in KINDS:
        store.collection(kind, new, create=True)

    unchanged = {a.id for a in articles if old and old.articles.get(a.id, {}).get("hash") == a.hash}
    keep = [a for a in articles if a.id in unchanged]
    todo = [a for a in articles if a.id not in unchanged]
    if keep:
        _copy(store, old, new, [a.id for a in keep])
        for a in keep:
            new.articles[a.id] = old.articles[a.id]
    bar = None
    if progress and todo:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="article", desc="Indexing")
    for i in range(0, len(todo), _BATCH):
        report.embedded_texts += _index(store, new, embedder, todo[i:i + _BATCH])
        if bar:
            bar.update(len(todo[i:i + _BATCH]))
    if bar:
        bar.close()

    new.built_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    store.build_lexical(new)
    store.switch(new)
    store.drop_except(new)
    report.articles, report.reused = len(articles), len(keep)
    report.added = sum(1 for a in todo if a.id not in old_ids)
    report.changed = len(todo) - report.added
    report.removed = len(old_ids - {a.id for a in articles})
    report.chunks, report.quotes, report.words = (new.counts[k] for k in ("chunks", "quotes", "words"))
    report.seconds = time.perf_counter() - started
    return report
