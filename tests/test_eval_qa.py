"""`whosaid eval qa`: a question set asked through answer(), scored per kind, with either answerer."""
import io
import json

import pytest

from app.cli import main
from index import load_paths
from tests.conftest import SAMPLE


def _questions(tmp_path, sample_articles):
    seed = next(a for a in load_paths([SAMPLE])[0] if "Coalition" in a.title)
    putin = seed.text.index("NATO troops stationed in Ukraine")
    tikhy = seed.text.index("negotiations about deploying")
    rows = [
        {"id": "q1", "kind": "who_exact", "article_id": seed.id, "gold_speakers": ["Vladimir Putin"],
         "question": "Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?",
         "gold_span": [putin, putin + 60]},
        {"id": "q2", "kind": "what_said", "article_id": seed.id, "question": "What did Georgy Tikhy say?",
         "gold_spans": [[tikhy, tikhy + 60]]},
        {"id": "q3", "kind": "unanswerable", "question": "Who said the moon is made of green cheese?"},
    ]
    path = tmp_path / "questions.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    return path


def test_eval_qa_scores_each_kind_and_writes_json(tmp_path, sample_home, sample_articles):
    out = io.StringIO()
    report_path = tmp_path / "qa.json"
    code = main(["eval", "qa", "--home", str(sample_home), "--questions", str(_questions(tmp_path, sample_articles)),
                 "--answerer", "extractive", "--out", str(report_path)], out=out)
    assert code == 0 and "who_exact" in out.getvalue() and "p95" in out.getvalue()
    kinds = json.loads(report_path.read_text())["kinds"]
    assert kinds["who_exact"]["speaker_accuracy"] == 1.0 and kinds["who_exact"]["citation_has_gold"] == 1.0
    assert kinds["what_said"]["gold_recall"] == 1.0 and kinds["what_said"]["falsely_refused"] == 0.0
    assert kinds["unanswerable"]["refused"] == 1.0


def test_eval_qa_runs_against_a_configured_llm(tmp_path, sample_home, sample_articles, llm_server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", llm_server.url)
    llm_server.replies = ["Georgy Tikhy said it [1]."]  # a model that names the wrong person for q1
    report_path = tmp_path / "qa.json"
    assert main(["eval", "qa", "--home", str(sample_home), "--questions", str(_questions(tmp_path, sample_articles)),
                 "--answerer", "llm", "--out", str(report_path)], out=io.StringIO()) == 0
    report = json.loads(report_path.read_text())
    assert report["answerer"] == "llm" and llm_server.requests
    assert report["kinds"]["who_exact"]["speaker_accuracy"] == 0.0  # scored on what the model said


# --- the dev questions on real news (marked: reads ../shared) ----------------------------------------------------
# Issue targets on the full corpus (all met there: see README, "Tests and benchmarks"); FLOORS are what the fast
# subset must keep. The subset measures who_exact 1.0, paraphrase 0.867, what-said 0.952 / 0.917, refused 0.95, false
# refusals 0.018, p50 36 ms. Two floors sit under their targets because one question moves the subset's figure a lot:
# who_exact (one of 30 is 0.033) and what-said precision (0.972 on the full corpus, 0.917 on the subset's 12).
TARGETS = {"who_exact": 0.97, "who_paraphrase": 0.85, "what_said_recall": 0.90, "what_said_precision": 0.95,
           "unanswerable_refused": 0.90, "false_refusals": 0.05, "p50_ms": 50, "p95_ms": 150}
FLOORS = {"who_exact": 0.95, "who_paraphrase": 0.85, "what_said_recall": 0.90, "what_said_precision": 0.90,
          "unanswerable_refused": 0.90, "false_refusals": 0.05, "p50_ms": 50, "p95_ms": 150}
DISTRACTORS = 60  # other articles indexed beside the questions' own, so retrieval has to choose


def _subset(rows: list[dict], every: int = 3) -> list[dict]:
    """Every third question of each kind, dev split only: ~90 questions."""
    by_kind: dict[str, list] = {}
    for r in rows:
        if r.get("split", "dev") == "dev":
            by_kind.setdefault(r["kind"], []).append(r)
    return [r for kind in sorted(by_kind) for r in by_kind[kind][::every]]


@pytest.mark.eval
def test_dev_questions_meet_the_floors(tmp_path, embedder):
    from app.eval_qa import evaluate_qa
    from index import Store, rebuild
    from tests.conftest import ROOT, shared_or_skip

    corpus = shared_or_skip("corpus", "polnear", "articles.jsonl")
    rows = _subset([json.loads(line) for path in (shared_or_skip("eval", "polnear", "questions-dev.jsonl"),
                                                  ROOT / "tests" / "questions" / "own-dev.jsonl")
                    for line in path.read_text().splitlines() if line.strip()])
    wanted = {r["article_id"] for r in rows if r.get("article_id")}
    articles, extra = [], 0
    for line in corpus.read_text().splitlines():
        aid = json.loads(line)["id"]
        if aid in wanted or extra < DISTRACTORS:
            extra += aid not in wanted
            articles.append(line)
    (tmp_path / "a.jsonl").write_text("\n".join(articles) + "\n")
    (tmp_path / "q.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    rebuild([tmp_path / "a.jsonl"], Store(tmp_path / "home"), embedder)
    report = evaluate_qa(tmp_path / "q.jsonl", home=tmp_path / "home", answerer="extractive", embedder=embedder)
    k = report["kinds"]
    answerable = [kind for kind in k if kind != "unanswerable"]
    seen = {"who_exact": k["who_exact"]["speaker_accuracy"], "who_paraphrase": k["who_paraphrase"]["speaker_accuracy"],
            "what_said_recall": k["what_said"]["gold_recall"], "what_said_precision": k["what_said"]["citation_precision"],
            "unanswerable_refused": k["unanswerable"]["refused"],
            "false_refusals": sum(k[x]["falsely_refused"] * k[x]["n"] for x in answerable) / sum(k[x]["n"] for x in answerable),
            "p50_ms": report["latency_ms"]["p50"], "p95_ms": report["latency_ms"]["p95"]}
    print(json.dumps(seen, indent=1))
    low = {m: (v, FLOORS[m]) for m, v in seen.items()
           if (v > FLOORS[m] if m in ("false_refusals", "p50_ms", "p95_ms") else v < FLOORS[m])}
    assert not low, f"below the floor (measured, floor): {low}"
