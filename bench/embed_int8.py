"""int8 and other ONNX variants of MiniLM against ONNX fp32 and torch bf16: speed, agreement, retrieval (one run).

    .venv/bin/python bench/embed_bench.py --int8 [--int8-passages 2000] [--int8-slices 10] [--variants a,b,...]

1. Speed and agreement: ~2,000 BBC passages cut as the index cuts them (`chunk_article`), embedded by each variant
   slice by slice, the variants' order rotated per slice, so load that drifts during the run hits every variant
   alike. texts/s and wordpieces/s, the ratio to onnx-fp32 and torch-bf16, and the cosine of each vector to the
   onnx-fp32 vector of the same text (min, 1st percentile, mean).
2. Retrieval: the dev questions with a gold span (`../shared/eval/polnear/questions-dev.jsonl`, who_exact) against
   every passage of the dev articles, questions and passages embedded by the same variant (and int8 passages with
   fp32 questions, the mix the manifest rule forbids): the rank of the passage holding the gold span, recall@1/@5.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from index import onnx_model, quantize
from index.chunk import chunk_article
from index.embed import INT8, ONNX, Embedder

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
# name -> (recipe for quantize(); None: the fp32 file as exported), threads, spinning threads
VARIANTS = {
    "onnx-fp32": (None, 2, True),
    "onnx-fp32 1 thread": (None, 1, True),
    "onnx-fp32 no spin": (None, 2, False),
    "fp32 fused": ({"fuse": True, "quant": False}, 2, True),
    "int8 fused pc s8": ({"fuse": True}, 2, True),
    "int8 fused pc s8 1 thread": ({"fuse": True}, 1, True),
    "int8 fused pc s8 no spin": ({"fuse": True}, 2, False),
    "int8 plain pc s8": ({"fuse": False}, 2, True),  # the recipe cached_int8 builds (index/quantize.py)
    "int8 plain pc s8 1 thread": ({"fuse": False}, 1, True),
    "int8 plain pc s8 batched": ({"fuse": False}, 2, True),
    "int8 plain pc s8 batched 1 thread": ({"fuse": False}, 1, True),
    "int8 fused pc u8": ({"fuse": True, "weight_type": "QUInt8"}, 2, True),
    "int8 fused pt s8": ({"fuse": True, "per_channel": False}, 2, True),
    "int8 fused pt u8": ({"fuse": True, "per_channel": False, "weight_type": "QUInt8"}, 2, True),
    "int8 fused pc s8 fp32 ffn-out": ({"fuse": True, "exclude": tuple(f"/layers.{i}/out/MatMul" for i in range(6))},
                                      2, True),
    "torch-bf16": (None, 0, True),
}
DEFAULT = ("onnx-fp32", "int8 plain pc s8", "int8 plain pc s8 batched", "int8 fused pc s8", "torch-bf16")


def bbc_passages(corpus: Path, n: int, emb: Embedder) -> list[str]:
    out = []
    with corpus.open() as f:
        for line in f:
            a = json.loads(line)
            out += [c.text for c in chunk_article(a["id"], a["text"], emb.count_tokens)]
            if len(out) >= n:
                break
    return out[:n]


def _model_file(name: str, fp32: Path, emb: Embedder, work: Path) -> Path:
    recipe = VARIANTS[name][0]
    if recipe is None:
        return fp32
    base = name.removesuffix(" 1 thread").removesuffix(" no spin").removesuffix(" batched")
    dest = work / (base.replace(" ", "-") + ".onnx")
    if not dest.exists():
        if recipe.get("quant") is False:
            from onnxruntime.transformers import optimizer

            heads, width = quantize._heads_and_width(emb.model_dir)
            optimizer.optimize_model(str(fp32), model_type="bert", num_heads=heads, hidden_size=width,
                                     opt_level=0).save_model_to_file(str(dest))
        else:
            quantize.quantize(fp32, dest, emb.model_dir, **recipe)
    return dest


def variant(name: str, fp32: Path, work: Path) -> Embedder:
    """An embedder whose every call runs `name`'s model file with its threads (ONNX), or torch bf16."""
    recipe, threads, spin = VARIANTS[name]
    if threads == 0:
        return Embedder(backend=name)
    # int8 files run as the int8 backend does (one text a call), except the "batched" ones (length-sorted batches)
    e = Embedder(backend=INT8 if "int8" in name and "batched" not in name else ONNX)
    import onnxruntime as ort

    if e.backend == INT8:
        threads = 1  # one text a call, on one one-thread session per core (index.engines.one_by_one)
    so = ort.SessionOptions()
    so.intra_op_num_threads, so.inter_op_num_threads, so.log_severity_level = threads, 1, 3
    if not spin:
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    sess = ort.InferenceSession(str(_model_file(name, fp32, e, work)), so, providers=["CPUExecutionProvider"])
    for n in {1, os.cpu_count() or 1, len(os.sched_getaffinity(0))}:
        e._sessions[e.backend, n] = sess  # bench only: every call of this embedder runs this session
    return e


