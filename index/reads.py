"""Reading the live index: nearest records, records by id, filter or words, and the BM25 and roster derived from them."""
from __future__ import annotations

from dataclasses import dataclass

from .derived import Derived, derive
from .errors import IndexChanged, StoreError
from .lexical import Lexical
from .roster import Roster
from .typed import Found, PassageRecord, StatementRecord, typed

__all__ = ["Narrow", "Reads", "PASSAGES", "QUOTES", "CONTEXTS", "PAGE"]

PASSAGES, QUOTES, CONTEXTS = "passages", "quotes", "contexts"
PAGE = 5000  # records per Chroma call when reading or writing many


@dataclass(frozen=True)
class Narrow:
    """What a search is limited to: a source, a day range (YYYYMMDD, inclusive), a speaker's surname key."""

    source: str = ""
    since: int = 0
    until: int = 0
    speaker_key: str = ""

    def where(self, statements: bool) -> dict | None:
        terms = [{"source": self.source}] if self.source else []
        terms += [{"day": {"$gte": self.since}}] if self.since else []
        terms += [{"day": {"$lte": self.until}}] if self.until else []
        terms += [{"speaker_key": self.speaker_key}] if statements and self.speaker_key else []
        return None if not terms else terms[0] if len(terms) == 1 else {"$and": terms}


# Articles whose records (passages and statements) a Store keeps in memory between questions: about 20 statements and
# 5 passages an article in PolNeAR, so a few MB; reading 8 articles' statements from Chroma costs 11-20 ms.
ARTICLES_CACHED = 2000


