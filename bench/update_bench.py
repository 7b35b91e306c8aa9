"""One changed article in a whole-corpus index: this checkout's code against another's, in one run, interleaved.

    .venv/bin/python bench/update_bench.py --home HOME --before DIR [--corpus ../shared/corpus/bbc/articles.jsonl]
        [--rounds 3] [--updates 3] [--cli | --cli-only] [--ask] [--nothing]

HOME is a first build of all but the last 50 articles of the corpus (as bench/index_bench.py makes it; it is copied
for every run, never changed). DIR is a copy of the code to compare with (e.g. `git archive COMMIT | tar -x -C DIR`).
Each run is a fresh process of one checkout that opens the index as a running process holds it (BM25 and roster
loaded, model warmed up), then makes `--updates` one-article corrections in a row (they accumulate, so each update
changes exactly one article) and reports each one's seconds, and the seconds until the new version's BM25 and
roster are ready for a question (made by the update itself up to 2026-11-30 late, since then by its first reader).
With --cli, one article is changed by a fresh `whosaid index rebuild` process too (imports, model, loading the
corpus), wall and CPU seconds; the copy's manifest is first given that checkout's extraction fingerprint (STAMP);
with --ask, then two cold `whosaid ask` processes on the updated copy (the first after the update, and another);
with --nothing, the CLI process finds no article changed.
The checkouts take turns, round after round, so load that drifts hits both alike; the figure is the ratio of
their medians.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
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
    t2 = time.perf_counter()
    store.derived()  # BM25 and roster of the new version, as this process's next question needs them
    out.append([t2 - t, r.changed, r.embedded_texts, time.perf_counter() - t2])
print(json.dumps(out))
"""


def corrected(corpus: str, work: Path, updates: int) -> list[Path]:
    """The first build's articles with 0, 1, 2, ... `updates` articles corrected (a sentence added to each)."""
    from index import load_paths

    articles, _ = load_paths([corpus])
    articles = articles[:-50]
    files = []
    for n in range(0, updates + 1):  # 0: none corrected (the first build's articles as they are)
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


# Before a CLI run: the copy's manifest given the checkout's own extraction fingerprint, as if that checkout had built
# it (the CLI pins nothing; a fingerprint unlike the index's would index everything again). Untimed, its own process.
STAMP = """
import sys
from index import Store
try:
    from index.fingerprint import extractor_version
except ImportError:
    from index.records import extractor_version
store = Store(sys.argv[1])
state = store._read_state()
state.extractor = extractor_version()
store.write_state(state)
"""


ASK = "Who said the economy would recover next year?"


def cli(root: Path, home: Path, file: Path, work: Path, changed: int = 1) -> tuple[float, float]:
    """Seconds of `whosaid index rebuild FILE` as a fresh process of `root`'s code (one article changed), wall and
    CPU (user + system, its child processes included: what load on the machine changes least)."""
    copy = work / "home"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(home, copy)
    env = {**os.environ, "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "-c", STAMP, str(copy)], check=True, cwd=root, env=env)
    used, t = _children_cpu(), time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "app.cli", "--home", str(copy), "index", "rebuild", "--no-progress",
                           str(file)], capture_output=True, text=True, cwd=root, env=env)
    wall, cpu = time.perf_counter() - t, _children_cpu() - used
    if done.returncode or f"{changed} changed" not in done.stdout:
        raise SystemExit(f"{root}: {done.stdout[-500:]} {done.stderr[-2000:]}")
    return wall, cpu


def asks(root: Path, work: Path) -> list[float]:
    """Seconds of two cold `whosaid ask` processes on the copy `cli` left: the first question after the update
    (which makes the new version's BM25 and roster if the update did not), then another."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = []
    for _ in range(2):
        t = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "app.cli", "--home", str(work / "home"), "ask", "--answerer",
                               "extractive", ASK], capture_output=True, text=True, cwd=root, env=env)
        out.append(time.perf_counter() - t)
        if done.returncode:
            raise SystemExit(f"{root}: {done.stderr[-2000:]}")
    return out


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


LABELS = {"update": "one article changed", "ready": "the same, then BM25 and roster of the new version",
          "cli": "as a fresh CLI process", "cpu": "its CPU time (user + system)",
          "ask": "then a cold `whosaid ask`, the first after the update", "again": "and a second cold `whosaid ask`"}


def _args() -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True, help="a first build of all but the last 50 articles of --corpus")
    ap.add_argument("--before", required=True, help="a copy of the code to compare with")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/bbc/articles.jsonl"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--updates", type=int, default=3)
    ap.add_argument("--cli", action="store_true", help="each round, also one article changed by a fresh CLI process")
    ap.add_argument("--cli-only", action="store_true", help="only the fresh CLI process, each round")
    ap.add_argument("--ask", action="store_true", help="after the CLI process, two cold `whosaid ask` processes")
    ap.add_argument("--nothing", action="store_true", help="the CLI process with no article changed")
    return ap.parse_args()


def _turn(args, root: Path, files: list[Path], work: Path, got: dict[str, list[float]]) -> str:
    """One checkout's runs of a round, added to `got` (LABELS' keys); what to print of them."""
    updates = [] if args.cli_only else run(root, Path(args.home), files[1:], work)
    got["update"] += [s for s, _, _, _ in updates]
    got["ready"] += [s + d for s, _, _, d in updates]
    line = ", ".join(f"{s:.2f} s ({c} changed, {t} texts; +{d:.2f} s BM25 and roster)" for s, c, t, d in updates)
    if args.cli or args.cli_only:
        wall, cpu = cli(root, Path(args.home), files[0 if args.nothing else 1], work, 0 if args.nothing else 1)
        got["cli"].append(wall)
        got["cpu"].append(cpu)
        line += f"; as a CLI process {wall:.2f} s ({cpu:.2f} s CPU)"
        if args.ask:
            first, again = asks(root, work)
            got["ask"].append(first)
            got["again"].append(again)
            line += f"; then cold asks {first:.2f} s, {again:.2f} s"
    return line


def main() -> None:
    args = _args()
    work = Path(tempfile.mkdtemp(prefix="whosaid-update-bench-"))
    files = corrected(args.corpus, work, args.updates)
    roots = {"before": Path(args.before).resolve(), "after": ROOT}
    got = {name: {key: [] for key in LABELS} for name in roots}
    for r in range(args.rounds):
        for name in (("before", "after") if r % 2 == 0 else ("after", "before")):
            load = os.getloadavg()[0]
            line = _turn(args, roots[name], files, work, got[name])
            print(f"round {r + 1} {name}: {line}; load average {load:.1f} -> {os.getloadavg()[0]:.1f}", flush=True)
    for key, label in LABELS.items():
        b, a = got["before"][key], got["after"][key]
        if b:
            print(f"{label}: before median {statistics.median(b):.2f} s (max {max(b):.2f}), after median "
                  f"{statistics.median(a):.2f} s (max {max(a):.2f}): after/before "
                  f"**{statistics.median(a) / statistics.median(b):.2f}**")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
