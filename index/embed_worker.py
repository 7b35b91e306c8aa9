"""A build's embedding in a child process, so that the model's threads never wait for the building process's GIL.

Chroma's writes hold the GIL for their whole call (a pure-Python thread beside them got 5 % of a core), and so does
extraction between its regular expressions; the int8 engine needs the GIL between the texts it runs one at a time.
In one process they took turns; with the model in a child process, extraction and writes (one core's worth of
Python) run while the child's threads embed (bench/RESULTS.md, 2026-12-01). The child runs the same engine with the
same settings, so the vectors are the ones the building process would have made.

The child is a fresh interpreter (it inherits no file descriptor but its socket, so never the rebuild lock's); it
reads lists of texts from the socket and sends back float32 arrays; it ends when the socket closes, so a build
killed with SIGKILL leaves no child behind once the child's current batch is done.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
from collections import OrderedDict
from multiprocessing.connection import Connection

import numpy as np

from .embed import Embedder

__all__ = ["EmbedWorker", "Memo", "start", "serve"]

log = logging.getLogger(__name__)

_MIN_ARTICLES = 128  # fewer articles than this (an update) are embedded in process: the child's start (an
# interpreter, numpy, the ONNX session: ~1-2 s CPU) would cost more than it saves


class EmbedWorker:
    """`send(texts)` then `receive()` -> vectors (n x dim float32), in a child process."""

    def __init__(self, embedder: Embedder):
        settings = {"backend": embedder.backend, "batch_size": embedder.batch_size,
                    "token_budget": embedder.token_budget,
                    "cache_dir": None if embedder.cache_dir is None else os.fspath(embedder.cache_dir)}
        mine, theirs = socket.socketpair()
        try:  # a fresh interpreter with this one's import path (not multiprocessing's spawn: it runs __main__ again)
            self._process = subprocess.Popen(
                [sys.executable, "-c", _CHILD, json.dumps(sys.path), str(theirs.fileno()), json.dumps(settings)],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        except BaseException:
            mine.close()
            raise
        finally:
            theirs.close()
        self._conn = Connection(mine.detach())
        self.backend = settings["backend"]

    def send(self, texts: list[str]) -> None:
        self._conn.send(texts)

    def receive(self) -> np.ndarray:
        status, payload = self._conn.recv()
        if status != "ok":
            raise RuntimeError(f"the embedding process failed: {payload}")
        return payload

    def close(self) -> None:
        try:
            self._conn.send(None)
        except (OSError, ValueError):
            pass
        self._conn.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


_CHILD = ("import json, sys; sys.path[:0] = json.loads(sys.argv[1]); from index.embed_worker import serve; "
          "serve(int(sys.argv[2]), json.loads(sys.argv[3]))")


def start(embedder, articles: int) -> EmbedWorker | None:
    """A worker for indexing `articles` articles when `embedder` is this project's Embedder and the job is big
    enough to pay for a process; else None (embed in process)."""
    if type(embedder) is not Embedder or articles < _MIN_ARTICLES:
        return None
    try:
        return EmbedWorker(embedder)
    except Exception as e:  # no processes here (a sandbox): in process, as before
        log.warning("embedding in process: the embedding process could not start (%s: %s)", type(e).__name__, e)
        return None


class Memo:
    """Each distinct text embedded once in a build: a text met again (a statement quoted twice, an article filed
    twice: 190 of 6,257 texts in 500 BBC articles, 2.7 % of their wordpieces) gets the vector it got before (int8
    embeds each text alone, so the same one). The last `most` texts are remembered (~1.5 KB each)."""

    def __init__(self, embed_array, most: int = 20_000):
        self._embed, self._most = embed_array, most
        self._held: OrderedDict[str, np.ndarray] = OrderedDict()

    def embed(self, texts: list[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self._held]
        for t, v in zip(new, self._embed(new) if new else []):
            self._held[t] = v
        out = np.stack([self._held[t] for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)
        for t in dict.fromkeys(texts):
            self._held.move_to_end(t)
        while len(self._held) > self._most:
            self._held.popitem(last=False)
        return out


def serve(fd: int, settings: dict) -> None:
    """The child: embed each list of texts received on the socket `fd`, until None or the socket closes."""
    conn = Connection(fd)
    embedder = Embedder(settings["batch_size"], backend=settings["backend"], token_budget=settings["token_budget"],
                        cache_dir=settings["cache_dir"])
    memo = Memo(embedder.embed_array)
    while True:
        try:
            texts = conn.recv()
        except (EOFError, OSError):
            return
        if texts is None:
            return
        try:
            reply = ("ok", memo.embed(texts))
        except Exception as e:  # the building process falls back to embedding this batch itself
            reply = ("error", f"{type(e).__name__}: {e}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return
