"""The index in Chroma: the connection, the live state beside the records, the collections and what writes them."""
from __future__ import annotations

import copy
import json
from pathlib import Path

from .errors import IndexChanged, NoIndexError, StoreError, WhosaidError
from .reads import CONTEXTS, PAGE, PASSAGES, QUOTES, Narrow, Reads
from .state import LIVE, FileLock, Manifest, RecordLock, this_process
from . import clients

__all__ = ["Store", "Manifest", "Narrow", "KINDS", "PASSAGES", "QUOTES", "CONTEXTS", "ARTICLES", "SCHEMA"]

ARTICLES = "articles"
KINDS = (PASSAGES, QUOTES, CONTEXTS)  # contexts: each statement in its sentences, under the statement's id
JOURNAL, BUILDING = "journal", "building"
STATE = "whosaid_state"  # the live manifest and the rebuild lock, shared by every process using the store
# 2: `day` on records; 3: statement contexts; 4: state and article catalog in Chroma, updated in place
SCHEMA = 4
_NO_VECTOR = [0.0]  # catalog and state records are found by id, never by similarity
_VECTOR_KINDS = tuple(f"_{k}" for k in KINDS)  # the collections whose vector index is worth saving (Store.save)


class Store(Reads):
    """Local Chroma under `home`, or a Chroma server when `chroma_host` is given (then `home` keeps only caches).
    What reads the live index is in index/reads.py."""

    def __init__(self, home: str | Path, chroma_host: str | None = None, chroma_port: int = 8000):
        self.home = Path(home)
        self.chroma_host, self.chroma_port = chroma_host, chroma_port
        self._http = None
        self._cols: dict[str, object] = {}
        self._epoch = -1
        self._live: Manifest | None = None
        self._derived = None
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

    def write_state(self, manifest: Manifest, touched: list[str] | None = None) -> None:
        """Make `manifest` (without its articles, which the catalog holds) the live state in one write.

        `touched` (under the rebuild lock): the articles whose catalog entries this rebuild changed since
        `manifest.articles` was read; the catalog is then kept as those entries with the touched ones read back,
        instead of read again whole on next use (0.2 s on the BBC index: Chroma reads ~12,000 records' metadata a
        second)."""
        manifest.writer = this_process()
        self._chroma("state", self._state_col().upsert, ids=[LIVE], embeddings=[_NO_VECTOR],
                     documents=[manifest.to_json()])
        if not self.chroma_host:
            clients.wrote(self.home / "chroma", manifest.version)
        self._live, self._derived = None, None  # read again, with the catalog, on next use
        if touched is not None:
            self._live = copy.copy(manifest)
            self._live.articles = self._catalog_after(manifest.generation, manifest.articles, touched)
            self._cols.clear()
            self._counts.clear()

    def _catalog_after(self, generation: int, before: dict[str, dict], touched: list[str]) -> dict[str, dict]:
        """The catalog `before` with the entries of the `touched` articles as the store holds them now."""
        col, now = self.collection(ARTICLES, generation, create=True), {}
        for i in range(0, len(touched), 500):
            got = self._chroma("catalog", col.get, ids=touched[i:i + 500], include=["metadatas"])
            now.update(zip(got["ids"], got["metadatas"]))
        gone = set(touched)
        return dict(sorted([(k, v) for k, v in before.items() if k not in gone] + list(now.items())))

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
        self._lock = FileLock(self.home / "rebuild.lock", on_release=self._release)  # the disk is given back last
        return self._lock

    # -- disk -----------------------------------------------------------------------------------------
    def save(self, generation: int | None = None, names: tuple[str, ...] = ()) -> None:
        """Local store, under the rebuild lock: make Chroma save the vector indexes of `generation`'s collections
        (and of the collections `names`) now, which empties its write-ahead log of them (index/wal.py). A build
        does it before it makes its work live, so readers load the saved index. A Chroma server keeps its own disk."""
        from .wal import save_now

        if self.chroma_host:
            return
        gen = [Manifest(generation=generation).collection(k) for k in KINDS] if generation is not None else []
        for name in (*gen, *names):
            col = self._chroma("save", self.client.get_collection, name, embedding_function=None)
            self._chroma("save", save_now, col)

    def _release(self) -> None:
        """Last, still under the lock: the disk given back; collections of vectors whose log a killed rebuild left
        unsaved (tidy finds them) are saved and the disk given back again. The catalog and the state are not saved:
        their records are found by id, never by vector, and are a few hundred bytes each, so the log holds at most
        Chroma's 1,000 of them (well under 1 MB); saving them cost two of the five saves of an update
        (bench/RESULTS.md, 2026-11-30 late)."""
        try:
            unsaved = tuple(n for n in self.tidy().get("unsaved", ()) if n.endswith(_VECTOR_KINDS))
            if unsaved:
                self.save(names=unsaved)
                self.tidy()
        except StoreError:  # the rebuild's own outcome stands; the next rebuild saves and tidies again
            pass

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
        dropped = False
        for col in self._chroma("list", self.client.list_collections):
            name = getattr(col, "name", col)
            gen = name.split("_")[1][1:] if name.startswith("whosaid_g") else ""
            if gen.isdigit() and int(gen) not in keep:
                self._chroma("drop", self.client.delete_collection, name)
                dropped = True
        if dropped:  # else nothing to give back that the tidy at the lock's release would not find (a child process)
            self.tidy()

    # -- writing ------------------------------------------------------------------------------------
    def add(self, generation: int, kind: str, ids: list[str], docs: list[str], metas: list[dict],
            vectors: list[list[float]]) -> None:
        col = self.collection(kind, generation, create=True)
        for i in range(0, len(ids), PAGE):
            self._chroma("add", col.upsert, ids=ids[i:i + PAGE], documents=docs[i:i + PAGE],
                         metadatas=metas[i:i + PAGE], embeddings=vectors[i:i + PAGE])

    def commit_articles(self, generation: int, entries: dict[str, dict]) -> None:
        """Record articles as whole in the catalog (after their records are in)."""
        if entries:
            ids = sorted(entries)
            self._chroma("catalog", self.collection(ARTICLES, generation, create=True).upsert, ids=ids,
                         embeddings=[_NO_VECTOR] * len(ids), documents=[entries[i].get("title", "") for i in ids],
                         metadatas=[entries[i] for i in ids])

    def delete_articles(self, generation: int, article_ids: list[str]) -> None:
        """Remove articles: from the catalog first (no longer whole), then their records."""
        self.uncatalog(generation, article_ids)
        self.delete_records(generation, article_ids)

    def uncatalog(self, generation: int, article_ids: list[str]) -> None:
        """Articles no longer whole: out of the catalog (before their records change)."""
        for i in range(0, len(article_ids), 500):
            self._chroma("delete", self.collection(ARTICLES, generation, create=True).delete,
                         ids=article_ids[i:i + 500])

    def delete_records(self, generation: int, article_ids: list[str], keep: dict[str, set] | None = None) -> None:
        """The records of these articles, but the ids in `keep[kind]` (those just written again: Chroma reuses a
        rewritten record's place in its vector index, while a deleted one stays there as dead weight)."""
        for i in range(0, len(article_ids), 500):
            where = {"article_id": {"$in": article_ids[i:i + 500]}}
            for kind in KINDS:
                col = self.collection(kind, generation, create=True)
                if not keep:
                    self._chroma("delete", col.delete, where=where)
                    continue
                stale = set(self._chroma("get", col.get, where=where, include=[])["ids"]) - keep.get(kind, set())
                if stale:
                    self._chroma("delete", col.delete, ids=sorted(stale))
