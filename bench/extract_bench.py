"""Benchmark of statement extraction on long articles: time per KB at growing sizes, against a short one in the same run.

    .venv/bin/python bench/extract_bench.py [--sizes 10,100,300,800] [--src DIR]

The articles are fictional: a paragraph with quotations, pronoun speakers and reported speech repeated N times (as
paragraphs, then as one line), and back-to-back quotations on one line. Extraction is linear when the ms/KB column
stays flat (ratio ~1 against the smallest size); `--src` runs another checkout's `index` (e.g. an older commit
unpacked with `git archive HEAD index | tar -x -C DIR`) to time the code before a change.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

_PARAGRAPH = ("“We will not reopen the bridge until the engineers are sure,” said Mayor Henrike Dallow. She added that "
              "the council would meet on Friday. Councillor Piet Salo, who chairs the roads board, argued that the "
              "repairs were overdue. “The lorries have been rerouted for months,” he said. According to the harbour "
              "office, the ferries will run twice an hour.\n")
_BACK_TO_BACK = "“The tide is late again today,” said Orla Fenwick. “The boats will wait,” she said. "
SHAPES = {"paragraphs": _PARAGRAPH, "one line": _PARAGRAPH.replace("\n", " "), "back-to-back quotes": _BACK_TO_BACK}


def _time(extract, text: str) -> tuple[float, int]:
    started = time.perf_counter()
    found = extract(text, "bench")
    return time.perf_counter() - started, len(found)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,100,300,800", help="repeats of each shape, smallest first")
    ap.add_argument("--src", default=str(Path(__file__).resolve().parent.parent), help="the folder holding `index/`")
    args = ap.parse_args()
    sys.path.insert(0, args.src)
    from index.quotes import extract_quotes

    extract_quotes(_PARAGRAPH * 3, "warm-up")  # patterns compiled and word lists read before anything is timed
    sizes = [int(x) for x in args.sizes.split(",")]
    print(f"extraction from {args.src}")
    print(f"{'shape':<22}{'repeats':>8}{'KB':>8}{'statements':>12}{'seconds':>9}{'ms/KB':>8}{'ratio':>7}")
    for shape, unit in SHAPES.items():
        base = None
        for n in sizes:
            text = unit * n
            seconds, found = _time(extract_quotes, text)
            per_kb = 1000 * seconds / (len(text.encode()) / 1024)
            base = base or per_kb
            print(f"{shape:<22}{n:>8}{len(text.encode()) / 1024:>8.0f}{found:>12}{seconds:>9.2f}{per_kb:>8.1f}"
                  f"{per_kb / base:>7.2f}")


if __name__ == "__main__":
    main()
