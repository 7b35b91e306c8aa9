"""Ask a question set through the public answer() and score it per kind: speakers, citations, refusals, latency."""
from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from pathlib import Path

from .ask import answer
from .eval_quotes import gold_surname
from .models import Answer

__all__ = ["evaluate_qa"]

def _overlaps(c, article_id: str, span) -> bool:
    return c.article_id == article_id and c.char_start < span[1] and span[0] < c.char_end


def _right_speaker(a: Answer, gold: list[str]) -> bool:
    said = a.attributions[0].speaker_name if a.attributions and a.answerer != "llm" else a.text  # a model: its words
    return any(s and re.search(rf"\b{re.escape(s)}\b", said) for s in {gold_surname(g) for g in gold})


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 1) if values else 0.0


def evaluate_qa(questions: str | Path | list, *, home: str | Path, answerer: str | None = None, **kw) -> dict:
    """`questions`: JSONL file(s) of rows `id, kind, question, article_id, gold_speakers, gold_span | gold_spans`."""
    files = questions if isinstance(questions, list) else [questions]
    rows = [json.loads(line) for f in files for line in Path(f).read_text().splitlines() if line.strip()]
    answer(rows[0]["question"], home=home, answerer=answerer, **kw)  # warm-up: model load, caches
    tally: dict[str, dict] = defaultdict(lambda: defaultdict(float))
    latencies, misses = [], []
    for r in rows:
        started = time.perf_counter()
        a = answer(r["question"], home=home, answerer=answerer, **kw)
        latencies.append(time.perf_counter() - started)
        t = tally[r["kind"]]
        t["n"] += 1
        if r["kind"] == "unanswerable":
            t["refused"] += not a.found
            continue
        t["falsely_refused"] += not a.found
        if r["kind"] in ("who_exact", "who_paraphrase"):
            ok = a.found and _right_speaker(a, r.get("gold_speakers", []))
            t["speaker_right"] += ok
            t["cited_gold"] += any(_overlaps(c, r["article_id"], r["gold_span"]) for c in a.citations)
        else:
            spans = r.get("gold_spans") or [r["gold_span"]]
            t["gold_spans"] += len(spans)
            t["gold_found"] += sum(any(_overlaps(c, r["article_id"], s) for c in a.citations) for s in spans)
            t["cited"] += len(a.citations)
            t["cited_right"] += sum(any(_overlaps(c, r["article_id"], s) for s in spans) for c in a.citations)
            ok = t["gold_found"] > 0
        if r["kind"] != "what_said" and not ok:
            misses.append({"id": r["id"], "question": r["question"], "answer": a.text[:300]})
    report = {"questions": len(rows), "answerer": answerer or "configured", "kinds": {},
              "latency_ms": {"p50": _pct(latencies, 0.5), "p95": _pct(latencies, 0.95)}, "misses": misses}
    for kind, t in tally.items():
        n = t["n"]
        k = {"n": int(n)}
        if kind == "unanswerable":
            k["refused"] = round(t["refused"] / n, 4)
        else:
            k["falsely_refused"] = round(t["falsely_refused"] / n, 4)
        if kind in ("who_exact", "who_paraphrase"):
            k["speaker_accuracy"] = round(t["speaker_right"] / n, 4)
            k["citation_has_gold"] = round(t["cited_gold"] / n, 4)
        if kind == "what_said":
            k["gold_recall"] = round(t["gold_found"] / t["gold_spans"], 4) if t["gold_spans"] else 0.0
            k["citation_precision"] = round(t["cited_right"] / t["cited"], 4) if t["cited"] else 0.0
        report["kinds"][kind] = k
    return report
