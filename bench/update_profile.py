"""Where a one-changed-article update's time goes, in a process that holds the index (as bench/index_bench.py
measures it): each stage's seconds, then cProfile's top functions.

    .venv/bin/python bench/update_profile.py --home HOME [--corpus ../shared/corpus/bbc/articles.jsonl] [--updates 2]
    .venv/bin/python bench/update_profile.py --home HOME --cli    # a fresh `whosaid index rebuild` process instead

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
SPENT_CPU: dict[str, float] | None = None  # CPU seconds too, when set (--cli)
STAGES = [  # (label, owner, attribute)
    ("reading and checking the articles", build, "load_known"),
    ("recovery check (journal, counts, leftovers)", Store, "recover"),
    ("  of which the counts against the catalog", check, "repair"),
    ("extraction (its own thread)", build, "prepare_batch"),
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
        t, c = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[label] += time.perf_counter() - t
            if SPENT_CPU is not None:
                SPENT_CPU[label] = SPENT_CPU.get(label, 0.0) + time.process_time() - c
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


# --cli: a fresh `whosaid index rebuild` process, each stage's wall and CPU seconds from the process's start (the
# stages wrapped as above; imports timed where they happen). The stage wrappers are installed before app.cli runs, so
# the modules they wrap are imported before it; their import time is counted under "imports before main".
FRESH = """
import resource, sys, time
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
start_wall, start_cpu = time.perf_counter(), cpu()
sys.path.insert(0, sys.argv[1])
import update_profile as up
from index import clients
import index.load
up.SPENT_CPU = {}
MORE = [("CLI: reading the articles (app/cli_index.py)", index.load, "load_known"),
        ("chromadb imported and its clients opened", clients, "local")]
for label, owner, attr in [*MORE, *up.STAGES]:
    up.wrap(label, owner, attr)
imported = (time.perf_counter() - start_wall, cpu() - start_cpu)
from app.cli import main
code = main(sys.argv[2:])
wall, used = time.perf_counter() - start_wall, cpu() - start_cpu
print(f"imports before main (the stage wrappers' modules){imported[0]:8.2f} s {imported[1]:6.2f} s CPU")
for label in dict.fromkeys(label for label, _, _ in [*MORE, *up.STAGES]):
    print(f"  {label:<64}{up.SPENT[label]:6.2f} s {up.SPENT_CPU.get(label, 0):6.2f} s CPU")
print(f"total, in this process{wall:46.2f} s {used:6.2f} s CPU (exit {code})")
"""


def fresh_cli(args, work: Path, home: Path) -> None:
    """One article changed by a fresh `whosaid index rebuild` process, its stages timed (see FRESH)."""
    import subprocess

    path = corrected(args.corpus, work, 1)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    load, t = os.getloadavg()[0], time.perf_counter()
    done = subprocess.run([sys.executable, "-c", FRESH, str(Path(__file__).parent), "--home", str(home), "index",
                           "rebuild", "--no-progress", str(path)], capture_output=True, text=True, env=env, cwd=ROOT)
    print(done.stdout + done.stderr[-2000:])
    print(f"the process, wall: {time.perf_counter() - t:.2f} s; load average {load:.1f} -> {os.getloadavg()[0]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/bbc/articles.jsonl"))
    ap.add_argument("--updates", type=int, default=2)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--cli", action="store_true",
                    help="a fresh CLI process instead (HOME made, or stamped, by this checkout: see update_bench.py)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="whosaid-update-profile-"))
    home = shutil.copytree(args.home, work / "home")
    if args.cli:
        fresh_cli(args, work, home)
        shutil.rmtree(work, ignore_errors=True)
        return
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
