"""Two rebuilds at once on one home: exactly one proceeds, the other exits non-zero saying "a rebuild is already
running (pid N, started at T)", and the store ends consistent (the counts of a clean build; `index check` agrees).
Also processes released at one instant on the lock itself: exactly one gets it.
Usage: bench/stress/two_rebuilds.py [--trials 8] [--racers 8] [--articles 20]"""
from __future__ import annotations

import multiprocessing as mp
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import main_of, Tally, agrees, counts, force_full, rebuild, start_whosaid  # noqa: E402
from corpus import change, write_corpus  # noqa: E402

REFUSAL = re.compile(r"already running \(pid \d+ on [^,]+, started at \d{4}-\d\d-\d\dT[\d:]+")


def _race(home: str, barrier, done, results) -> None:
    from index import Store
    from index.errors import RebuildRunning

    lock = Store(home).lock()
    barrier.wait()  # every racer is here: all try at once
    try:
        lock.acquire()
    except RebuildRunning as e:
        results.put(("refused", str(e)))
        return
    results.put(("held", ""))
    done.wait(120)  # hold it until every racer has tried
    lock.release()


def lock_race(home: Path, racers: int) -> tuple[bool, str]:
    """`racers` processes released together on the lock: one holds it, the rest are refused with pid and time."""
    ctx = mp.get_context("spawn")
    barrier, done, results = ctx.Barrier(racers), ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_race, args=(str(home), barrier, done, results)) for _ in range(racers)]
    for p in procs:
        p.start()
    got = [results.get(timeout=300) for _ in procs]
    done.set()
    for p in procs:
        p.join(timeout=30)
    held = sum(1 for kind, _ in got if kind == "held")
    refused_ok = all(REFUSAL.search(msg) for kind, msg in got if kind == "refused")
    return held == 1 and refused_ok, f"{held} of {racers} held the lock; refusals: {[m for _, m in got][:2]}"


def two_rebuilds(home: Path, feed: Path, ref: dict) -> tuple[bool, str]:
    """Two `whosaid index rebuild` started together: one exits 0, the other 1 with the refusal; then consistent."""
    procs = [start_whosaid(home, "index", "rebuild", str(feed), "--no-progress") for _ in range(2)]
    outs = [(p.wait(timeout=1800), p.stdout.read(), p.stderr.read()) for p in procs]
    codes = sorted(code for code, _, _ in outs)
    refusal = [err for code, _, err in outs if code != 0]
    if codes != [0, 1] or not REFUSAL.search(refusal[0] if refusal else ""):
        return False, f"exit codes {codes}; stderr {[e.strip()[-200:] for _, _, e in outs]}"
    got = counts(home)
    if got != ref:
        return False, f"the store holds {got}, a clean build {ref}"
    return agrees(home)


def run(work: Path, trials: int = 8, racers: int = 8, articles: int = 20) -> Tally:
    tally = Tally("two rebuilds at once")
    a = write_corpus(work / "a", articles)
    b = Path(shutil.copytree(a, work / "b"))
    change(b)
    refs = {}
    for name, feed in (("a", a), ("b", b)):
        rebuild(work / f"clean-{name}", feed)
        refs[name] = counts(work / f"clean-{name}")
    for n in range(trials):
        home = work / f"home-{n}"
        if n % 2:  # an existing index, changed (in place, or in full every fourth)
            shutil.copytree(work / "clean-a", home)
            if n % 4 == 3:
                force_full(home)
        ok, why = two_rebuilds(home, b, refs["b"])  # n even: a first build on an empty home
        tally.trial(ok, f"trial {n}: {why}")
        shutil.rmtree(home, ignore_errors=True)
    held = 0
    for n in range(trials):
        ok, why = lock_race(work / "clean-a", racers)
        held += ok
        tally.trial(ok, f"lock race {n}: {why}")
    tally.figures = {"CLI pairs": trials, "lock races won by exactly one": f"{held}/{trials} ({racers} processes)"}
    return tally


def main() -> int:
    return main_of(run, __doc__, "concurrent", {"trials": 8, "racers": 8, "articles": 20})


if __name__ == "__main__":
    sys.exit(main())
