"""What saving Chroma's vector indexes at the end of each rebuild costs (index/wal.py; Store.save), and what leaving
unchanged articles unvalidated saves (index/load.py, load_known), on the first `--articles` of the BBC corpus
(../shared; not run when absent). The saves are timed inside the rebuilds that make them (a first build, an update
of 3 changed articles, a rebuild with nothing to do), so the ratio (rebuild with them / without them) does not
depend on how busy the machine is; reading the corpus is timed both ways, interleaved. And the home's size against
a home whose log is left to Chroma.
Usage: bench/stress/save_cost.py [--articles 300]"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
BBC = ROOT.parent / "shared" / "corpus" / "bbc" / "articles.jsonl"


def _corpus(folder: Path, articles: int, changed: int = 0) -> Path:
    """The first `articles` BBC articles as one JSONL file; the first `changed` of them with one more sentence."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n, line in enumerate(BBC.read_text(encoding="utf-8").splitlines()[:articles]):
        rec = json.loads(line)
        if n < changed:
            rec["text"] += "\n\nThis article was updated."
        out.append(json.dumps(rec, ensure_ascii=False))
    (folder / "bbc.jsonl").write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


def _timed_saves(work: Path, articles: int, embedder) -> list[tuple[str, float, float]]:
    """(step, seconds of the rebuild, seconds of it spent saving) for a build, an update, a rebuild doing nothing."""
    from index import Store, rebuild
    from index.store import Store as StoreClass

    spent = [0.0]
    real = StoreClass.save

    def save(self, *args, **kwargs):
        t = time.perf_counter()
        try:
            return real(self, *args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t

    StoreClass.save = save
    try:
        out = []
        for step, feed in (("build", _corpus(work / "a", articles)), ("update 3", _corpus(work / "b", articles, 3)),
                           ("nothing changed", work / "b")):
            spent[0] = 0.0
            t = time.perf_counter()
            rebuild([feed], Store(work / "home"), embedder)
            out.append((step, time.perf_counter() - t, spent[0]))
        return out
    finally:
        StoreClass.save = real


def _unsaved_size(work: Path, articles: int, embedder) -> int:
    """The home after the same three rebuilds with Chroma's log left to Chroma (as before index/wal.py)."""
    from index import Store, rebuild
    from index.store import Store as StoreClass

    real, released = StoreClass.save, StoreClass._release
    StoreClass.save, StoreClass._release = (lambda *a, **k: None), (lambda self: self.tidy())
    try:
        for feed in (work / "a", work / "b", work / "b"):
            rebuild([feed], Store(work / "home-unsaved"), embedder)
        return Store(work / "home-unsaved").disk_size()
    finally:
        StoreClass.save, StoreClass._release = real, released


def _reading(feed: Path, rounds: int = 5) -> tuple[float, float]:
    """Median seconds to read the corpus validating every article, and leaving those held unchanged unvalidated."""
    from index.load import load_known, load_paths

    known = {a.id: a.hash for a in load_paths([feed])[0]}
    every, skipped = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        load_paths([feed])
        every.append(time.perf_counter() - t)
        t = time.perf_counter()
        load_known([feed], known)
        skipped.append(time.perf_counter() - t)
    return statistics.median(every), statistics.median(skipped)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--articles", type=int, default=300)
    args = p.parse_args()
    if not BBC.exists():
        print(f"{BBC} is absent: not run")
        return 0
    from index import Store, get_embedder

    embedder = get_embedder()
    with tempfile.TemporaryDirectory(prefix="whosaid-save-cost-") as tmp:
        work = Path(tmp)
        steps = _timed_saves(work, args.articles, embedder)
        saved_size = Store(work / "home").disk_size()
        unsaved_size = _unsaved_size(work, args.articles, embedder)
        every, skipped = _reading(work / "a")
    print(f"{args.articles} BBC articles: seconds of each rebuild, of it spent saving, and the ratio with / without")
    for step, total, saving in steps:
        print(f"  {step:<16}{total:>9.2f}{saving:>8.2f}{total / max(total - saving, 1e-9):>8.3f}")
    print(f"  home after the three: {saved_size / 1e6:.1f} MB saved, {unsaved_size / 1e6:.1f} MB with the log left "
          f"to Chroma (ratio {saved_size / unsaved_size:.2f})")
    print(f"  reading the corpus: {every:.3f} s validating every article, {skipped:.3f} s leaving the unchanged ones "
          f"(ratio {skipped / every:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
