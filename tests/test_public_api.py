"""The public names are pinned: changing them is a decision, not an accident."""
import dataclasses
import json

import app
import index


def test_app_all_is_pinned():
    assert sorted(app.__all__) == [
        "Answer", "ArticleError", "Attribution", "Citation", "ConfigError", "NoIndexError", "PromptError",
        "StoreError", "WhosaidError", "answer",
    ]


def test_index_all_is_pinned():
    assert sorted(index.__all__) == [
        "Article", "ArticleError", "BuildReport", "Chunk", "ContextRecord", "Embedder", "Found", "Manifest",
        "NoIndexError", "PassageRecord", "Quote", "StatementRecord", "Store", "StoreError", "WhosaidError",
        "chunk_article", "extract_quotes", "get_embedder", "load_file", "load_paths", "rebuild", "remove", "surname_key",
    ]


def test_records_are_typed_with_spans_as_pairs():
    s = index.StatementRecord.from_chroma("a#q0", "words", {"article_id": "a", "speaker_name": "Ann Bo", "chunk_n": 2,
                                                            "content_spans": [3, 8, 10, 14], "cue_span": [0, 2]})
    assert (s.text, s.speaker_name, s.passage_id) == ("words", "Ann Bo", "a#2")
    assert (s.content_spans, s.cue_span, s.speaker_span, s.speaker_role) == (((3, 8), (10, 14)), (0, 2), None, "")
    p = index.PassageRecord.from_chroma("a#2", "text", {"article_id": "a", "n": 2, "unknown": 1})
    assert (p.id, p.text, p.n, p.char_start) == ("a#2", "text", 2, 0)


def test_answer_fields_are_the_documented_ones():
    assert [f.name for f in dataclasses.fields(app.Answer)] == ["text", "found", "citations", "attributions", "notice",
                                                             "unverified", "question", "answerer",
                                                             "llm_reply"]
    assert [f.name for f in dataclasses.fields(app.Citation)] == [
        "n", "article_id", "title", "source", "date", "url", "passage", "char_start", "char_end", "page"]
    assert [f.name for f in dataclasses.fields(app.Attribution)][:5] == [
        "speaker", "speaker_name", "quote", "cue", "citations"]


def test_one_error_tree():
    for err in (app.NoIndexError, app.ArticleError, app.StoreError, app.ConfigError, app.PromptError):
        assert issubclass(err, app.WhosaidError)
    assert app.WhosaidError is index.WhosaidError


def test_answer_round_trips_as_json():
    a = app.Answer("x [1]", True, [app.Citation(1, "id", "T", "S", "2025-01-01", "", "x", 0, 1)],
                   [app.Attribution("he", "Ann Bo", "x", "said", [1])])
    assert json.loads(a.to_json())["citations"][0]["passage"] == "x"
