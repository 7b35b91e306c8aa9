"""The Store for a home, opened once per process and kept open across questions (light: no answerer imported)."""
from __future__ import annotations

from pathlib import Path

from index import Store

from .config import load_config

__all__ = ["open_store"]

_stores: dict[tuple, Store] = {}


def open_store(home: str | Path | None = None) -> Store:
    """The Store for `home` (default: the configured one), kept open across questions."""
    cfg = load_config(home=home)
    key = (str(cfg.home), cfg.chroma_host, cfg.chroma_port)
    if key not in _stores:
        _stores[key] = Store(cfg.home, cfg.chroma_host, cfg.chroma_port)
    return _stores[key]
