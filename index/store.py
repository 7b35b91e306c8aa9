"""The index on disk: Chroma collections of passages and quotes, and a manifest naming the live ones."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NoIndexError, StoreError
from .lexical import Lexical
from .roster import Roster

__all__ = ["Store", "Manifest"]

MANIFEST = "manifest.json"
PASSAGES, QUOTES, CONTEXTS = "passages", "quotes", "contexts"
KINDS = (PASSAGES, QUOTES, CONTEXTS)  # contexts: each statement in its sentences, under the statement's id
# 2: records carry `day` (YYYYMMDD) for date filters, and a BM25 index sits beside Chroma; 3: statement contexts
SCHEMA = 3


@dataclass
class Manifest:
    """What the live index holds. Replaced atomically: a build that dies leaves the old one in force."""

    generation: int = 0
    built_at: str = ""
    model: str = ""
    articles: dict[str, dict] = field(default_factory=dict)  # id -> {hash, title, path, chunks, quotes, words}
    schema: int = 1  # manifests written before the field existed are schema 1
    extractor: str = ""  # fingerprint of the extraction code that made the records

    def collection(self, kind: str) -> str:
        return f"whosaid_g{self.generation}_{kind}"

    @property
    def counts(self) -> dict[str, int]:
        return {"articles": len(self.articles),
                "chunks": sum(a.get("chunks", 0) for a in self.articles.values()),
                "quotes": sum(a.get("quotes", 0) for a in self.articles.values()),
                "words": sum(a.get("words", 0) for a in self.articles.values())}


class Store:
    """Local Chroma under `home`, or a Chroma server when `chroma_host` is given."""

    def __init__(self, home: str | Path, chroma_host: str | None = None, chroma_port: int = 8000):
        self.home = Path(home)
        self.chroma_host, self.chroma_port = chroma_host, chroma_port
        self._client = None
        self._cols: dict[str, object] = {}
        self._manifest: tuple[float, Manifest] | None = None
        self._lexical: dict[str, Lexical] = {}
        self._roster: Roster | None = None
        self._counts: dict[str, int] = {}

    @property
    def where(self) -> str:
        if self.chroma_host:
            return f"{self.home} (vectors on Chroma server {self.chroma_host}:{self.chroma_port})"
        return str(self.home)

    @property
    def client(self):
        if self._client is None:
            import chromadb
            from chromadb.config import Settings

            settings = Settings(anonymized_telemetry=False, allow_reset=False)
            try:
                if self.chroma_host:
                    self._client = chromadb.HttpClient(host=self.chroma_host, port=self.chroma_port, settings=settings)
                else:
                    (self.home / "chroma").mkdir(parents=True, exist_ok=True)
                    self._client = chromadb.PersistentClient(path=str(self.home / "chroma"), settings=settings)
            except Exception as e:  # chromadb raises many kinds; the user needs to know where
                raise StoreError(f"Can't open the Chroma store at {self.where}: {e}") from e
        return self._client

    # -- manifest -------------------------------------------------------------------------------
    def exists(self) -> bool:
        return (self.home / MANIFEST).is_file()

    def manifest(self) -> Manifest:
        """The live manifest; re-read when another process has switched the index."""
        path = self.home / MANIFEST
        try:
            mtime = path.stat().st_mtime
        except FileNotFoundError:
            raise NoIndexError(self.home) from None
        if self._manifest is None or self._manifest[0] != mtime:
            try:
                data = json.loads(path.read_text())
            except (OSError, ValueError) as e:
                raise StoreError(f"The index manifest {path} is unreadable ({e}): rebuild the index") from e
            self._manifest = (mtime, Manifest(**data))
            self._cols.clear()
            self._lexical.clear()
            self._roster = None
        return self._manifest[1]

    def switch(self, manifest: Manifest) -> None:
        """Make `manifest` the live index in one atomic rename."""
        self.home.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.home, prefix=".manifest-", suffix=".json")
        with os.fdopen(fd, "w") as f:
            json.dump(manifest.__dict__, f, indent=1, ensure_ascii=False)
        os.replace(tmp, self.home / MANIFEST)
        self._manifest = None

    # -- collections ----------------------------------------------------------------------------
    def collection(self, kind: str, manifest: Manifest | None = None, create: bool = False):
        manifest = manifest or self.manifest()
        name = manifest.collection(kind)
        if create:
            return self.client.get_or_create_collection(name, embedding_function=None,
                                                        configuration={"hnsw": {"space": "cosine"}})
        if name not in self._cols:
            try:
                self._cols[name] = self.client.get_collection(name, embedding_function=None)
            except Exception as e:
                raise StoreError(f"The index at {self.where} is damaged ({name} is missing): rebuild it") from e
        return self._cols[name]

    def drop_except(self, keep: Manifest) -> None:
        """Remove collections of other generations (older builds, or a build that died halfway)."""
        live = {keep.collection(kind) for kind in KINDS}
        for col in self.client.list_collections():
            name = getattr(col, "name", col)
            if name.startswith("whosaid_g") and name not in live:
                self.client.delete_collection(name)
        for path in (self.home / "lexical").glob("g*"):
            if path.name != f"g{keep.generation}":
                shutil.rmtree(path, ignore_errors=True)

    # -- lexical side ---------------------------------------------------------------------------
    def _lexical_dir(self, kind: str, manifest: Manifest) -> Path:
        return self.home / "lexical" / f"g{manifest.generation}" / kind

    def build_lexical(self, manifest: Manifest) -> None:
        """BM25 over every record of `manifest`'s collections, saved beside Chroma (rebuilt each generation)."""
        for kind in (PASSAGES, QUOTES):
            recs = self.get(kind, manifest=manifest)
            lex = Lexical.build([r["id"] for r in recs], [r["document"] for r in recs], [r["metadata"] for r in recs])
            lex.save(self._lexical_dir(kind, manifest))
            if kind == QUOTES:
                Roster.build([r["metadata"] for r in recs], [r["document"] for r in recs]).save(
                    self._lexical_dir(kind, manifest) / "roster.json")

    def lexical(self, kind: str) -> Lexical:
        """The live generation's BM25 index; built on first use for an index made before it existed."""
        manifest = self.manifest()
        if kind not in self._lexical:
            where = self._lexical_dir(kind, manifest)
            if not (where / "records.json").is_file():
                self.build_lexical(manifest)
            try:
                self._lexical[kind] = Lexical.load(where)
            except (OSError, ValueError, KeyError) as e:
                raise StoreError(f"The lexical index at {where} is damaged ({e}): rebuild the index") from e
        return self._lexical[kind]

    def roster(self) -> Roster:
        """Every speaker the live index holds (built beside the BM25 index; on first use for an older index)."""
        manifest = self.manifest()
        if self._roster is None:
            path = self._lexical_dir(QUOTES, manifest) / "roster.json"
            if not path.is_file():
                self.build_lexical(manifest)
            try:
                self._roster = Roster.load(path)
            except (OSError, ValueError, KeyError, TypeError) as e:
                raise StoreError(f"The speaker roster at {path} is damaged ({e}): rebuild the index") from e
        return self._roster

    def query(self, kind: str, embedding: list[float], k: int, where: dict | None = None) -> list[dict]:
        """Nearest records: [{id, document, metadata, score}] with score = cosine similarity."""
        col = self.collection(kind)
        n = self._counts.get(col.name)
        if n is None:  # a generation's collections never change once it is live
            n = self._counts[col.name] = col.count()
        if n == 0:
            return []
        res = col.query(query_embeddings=[embedding], n_results=min(k, n), where=where or None,
                        include=["documents", "metadatas", "distances"])
        return [{"id": i, "document": d, "metadata": m, "score": 1.0 - dist}
                for i, d, m, dist in zip(res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0])]

    def get(self, kind: str, where: dict | None = None, ids: list[str] | None = None, embeddings: bool = False,
            manifest: Manifest | None = None, contains: str = "", limit: int | None = None) -> list[dict]:
        """Records by metadata filter, ids, or words in the document (`contains`)."""
        col = self.collection(kind, manifest)
        include = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
        res = col.get(where=where or None, ids=ids, include=include, limit=limit,
                      where_document={"$contains": contains} if contains else None)
        embs = res.get("embeddings") if embeddings else None
        return [{"id": i, "document": d, "metadata": m, **({"embedding": list(embs[n])} if embeddings else {})}
                for n, (i, d, m) in enumerate(zip(res["ids"], res["documents"], res["metadatas"]))]
