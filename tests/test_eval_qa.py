"""`whosaid eval qa`: a question set asked through answer(), scored per kind, with either answerer."""
import io
import json

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
