"""Where a full build's time goes: embedding, extraction (in its own thread), Chroma writes, the rest.

    .venv/bin/python bench/build_profile.py [--corpus ../shared/corpus/bbc/articles.jsonl] [--limit 200]

Wraps the build's stages with timers (no sampling profiler), builds the first --limit articles into a temp home,
and prints each stage's seconds and share of the wall time. Extraction runs beside embedding, so its share may
overlap the others; "waiting for extraction" is the part of it the build actually waited for.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import index.build as build  # noqa: E402
from index import Store, get_embedder, load_paths  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)


def timed(name: str, fn):
    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - t
    return wrapper


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/bbc/articles.jsonl"))
    ap.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    emb = get_embedder()
    emb.embed(["warm up"] * 20)
    articles, _ = load_paths([args.corpus])
    articles = articles[: args.limit]
    emb.embed = timed("embedding", emb.embed)
    build._prepare = timed("extraction (sentences, quotes, passages; its own thread)", build._prepare)
    Store.add = timed("Chroma writes", Store.add)
    Store.derived = timed("BM25 and roster", Store.derived)
    t = time.perf_counter()
    r = build.rebuild(articles, Store(Path(tempfile.mkdtemp(prefix="whosaid-prof-"))), emb)
    wall = time.perf_counter() - t
    print(f"{len(articles)} articles, {r.words:,} words, {r.embedded_texts:,} texts embedded, backend {emb.backend}: "
          f"{wall:.1f} s, {r.words / wall:,.0f} words/s")
    for name, seconds in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<58}{seconds:7.1f} s {seconds / wall:6.1%}")
    main_thread = sum(v for k, v in SPENT.items() if not k.startswith("extraction"))
    print(f"  {'the rest (load, catalog, journal, lock, waiting for extraction)':<58}{wall - main_thread:7.1f} s "
          f"{(wall - main_thread) / wall:6.1%}")


if __name__ == "__main__":
    main()
