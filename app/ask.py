"""answer(question) -> Answer: the public entry point; picks the store, the model and the answerer."""
from __future__ import annotations

from pathlib import Path

from index import Embedder, Store, get_embedder

from .config import load_config
from .extractive import extractive_answer
from .models import Answer
from .retrieve import Retriever

__all__ = ["answer", "open_store"]

_stores: dict[tuple, Store] = {}


def open_store(home: str | Path | None = None) -> Store:
    """The Store for `home` (default: the configured one), kept open across questions."""
    cfg = load_config(home=home)
    key = (str(cfg.home), cfg.chroma_host, cfg.chroma_port)
    if key not in _stores:
        _stores[key] = Store(cfg.home, cfg.chroma_host, cfg.chroma_port)
    return _stores[key]


def answer(question: str, *, home: str | Path | None = None, store: Store | None = None,
           embedder: Embedder | None = None) -> Answer:
    """Answer `question` from the index at `home` (default: WHOSAID_HOME, else ./.whosaid)."""
    store = store or open_store(home)
    store.manifest()  # raises NoIndexError before any model is loaded
    return extractive_answer(question, Retriever(store, embedder or get_embedder()))
