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
        "Article", "ArticleError", "BuildReport", "Chunk", "Embedder", "Manifest", "NoIndexError", "Quote",
        "Store", "StoreError", "WhosaidError", "chunk_article", "extract_quotes", "get_embedder", "load_file",
        "load_paths", "rebuild", "surname_key",
    ]


def test_answer_fields_are_the_documented_ones():
    assert [f.name for f in dataclasses.fields(app.Answer)] == ["text", "found", "citations", "attributions", "notice",
                                                             "unverified", "question", "answerer"]
    assert [f.name for f in dataclasses.fields(app.Citation)] == [
        "n", "article_id", "title", "source", "date", "url", "passage", "char_start", "char_end"]
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
