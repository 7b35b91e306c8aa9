"""Where a full build's time goes: embedding, extraction (in its own thread), Chroma writes, the rest; and how far the
build is from the bare model embedding the very same texts.

    .venv/bin/python bench/build_profile.py [--corpus ../shared/corpus/bbc/articles.jsonl] [--limit 200] [--rounds 2]

Wraps the build's stages with timers (no sampling profiler), builds the first --limit articles into a temp home,
and prints the texts embedded by kind (count, tokens, repeats) and each stage's seconds and share of the wall time.
Extraction runs beside embedding (a thread), and so do the Chroma writes (the embedding runs in a child process for a
big build; --in-process keeps it in the building process), so shares overlap; "waiting for a batch's vectors" is the
part of the embedding the build actually waited for.
Then the bare model embeds the texts the build embedded, in the build's calls (one per batch of articles) and in
one call, and the passages alone (the bench's "bare model" figure), in --rounds interleaved rounds: the build's
wordpieces/s against each, and the padding each batching pays (padded / real wordpieces).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import index.build as build  # noqa: E402
from index import embed_worker  # noqa: E402
from index import Store, get_embedder, load_paths  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)
CALLS: list[list[str]] = []  # the texts of each batch the build embedded
KINDS: dict[str, list[str]] = {"passages": [], "statements": [], "contexts": []}  # the texts embedded, by kind


def timed(name: str, fn):
    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - t
    return wrapper


def padding(emb, texts: list[str]) -> float:
    """Padded wordpieces over real ones when `texts` are embedded in one call by `emb`'s bulk backend."""
    windows = emb._windows(texts)
    budget = emb.token_budget or build_budget(emb)
    padded = sum(len(b) * max(len(windows[i]) for i in b) for b in emb._batches(windows, budget))
    return padded / sum(map(len, windows))


def build_budget(emb) -> int:
    from index.engines import TOKEN_BUDGET

    return TOKEN_BUDGET[emb.backend]


def bare(emb, calls: list[list[str]]) -> float:
    t = time.perf_counter()
    for texts in calls:
        emb.embed(texts)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/bbc/articles.jsonl"))
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=2, help="interleaved rounds of the bare-model runs (best kept)")
    ap.add_argument("--in-process", action="store_true", help="embed in the building process (no embedding process)")
    args = ap.parse_args()
    emb = get_embedder()
    emb.embed(["warm up"] * 20)
    articles, _ = load_paths([args.corpus])
    articles = articles[: args.limit]
    if args.in_process:
        embed_worker._MIN_ARTICLES = 10**9
    wrap_stages(emb)
    load = os.getloadavg()[0]
    t, cpu = time.perf_counter(), time.process_time()
    r = build.rebuild(articles, Store(Path(tempfile.mkdtemp(prefix="whosaid-prof-"))), emb)
    wall = time.perf_counter() - t
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu + kids.ru_utime + kids.ru_stime
    every = [x for c in CALLS for x in c]
    pieces = sum(emb.count_tokens(every))
    print(f"{len(articles)} articles, {r.words:,} words, {r.embedded_texts:,} texts embedded ({pieces:,} wordpieces) "
          f"in {len(CALLS)} calls, backend {emb.backend}, {'in process' if args.in_process else 'embedding process'}: "
          f"{wall:.1f} s, {r.words / wall:,.0f} words/s, CPU {cpu:.1f} s (child processes included); "
          f"load average {load:.1f} at start, {os.getloadavg()[0]:.1f} at end")
    for kind, texts in KINDS.items():
        n = [len(w) for w in emb._windows(texts)]
        print(f"  embedded: {kind:<11}{len(texts):6,} texts, {sum(n):8,} tokens ([CLS]/[SEP] included), "
              f"mean {sum(n) / max(1, len(n)):5.1f}, {len(texts) - len(set(texts)):4,} repeated")
    for name, seconds in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<64}{seconds:7.1f} s {seconds / wall:6.1%}")
    main_thread = sum(v for k, v in SPENT.items() if not k.startswith(("extraction", "  of which")))
    print(f"  {'the rest (load, recovery, catalog, state, waiting for extraction)':<64}{wall - main_thread:7.1f} s "
          f"{(wall - main_thread) / wall:6.1%}")
    bare_runs(emb, articles, every, pieces, wall, args.rounds)


def wrap_stages(emb) -> None:
    """Timers around the build's stages; the texts of each batch and of each kind kept."""
    import index.records as records  # sentence splitting: once per article, shared by the chunker and quote rules

    def keep(worker, recs):
        for r in recs:
            KINDS["passages"] += r.passages[1]
            KINDS["statements"] += r.statements[1]
            KINDS["contexts"] += r.contexts
        CALLS.append([t for r in recs for t in r.texts()])
        return send(worker, recs)

    send = build.batch_send
    build.batch_send = keep
    build.prepare_batch = timed("extraction (sentences, quotes, passages; its own thread)", build.prepare_batch)
    records.sentences = timed("  of which sentence splitting (pysbd; inside extraction)", records.sentences)
    build.embedded = timed("embedding: waiting for a batch's vectors", build.embedded)
    build.write_batch = timed("Chroma writes (journal, records, catalog; while the next batch embeds)",
                              build.write_batch)
    Store.save = timed("Chroma: vector indexes saved", Store.save)
    Store.derived = timed("BM25 and roster", Store.derived)


def bare_runs(emb, articles, every, pieces, wall, rounds) -> None:
    passages = [c.text for a in articles for c in _chunks(a, emb)]
    p_pieces = sum(emb.count_tokens(passages))
    runs = {"calls": [], "one": [], "passages": []}
    for _ in range(rounds):  # interleaved: load that drifts during the run hits each alike; best kept
        runs["calls"].append(bare(emb, CALLS))
        runs["one"].append(bare(emb, [every]))
        runs["passages"].append(bare(emb, [passages]))
    rows = [("the same texts, the build's calls", min(runs["calls"]), pieces),
            ("the same texts, one call", min(runs["one"]), pieces),
            ("the passages alone, one call (the bench's bare model)", min(runs["passages"]), p_pieces)]
    pads = emb.backend != "onnx-int8"  # int8 embeds each text alone: no padding
    print(f"\nthe build: {pieces / wall:,.0f} wordpieces/s"
          + (f" (padding {_pad_calls(emb, CALLS):.2f}x)" if pads else " (int8: one text a call, no padding)")
          + f"; load average {os.getloadavg()[0]:.1f}")
    for label, seconds, n in rows:
        print(f"bare model, {label:<56} {n / seconds:7,.0f} wordpieces/s: the build reaches "
              f"{pieces / wall / (n / seconds):.2f}")
    if pads:
        print(f"padding in one call: all texts {padding(emb, every):.2f}x, passages alone {padding(emb, passages):.2f}x")


def _pad_calls(emb, calls) -> float:
    real = sum(len(w) for c in calls for w in emb._windows(c))
    return sum(padding(emb, c) * sum(len(w) for w in emb._windows(c)) for c in calls) / real


def _chunks(article, emb):
    from index.chunk import chunk_article

    return chunk_article(article.id, article.text, emb.count_tokens)


if __name__ == "__main__":
    main()
