"""Readers asking while rebuilds run: reader processes ask the sentinel questions in a loop while the home is
updated in place, back, and rebuilt in full; every question must name its speaker (0 failures).
Usage: bench/stress/readers.py [--readers 2] [--articles 40]"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import main_of, ENV, ROOT, Tally, force_full, rebuild  # noqa: E402
from corpus import SENTINELS, change, write_corpus  # noqa: E402

READER = """
import json, sys
from app import answer
from index import Store, get_embedder
store, emb, qs = Store(sys.argv[1]), get_embedder(), json.loads(sys.argv[2])
print("ready", flush=True)
n = 0
while True:
    who, q = qs[n % len(qs)]
    n += 1
    try:
        a = answer(q, store=store, embedder=emb, answerer="extractive")
        names = [x.speaker_name for x in a.attributions]
        print(json.dumps({"ok": a.found and who in names, "why": f"{q!r}: {names[:2]}"}), flush=True)
    except Exception as e:
        import traceback
        print(json.dumps({"ok": False, "why": f"{q!r}: {type(e).__name__}: {e} " + traceback.format_exc()[-600:]}), flush=True)
    if sys.stdin in __import__("select").select([sys.stdin], [], [], 0)[0]:
        break
"""


def run(work: Path, readers: int = 2, articles: int = 40) -> Tally:
    tally = Tally("readers during rebuilds")
    a = write_corpus(work / "a", articles)
    b = Path(shutil.copytree(a, work / "b"))
    change(b)
    home = work / "home"
    rebuild(home, a)
    qs = json.dumps([[who, q] for who, _, q in SENTINELS])
    procs = [subprocess.Popen([sys.executable, "-c", READER, str(home), qs], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env=ENV)
             for _ in range(readers)]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    rows: list[dict] = []
    drains = [threading.Thread(target=lambda p=p: rows.extend(json.loads(line) for line in p.stdout), daemon=True)
              for p in procs]
    for t in drains:
        t.start()
    rebuilds = 0
    try:
        for feed, full in ((b, False), (a, False), (b, True), (a, False)):
            if full:
                force_full(home)
            rebuild(home, feed)
            rebuilds += 1
    finally:
        for p in procs:
            p.stdin.write("stop\n")
            p.stdin.close()
        for p, t in zip(procs, drains):
            p.wait(timeout=120)
            t.join(timeout=60)
    for row in rows:
        tally.trial(row["ok"], row["why"])
    tally.figures = {"rebuilds meanwhile": f"{rebuilds} (2 in place, 1 full, 1 back)", "readers": readers}
    return tally


def main() -> int:
    return main_of(run, __doc__, "readers", {"readers": 2, "articles": 40})


if __name__ == "__main__":
    sys.exit(main())
