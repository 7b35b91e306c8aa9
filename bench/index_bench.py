"""Benchmark of indexing, updating, starting and answering, every figure against a baseline measured in the same run.

    .venv/bin/python bench/index_bench.py [--corpus ../shared/corpus/bbc/articles.jsonl] [--subset 500]

1. The same first `--subset` articles indexed by llama-index's default pipeline fitted to MiniLM's window
   (bench/llama_bench.py in bench/.venv-llama, when that venv exists: `make bench` makes it), by whosaid, and
   embedded by the bare model (whosaid's passages only): words/s and the ratios.
2. The whole corpus: a first build without 50 articles (a CLI process, its peak RSS), then one article changed
   `--repeat` times in a row in this process (a different article each time; corrections accumulate, so each
   update changes exactly one article), one more as a CLI process, a replica catching up, the 50 added, nothing
   changed, one more changed.
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
from index import build  # noqa: E402
from index.chunk import chunk_article  # noqa: E402
from index.records import extractor_version  # noqa: E402

# The CLI of this checkout (the interpreter running this script, this checkout first on its path), not whatever
# `whosaid` an installed venv holds: a worktree measures its own code.
WHOSAID = [sys.executable, "-m", "app.cli"]
CLI_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
LLAMA_PY = ROOT / "bench" / ".venv-llama" / "bin" / "python"


def timed(cmd: list[str], **kw) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall seconds and peak RSS (MiB, from GNU time) of a command."""
    t = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True, env=CLI_ENV, **kw)
    seconds = time.perf_counter() - t
    if done.returncode:
        raise SystemExit(f"{cmd} failed: {done.stderr[-2000:]}")
    return seconds, int(done.stderr.strip().splitlines()[-1]) // 1024, done


def write_jsonl(path: Path, articles) -> Path:
    with path.open("w") as f:
        for a in articles:
            f.write(json.dumps({"id": a.id, "title": a.title, "source": a.source, "date": a.date, "text": a.text}) + "\n")
    return path


def head_to_head(articles, work: Path, emb, llama_py: Path = LLAMA_PY, bf16: bool = False) -> None:
    words = sum(a.words for a in articles)
    subset = write_jsonl(work / "subset.jsonl", articles)
    print(f"## {len(articles)} articles, {words:,} words; load average {os.getloadavg()[0]:.1f}")
    llama = None
    if llama_py.is_file():
        _, _, done = timed([str(llama_py), str(ROOT / "bench" / "llama_bench.py"), "--corpus", str(subset),
                            "--limit", str(len(articles))])
        llama = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"llama-index fitted pipeline: {llama['words_per_s']:,.0f} words/s ({llama['chunks']:,} chunks, "
              f"{llama.get('chunks_over_window', '?')} over the window), peak RSS {llama.get('peak_rss_mib', '?')} MiB")
    else:
        print("llama-index baseline skipped: run `make bench-llama-env` first")
    texts = [c.text for a in articles for c in chunk_article(a.id, a.text, emb.count_tokens)]
    for e in [emb] + ([emb.for_index("torch-bf16")] if bf16 and getattr(emb, "uses_int8", False) else []):
        t = time.perf_counter()  # each backend's build and bare model in turn: int8 (where it runs), then bf16
        r = rebuild([subset], Store(work / f"subset-home-{e.backend}"), e)
        ours = r.words / (time.perf_counter() - t)
        t = time.perf_counter()
        e.embed(texts)
        bare = words / (time.perf_counter() - t)
        print(f"whosaid full build: {ours:,.0f} words/s ({r.chunks:,} passages, {r.quotes:,} statements, "
              f"{r.embedded_texts:,} texts embedded, backend {getattr(e, 'backend', '?')})")
        print(f"bare model on whosaid's passages: {bare:,.0f} words/s; indexing reaches {ours / bare:.2f} of it")
        if llama:
            print(f"**whosaid ({getattr(e, 'backend', '?')}) / llama-index: {ours / llama['words_per_s']:.2f}x**")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


class Edits:
    """The corpus as corrected so far: each step corrects one more article (a sentence added), so that each update
    measured changes exactly one article (a file with only the newest correction would revert the previous ones)."""

    def __init__(self, articles, work: Path):
        self.articles, self.work, self.done = list(articles), work, {}

    def corpus(self, upto: int, note: str = "") -> Path:
        """The first `upto` articles, with every correction made so far."""
        rows = [self.done.get(i, a) for i, a in enumerate(self.articles[:upto])]
        return write_jsonl(self.work / f"corpus-{upto}-{len(self.done)}{note}.jsonl", rows)

    def one_more(self, n: int, upto: int) -> Path:
        a = self.articles[n]
        self.done[n] = type(a)(**{**a.__dict__, "text": a.text + f" Correction: an earlier version misspelt a name "
                                                             f"({len(self.done)})."})
        return self.corpus(upto)


def _timed_update(label: str, path: Path, store: Store, emb) -> float:
    loaded = "torch" in sys.modules
    t = time.perf_counter()
    r = rebuild([path], store, emb)
    seconds = time.perf_counter() - t
    store.derived()  # BM25 and roster of the new version (made by the update itself until 2026-11-30 late)
    ready = time.perf_counter() - t
    print(f"{label}: {seconds:.2f} s ({r.added} added, {r.changed} changed, {r.embedded_texts} texts embedded on "
          f"{emb.last_backend or '-'}; torch {'already loaded' if loaded else 'not loaded'}); {ready:.2f} s with the "
          f"new version's BM25 and roster made for this process's next question")
    return seconds


