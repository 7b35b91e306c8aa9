"""One bad file never costs the rest: every hostile kind of issue 18 (one or two of each) among good articles, one
rebuild; bad articles named with their reason, good ones indexed and answerable; hostile questions answered or
refused with a message. The full battery (1,000+ files): bench/stress/hostile.py --count 1000."""
from __future__ import annotations

import json

import pytest

from app.cli import main
from app.errors import QuestionError
from bench.stress import hostile
from index import Store, rebuild
from index.build import BuildReport
from index.validate import Limits


@pytest.fixture(scope="module")
def battery(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile")
    files, home = work / "files", work / "home"
    files.mkdir()
    cases = hostile.write_battery(files, count=1)  # one round: every kind once or twice, 12 good articles
    code, out, err, _ = hostile.rebuild(files, home)
    return cases, code, out, err, home


def test_every_bad_file_is_named_with_its_reason_and_every_good_one_indexed(battery):
    cases, code, out, err, home = battery
    assert code == 0, err
    assert "Traceback" not in err
    _, failed = hostile.table(cases, hostile.refusals(out), Store(home).manifest().articles)
    assert not failed, [(c.kind, str(c.path), c.expect) for c in failed]
    assert {"20 MB one-line file", "deep nesting JSON", "5,000-digit number", "lone surrogates in every field",
            "non-UTF-8 file name", "link loop", "[] in .json", "duplicate ids"} <= {c.kind for c in cases}
    refused = "\n".join(hostile.refusals(out))
    assert "larger than 10 MB (20.0 MB): split it or raise WHOSAID_MAX_FILE_MB" in refused
    assert "text longer than 1 MB (9.8 MB): split it or raise WHOSAID_MAX_ARTICLE_MB" in refused
    assert "also in" in refused and "kept the first" in refused
    assert "\\xfe" in refused  # a file name that isn't UTF-8, shown escaped


def test_every_good_article_is_answerable(battery):
    cases, code, _, _, home = battery
    asked, right = hostile.answerable(cases, home, most=100)
    assert asked >= 15 and right == asked


def test_ids_are_kept_as_written(battery):
    cases, _, _, _, home = battery
    catalog = Store(home).manifest().articles
    n = next(c for c in cases if c.kind == "duplicate ids").ids[0]  # "4.5": the number 4.5 is the same id
    assert n in catalog and n + "0" in catalog  # 4.50 is another
    assert not any("\ud83d" in i for i in catalog)  # a lone surrogate in an id is replaced


class _Failing:
    """The real embedder, failing on any text holding POISON (an embedding error in one article)."""

    def __init__(self, inner):
        self.inner, self.name = inner, inner.name

    def count_tokens(self, texts):
        return self.inner.count_tokens(texts)

    def embed(self, texts):
        if any("POISON" in t for t in texts):
            raise RuntimeError("the model choked")
        return self.inner.embed(texts)


def test_an_article_that_fails_or_hangs_in_extraction_or_embedding_is_refused_by_name(tmp_path, embedder,
                                                                                       monkeypatch):
    import index.records as records  # the build imports the extractor when it first extracts (index/build.py)

    real = records.prepare

    def prepare(a, count):
        if "HANG" in a.text:
            while True:
                pass
        if "BOOM" in a.text:
            raise ValueError("a bug the text trips")
        return real(a, count)

    monkeypatch.setattr(records, "prepare", prepare)
    rows = [hostile.good_article(n)[0] for n in range(4)]
    for rec, word in zip(rows, ("HANG", "BOOM", "POISON", "")):
        rec["text"] += f" {word}"
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    report: BuildReport = rebuild([tmp_path / "a.jsonl"], Store(tmp_path / "home"), _Failing(embedder),
                                  limits=Limits(extract_seconds=1))
    reasons = sorted(str(e) for e in report.refused)
    assert any("line 1: took longer than 1 s to read" in r for r in reasons)
    assert any("line 2: can't be read" in r and "ValueError" in r for r in reasons)
    assert any("line 3: can't be embedded" in r and "the model choked" in r for r in reasons)
    assert set(Store(tmp_path / "home").manifest().articles) == {"good-3"} and report.articles == 1


def test_hostile_questions_get_answers_or_messages(sample_home, monkeypatch, capsys):
    from app.ask import answer

    a = answer("Who said the bridge was safe?\ud83d\x00", home=sample_home, answerer="extractive")
    assert a.question == "Who said the bridge was safe?\ufffd"
    history = [{"role": "user", "content": "Who said the bridge was safe?\ud83d"},
               {"role": "assistant", "content": a.text}]
    assert answer("What else did she say?\udcff", home=sample_home, answerer="extractive", history=history).text
    long_quote = '"' + " ".join(["bridge"] * 10_000) + '"'  # 70 KB: past SQLite's 50,000-byte LIKE pattern'
    with pytest.raises(QuestionError, match="characters long; ask in at most 2,000"):
        answer(long_quote, home=sample_home, answerer="extractive")
    monkeypatch.setenv("WHOSAID_MAX_QUESTION_CHARS", "1000000")  # past the bound: the store's search still copes
    assert answer("Who said " + long_quote, home=sample_home, answerer="extractive").text
    assert main(["--home", str(sample_home), "ask", "caf\udcff\udcfe"]) == 1
    assert "not UTF-8 text (\\xfe\\xff)" in capsys.readouterr().err
