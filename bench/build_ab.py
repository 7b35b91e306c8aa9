"""A full build of the same articles by this checkout and by another (`--before DIR`), taking turns: words/s and
the ratio, median of the rounds, with the load during each run.

    .venv/bin/python bench/build_ab.py --before DIR [--corpus ../shared/corpus/bbc/articles.jsonl] [--subset 500]
                                       [--rounds 3]

DIR is another checkout (`git archive REV | tar -x -C DIR`). Each build runs in a fresh process of this interpreter
with that checkout first on its path, the model loaded and warmed before the clock starts, into a fresh home; the
order alternates each round, so load that drifts during the run falls on both alike.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, os, resource, sys, tempfile, time
from pathlib import Path
from index import Store, get_embedder, load_paths, rebuild
emb = get_embedder()
emb.embed(["warm up"] * 20)
articles, _ = load_paths([sys.argv[1]])
work = Path(tempfile.mkdtemp(prefix="build-ab-"))
subset = work / "subset.jsonl"
with subset.open("w") as f:
    for a in articles[: int(sys.argv[2])]:
        f.write(json.dumps({"id": a.id, "title": a.title, "source": a.source, "date": a.date, "text": a.text}) + "\\n")
load, t, cpu = os.getloadavg()[0], time.perf_counter(), time.process_time()
r = rebuild([subset], Store(work / "home"), emb)
wall = time.perf_counter() - t
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"words_per_s": r.words / wall, "seconds": wall,
                  "cpu": time.process_time() - cpu + kids.ru_utime + kids.ru_stime,
                  "texts": r.embedded_texts, "load": [load, os.getloadavg()[0]], "work": str(work)}))
"""


def run(checkout: Path, corpus: str, subset: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run([sys.executable, "-c", CHILD, corpus, str(subset)], capture_output=True, text=True,
                          env=env, cwd=checkout)
    if done.returncode:
        raise SystemExit(f"{checkout}: {done.stderr[-2000:]}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    subprocess.run(["rm", "-rf", out["work"]], check=False)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True, help="the other checkout")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/bbc/articles.jsonl"))
    ap.add_argument("--subset", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    sides = {"before": Path(args.before).resolve(), "after": ROOT}
    got: dict[str, list[dict]] = {k: [] for k in sides}
    for n in range(args.rounds):
        for name in (("before", "after") if n % 2 == 0 else ("after", "before")):
            r = run(sides[name], str(Path(args.corpus).resolve()), args.subset)
            got[name].append(r)
            print(f"round {n + 1} {name}: {r['words_per_s']:,.0f} words/s, {r['seconds']:.1f} s wall, {r['cpu']:.1f} s "
                  f"CPU (with its child processes), {r['texts']:,} texts; load {r['load'][0]:.1f} -> {r['load'][1]:.1f}", flush=True)
    med = {k: statistics.median(r["words_per_s"] for r in v) for k, v in got.items()}
    cpu = {k: statistics.median(r["cpu"] for r in v) for k, v in got.items()}
    print(f"median words/s: before {med['before']:,.0f}, after {med['after']:,.0f}, after / before "
          f"{med['after'] / med['before']:.2f}; median CPU s: before {cpu['before']:.1f}, after {cpu['after']:.1f}")


if __name__ == "__main__":
    main()