def _replica(store: Store, path: Path, emb) -> None:
    """A replica with its own cache (as with a Chroma server) holding the version before an update: at the new
    version it reads back only the changed articles."""
    from index import derived

    cache = Path(tempfile.mkdtemp(prefix="replica-cache-"))
    before = store.manifest()
    for d in (store.home / "lexical").iterdir():
        if d.name.endswith(f"-v{before.version}"):
            shutil.copytree(d, cache / d.name)
    rebuild([path], store, emb)
    live = store.manifest()
    derived._last.clear()  # nothing in this process's memory: the replica's own saved parts
    t = time.perf_counter()
    derived.derive(cache, f"{live.uid}-g{live.generation}-v{live.version}", live.articles, store.records_of)
    print(f"a replica's BM25 and roster brought to the new version from its previous one: "
          f"{time.perf_counter() - t:.2f} s")


def updates(articles, work: Path, emb, reuse: str = "", repeat: int = 3) -> Store:
    print(f"## whole corpus, {len(articles):,} articles; load average {os.getloadavg()[0]:.1f}")
    home = Path(reuse) if reuse else work / "full-home"
    first, edits = len(articles) - 50, Edits(articles, work)
    if not reuse:
        seconds, rss, _ = timed([*WHOSAID, "--home", str(home), "index", "rebuild", "--no-progress",
                                 str(edits.corpus(first))])
        words = sum(a.words for a in articles[:first])
        print(f"first build (CLI, {first:,} articles): {seconds:.0f} s, {words / seconds:,.0f} words/s, "
              f"peak RSS {rss:,} MiB; load average {os.getloadavg()[0]:.1f}")
    # Other people may edit the extraction code while this runs: the updates below measure the code the first
    # build ran (a new extractor would index everything again), so this process keeps that build's fingerprint.
    pinned = Store(home).manifest().extractor
    build.extractor_version = lambda: pinned
    store = Store(home)
    store.derived()  # as a running process holds it
    one = [_timed_update(f"one article changed ({n + 1} of {repeat})", edits.one_more(10 + n, first), store, emb)
           for n in range(repeat)]
    print(f"one article changed, {repeat} in a row: median {statistics.median(one):.2f} s, max {max(one):.2f} s")
    path = edits.one_more(1, first)
    if extractor_version() == pinned:
        seconds, rss, _ = timed([*WHOSAID, "--home", str(home), "index", "rebuild", "--no-progress", str(path)])
        print(f"one article changed, as a CLI process (imports, loading and checking {first:,} "
              f"articles, model): {seconds:.2f} s, peak RSS {rss:,} MiB")
    else:
        print("one article changed as a CLI process: skipped (the extraction code changed during the run)")
    _replica(store, edits.one_more(2, first), emb)
    _timed_update("50 articles added", edits.corpus(len(articles)), store, emb)
    _timed_update("nothing changed", edits.corpus(len(articles), "-again"), store, emb)
    last = edits.one_more(3, len(articles))
    _timed_update("one more article changed (after the 50)", last, store, emb)
    shutil.rmtree(home / "lexical", ignore_errors=True)
    from index import derived

    derived._last.clear()  # nothing kept in this process's memory either
    t = time.perf_counter()
    Store(home).derived()
    print(f"BM25 and roster built from every record (no cache: a first start): {time.perf_counter() - t:.2f} s")
    if extractor_version() == pinned:
        seconds, _, _ = timed([*WHOSAID, "--home", str(home), "index", "rebuild", "--no-progress", str(last)])
        print(f"a CLI rebuild with nothing to do (imports, load, compare): {seconds:.2f} s")
    return store


def asking(store: Store, emb, n: int) -> None:
    print(f"## answering; load average {os.getloadavg()[0]:.1f}")
    q = "Who said the economy would recover next year?"
    seconds, rss, _ = timed([*WHOSAID, "--home", str(store.home), "ask", q])
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
    ap.add_argument("--reuse", default="", help="the home of a first build of all but the last 50 articles")
    ap.add_argument("--repeat", type=int, default=3, help="one-article updates in a row (each a different article)")
    ap.add_argument("--bf16", action="store_true", help="with int8 the default: a bf16 build and bare model too")
    ap.add_argument("--llama-python", default=str(LLAMA_PY), help="the llama-index venv's python (a worktree: "
                    "the main checkout's bench/.venv-llama/bin/python)")
    args = ap.parse_args()
    emb = get_embedder()
    emb.embed(["warm up"] * 20)
    articles, _ = load_paths([args.corpus])
    work = Path(tempfile.mkdtemp(prefix="whosaid-bench-"))
    if "head" not in args.skip:
        head_to_head(articles[: args.subset], work, emb, Path(args.llama_python), args.bf16)
    if "updates" not in args.skip:
        asking(updates(articles, work, emb, args.reuse, args.repeat), emb, args.questions)
    print(f"(work files in {work})")


if __name__ == "__main__":
    main()
