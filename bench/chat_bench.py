"""Benchmark of the chat's start: time until ready, the first answer after it, and warm answers, in one fresh process.

    .venv/bin/python bench/chat_bench.py --home HOME [--questions tests/questions/reader-who.jsonl] [--n 20]

The chat loads the model and the index before it says it is ready (app.chat.warm), so the first answer should
cost what the tenth does; this prints both, with the bare embedding of a question as the baseline.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True)
    ap.add_argument("--questions", default=str(ROOT / "tests" / "questions" / "reader-who.jsonl"))
    ap.add_argument("--n", type=int, default=20)
    args = ap.parse_args()
    from app.chat import respond, warm
    from index import get_embedder

    warm(args.home)
    ready = time.perf_counter() - STARTED
    rows = [json.loads(line) for line in Path(args.questions).read_text().splitlines() if line.strip()][: args.n + 1]
    questions = [r["question"] for r in rows]
    times = []
    for q in questions:
        t = time.perf_counter()
        respond(q, [], home=args.home)
        times.append((time.perf_counter() - t) * 1000)
    emb = get_embedder()
    bare = []
    for q in questions:
        t = time.perf_counter()
        emb.embed([q])
        bare.append((time.perf_counter() - t) * 1000)
    warm_times = sorted(times[1:])
    p50 = statistics.median(warm_times)
    print(f"ready after {ready:.1f} s (imports, model, index, BM25 and roster loaded)")
    print(f"first answer after ready: {times[0]:.0f} ms; warm answers p50 {p50:.0f} ms, "
          f"p95 {warm_times[int(0.95 * (len(warm_times) - 1))]:.0f} ms; first / warm p50 = {times[0] / p50:.2f}x")
    print(f"baseline, the question's embedding alone: p50 {statistics.median(bare):.1f} ms")


if __name__ == "__main__":
    main()
