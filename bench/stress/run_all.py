"""The crash, load and security battery of issue 18 at full size, one script after another, then one table of
tried / passed / failed (also written to bench/out/stress.json). `make stress` runs it, and the hostile-file set.
Usage: bench/stress/run_all.py [--quick]  (--quick: the sizes of tests/test_ops.py, for a look in minutes)"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "out"
FULL = [  # script, arguments: the sizes the issue asks for
    ("kill9.py", ["--trials", "20", "--articles", "40"]),
    ("clients.py", ["--clients", "32", "--questions", "5", "--articles", "40"]),
    ("readers.py", ["--readers", "2", "--articles", "40"]),
    ("two_rebuilds.py", ["--trials", "8", "--racers", "8", "--articles", "20"]),
    ("disk.py", ["--rebuilds", "20", "--articles", "100"]),
    ("xss.py", ["--articles", "10"]),
    ("patterns.py", ["--lengths", "1000,4000,16000"]),
]
QUICK = {"kill9.py": ["--trials", "3", "--articles", "6"], "clients.py": ["--clients", "8", "--questions", "2"],
         "readers.py": ["--readers", "1", "--articles", "6"], "two_rebuilds.py": ["--trials", "2", "--articles", "6"],
         "disk.py": ["--rebuilds", "3", "--articles", "6"], "xss.py": ["--articles", "3"],
         "patterns.py": ["--lengths", "250,1000,4000"]}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--quick", action="store_true")
    args = p.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for script, full in FULL:
        out = OUT / f"stress-{script[:-3]}.json"
        out.unlink(missing_ok=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(HERE / script), *(QUICK[script] if args.quick else full),
                               "--out", str(out)], text=True, capture_output=True)
        print(done.stdout, end="", flush=True)
        if out.exists():
            rows.append({**json.loads(out.read_text()), "seconds": round(time.perf_counter() - started)})
        else:
            rows.append({"name": script, "tried": 0, "passed": 0, "failed": 1, "figures": {},
                         "failures": [done.stderr.strip()[-400:]], "seconds": round(time.perf_counter() - started)})
    print(f"\n{'test':<34}{'tried':>6}{'passed':>8}{'failed':>8}  figures")
    for r in rows:
        figures = ", ".join(f"{k} {v}" for k, v in r["figures"].items())
        print(f"{r['name']:<34}{r['tried']:>6}{r['passed']:>8}{r['failed']:>8}  {figures} ({r['seconds']} s)")
    (OUT / "stress.json").write_text(json.dumps(rows, indent=2))
    return 0 if all(r["failed"] == 0 and r["tried"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
