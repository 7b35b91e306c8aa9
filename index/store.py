"""The index in Chroma: passages, statements, contexts and the article catalog, with the live state beside them."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .derived import Derived, derive
from .errors import IndexChanged, NoIndexError, StoreError, WhosaidError
from .lexical import Lexical
from .typed import Found, PassageRecord, StatementRecord, typed
from .roster import Roster
from .state import LIVE, FileLock, Manifest, RecordLock, this_process
from . import clients

__all__ = ["Store", "Manifest", "Narrow", "KINDS", "PASSAGES", "QUOTES", "CONTEXTS", "ARTICLES", "SCHEMA"]

PASSAGES, QUOTES, CONTEXTS, ARTICLES = "passages", "quotes", "contexts", "articles"
KINDS = (PASSAGES, QUOTES, CONTEXTS)  # contexts: each statement in its sentences, under the statement's id
JOURNAL, BUILDING = "journal", "building"
STATE = "whosaid_state"  # the live manifest and the rebuild lock, shared by every process using the store
# 2: `day` on records; 3: statement contexts; 4: state and article catalog in Chroma, updated in place
SCHEMA = 4
_NO_VECTOR = [0.0]  # catalog and state records are found by id, never by similarity
_PAGE = 5000  # records per Chroma call when reading or writing many


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


class Store:
    """Local Chroma under `home`, or a Chroma server when `chroma_host` is given (then `home` keeps only caches)."""

    def __init__(self, home: str | Path, chroma_host: str | None = None, chroma_port: int = 8000):
        self.home = Path(home)
        self.chroma_host, self.chroma_port = chroma_host, chroma_port
        self._http = None
        self._cols: dict[str, object] = {}
        self._epoch = -1
        self._live: Manifest | None = None
        self._derived: Derived | None = None
        self._counts: dict[str, int] = {}
        self._lock: FileLock | None = None  # this Store's rebuild lock, while a rebuild holds it

    @property
    def where(self) -> str:
        if self.chroma_host:
            return f"Chroma server {self.chroma_host}:{self.chroma_port}"
        return str(self.home)

    @property
    def client(self):
        if self.chroma_host:
            if self._http is None:
                self._http = self._chroma("open", clients.http, self.chroma_host, self.chroma_port)
            return self._http
        client, epoch = self._chroma("open", clients.local, self.home / "chroma")
        if epoch != self._epoch:  # another Store in this process reloaded the files
            self._cols.clear()
            self._epoch = epoch
        return client

    def _chroma(self, what: str, fn, *args, **kwargs):
        """Chroma's many errors, as the project's: a record gone because a rebuild changed the index is
        IndexChanged (asking again works); anything else names the store."""
        try:
            return fn(*args, **kwargs)
        except WhosaidError:
            raise
        except Exception as e:
            if self._live is not None and what != "state" and self._moved():
                raise IndexChanged(self.where) from e
            raise StoreError(f"The Chroma store at {self.where} failed ({what}): {e}") from e

    def _moved(self) -> bool:
        try:
            state = self._read_state()
        except Exception:
            return False
        return state is None or (state.generation, state.version) != (self._live.generation, self._live.version)

    # -- state --------------------------------------------------------------------------------------
    def _state_col(self):
        return self._chroma("state", self.client.get_or_create_collection, STATE, embedding_function=None)

    def _read_state(self) -> Manifest | None:
        got = self._chroma("state", self._state_col().get, ids=[LIVE], include=["documents"])
        return Manifest.from_json(got["documents"][0]) if got["ids"] else None

    def exists(self) -> bool:
        if not self.chroma_host and not (self.home / "chroma").is_dir():
            return False
        return self._read_state() is not None

    def manifest(self) -> Manifest:
        """The live manifest, read again each call: when another process changed the index, what this Store
        holds of it (collections, BM25, roster, and for local files Chroma's own caches) is reloaded."""
        if not self.chroma_host and not (self.home / "chroma").is_dir():
            raise NoIndexError(self.where)
        state = self._read_state()
        if state is None:
            raise NoIndexError(self.where)
        live = self._live
        if live is None or (live.uid, live.generation, live.version) != (state.uid, state.generation, state.version):
            if not self.chroma_host and state.writer != this_process():
                clients.reload(self.home / "chroma", state.version)
            state.articles = self.catalog(state.generation)
            self._live, self._derived = state, None
            self._cols.clear()
            self._counts.clear()
        return self._live

    def write_state(self, manifest: Manifest) -> None:
        """Make `manifest` (without its articles, which the catalog holds) the live state in one write."""
        manifest.writer = this_process()
        self._chroma("state", self._state_col().upsert, ids=[LIVE], embeddings=[_NO_VECTOR],
                     documents=[manifest.to_json()])
        if not self.chroma_host:
            clients.wrote(self.home / "chroma", manifest.version)
        self._live, self._derived = None, None  # read again, with the catalog, on next use

    def _note(self, rid: str, value) -> None:
        """A small record of the state collection: the journal, a full build under way (None removes it)."""
        col = self._state_col()
        if value is None:
            self._chroma("state", col.delete, ids=[rid])
        else:
            self._chroma("state", col.upsert, ids=[rid], embeddings=[_NO_VECTOR], documents=[json.dumps(value)])

    def _read_note(self, rid: str):
        got = self._chroma("state", self._state_col().get, ids=[rid], include=["documents"])
        return json.loads(got["documents"][0]) if got["ids"] else None

    def journal(self, generation: int, article_ids: list[str]) -> None:
        """Before writing a batch: the articles about to change (an empty list: none)."""
        self._note(JOURNAL, {"generation": generation, "ids": article_ids} if article_ids else None)

    def recover(self) -> list[str]:
        """Under the rebuild lock, before a rebuild plans: undo what a killed rebuild left and repair what
        disagrees with the catalog (index/check.py). Returns the ids of the batch undone."""
        from .check import recover

        return recover(self)

    def building(self) -> dict | None:
        return self._read_note(BUILDING)

    def set_building(self, value: dict | None) -> None:
        self._note(BUILDING, value)

    def lock(self) -> FileLock | RecordLock:
        """`with store.lock():` one rebuild at a time: an OS lock on a local home, a record on a Chroma server
        (across processes and machines)."""
        if self.chroma_host:
            return RecordLock(self._state_col())
        self._lock = FileLock(self.home / "rebuild.lock", on_release=self.tidy)  # the disk is given back last
        return self._lock

    def tidy(self) -> dict:
        """Under the rebuild lock: give back the disk that dropped collections and deleted records leave in a local
        Chroma folder (see index/tidy.py); a Chroma server keeps its own disk. The lock is handed to the child that
        does it, so a rebuild killed meanwhile leaves it held until the child ends."""
        from .tidy import tidy

        return {} if self.chroma_host else tidy(self.home / "chroma", hold=self._lock.fd if self._lock else None)

    def disk_size(self) -> int:
        """Bytes the home takes on disk (for a server, only the caches kept in the home)."""
        from .tidy import disk_size

        return disk_size(self.home)

    # -- collections and the catalog ------------------------------------------------------------------
    def collection(self, kind: str, generation: int | None = None, create: bool = False):
        if generation is None:  # the live one, as last read by manifest() (each question reads it once)
            generation = (self._live or self.manifest()).generation
        name = Manifest(generation=generation).collection(kind)
        if create:
            return self._chroma("create", self.client.get_or_create_collection, name, embedding_function=None,
                                configuration={"hnsw": {"space": "cosine"}})
        if name not in self._cols:
            self._cols[name] = self._chroma(f"open {name}", self.client.get_collection, name, embedding_function=None)
        return self._cols[name]

    def catalog(self, generation: int) -> dict[str, dict]:
        """Article id -> {hash, title, path, chunks, quotes, words} for every article the generation holds whole."""
        col = self.collection(ARTICLES, generation, create=True)
        got = self._chroma("catalog", col.get, include=["metadatas"])
        return dict(sorted(zip(got["ids"], got["metadatas"])))

    def generations(self) -> set[int]:
        """Generations with collections in the store."""
        names = [getattr(c, "name", c) for c in self._chroma("list", self.client.list_collections)]
        return {int(n.split("_")[1][1:]) for n in names if n.startswith("whosaid_g") and n.split("_")[1][1:].isdigit()}

    def drop_generations(self, keep: set[int]) -> None:
        """Remove the collections of generations not in `keep` (older builds, or a full build abandoned), and the
        files Chroma leaves of them (under the rebuild lock only)."""
        for col in self._chroma("list", self.client.list_collections):
            name = getattr(col, "name", col)
            gen = name.split("_")[1][1:] if name.startswith("whosaid_g") else ""
            if gen.isdigit() and int(gen) not in keep:
                self._chroma("drop", self.client.delete_collection, name)
        self.tidy()

    # -- writing ------------------------------------------------------------------------------------
    def add(self, generation: int, kind: str, ids: list[str], docs: list[str], metas: list[dict],
            vectors: list[list[float]]) -> None:
        col = self.collection(kind, generation, create=True)
        for i in range(0, len(ids), _PAGE):
            self._chroma("add", col.upsert, ids=ids[i:i + _PAGE], documents=docs[i:i + _PAGE],
                         metadatas=metas[i:i + _PAGE], embeddings=vectors[i:i + _PAGE])

    def commit_articles(self, generation: int, entries: dict[str, dict]) -> None:
        """Record articles as whole in the catalog (after their records are in)."""
        if entries:
            ids = sorted(entries)
            self._chroma("catalog", self.collection(ARTICLES, generation, create=True).upsert, ids=ids,
                         embeddings=[_NO_VECTOR] * len(ids), documents=[entries[i].get("title", "") for i in ids],
                         metadatas=[entries[i] for i in ids])

    def delete_articles(self, generation: int, article_ids: list[str]) -> None:
        """Remove articles: from the catalog first (no longer whole), then their records."""
        for i in range(0, len(article_ids), 500):
            part = article_ids[i:i + 500]
            self._chroma("delete", self.collection(ARTICLES, generation, create=True).delete, ids=part)
            for kind in KINDS:
                self._chroma("delete", self.collection(kind, generation, create=True).delete,
                             where={"article_id": {"$in": part}})

    # -- reading the live index -----------------------------------------------------------------------
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

    def statements_in(self, article_ids: list[str]) -> list[StatementRecord]:
        where = {"article_id": {"$in": sorted(article_ids)}}
        return typed(QUOTES, self.get(QUOTES, where=where) if article_ids else [])

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
            res = self._chroma("get", col.get, include=["documents", "metadatas"], limit=_PAGE, offset=offset)
            out += [{"id": i, "document": d, "metadata": m}
                    for i, d, m in zip(res["ids"], res["documents"], res["metadatas"])]
            if len(res["ids"]) < _PAGE:
                return sorted(out, key=lambda r: r["id"])
            offset += _PAGE

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
            if article_ids is not None else ({"limit": _PAGE, "offset": i} for i in range(0, 1 << 62, _PAGE))
        for page in pages:
            res = self._chroma("get", col.get, include=include, **page)
            yield from ({"id": i, "document": d, "metadata": m}
                        for i, d, m in zip(res["ids"], res["documents"], res["metadatas"]))
            if "limit" in page and len(res["ids"]) < _PAGE:
                return

    def lexical(self, kind: str) -> Lexical:
        return self.derived().lexical[kind]

    def roster(self) -> Roster:
        return self.derived().roster
