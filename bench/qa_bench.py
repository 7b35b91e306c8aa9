"""Benchmark: answer() latency after warm-up on an existing index, against the bare question embedding as baseline.

    .venv/bin/python bench/qa_bench.py --home /tmp/polnear-home [--questions tests/questions/reader-*.jsonl]

Prints p50/p95 of answer() per question kind and, measured in the same run, of the model alone embedding the same
questions (the floor any answer pays), with their ratio. No figure here is asserted by a test.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import answer  # noqa: E402
from index import get_embedder  # noqa: E402


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True)
    ap.add_argument("--questions", nargs="+", default=sorted(str(p) for p in (ROOT / "tests/questions").glob("*.jsonl")))
    ap.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    rows = [json.loads(line) for f in args.questions for line in Path(f).read_text().splitlines() if line.strip()]
    rows = rows[:: max(1, len(rows) // args.limit)][: args.limit]
    emb = get_embedder()
    answer(rows[0]["question"], home=args.home, embedder=emb, answerer="extractive")  # warm-up: model, caches
    base, took = [], defaultdict(list)
    for r in rows:
        t = time.perf_counter()
        emb.embed([r["question"]])
        base.append(time.perf_counter() - t)
        t = time.perf_counter()
        answer(r["question"], home=args.home, embedder=emb, answerer="extractive")
        took[r["kind"]].append(time.perf_counter() - t)
    every = [x for v in took.values() for x in v]
    print(f"{len(rows)} questions on {args.home}")
    print(f"baseline, embedding the question alone: p50 {pct(base, .5):.1f} ms, p95 {pct(base, .95):.1f} ms")
    print(f"answer(): p50 {pct(every, .5):.1f} ms, p95 {pct(every, .95):.1f} ms, mean {statistics.mean(every) * 1000:.1f} ms"
          f" = {pct(every, .5) / max(pct(base, .5), 1e-9):.1f}x the embedding alone (p50)")
    for kind in sorted(took):
        print(f"  {kind:<16} n {len(took[kind]):>3}  p50 {pct(took[kind], .5):6.1f} ms  p95 {pct(took[kind], .95):6.1f} ms")


if __name__ == "__main__":
    main()
