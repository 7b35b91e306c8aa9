"""kill -9 at random moments of a rebuild: after each kill the old index answers, and the next rebuild completes
with the counts of a clean build of the same articles. Usage: bench/stress/kill9.py [--trials 20] [--articles 40]"""
from __future__ import annotations

import os
import random
import shutil
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import main_of, Tally, agrees, counts, force_full, rebuild, start_whosaid  # noqa: E402
from corpus import SENTINELS, change, write_corpus  # noqa: E402


def corpora(work: Path, articles: int) -> dict[str, Path]:
    """Two versions of one feed: `a`, and `b` with a quarter of its articles edited."""
    a = write_corpus(work / "a", articles)
    b = shutil.copytree(a, work / "b")
    change(b)
    return {"a": a, "b": Path(b)}


def references(work: Path, feeds: dict[str, Path]) -> dict[str, tuple[dict, float, Path]]:
    """Each feed built clean in its own home: (counts, seconds, home)."""
    out = {}
    for name, feed in feeds.items():
        home, t = work / f"clean-{name}", time.perf_counter()
        rebuild(home, feed)
        out[name] = (counts(home), time.perf_counter() - t, home)
    return out


def answers(home: Path, question: str, speaker: str) -> tuple[bool, str]:
    """The index at `home`, read by a fresh reader, names `speaker` for `question`."""
    from app import answer
    from index import Store

    try:
        a = answer(question, store=Store(home), answerer="extractive")
    except Exception as e:  # noqa: BLE001 - any failure of the reader is what the trial counts
        return False, f"{type(e).__name__}: {e}"
    names = [x.speaker_name for x in a.attributions]
    return (a.found and speaker in names), f"answered {names[:2]}"


def trial(home: Path, feed: Path, ref: dict, delay: float, full: bool, rng: random.Random) -> tuple[bool, str, bool]:
    """One kill: returns (passed, why, whether the kill landed before the rebuild ended)."""
    if full:
        force_full(home)
    proc = start_whosaid(home, "index", "rebuild", str(feed), "--no-progress")
    time.sleep(delay)
    landed = proc.poll() is None
    if landed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    who, _, question = SENTINELS[rng.randrange(len(SENTINELS))]
    ok, said = answers(home, question, who)
    if not ok:
        return False, f"after the kill at {delay:.1f} s the index did not answer: {said}", landed
    rebuild(home, feed)
    got = counts(home)
    if got != ref:
        return False, f"after the kill at {delay:.1f} s the next rebuild holds {got}, a clean build {ref}", landed
    fine, said = agrees(home)
    return fine, ("" if fine else f"index check after the kill at {delay:.1f} s: {said}"), landed


def run(work: Path, trials: int = 20, articles: int = 40, seed: int = 18) -> Tally:
    rng, tally = random.Random(seed), Tally("kill -9 during a rebuild")
    feeds = corpora(work, articles)
    refs = references(work, feeds)
    home = work / "home"
    shutil.copytree(refs["a"][2], home)
    landed = 0
    for n in range(trials):
        name = "b" if n % 2 == 0 else "a"  # every trial changes the index: a <-> b in place, or a full build
        full = n % 3 == 2
        ref, seconds, _ = refs[name]
        delay = rng.uniform(0.1, 1.0) * seconds * (1.0 if full else 0.6)
        ok, why, hit = trial(home, feeds[name], ref, delay, full, rng)
        landed += hit
        tally.trial(ok, why)
    tally.figures = {"kills that landed mid-rebuild": f"{landed}/{trials}",
                     "clean build": f"{refs['a'][0]['articles']} articles, {refs['a'][1]:.0f} s"}
    return tally


def main() -> int:
    return main_of(run, __doc__, "kill9", {"trials": 20, "articles": 40})


if __name__ == "__main__":
    sys.exit(main())