class Reads:
    """The reading half of Store (index/store.py), which provides `collection`, `_chroma`, `manifest`, `_moved`,
    `home`, `where` and the per-version caches `_live`, `_derived`, `_counts`."""

    def query(self, kind: str, embedding: list[float], k: int, narrow: Narrow | None = None) -> list[Found]:
        """Nearest records, with score = cosine similarity."""
        col = self.collection(kind)
        n = self._counts.get(col.name)
        if n is None:
            n = self._counts[col.name] = self._chroma("count", col.count)
        if n == 0:
            return []
        where = narrow.where(kind == QUOTES) if narrow else None
        res = self._chroma("query", col.query, query_embeddings=[embedding], n_results=min(k, n), where=where,
                           include=["documents", "metadatas", "distances"])
        # a reader's vector index can still hold records another process's rebuild has just deleted: Chroma returns
        # them without document or metadata, and they are left out (as records() leaves out ids no longer held)
        rows = [(i, d, m, dist) for i, d, m, dist in zip(res["ids"][0], res["documents"][0], res["metadatas"][0],
                                                        res["distances"][0]) if d is not None and m is not None]
        records = typed(kind, [(i, d, m) for i, d, m, _ in rows])
        return [Found(rec, score=1.0 - row[3]) for rec, row in zip(records, rows)]

    def get(self, kind: str, where: dict | None = None, ids: list[str] | None = None, embeddings: bool = False,
            contains: str = "", limit: int | None = None, generation: int | None = None) -> list[dict]:
        """Raw records ({id, document, metadata, embedding?}) by metadata filter, ids, or words in the document."""
        col = self.collection(kind, generation)
        include = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
        res = self._chroma("get", col.get, where=where or None, ids=ids, include=include, limit=limit,
                           where_document={"$contains": contains} if contains else None)
        embs = res.get("embeddings") if embeddings else None
        return [{"id": i, "document": d, "metadata": m, **({"embedding": list(embs[n])} if embeddings else {})}
                for n, (i, d, m) in enumerate(zip(res["ids"], res["documents"], res["metadatas"]))
                if d is not None and m is not None]  # deleted meanwhile (see query)

    def records(self, kind: str, ids: list[str], vectors: bool = False) -> list[Found]:
        """The records with these ids that the index still holds (with their stored vectors when `vectors`)."""
        rows = self.get(kind, ids=ids, embeddings=vectors) if ids else []
        return [Found(rec, vector=r.get("embedding")) for rec, r in zip(typed(kind, rows), rows)]

    def passage(self, passage_id: str) -> PassageRecord:
        """One passage by id; gone because a rebuild changed the index: IndexChanged (ask again)."""
        found = self.records(PASSAGES, [passage_id])
        if found:
            return found[0].record
        if self._live is not None and self._moved():
            raise IndexChanged(self.where)
        raise StoreError(f"The index at {self.where} is damaged (passage {passage_id} is missing): rebuild it")

    def containing(self, words: str, narrow: Narrow | None = None, limit: int = 3) -> list[PassageRecord]:
        """Passages holding `words` as written."""
        return typed(PASSAGES, self.get(PASSAGES, where=narrow.where(False) if narrow else None, contains=words,
                                        limit=limit))

    def _of_articles(self, kind: str, article_ids: list[str]) -> list:
        """The records of these articles, by article in id order, each article's as the store returns them; read once
        per live version (a question reads the articles of its ten candidates; the next question often the same)."""
        cache = self._article_cache()
        todo = sorted({a for a in article_ids if (kind, a) not in cache})
        if todo:
            for a in todo:
                cache[(kind, a)] = []
            for rec in typed(kind, self.get(kind, where={"article_id": {"$in": todo}})):
                cache.setdefault((kind, rec.article_id), []).append(rec)
        return [rec for a in sorted(set(article_ids)) for rec in cache.get((kind, a), [])]

    def _article_cache(self) -> dict:
        """Records by (kind, article id) for the live version this Store holds; emptied when the version changes or
        when it holds ARTICLES_CACHED articles' records."""
        live = self._live
        key = (live.uid, live.generation, live.version) if live is not None else None
        if key is None or getattr(self, "_cached_for", None) != key or len(self._cached) >= 2 * ARTICLES_CACHED:
            self._cached_for, self._cached = key, {}
        return self._cached if key is not None else {}

    def statements_in(self, article_ids: list[str]) -> list[StatementRecord]:
        return self._of_articles(QUOTES, article_ids)

    def passages_in(self, article_ids: list[str]) -> list[PassageRecord]:
        return self._of_articles(PASSAGES, article_ids)

    def statements_by(self, narrow: Narrow) -> list[StatementRecord]:
        """Every statement filed under `narrow.speaker_key`, within the rest of `narrow`."""
        return typed(QUOTES, self.get(QUOTES, where=narrow.where(True)))

    def opening_passages(self) -> list[PassageRecord]:
        """Each article's first passage (where its source, date and url are read from)."""
        return typed(PASSAGES, self.get(PASSAGES, where={"n": 0}))

    def every(self, kind: str) -> list[dict]:
        """All raw records ({id, document, metadata}) of a kind, page by page (for the derived indexes and exports)."""
        col, out, offset = self.collection(kind), [], 0
        while True:
            res = self._chroma("get", col.get, include=["documents", "metadatas"], limit=PAGE, offset=offset)
            out += [{"id": i, "document": d, "metadata": m}
                    for i, d, m in zip(res["ids"], res["documents"], res["metadatas"])]
            if len(res["ids"]) < PAGE:
                return sorted(out, key=lambda r: r["id"])
            offset += PAGE

    # -- derived: BM25 and the roster -----------------------------------------------------------------
    def derived(self) -> Derived:
        """BM25 and roster of the live version: from the cache in `home` when saved there, else updated from an
        earlier version by reading back only the changed articles' records, and saved for the next process."""
        live = self._live or self.manifest()
        if self._derived is None:
            key = f"{live.uid}-g{live.generation}-v{live.version}"
            self._derived = derive(self.home / "lexical", key, live.articles, self.records_of)
        return self._derived

    def records_of(self, kind: str, article_ids: list[str] | None):
        """Raw records ({id, document, metadata}) of these articles, or of every article (None), page by page."""
        col, include = self.collection(kind), ["documents", "metadatas"]
        pages = ({"where": {"article_id": {"$in": article_ids[i:i + 500]}}} for i in range(0, len(article_ids), 500)) \
            if article_ids is not None else ({"limit": PAGE, "offset": i} for i in range(0, 1 << 62, PAGE))
        for page in pages:
            res = self._chroma("get", col.get, include=include, **page)
            yield from ({"id": i, "document": d, "metadata": m}
                        for i, d, m in zip(res["ids"], res["documents"], res["metadatas"]))
            if "limit" in page and len(res["ids"]) < PAGE:
                return

    def lexical(self, kind: str) -> Lexical:
        return self.derived().lexical[kind]

    def roster(self) -> Roster:
        return self.derived().roster
