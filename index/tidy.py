"""Give back the disk a local Chroma folder keeps after collections are dropped (run in a child process).

Measured on Chroma 1.5.9 (see the README, "Rebuilds and disk"): `delete_collection` removes a collection's rows
from chroma.sqlite3 but (1) leaves its vector segment's folder (one UUID-named folder of HNSW files per collection),
(2) leaves its records' list-valued metadata in `embedding_metadata_array`, and (3) SQLite does not shrink the file:
freed pages stay in it, and the full-text index keeps the deleted rows' tombstones. So every full rebuild grew the
home by about one index. This removes (1) and (2) and, when the free pages are worth it, runs SQLite's VACUUM. It also
names the collections whose write-ahead log holds records not yet in their saved vector index (a rebuild killed before
it saved them, index/wal.py), for the caller to save.

It runs in a child process on purpose: Chroma opens the file with its own copy of SQLite, and a second SQLite in
the same process closing the file would drop Chroma's POSIX locks on it. The caller holds the rebuild lock, so no
whosaid process writes meanwhile; readers only see the dropped generation's rows disappear, which
`delete_collection` already did (they get "the index changed: ask again"), and VACUUM waits for their reads.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

__all__ = ["tidy", "disk_size", "VACUUM_FREE_SHARE"]

# VACUUM rewrites the whole file (seconds for a large index, and readers wait), so it runs only when free pages are
# at least this share of it: the issue-18 target is a home within 10 % of a fresh build's size.
VACUUM_FREE_SHARE = 0.05
BUSY_MS = 10_000  # how long VACUUM waits for readers' transactions to end before giving up (it is tried next time)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def disk_size(path: Path) -> int:
    """Bytes of every file under `path` (links not followed)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def tidy(chroma_dir: Path, hold: int | None = None) -> dict:
    """Run `_tidy` on `chroma_dir` in a child Python, which inherits `hold` (the rebuild lock's descriptor: the
    lock stays held while the child works, even if this process is killed); returns what it did."""
    if not (Path(chroma_dir) / "chroma.sqlite3").is_file():
        return {}
    done = subprocess.run([sys.executable, "-m", "index.tidy", str(chroma_dir)], capture_output=True, text=True,
                          cwd=str(Path(__file__).resolve().parent.parent), timeout=600,
                          pass_fds=() if hold is None else (hold,))
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}


def _tidy(chroma_dir: Path) -> dict:
    db = sqlite3.connect(chroma_dir / "chroma.sqlite3", timeout=BUSY_MS / 1000, isolation_level=None)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        db.execute("BEGIN IMMEDIATE")
        orphans = db.execute("DELETE FROM embedding_metadata_array WHERE id NOT IN (SELECT id FROM embeddings)").rowcount
        segments = {row[0] for row in db.execute("SELECT id FROM segments")}
        db.execute("COMMIT")
        folders = _drop_folders(chroma_dir, segments)
        unsaved = _unsaved(db)
        pages, free = (db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "freelist_count"))
        vacuumed = bool(folders) or free > VACUUM_FREE_SHARE * pages
        if vacuumed:  # the full-text index's tombstones of deleted rows are merged away first
            db.execute("INSERT INTO embedding_fulltext_search(embedding_fulltext_search) VALUES ('optimize')")
            db.execute("VACUUM")
        return {"orphan_rows": orphans, "folders": folders, "vacuumed": vacuumed, "unsaved": unsaved}
    finally:
        db.close()


def _unsaved(db: sqlite3.Connection) -> list[str]:
    """Collections whose write-ahead log holds records past the last one both their segments have (Chroma keeps
    the log's last record it purged up to): a rebuild killed before it saved them (index/wal.py)."""
    saved: dict[str, int] = {}
    for collection, seq in db.execute("SELECT s.collection, COALESCE(m.seq_id, 0) FROM segments s "
                                      "LEFT JOIN max_seq_id m ON m.segment_id = s.id"):
        saved[collection] = min(seq, saved.get(collection, seq))
    names = dict(db.execute("SELECT id, name FROM collections"))
    last = db.execute("SELECT topic, MAX(seq_id) FROM embeddings_queue GROUP BY topic")
    return sorted(names[cid] for cid, top in ((t.rsplit("/", 1)[-1], n) for t, n in last)
                  if cid in names and top > saved.get(cid, 0))


def _drop_folders(chroma_dir: Path, segments: set[str]) -> int:
    """Remove the UUID-named folders no segment of the catalog refers to (a folder is made after its segment's row,
    never before, so a folder without a row belongs to a dropped collection)."""
    gone = 0
    for entry in os.scandir(chroma_dir):
        if entry.is_dir(follow_symlinks=False) and _UUID.match(entry.name) and entry.name not in segments:
            shutil.rmtree(entry.path, ignore_errors=True)
            gone += 1
    return gone


if __name__ == "__main__":
    try:
        print(json.dumps(_tidy(Path(sys.argv[1]))))
    except sqlite3.Error as e:  # busy past BUSY_MS, or a file Chroma has not made yet: tried again next rebuild
        print(json.dumps({"error": str(e)}))
