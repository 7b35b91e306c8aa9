"""Make a local Chroma collection save its vector index now, so Chroma empties its write-ahead log of it.

Measured on Chroma 1.5.9 (local, Rust): every write goes to the log (`embeddings_queue` in chroma.sqlite3: each
record's vector, document and metadata) and is applied to the collection's in-memory HNSW index, which is saved to
its folder only once `hnsw:sync_threshold` log records (1,000 by default) have been applied since its last save;
after each write Chroma deletes the log records that both the saved vector index and the metadata hold. So the
records changed since the last save stay on disk twice, up to a threshold's worth per collection: after an update in
place, a home held 1.17-1.34x a fresh build of the same articles (issue 18).

Chroma has no call that saves now. What it counts is log records applied, deletes of ids it does not hold included,
so deleting `sync_threshold` ids no record can have makes it save at once: the vector index is written (Chroma's own
save, the one it makes every 1,000 records, safe against a kill as that one is) and the log is emptied. The ids hold
U+001F, a control character that every id is cleaned of at the door (index/validate.py), so none is a record's.
Should a later Chroma stop counting such deletes, this saves nothing and costs one write: the log is then emptied
as before, every `sync_threshold` records (tests/test_update.py would see it left unsaved).
"""
from __future__ import annotations

__all__ = ["save_now", "DEFAULT_SYNC_THRESHOLD", "FLUSH_PREFIX"]

DEFAULT_SYNC_THRESHOLD = 1000  # Chroma 1.5's default hnsw sync_threshold, when a collection does not say
FLUSH_PREFIX = "\x1fwhosaid-save\x1f"
_PAGE = 1000  # ids per delete call (below Chroma's batch limit)


def sync_threshold(collection) -> int:
    """The collection's own `hnsw:sync_threshold` (collections made by older whosaid versions included)."""
    try:
        hnsw = (collection.configuration or {}).get("hnsw") or {}
        return max(1, int(hnsw.get("sync_threshold") or DEFAULT_SYNC_THRESHOLD))
    except (AttributeError, TypeError, ValueError):
        return DEFAULT_SYNC_THRESHOLD


def save_now(collection) -> int:
    """Make Chroma save `collection`'s vector index and empty its log of it; returns the ids deleted to do so."""
    count = sync_threshold(collection)
    for start in range(0, count, _PAGE):
        collection.delete(ids=[f"{FLUSH_PREFIX}{i}" for i in range(start, min(count, start + _PAGE))])
    return count
