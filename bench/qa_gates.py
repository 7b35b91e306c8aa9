"""Where each missed who-question lost its right statement: never extracted over the gold words, extracted with another
speaker, not among the ranked candidates, or stopped by a gate (description, names, numbers, support, a rare word),
or passed every gate and another statement won. Prints counts by question kind; no figure here is asserted by a test.

    .venv/bin/python bench/qa_gates.py --home HOME --questions tests/questions/reader-who.jsonl [--split dev] [--show]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import app.extractive as ex  # noqa: E402
import app.supported as sp  # noqa: E402
from app.ask import answer  # noqa: E402
from app.eval_qa import right_speaker  # noqa: E402
from app.eval_quotes import gold_surname  # noqa: E402
from app.link import named_in_full  # noqa: E402
from app.statements import SUPPORT_MIN  # noqa: E402

_seen: dict = {}


def _spy() -> None:
    """Keep the question as read and its ranked candidates (the answerer's own calls, unchanged)."""
    rank, parse = ex.rank_statements, ex.parse_question

    def ranked(*a, **k):
        out = rank(*a, **k)
        _seen.setdefault("ranked", out)
        _seen["r"] = a[1]
        return out

    def parsed(*a, **k):
        _seen["q"] = parse(*a, **k)
        return _seen["q"]

    ex.rank_statements, ex.parse_question = ranked, parsed


def _speaker_ok(name: str, q: dict) -> bool:
    return any(gold_surname(g) and re.search(rf"\b{re.escape(gold_surname(g))}\b", name, re.I)
               for g in q["gold_speakers"])


def _over_gold(s, q: dict) -> bool:
    gs, ge = q["gold_span"]
    return s.article_id == q["article_id"] and any(a < ge and b > gs for a, b in s.content_spans)


def _gate(c, r, qq) -> str:
    """The first gate the right candidate `c` does not pass, or 'passed-not-chosen'."""
    h, named = c.quote, tuple(named_in_full(qq.text, qq.mentions))
    if sp.ruled_out(h, r, qq.speaker_hint, named):
        hint = qq.speaker_hint
        return "description" if hint and sp.contradicted(hint, h, r.article_text(h), r) else "named"
    claim = f"{qq.speaker_hint} {qq.statement}".strip()
    evidence, similarity, vector = r.contexts(claim, [h])[h.id]
    around = sp._around(h, r.passage_for(h), r)
    found = sp.claim_support(claim, h, r, evidence, similarity, around)
    if found.numbers:
        return "numbers"
    if found.score < SUPPORT_MIN:
        return f"support<{SUPPORT_MIN}"
    return "passed-not-chosen" if sp._heard(claim, evidence, around, r, vector) else "rare-word"


def _lost(q: dict) -> str:
    r, qq = _seen.get("r"), _seen.get("q")
    if r is None:
        return "no-candidates"
    over = [s for s in r.store.statements_in([q["article_id"]]) if _over_gold(s, q)]
    if not over:
        return "not-extracted"
    if not any(_speaker_ok(s.speaker_name, q) for s in over):
        return "other-speaker"
    at = [i for i, c in enumerate(_seen["ranked"]) if _over_gold(c.quote.record, q)
          and _speaker_ok(c.quote.record.speaker_name, q)]
    if not at or at[0] >= ex.SUPPORT_CANDIDATES:
        return "not-ranked"
    return _gate(_seen["ranked"][at[0]], r, qq)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--home", required=True)
    ap.add_argument("--questions", nargs="+", required=True)
    ap.add_argument("--split", default="", help="only questions of this split (dev: the report half)")
    ap.add_argument("--show", action="store_true", help="print each missed question (tuning half only!)")
    args = ap.parse_args()
    _spy()
    counts: Counter = Counter()
    for path in args.questions:
        for line in Path(path).read_text().splitlines():
            q = json.loads(line)
            if not q.get("gold_span") or not q["kind"].startswith("who") or args.split not in ("", q.get("split")):
                continue
            _seen.clear()
            a = answer(q["question"], home=args.home)
            if right_speaker(a, q["gold_speakers"]):
                continue
            why = _lost(q)
            counts[(q["kind"], why, "refused" if not a.found else "wrong")] += 1
            if args.show:
                print(f"{q['kind']:15s} {why:18s} {q['question'][:100]}")
    for (kind, why, how), n in sorted(counts.items()):
        print(f"{kind:15s} {why:18s} {how:8s} {n}")


if __name__ == "__main__":
    main()