def speed(names: list[str], embs: dict, P: list[str], slices: int, pieces: int) -> dict[str, np.ndarray]:
    times = dict.fromkeys(names, 0.0)
    vecs: dict[str, list] = {n: [] for n in names}
    step = -(-len(P) // slices)
    for s in range(slices):
        part = P[s * step:(s + 1) * step]
        for n in names[s % len(names):] + names[:s % len(names)]:  # rotated order
            t = time.perf_counter()
            vecs[n] += embs[n].embed(part)
            times[n] += time.perf_counter() - t
        print(f"slice {s + 1} of {slices} done, load average {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
    V = {n: np.asarray(v, dtype=np.float32) for n, v in vecs.items()}
    base, bf16 = times[names[0]], times.get("torch-bf16")
    print(f"{'variant':32} {'texts/s':>8} {'wp/s':>7} {'x first':>7} {'x bf16':>7}   cosine to the first (fp32): "
          "min, p1, mean")
    for n in names:
        c = (V[n] * V[names[0]]).sum(axis=1)
        r = [f"{base / times[n]:6.2f}x" if base else "    -", f"{bf16 / times[n]:6.2f}x" if bf16 else "    -"]
        print(f"{n:32} {len(P) / times[n]:8.1f} {pieces / times[n]:7,.0f} {r[0]:>7} {r[1]:>7}   "
              f"{c.min():.5f} {np.percentile(c, 1):.5f} {c.mean():.5f}")
    return V


def retrieval(embs: dict, names: list[str]) -> None:
    qpath, cpath = SHARED / "eval/polnear/questions-dev.jsonl", SHARED / "corpus/polnear/articles.jsonl"
    if not qpath.exists() or "onnx-fp32" not in embs:
        print("retrieval check skipped: ../shared is absent, or onnx-fp32 (2 threads) is not among the variants")
        return
    qs = [q for q in map(json.loads, qpath.open()) if q.get("gold_span")]
    texts = {a["id"]: a["text"] for a in map(json.loads, cpath.open()) if a.get("split") == "dev"}
    any_emb = embs["onnx-fp32"]
    chunks = [c for aid, t in texts.items() for c in chunk_article(aid, t, any_emb.count_tokens)]
    gold = [_gold(q, chunks) for q in qs]
    print(f"\n## retrieval: {len(qs)} dev questions with a gold span, {len(chunks):,} passages of {len(texts)} dev "
          "articles, bare embedding (cosine), no BM25 or filters")
    print(f"{'passages / questions by':44} {'R@1':>5} {'R@5':>5} {'mean rank':>9} {'found@5':>8}")
    pv, qv = {}, {}
    for n in names:
        pv[n] = np.asarray(embs[n].embed([c.text for c in chunks]))
        qv[n] = np.asarray([embs[n].embed([q["question"]])[0] for q in qs])  # one at a time, as `ask` does
    pairs = [(n, n) for n in names] + [(n, "onnx-fp32") for n in names if "int8" in n and "1 thread" not in n]
    for p, q in pairs:
        ranks = [int((row > row[g]).sum()) + 1 for row, g in zip(qv[q] @ pv[p].T, gold)]
        at5 = sum(r <= 5 for r in ranks)
        print(f"{p + ' / ' + q:44} {sum(r == 1 for r in ranks) / len(ranks):5.2f} {at5 / len(ranks):5.2f} "
              f"{np.mean(ranks):9.1f} {at5:5} of {len(ranks)}")


def _gold(q: dict, chunks) -> int:
    """The passage of the question's article overlapping its gold span most."""
    s, e = q["gold_span"]
    best = max((min(e, c.char_end) - max(s, c.char_start), i) for i, c in enumerate(chunks)
               if c.article_id == q["article_id"])
    return best[1]


def main(args) -> None:
    names = list(args.variants.split(",") if args.variants else DEFAULT)
    unknown = set(names) - set(VARIANTS)
    if unknown:
        raise SystemExit(f"unknown variants {sorted(unknown)}; known: {', '.join(VARIANTS)}")
    base = Embedder(backend=ONNX)
    fp32 = base.onnx_file
    work = onnx_model.usable_cache_dir(None) / "bench-variants"
    work.mkdir(parents=True, exist_ok=True)
    if not names[0].startswith("onnx-fp32"):
        raise SystemExit("the first variant is the baseline: onnx-fp32 or onnx-fp32 1 thread")
    embs = {n: variant(n, fp32, work) for n in names}
    P = bbc_passages(args.corpus, args.int8_passages, base)
    pieces = sum(base.count_tokens(P))
    for e in embs.values():
        e.embed(P[:24])  # load and warm outside the timings
    print(f"# int8 bench: {len(P):,} BBC passages ({pieces:,} wordpieces, {pieces / len(P):.0f} a passage), "
          f"{args.int8_slices} slices, variants rotated; load average at start {os.getloadavg()[0]:.1f}; "
          f"int8 files in {work}")
    speed(names, embs, P, args.int8_slices, pieces)
    print(f"load average after the speed run {os.getloadavg()[0]:.1f}")
    # one model each (threads and spinning change no vector; bf16 ranks as fp32 to cosine 0.9999)
    retrieval(embs, [n for n in names if "1 thread" not in n and "no spin" not in n and n not in ("fp32 fused",
                                                                                               "torch-bf16")])

    print(f"load average at end {os.getloadavg()[0]:.1f}")
