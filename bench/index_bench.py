"""Benchmark of indexing, updating, starting and answering, every figure against a baseline measured in the same run.

    .venv/bin/python bench/index_bench.py [--corpus ../shared/corpus/bbc/articles.jsonl] [--subset 500]

1. The same first `--subset` articles indexed by llama-index's default pipeline fitted to MiniLM's window
   (bench/llama_bench.py in bench/.venv-llama, when that venv exists: `make bench` makes it), by whosaid, and
   embedded by the bare model (whosaid's passages only): words/s and the ratios.
2. The whole corpus: a first build without 50 articles (a CLI process, its peak RSS), then the 50 added, one
   article changed, nothing changed (in this process, the model warm).
3. A cold `whosaid ask` (a fresh process: imports, model, index) and its peak RSS; answer p50/p95 warm.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import answer  # noqa: E402
from index import Store, get_embedder, load_paths, rebuild  # noqa: E402
from index.chunk import chunk_article  # noqa: E402

WHOSAID = ROOT / ".venv" / "bin" / "whosaid"
LLAMA_PY = ROOT / "bench" / ".venv-llama" / "bin" / "python"


def timed(cmd: list[str], **kw) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall seconds and peak RSS (MiB, from GNU time) of a command."""
    t = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True, **kw)
    seconds = time.perf_counter() - t
    if done.returncode:
        raise SystemExit(f"{cmd} failed: {done.stderr[-2000:]}")
    return seconds, int(done.stderr.strip().splitlines()[-1]) // 1024, done


def write_jsonl(path: Path, articles) -> Path:
    with path.open("w") as f:
        for a in articles:
            f.write(json.dumps({"id": a.id, "title": a.title, "source": a.source, "date": a.date, "text": a.text}) + "\n")
    return path


def head_to_head(articles, work: Path, emb) -> None:
    words = sum(a.words for a in articles)
    subset = write_jsonl(work / "subset.jsonl", articles)
    print(f"## {len(articles)} articles, {words:,} words; load average {os.getloadavg()[0]:.1f}")
    llama = None
    if LLAMA_PY.exists():
        _, _, done = timed([str(LLAMA_PY), str(ROOT / "bench" / "llama_bench.py"), "--corpus", str(subset),
                            "--limit", str(len(articles))])
        llama = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"llama-index fitted pipeline: {llama['words_per_s']:,.0f} words/s ({llama['chunks']:,} chunks, "
              f"{llama.get('chunks_over_window', '?')} over the window), peak RSS {llama.get('peak_rss_mib', '?')} MiB")
    else:
        print("llama-index baseline skipped: run `make bench-llama-env` first")
    t = time.perf_counter()
    r = rebuild([subset], Store(work / "subset-home"), emb)
    ours = r.words / (time.perf_counter() - t)
    texts = [c.text for a in articles for c in chunk_article(a.id, a.text, emb.count_tokens)]
    t = time.perf_counter()
    emb.embed(texts)
    bare = words / (time.perf_counter() - t)
    print(f"whosaid full build: {ours:,.0f} words/s ({r.chunks:,} passages, {r.quotes:,} statements, "
          f"{r.embedded_texts:,} texts embedded, backend {getattr(emb, 'backend', '?')})")
    print(f"bare model on whosaid's passages: {bare:,.0f} words/s; indexing reaches {ours / bare:.2f} of it")
    if llama:
        print(f"**whosaid / llama-index: {ours / llama['words_per_s']:.2f}x**")


def updates(articles, work: Path, emb) -> Store:
    print(f"## whole corpus, {len(articles):,} articles; load average {os.getloadavg()[0]:.1f}")
    home = work / "full-home"
    first = write_jsonl(work / "all-but-50.jsonl", articles[:-50])
    seconds, rss, _ = timed([str(WHOSAID), "--home", str(home), "index", "rebuild", "--no-progress", str(first)])
    words = sum(a.words for a in articles[:-50])
    print(f"first build (CLI, {len(articles) - 50:,} articles): {seconds:.0f} s, {words / seconds:,.0f} words/s, "
          f"peak RSS {rss:,} MiB")
    store, everything = Store(home), write_jsonl(work / "all.jsonl", articles)
    for label, path in (("50 articles added", everything), ("nothing changed", everything)):
        t = time.perf_counter()
        r = rebuild([path], store, emb)
        print(f"{label}: {time.perf_counter() - t:.2f} s ({r.added} added, {r.embedded_texts} texts embedded)")
    edited = list(articles)
    a = edited[0]
    edited[0] = type(a)(**{**a.__dict__, "text": a.text + " Correction: an earlier version misspelt a name."})
    path = write_jsonl(work / "edited.jsonl", edited)
    t = time.perf_counter()
    r = rebuild([path], store, emb)
    print(f"one article changed: {time.perf_counter() - t:.2f} s ({r.changed} changed, {r.embedded_texts} texts "
          f"embedded), BM25 and roster of the new version included")
    shutil.rmtree(home / "lexical", ignore_errors=True)
    t = time.perf_counter()
    Store(home).derived()
    print(f"BM25 and roster rebuilt from the records, as a replica does at a new version: {time.perf_counter() - t:.2f} s")
    seconds, _, _ = timed([str(WHOSAID), "--home", str(home), "index", "rebuild", "--no-progress", str(path)])
    print(f"the same as a CLI process with nothing to do (imports, load, compare): {seconds:.2f} s")
    return store


def asking(store: Store, emb, n: int) -> None:
    print(f"## answering; load average {os.getloadavg()[0]:.1f}")
    q = "Who said the economy would recover next year?"
    seconds, rss, _ = timed([str(WHOSAID), "--home", str(store.home), "ask", q])
    print(f"cold `whosaid ask` (a fresh process): {seconds:.2f} s, peak RSS {rss:,} MiB")
    picks = random.Random(2).sample(store.get("quotes"), n)
    questions = [f"Who said {' '.join(p['document'].split()[:12])}?" for p in picks]
    questions += [f"What did {p['metadata']['speaker_name']} say?" for p in picks[: n // 2]]
    for question in questions[:3]:
        answer(question, store=store, embedder=emb)
    times = []
    for question in questions:
        t = time.perf_counter()
        answer(question, store=store, embedder=emb)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"answer after warm-up, {len(times)} questions: p50 {statistics.median(times):.0f} ms, "
          f"p95 {times[int(0.95 * (len(times) - 1))]:.0f} ms")


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/bbc/articles.jsonl"))
    ap.add_argument("--subset", type=int, default=500)
    ap.add_argument("--questions", type=int, default=40)
    ap.add_argument("--skip", nargs="*", default=[], choices=["head", "updates"])
    args = ap.parse_args()
    emb = get_embedder()
    emb.embed(["warm up"] * 20)
    articles, _ = load_paths([args.corpus])
    work = Path(tempfile.mkdtemp(prefix="whosaid-bench-"))
    if "head" not in args.skip:
        head_to_head(articles[: args.subset], work, emb)
    if "updates" not in args.skip:
        asking(updates(articles, work, emb), emb, args.questions)
    print(f"(work files in {work})")


if __name__ == "__main__":
    main()
