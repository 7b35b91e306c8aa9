"""The quote evaluation scores what it should: a hand-made gold file, then (marked) the PolNeAR dev split."""
import json

import pytest

from app.cli import main
from app.eval_quotes import evaluate_quotes, gold_kind, gold_surname, overlaps
from tests.conftest import shared_or_skip

TEXT = ("“We will not back down,” said Mayor Ilse Varga. Polls show voters agree. "
        "“The pier stays shut until May,” said harbourmaster Piet Salo.")


def _gold(tmp_path, rows):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "title": "T", "text": TEXT}) + "\n")
    gold = tmp_path / "g.jsonl"
    gold.write_text("".join(json.dumps({"article_id": "a1", "split": "dev", "cue_is_speech": True, **r}) + "\n"
                            for r in rows))
    return corpus, gold


def _row(content, speaker, kind="direct", stype="person"):
    s, e = TEXT.index(content), TEXT.index(content) + len(content)
    ss = TEXT.index(speaker)
    return {"content": content, "char_start": s, "char_end": e, "speaker": speaker, "quote_type": kind,
            "speaker_type": stype, "speaker_spans": [[ss, ss + len(speaker)]]}


def test_rules():
    assert overlaps((0, 10), (5, 10)) and not overlaps((0, 10), (6, 10))
    assert gold_kind({"quote_type": "indirect", "content": "''We will win,''"}) == "direct"  # PolNeAR's typing undone
    assert gold_kind({"quote_type": "indirect", "content": "the pier was ''safe''"}) == "mixed"
    assert gold_kind({"quote_type": "indirect", "content": "the pier was safe"}) == "indirect"
    assert gold_surname("Russian President Vladimir Putin, who") == "Putin"
    assert gold_surname("Sen. Ted Cruz") == "Cruz"


def test_perfect_and_wrong_speaker(tmp_path):
    corpus, gold = _gold(tmp_path, [_row("We will not back down,", "Mayor Ilse Varga"),
                                    _row("The pier stays shut until May,", "Piet Salo")])
    r = evaluate_quotes(corpus, gold, "dev")
    assert r["quotes"]["f1"] == 1.0 and r["speaker_accuracy"] == 1.0 and r["joint_recall"] == 1.0
    corpus, gold = _gold(tmp_path, [_row("We will not back down,", "Piet Salo")])  # gold says someone else
    r = evaluate_quotes(corpus, gold, "dev")
    assert r["speaker_accuracy"] == 0.0 and r["quotes"]["precision"] == 0.5
    (miss,) = r["misses"]  # the report says what went wrong, for reading misses on the split tuned on
    assert (miss["why"], miss["speaker"], miss["found_speaker"]) == ("wrong speaker", "Piet Salo", "Ilse Varga")


def test_a_description_is_scored_against_the_name_the_annotators_resolved_it_to(tmp_path):
    text = "Sen. Ana Pell toured the pier on Monday. The senator said the crane would come by May."
    corpus, gold = tmp_path / "c.jsonl", tmp_path / "g.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "title": "T", "text": text}) + "\n")
    content, speaker = "the crane would come by May", "The senator"
    row = {"article_id": "a1", "split": "dev", "cue_is_speech": True, "content": content,
           "char_start": text.index(content), "char_end": text.index(content) + len(content), "speaker": speaker,
           "quote_type": "indirect", "speaker_type": "nominal", "speaker_resolved": "Ana Pell",
           "speaker_spans": [[text.index(speaker), text.index(speaker) + len(speaker)]]}
    gold.write_text(json.dumps(row) + "\n")
    r = evaluate_quotes(corpus, gold, "dev")
    assert r["indirect"]["f1"] == 1.0 and r["nominal_speaker_accuracy"] == 1.0
    gold.write_text(json.dumps(row | {"speaker_resolved": "Piet Salo"}) + "\n")
    (miss,) = evaluate_quotes(corpus, gold, "dev")["misses"]
    assert (miss["why"], miss["found_speaker"]) == ("wrong nominal speaker", "Ana Pell")


def test_cli_prints_a_table_and_writes_json(tmp_path):
    import io

    corpus, gold = _gold(tmp_path, [_row("We will not back down,", "Mayor Ilse Varga")])
    out = io.StringIO()
    assert main(["eval", "quotes", "--corpus", str(corpus), "--gold", str(gold), "--out", str(tmp_path / "r.json")],
                out=out) == 0
    assert "speaker accuracy" in out.getvalue()
    assert json.loads((tmp_path / "r.json").read_text())["quotes"]["recall"] == 1.0


@pytest.mark.eval
def test_polnear_dev_meets_the_targets():
    """The dev figures are held just under today's (issue 17's eighth round, quotations with two apostrophes scored
    as quotations): strict content F1 0.882, speaker accuracy 0.978, joint recall 0.861 (was 0.854: a quotation after
    a colon), pronoun speakers 0.793 (was 0.609, then 0.770: salience, places, first names), nominal speakers 0.808
    (was 0.700: roles and owners), indirect F1 0.673 at precision 0.846 (was 0.656: headlines, relative clauses whose
    subject reports, 'according to' a source with its date; then a report in a subordinate clause, 'and said' after a
    quoted phrase; then 'As POLITICO revealed, ...' and a sentence split after a quotation typed with two apostrophes).
    Speed is measured by the CLI and bench (bench/extract_bench.py), not here."""
    corpus = shared_or_skip("corpus", "polnear", "articles.jsonl")
    gold = shared_or_skip("eval", "polnear", "attributions.jsonl")
    r = evaluate_quotes(corpus, gold, "dev")
    assert r["quotes"]["f1"] >= 0.87
    assert r["speaker_accuracy"] >= 0.97
    assert r["joint_recall"] >= 0.855
    assert r["pronoun_speaker_accuracy"] >= 0.78
    assert r["nominal_speaker_accuracy"] >= 0.79
    assert r["indirect"]["f1"] >= 0.67 and r["indirect"]["precision"] >= 0.80
