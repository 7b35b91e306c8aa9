"""Benchmark: index a corpus (time, words/s, peak memory), rebuild it unchanged, then answer latency.

    .venv/bin/python bench/index_bench.py [--corpus ../shared/corpus/bbc/articles.jsonl] [--questions 40]

Baselines measured in the same run: the model alone embedding the same passages (what indexing costs
beyond embedding) and an unchanged rebuild (what incremental rebuilds save).
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import answer  # noqa: E402
from index import Store, get_embedder, load_paths, rebuild  # noqa: E402
from index.chunk import chunk_article  # noqa: E402


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/bbc/articles.jsonl"))
    ap.add_argument("--questions", type=int, default=40)
    args = ap.parse_args()
    emb = get_embedder()
    emb.embed(["warm up"])
    home = Path(tempfile.mkdtemp(prefix="whosaid-bench-"))
    store = Store(home)

    t = time.perf_counter()
    r = rebuild([args.corpus], store, emb)
    full = time.perf_counter() - t
    print(f"full rebuild: {r.articles:,} articles, {r.words:,} words, {r.chunks:,} passages, {r.quotes:,} quotes, "
          f"{len(r.refused)} refused in {full:.1f} s = {r.words / full:,.0f} words/s; peak RSS {peak_mib():,.0f} MiB")

    t = time.perf_counter()
    r2 = rebuild([args.corpus], store, emb)
    again = time.perf_counter() - t
    print(f"unchanged rebuild: {again:.1f} s ({r2.embedded_texts} texts embedded) = {full / again:.0f}x faster")

    articles, _ = load_paths([args.corpus])
    edited = home / "edited.jsonl"
    with edited.open("w") as f:
        for i, a in enumerate(articles):
            text = a.text + (" Correction: an earlier version misspelt a name." if i == 0 else "")
            f.write(json.dumps({"id": a.id, "title": a.title, "source": a.source, "date": a.date, "text": text}) + "\n")
    t = time.perf_counter()
    r3 = rebuild([edited], store, emb)
    one = time.perf_counter() - t
    print(f"one article changed: {one:.1f} s ({r3.changed} changed, {r3.reused:,} copied, {r3.embedded_texts} texts "
          f"embedded) = {full / one:.0f}x faster than the full build")

    sample = random.Random(1).sample(articles, min(200, len(articles)))
    texts = [c.text for a in sample for c in chunk_article(a.id, a.text, emb.count_tokens)]
    t = time.perf_counter()
    emb.embed(texts)
    model_only = time.perf_counter() - t
    words = sum(a.words for a in sample)
    print(f"baseline, model alone on passages of {len(sample)} articles: {words / model_only:,.0f} words/s "
          f"(indexing runs at {r.words / full / (words / model_only):.2f}x of that, quotes and storage included)")

    quotes = store.get("quotes")
    rng = random.Random(2)
    picks = rng.sample(quotes, min(args.questions, len(quotes)))
    questions = [f"Who said {' '.join(q['document'].split()[:12])}?" for q in picks]
    questions += [f"What did {q['metadata']['speaker_name']} say?" for q in picks[: args.questions // 2]]
    for q in questions[:3]:
        answer(q, store=store, embedder=emb)
    times = []
    for q in questions:
        t = time.perf_counter()
        answer(q, store=store, embedder=emb)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"ask latency over {len(times)} questions after warm-up: median {statistics.median(times):.0f} ms, "
          f"p95 {times[int(0.95 * (len(times) - 1))]:.0f} ms; peak RSS {peak_mib():,.0f} MiB")
    print(f"index at {home}")


if __name__ == "__main__":
    main()
