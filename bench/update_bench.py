"""One changed article in a whole-corpus index: this checkout's code against another's, in one run, interleaved.

    .venv/bin/python bench/update_bench.py --home HOME --before DIR [--corpus ../shared/corpus/bbc/articles.jsonl]
        [--rounds 3] [--updates 3] [--cli]

HOME is a first build of all but the last 50 articles of the corpus (as bench/index_bench.py makes it; it is copied
for every run, never changed). DIR is a copy of the code to compare with (e.g. `git archive COMMIT | tar -x -C DIR`).
Each run is a fresh process of one checkout that opens the index as a running process holds it (BM25 and roster
loaded, model warmed up), then makes `--updates` one-article corrections in a row (they accumulate, so each update
changes exactly one article) and reports each one's seconds; with --cli, one article changed by a fresh
`whosaid index rebuild` process too (imports, model, loading the corpus). The checkouts take turns, round after round, so load
that drifts hits both alike; the figure is the ratio of their medians.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# What each run executes, in the checkout under test (its code first on the path); the extraction fingerprint is
# pinned to the index's, as bench/index_bench.py does, so that both checkouts update in place.
CHILD = """
import json, sys, time
import index.build as build
from index import Store, get_embedder, rebuild
home, files = sys.argv[1], sys.argv[2:]
store = Store(home)
pinned = store.manifest().extractor
build.extractor_version = lambda: pinned
store.derived()
emb = get_embedder()
emb.embed(["warm up"] * 20)
out = []
for f in files:
    t = time.perf_counter()
    r = rebuild([f], store, emb)
    out.append([time.perf_counter() - t, r.changed, r.embedded_texts])
print(json.dumps(out))
"""


def corrected(corpus: str, work: Path, updates: int) -> list[Path]:
    """The first build's articles with 1, 2, ... `updates` articles corrected (a sentence added to each)."""
    from index import load_paths

    articles, _ = load_paths([corpus])
    articles = articles[:-50]
    files = []
    for n in range(1, updates + 1):
        path = work / f"corrected-{n}.jsonl"
        with path.open("w") as f:
            for i, a in enumerate(articles):
                text = a.text + f" Correction: an earlier version misspelt a name ({i})." if 10 <= i < 10 + n else a.text
                f.write(json.dumps({"id": a.id, "title": a.title, "source": a.source, "date": a.date, "text": text}) + "\n")
        files.append(path)
    return files


def run(root: Path, home: Path, files: list[Path], work: Path) -> list[list[float]]:
    copy = work / "home"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(home, copy)
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(copy), *map(str, files)], capture_output=True, text=True,
                          cwd=root, env=env)
    if done.returncode:
        raise SystemExit(f"{root}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cli(root: Path, home: Path, file: Path, work: Path) -> float:
    """Seconds of `whosaid index rebuild FILE` as a fresh process of `root`'s code (one article changed)."""
    copy = work / "home"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(home, copy)
    env = {**os.environ, "PYTHONPATH": str(root)}
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "app.cli", "--home", str(copy), "index", "rebuild", "--no-progress",
                           str(file)], capture_output=True, text=True, cwd=root, env=env)
    if done.returncode or "1 changed" not in done.stdout:
        raise SystemExit(f"{root}: {done.stdout[-500:]} {done.stderr[-2000:]}")
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True, help="a first build of all but the last 50 articles of --corpus")
    ap.add_argument("--before", required=True, help="a copy of the code to compare with")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/bbc/articles.jsonl"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--updates", type=int, default=3)
    ap.add_argument("--cli", action="store_true", help="each round, also one article changed by a fresh CLI process")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="whosaid-update-bench-"))
    files = corrected(args.corpus, work, args.updates)
    roots = {"before": Path(args.before).resolve(), "after": ROOT}
    seconds: dict[str, list[float]] = {k: [] for k in roots}
    fresh: dict[str, list[float]] = {k: [] for k in roots}
    for r in range(args.rounds):
        for name in (("before", "after") if r % 2 == 0 else ("after", "before")):
            load = os.getloadavg()[0]
            got = run(roots[name], Path(args.home), files, work)
            seconds[name] += [s for s, _, _ in got]
            if args.cli:
                fresh[name].append(cli(roots[name], Path(args.home), files[0], work))
            print(f"round {r + 1} {name}: " + ", ".join(f"{s:.2f} s ({c} changed, {t} texts)" for s, c, t in got)
                  + (f"; as a CLI process {fresh[name][-1]:.2f} s" if args.cli else "")
                  + f"; load average {load:.1f} -> {os.getloadavg()[0]:.1f}", flush=True)
    for label, got in (("one article changed", seconds), ("as a fresh CLI process", fresh)):
        if got["before"]:
            med = {k: statistics.median(v) for k, v in got.items()}
            print(f"{label}: before median {med['before']:.2f} s (max {max(got['before']):.2f}), after median "
                  f"{med['after']:.2f} s (max {max(got['after']):.2f}): after/before **{med['after'] / med['before']:.2f}**")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
