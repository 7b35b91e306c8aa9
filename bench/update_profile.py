"""Where a one-changed-article update's time goes, in a process that holds the index (as bench/index_bench.py
measures it): each stage's seconds, then cProfile's top functions.

    .venv/bin/python bench/update_profile.py --home HOME [--corpus ../shared/corpus/bbc/articles.jsonl] [--updates 2]

HOME is a first build of all but the last 50 articles of the corpus (bench/index_bench.py makes one); it is copied,
never changed. Stages are timed by wrapping the functions the update calls (they nest: "of which" lines are inside
the line above them; the extraction runs in its own thread).
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import index.build as build  # noqa: E402
from index import Store, check, get_embedder, load_paths  # noqa: E402
from index.embed import Embedder  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)
STAGES = [  # (label, owner, attribute)
    ("reading and checking the articles", build, "load_known"),
    ("recovery check (journal, counts, leftovers)", Store, "recover"),
    ("  of which the counts against the catalog", check, "repair"),
    ("extraction (its own thread)", build, "_prepare"),
    ("embedding", Embedder, "embed"),
    ("Chroma: records written", Store, "add"),
    ("Chroma: stale records deleted", Store, "delete_records"),
    ("Chroma: catalog and journal", Store, "uncatalog"),
    ("Chroma: catalog and journal", Store, "commit_articles"),
    ("Chroma: catalog and journal", Store, "journal"),
    ("Chroma: vector indexes saved (index/wal.py)", Store, "save"),
    ("state written (and the catalog kept)", Store, "write_state"),
    ("live manifest and catalog read", Store, "manifest"),
    ("BM25 and roster of the new version", Store, "derived"),
    ("lock released (tidy; saves a killed rebuild left)", Store, "_release"),
    ("tidy, a child process (at the recovery check and the release)", Store, "tidy"),
]


def wrap(label: str, owner, attr: str) -> None:
    fn = getattr(owner, attr)

    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[label] += time.perf_counter() - t
    setattr(owner, attr, timed)


def corrected(corpus: str, work: Path, n: int) -> Path:
    import json

    articles, _ = load_paths([corpus])
    path = work / f"corrected-{n}.jsonl"
    with path.open("w") as f:
        for i, a in enumerate(articles[:-50]):
            text = a.text + f" Correction: an earlier version misspelt a name ({i})." if 10 <= i < 10 + n else a.text
            f.write(json.dumps({"id": a.id, "title": a.title, "source": a.source, "date": a.date, "text": text}) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/bbc/articles.jsonl"))
    ap.add_argument("--updates", type=int, default=2)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="whosaid-update-profile-"))
    home = shutil.copytree(args.home, work / "home")
    files = [corrected(args.corpus, work, n) for n in range(1, args.updates + 1)]
    store = Store(home)
    pinned = store.manifest().extractor
    build.extractor_version = lambda: pinned  # the index's extraction code: updated in place whatever the checkout
    store.derived()
    emb = get_embedder()
    emb.embed(["warm up"] * 20)
    for label, owner, attr in STAGES:
        wrap(label, owner, attr)
    for n, path in enumerate(files):
        SPENT.clear()
        prof = cProfile.Profile()
        load, t = os.getloadavg()[0], time.perf_counter()
        prof.enable()
        r = build.rebuild([path], store, emb)
        prof.disable()
        wall = time.perf_counter() - t
        print(f"\nupdate {n + 1}: {wall:.2f} s under cProfile ({r.changed} changed, {r.embedded_texts} texts embedded); "
              f"load average {load:.1f}")
        for label in dict.fromkeys(label for label, _, _ in STAGES):  # in the order of STAGES, nested under their owner
            print(f"  {label:<64}{SPENT[label]:6.2f} s {SPENT[label] / wall:6.1%}")
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
