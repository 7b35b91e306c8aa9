"""The index's shared state: the live manifest (kept in Chroma beside the records) and the one-rebuild-at-a-time lock."""
from __future__ import annotations

import fcntl
import json
import os
import socket
import time
import uuid
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path

from .errors import RebuildRunning

__all__ = ["Manifest", "FileLock", "RecordLock", "LIVE", "LOCK", "LOCK_STALE_S"]

LIVE, LOCK = "live", "lock"  # record ids in the state collection
# A lock whose holder has not written for this long is taken over. A rebuild writes after every batch of
# articles (about 10 s of embedding on 2 cores), so two minutes of silence means it died.
LOCK_STALE_S = 120.0
# A server lock is read back this long after it is written: two rebuilds that wrote at the same instant have both
# landed by then, and the server kept one (a local store uses an OS lock instead, which needs no wait).
SETTLE_S = 0.5
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
        """Without the articles (the catalog holds them): `asdict` would deep-copy the 2,000-entry catalog first,
        0.1 s a write on the BBC index (bench/RESULTS.md, 2026-11-30 late)."""
        return json.dumps({f.name: getattr(self, f.name) for f in fields(self) if f.name != "articles"},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "articles"})


class FileLock:
    """One rebuild at a time on a local store: an OS lock (flock) on HOME/rebuild.lock, held for the rebuild's life.
    Race-free (the kernel grants it to one process), and released by the kernel however the holder ends (kill -9
    included), so a killed rebuild's lock is simply free. The file says who holds it, for the refusal's message."""

    def __init__(self, path: Path, on_release=None):
        self.path, self.fd, self.on_release = Path(path), None, on_release  # on_release: run while still held

    def acquire(self) -> "FileLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            held = _read_holder(fd)
            os.close(fd)
            raise RebuildRunning(held.get("started", "?"), _who(held)) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started": now_iso()}).encode(), 0)
        self.fd = fd
        return self

    def holder(self) -> dict | None:
        """Who holds the lock now ({pid, host, started}), or None (read without taking it)."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return None
        try:
            held = _read_holder(fd, wait=False)
        finally:
            os.close(fd)
        return held if held and not _gone(held) else None

    def beat(self) -> None:
        """The kernel knows the holder is alive: nothing to say."""

    def release(self) -> None:
        if self.fd is not None:
            try:
                if self.on_release is not None:
                    self.on_release()
            finally:
                self._unlock()

    def _unlock(self) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> "FileLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _read_holder(fd: int, wait: bool = True) -> dict:
    """The lock file's {pid, host, started}; the holder writes it just after taking the lock, so a refused process
    waits a moment for it."""
    for _ in range(20 if wait else 1):
        try:
            held = json.loads(os.pread(fd, 4096, 0).decode() or "{}")
        except ValueError:  # being written
            held = {}
        if held or not wait:
            return held if isinstance(held, dict) else {}
        time.sleep(0.05)
    return {}


def _who(held: dict) -> str:
    return f"pid {held.get('pid', '?')} on {held.get('host', '?')}"


def _gone(held: dict) -> bool:
    """The holder's process no longer exists (same host only)."""
    if held.get("host") != socket.gethostname() or not str(held.get("pid", "")).isdigit():
        return False
    try:
        os.kill(int(held["pid"]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass
    return False


class RecordLock:
    """One rebuild at a time on a Chroma server, across processes and machines: a record of the state collection
    that the first `add` creates (the server keeps the first of two adds of one id). Acquisition writes, waits
    SETTLE_S, and reads back its own unique token before going on. A holder that died is seen dead (same host, no
    such process) or silent for LOCK_STALE_S, and its lock is taken over."""

    def __init__(self, collection):
        self.col = collection
        self.token = f"{this_process()}:{uuid.uuid4().hex[:8]}"
        self.started = now_iso()

    def _holder(self) -> dict | None:
        got = self.col.get(ids=[LOCK], include=["metadatas"])
        return got["metadatas"][0] if got["ids"] else None

    def holder(self) -> dict | None:
        held = self._holder()
        if not held or _stale(held):
            return None
        host, _, rest = held.get("token", "?:?").partition(":")
        return {"pid": rest.split(":")[0], "host": host, "started": held.get("started", "?")}

    def _write(self, how) -> None:
        how(ids=[LOCK], embeddings=[_NO_VECTOR], documents=[self.token],
            metadatas=[{"token": self.token, "started": self.started, "beat": time.time()}])

    def acquire(self) -> "RecordLock":
        for _ in range(3):
            self._write(self.col.add)
            held = self._holder()
            if held and held.get("token") == self.token:
                time.sleep(SETTLE_S)  # a write another process made at the same instant has landed by now
                held = self._holder()
                if held and held.get("token") == self.token:
                    return self
            if held and not _stale(held):
                raise RebuildRunning(held.get("started", "?"), _who(self.holder() or {}))
            self.col.delete(ids=[LOCK], where={"token": held["token"]} if held else None)
        raise RebuildRunning("just now", "another process")

    def beat(self) -> None:
        """Say this rebuild is alive (after each batch)."""
        held = self._holder()
        if held and held.get("token") == self.token:
            self._write(self.col.upsert)

    def release(self) -> None:
        self.col.delete(ids=[LOCK], where={"token": self.token})

    def __enter__(self) -> "RecordLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()




def _stale(held: dict) -> bool:
    """The holder is gone: on this host, its process no longer exists (a live one is not taken over for a slow
    batch; only after 10 x LOCK_STALE_S of silence, in case its pid was reused); on another host, it has not
    written for LOCK_STALE_S."""
    host, _, rest = held.get("token", "").partition(":")
    pid = rest.split(":")[0]
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass
        return time.time() - float(held.get("beat", 0)) > 10 * LOCK_STALE_S
    return time.time() - float(held.get("beat", 0)) > LOCK_STALE_S
