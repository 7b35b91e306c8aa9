"""What-questions of one split over their articles plus 120 others, answered extractively: gold recall and citation
precision by kind. The same recipe as the `eval` floors test, on every question of the split (not every third).
Usage: .venv/bin/python bench/what_questions.py --split train|dev [--work DIR] [--root CHECKOUT]
(`--root` runs another checkout's code, e.g. a `git worktree` of the previous commit, for a before/after.)"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
SHARED = HERE.parent / "shared"
DISTRACTORS = 120


def _rows(split: str) -> list[dict]:
    files = [SHARED / "eval" / "polnear" / "questions-dev.jsonl", *sorted((HERE / "tests" / "questions").glob("*.jsonl"))]
    rows = [json.loads(line) for p in files for line in p.read_text().splitlines() if line.strip()]
    return [r for r in rows if r.get("split", "dev") == split and r["kind"] in ("what_said", "what_free")]


def _articles(wanted: set[str]) -> list[str]:
    lines, extra = [], 0
    for line in (SHARED / "corpus" / "polnear" / "articles.jsonl").read_text().splitlines():
        aid = json.loads(line)["id"]
        if aid in wanted or extra < DISTRACTORS:
            extra += aid not in wanted
            lines.append(line)
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="train", choices=["train", "dev"])
    ap.add_argument("--work", default="")
    ap.add_argument("--root", default=str(HERE))
    args = ap.parse_args()
    sys.path.insert(0, args.root)
    from app.eval_qa import evaluate_qa
    from index import Store, rebuild

    rows = _rows(args.split)
    work = Path(args.work or tempfile.mkdtemp(prefix="whosaid-what-"))
    work.mkdir(parents=True, exist_ok=True)
    (work / "a.jsonl").write_text("\n".join(_articles({r["article_id"] for r in rows})) + "\n")
    (work / "q.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    rebuild([work / "a.jsonl"], Store(work / "home"))
    kinds = evaluate_qa(work / "q.jsonl", home=work / "home", answerer="extractive")["kinds"]
    for kind, k in sorted(kinds.items()):
        print(f"{args.split} {kind:10} n={k['n']:3} gold recall {k['gold_recall']:.3f}  "
              f"citation precision {k['citation_precision']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
