"""Ask a question set through the public answer() and score it per kind, split and phrasing: speakers, citations,
refusals, latency."""
from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from pathlib import Path

from .ask import answer
from .eval_quotes import gold_surname
from .models import Answer

__all__ = ["evaluate_qa", "right_speaker", "WHO_KINDS", "WHAT_KINDS", "UNANSWERABLE_KINDS", "DID_SAY"]

WHO_KINDS = ("who_exact", "who_paraphrase", "who_free")
WHAT_KINDS = ("what_said", "what_free")
# Claims nobody made: absurd or out of the corpus ("unanswerable"), and plausible ones, a real statement with one
# detail changed ("unanswerable_plausible"): both scored by how often they are refused.
UNANSWERABLE_KINDS = ("unanswerable", "unanswerable_plausible")
# "Did X say <claim>?" where X did (tests/questions/reader-did-say.jsonl): confirmed when the answer is given and cites
# the statement; a refusal is a false one.
DID_SAY = "did_say"


def _overlaps(c, article_id: str, span) -> bool:
    return c.article_id == article_id and c.char_start < span[1] and span[0] < c.char_end


def _given(name: str) -> str:
    """The first name of a full name ('Hillary Clinton' -> 'hillary'); '' when there is none."""
    words = [w.strip(".,") for w in name.split() if w[:1].isupper() and not w.endswith(".")]
    return words[0].lower() if len(words) >= 2 else ""


def right_speaker(a: Answer, gold: list[str]) -> bool:
    """The surname agrees, and the first name too where both the answer and the gold give one."""
    if a.answerer == "llm":
        said = a.text  # a model: its words
    elif a.attributions:
        said = a.attributions[0].speaker_name
    else:
        return False  # a passage quoted without a speaker names nobody, even if the passage names the person
    for g in gold:
        s = gold_surname(g)
        if not s or not re.search(rf"\b{re.escape(s)}\b", said):
            continue
        mine, theirs = _given(said.split("\n")[0] if a.answerer == "llm" else said), _given(g)
        if a.answerer == "llm" or not mine or not theirs or mine == theirs:
            return True
    return False


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 1) if values else 0.0


def _score(r: dict, a: Answer, t: dict) -> bool:
    """Add question `r`'s result to the tally `t`; whether it counts as right."""
    t["n"] += 1
    if r["kind"] in UNANSWERABLE_KINDS:
        t["refused"] += not a.found
        return not a.found
    t["falsely_refused"] += not a.found
    if r["kind"] == DID_SAY:
        ok = a.found and any(_overlaps(c, r["article_id"], r["gold_span"]) for c in a.citations)
        t["confirmed"] += ok
        return ok
    if r["kind"] in WHO_KINDS:
        ok = a.found and right_speaker(a, r.get("gold_speakers", []))
        t["speaker_right"] += ok
        t["cited_gold"] += any(_overlaps(c, r["article_id"], r["gold_span"]) for c in a.citations)
        return ok
    spans = r.get("gold_spans") or [r["gold_span"]]
    found = sum(any(_overlaps(c, r["article_id"], s) for c in a.citations) for s in spans)
    t["gold_spans"] += len(spans)
    t["gold_found"] += found
    t["cited"] += len(a.citations)
    t["cited_right"] += sum(any(_overlaps(c, r["article_id"], s) for s in spans) for c in a.citations)
    return found > 0


def _figures(kind: str, t: dict) -> dict:
    n = t["n"]
    k = {"n": int(n)}
    if kind in UNANSWERABLE_KINDS:
        k["refused"] = round(t["refused"] / n, 4)
        return k
    k["falsely_refused"] = round(t["falsely_refused"] / n, 4)
    if kind == DID_SAY:
        k["confirmed"] = round(t["confirmed"] / n, 4)
    elif kind in WHO_KINDS:
        k["speaker_accuracy"] = round(t["speaker_right"] / n, 4)
        k["citation_has_gold"] = round(t["cited_gold"] / n, 4)
    else:
        k["gold_recall"] = round(t["gold_found"] / t["gold_spans"], 4) if t["gold_spans"] else 0.0
        k["citation_precision"] = round(t["cited_right"] / t["cited"], 4) if t["cited"] else 0.0
    return k


def _read(questions) -> list[dict]:
    files = questions if isinstance(questions, list) else [questions]
    return [json.loads(line) for f in files for line in Path(f).read_text().splitlines() if line.strip()]


def evaluate_qa(questions: str | Path | list, *, home: str | Path, answerer: str | None = None, **kw) -> dict:
    """`questions`: JSONL file(s) of rows `id, kind, question, article_id, gold_speakers, gold_span | gold_spans`
    (optional `split`, `phrasing`). Figures by kind, by split then kind, and by phrasing."""
    rows = _read(questions)
    answer(rows[0]["question"], home=home, answerer=answerer, **kw)  # warm-up: model load, caches
    tallies: dict[str, dict] = defaultdict(lambda: defaultdict(float))
    latencies, misses, outcomes = [], [], defaultdict(int)
    for r in rows:
        started = time.perf_counter()
        a = answer(r["question"], home=home, answerer=answerer, **kw)
        latencies.append(time.perf_counter() - started)
        outcomes[a.answerer + (f": {a.notice.split(';')[0]}" if a.notice else "")] += 1  # who wrote it, and why
        groups = [("kinds", r["kind"]), ("splits", f"{r.get('split', '-')}/{r['kind']}")]
        groups += [("phrasings", f"{r['kind']}/{r['phrasing']}")] if r.get("phrasing") else []
        for group, key in groups:
            ok = _score(r, a, tallies[f"{group}\t{key}"])
        if not ok:
            misses.append({"id": r["id"], "kind": r["kind"], "split": r.get("split", ""), "question": r["question"],
                           "answer": a.text[:300]})
    report = {"questions": len(rows), "answerer": answerer or "configured", "kinds": {}, "splits": {},
              "phrasings": {}, "latency_ms": {"p50": _pct(latencies, 0.5), "p95": _pct(latencies, 0.95)},
              "outcomes": dict(outcomes), "misses": misses}
    for name in sorted(tallies):
        group, key = name.split("\t")
        report[group][key] = _figures(key.split("/")[-1] if group == "splits" else key.split("/")[0], tallies[name])
    return report
