"""The index's shared state, kept in Chroma beside the records: the live manifest and the one-rebuild-at-a-time lock."""
from __future__ import annotations

import json
import os
import socket
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from .errors import RebuildRunning

__all__ = ["Manifest", "RebuildLock", "LIVE", "LOCK", "LOCK_STALE_S"]

LIVE, LOCK = "live", "lock"  # record ids in the state collection
# A lock whose holder has not written for this long is taken over. A rebuild writes after every batch of
# articles (about 10 s of embedding on 2 cores), so two minutes of silence means it died.
LOCK_STALE_S = 120.0
_NO_VECTOR = [0.0]  # state records are found by id, never by similarity


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class Manifest:
    """What the live index holds. `version` moves at every change, so readers know when to reload."""

    generation: int = 0  # collections whosaid_g{generation}_*; a new one only when everything is indexed again
    version: int = 0
    built_at: str = ""
    model: str = ""
    backend: str = ""  # what computed the vectors (e.g. torch-bf16); queries use a backend within cosine 0.99
    schema: int = 0
    extractor: str = ""  # fingerprint of the extraction code that made the records
    uid: str = field(default_factory=lambda: uuid.uuid4().hex[:12])  # this index, wherever it is read from
    writer: str = ""  # the process that made the last change
    journal: list[str] = field(default_factory=list)  # articles being changed; the next rebuild redoes them
    building: dict = field(default_factory=dict)  # a full build under way: {generation, extractor, schema, model}
    articles: dict[str, dict] = field(default_factory=dict, compare=False)  # id -> {hash, title, path, chunks, ...}

    def collection(self, kind: str, generation: int | None = None) -> str:
        return f"whosaid_g{self.generation if generation is None else generation}_{kind}"

    @property
    def counts(self) -> dict[str, int]:
        return {"articles": len(self.articles),
                "chunks": sum(a.get("chunks", 0) for a in self.articles.values()),
                "quotes": sum(a.get("quotes", 0) for a in self.articles.values()),
                "words": sum(a.get("words", 0) for a in self.articles.values())}

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if k != "articles"}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "articles"})


class RebuildLock:
    """One rebuild at a time across every process sharing the store: the lock is a record that the first `add`
    creates (Chroma keeps the first of two adds of one id). A holder that died is seen dead (same host, no such
    process) or silent for LOCK_STALE_S, and its lock is taken over."""

    def __init__(self, collection):
        self.col = collection
        self.token = f"{this_process()}:{uuid.uuid4().hex[:8]}"
        self.started = now_iso()

    def _holder(self) -> dict | None:
        got = self.col.get(ids=[LOCK], include=["metadatas"])
        return got["metadatas"][0] if got["ids"] else None

    def _write(self, how) -> None:
        how(ids=[LOCK], embeddings=[_NO_VECTOR], documents=[self.token],
            metadatas=[{"token": self.token, "started": self.started, "beat": time.time()}])

    def acquire(self) -> "RebuildLock":
        for _ in range(2):
            self._write(self.col.add)
            held = self._holder()
            if held and held.get("token") == self.token:
                return self
            if held and not _stale(held):
                raise RebuildRunning(held.get("started", "?"), held.get("token", "?").rsplit(":", 1)[0])
            self.col.delete(ids=[LOCK], where={"token": held["token"]} if held else None)
        raise RebuildRunning("just now", "another process")

    def beat(self) -> None:
        """Say this rebuild is alive (after each batch)."""
        held = self._holder()
        if held and held.get("token") == self.token:
            self._write(self.col.upsert)

    def release(self) -> None:
        self.col.delete(ids=[LOCK], where={"token": self.token})

    def __enter__(self) -> "RebuildLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _stale(held: dict) -> bool:
    host, _, rest = held.get("token", "").partition(":")
    pid = rest.split(":")[0]
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True  # the holder is gone
        except PermissionError:
            pass
    return time.time() - float(held.get("beat", 0)) > LOCK_STALE_S
