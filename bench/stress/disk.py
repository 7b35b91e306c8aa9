"""20 rebuilds of one home (full ones forced as a changed extractor would, in-place updates, full ones killed and
finished) and its size on disk against a fresh build of the same articles: the target is <= 1.1x after each.
Usage: bench/stress/disk.py [--rebuilds 20] [--articles 40]"""
from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import main_of, Tally, agrees, counts, force_full, home_size, rebuild, start_whosaid  # noqa: E402
from corpus import change, write_corpus  # noqa: E402

TARGET = 1.1  # issue 18: the home within 10 % of a fresh build's size
PLAN = ("full", "update", "killed full", "back", "killed update", "full and back")


def _killed(home: Path, feed: Path, after: float) -> None:
    proc = start_whosaid(home, "index", "rebuild", str(feed), "--no-progress")
    time.sleep(after)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def step(kind: str, home: Path, feeds: dict, seconds: float) -> str:
    """One rebuild of the plan; returns the feed the home holds afterwards."""
    if kind.startswith("full"):
        force_full(home)
    if kind.startswith("killed"):
        if kind == "killed full":
            force_full(home)
        _killed(home, feeds["b"], 0.6 * seconds)
        rebuild(home, feeds["b"])
        return "b"
    feed = "b" if kind == "update" else "a"
    rebuild(home, feeds[feed])
    return feed


def run(work: Path, rebuilds: int = 20, articles: int = 40, plan: tuple[str, ...] = PLAN) -> Tally:
    tally = Tally(f"{rebuilds} rebuilds: home size")
    feeds = {"a": write_corpus(work / "a", articles)}
    feeds["b"] = Path(shutil.copytree(feeds["a"], work / "b"))
    change(feeds["b"])
    fresh, seconds = {}, 0.0
    for name, feed in feeds.items():
        t = time.perf_counter()
        rebuild(work / f"fresh-{name}", feed)
        seconds = max(seconds, time.perf_counter() - t)
        fresh[name] = (home_size(work / f"fresh-{name}"), counts(work / f"fresh-{name}"))
    home, worst = work / "home", 0.0
    shutil.copytree(work / "fresh-a", home)
    for n in range(rebuilds):
        kind = plan[n % len(plan)]
        held = step(kind, home, feeds, seconds)
        size, (fresh_size, fresh_counts) = home_size(home), fresh[held]
        ratio = size / fresh_size
        worst = max(worst, ratio)
        same, said = agrees(home)
        ok = ratio <= TARGET and counts(home) == fresh_counts and same
        tally.trial(ok, f"rebuild {n + 1} ({kind}): {size:,} bytes = {ratio:.2f}x fresh {fresh_size:,}"
                        + ("" if same else f"; {said}"))
    tally.figures = {"fresh": f"{fresh['a'][0] / 1e6:.1f} MB", "after": f"{home_size(home) / 1e6:.1f} MB",
                     "worst ratio": f"{worst:.2f}x (target <= {TARGET}x)"}
    return tally


def main() -> int:
    return main_of(run, __doc__, "disk", {"rebuilds": 20, "articles": 40})


if __name__ == "__main__":
    sys.exit(main())
