"""Answers over the sample corpus: the right speaker, the words inside the cited passage, honest refusals."""
import pytest

from app import answer


@pytest.fixture(scope="module")
def ask(sample_home, embedder):
    return lambda q: answer(q, home=sample_home, embedder=embedder)


def _cited(a, words):
    return [c for c in a.citations if words in c.passage]


def test_who_warned_about_nato_troops(ask):
    a = ask("Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?")
    assert a.found
    assert a.attributions[0].speaker_name == "Vladimir Putin"
    assert "Vladimir Putin" in a.text and "[1]" in a.text
    assert _cited(a, "legitimate targets")


def test_what_did_tikhy_say(ask):
    a = ask("What did Georgy Tikhy say?")
    assert a.found and a.attributions
    assert all(t.speaker_name == "Georgy Tikhy" for t in a.attributions)
    assert _cited(a, "Coalition of the Willing")


def test_surname_only_question_finds_the_full_name(ask):
    a = ask("What did Tikhy say?")
    assert a.found and a.attributions[0].speaker_name == "Georgy Tikhy"


@pytest.mark.parametrize("question", [
    "Who said the moon is made of green cheese?",
    "Who promised to abolish income tax on bicycles?",
    "What did Zorblat Quenk say about the harvest?",
    "What is the capital of Australia?",
])
def test_questions_the_articles_dont_answer(ask, question):
    a = ask(question)
    assert not a.found
    assert a.citations == [] and a.attributions == []
    assert "don't say" in a.text


def test_every_fictional_quote_form(ask, expectations):
    wrong = []
    for e in expectations:
        a = ask(e["who_question"])
        if not a.found or a.attributions[0].speaker_name != e["speaker_name"] or not _cited(a, e["key_words"]):
            wrong.append((e["form"], e["who_question"], a.text[:100]))
    assert not wrong


def test_what_did_each_fictional_speaker_say(ask, expectations):
    for name in sorted({e["speaker_name"] for e in expectations}):
        a = ask(f"What did {name} say?")
        assert a.found, name
        assert {t.speaker_name for t in a.attributions} == {name}
        mine = [e["key_words"] for e in expectations if e["speaker_name"] == name]
        assert any(_cited(a, words) for words in mine), name


def test_every_citation_is_an_exact_slice_of_its_article(ask, sample_articles, expectations):
    questions = [e["who_question"] for e in expectations] + ["What did Georgy Tikhy say?", "How much will the Tamsel Link cost?"]
    checked = 0
    for q in questions:
        a = ask(q)
        for c in a.citations:
            article = sample_articles[c.article_id]
            assert article.text[c.char_start:c.char_end] == c.passage
            assert c.title == article.title
            checked += 1
        for t in a.attributions:  # the quoted words are inside a passage they cite
            assert any(t.quote.split(" ")[0] in a.citations[n - 1].passage for n in t.citations)
    assert checked >= len(questions)


def test_markers_point_at_citations(ask):
    import re

    a = ask("What did Tamsin Oakhurst say?")
    used = {int(n) for n in re.findall(r"\[(\d+)\]", a.text)}
    assert used == {c.n for c in a.citations}


def _index(tmp_path, embedder, title: str, body: str, copies: int = 1):
    """A home holding `copies` fictional articles with `body`; returns the home."""
    import json

    from index import Store, rebuild

    f = tmp_path / "articles.jsonl"
    f.write_text("".join(json.dumps({"id": f"copy-{i}", "title": title, "text": body}) + "\n" for i in range(copies)))
    rebuild([f], Store(tmp_path / "h"), embedder)
    return tmp_path / "h"


def test_a_syndicated_copy_does_not_repeat_a_statement(tmp_path, embedder):
    body = ("BRAMWICK, May 4 — the council said that the ferry would run twice a day. "
            "Harbourmaster Edda Quill said that the new pier would open on June 1.")
    _index(tmp_path, embedder, "Pier", body, copies=2)
    a = answer("What did Edda Quill say?", home=tmp_path / "h", embedder=embedder)
    assert a.text.count("the new pier would open on June 1") == 1
    b = answer("Who said that the ferry would run twice a day?", home=tmp_path / "h", embedder=embedder)
    assert b.text.startswith("The council (reported): the ferry would run twice a day [1]")


def test_a_signed_quote_is_answered_with_its_signer(tmp_path, embedder):
    body = ("Readers of the Bramwick Courier told us what they think of the new ferry timetable.\n\n"
            "“The morning ferry leaves before the first bus arrives, so nobody from the hill can catch it.” ― Orla Fenn\n"
            "“I like the late crossing on Fridays.” ― Tam Rudd\n")
    _index(tmp_path, embedder, "Readers on the ferry", body)
    a = answer("Who said the morning ferry leaves before the first bus arrives?", home=tmp_path / "h", embedder=embedder)
    assert a.found and a.text.startswith("Orla Fenn said: “The morning ferry leaves before the first bus arrives")
    assert "the first bus arrives" in a.citations[0].passage


def test_a_question_that_describes_the_speaker_picks_the_one_it_describes(tmp_path, embedder):
    body = ("BRAMWICK, May 4 — Work on the new pier has fallen behind.\n\n"
            "Councillor Bram Tolle said the new pier would not be ready by June.\n\n"
            "Edda Quill, the harbour master of Bramwick, said the new pier would not be ready by June either.")
    _index(tmp_path, embedder, "Pier late", body)
    a = answer("Who, as Bramwick's harbour master, said the pier would not be ready by June?", home=tmp_path / "h",
               embedder=embedder)
    assert a.found and a.attributions[0].speaker_name == "Edda Quill"
    b = answer("Who, a councillor, said the pier would not be ready by June?", home=tmp_path / "h", embedder=embedder)
    assert b.found and b.attributions[0].speaker_name == "Bram Tolle"


def test_a_quoted_question_is_answered_only_by_the_words_it_quotes(tmp_path, embedder):
    body = ("BRAMWICK, May 4 — The harbour has a date for its new pier.\n\n"
            "“The new pier will open to ferries on the first of June,” harbour master Edda Quill said.")
    home = _index(tmp_path, embedder, "Pier date", body)
    said = answer("Who said \"the new pier will open to ferries on the first of June\"?", home=home, embedder=embedder)
    assert said.found and said.attributions[0].speaker_name == "Edda Quill"
    told = answer("Who said the pier would be open for ferries at the start of June?", home=home, embedder=embedder)
    assert told.found and told.attributions[0].speaker_name == "Edda Quill"  # a paraphrase finds her statement
    slightly_off = answer("Who said \"the new pier opens to ferries on the first of June\"?", home=home,
                          embedder=embedder)
    assert slightly_off.found and slightly_off.attributions[0].speaker_name == "Edda Quill"  # a word may differ
    misquoted = answer("Who said \"the new pier will be closed to ferries all summer\"?", home=home, embedder=embedder)
    assert not misquoted.found and "don't say" in misquoted.text  # words nobody said, though close to hers


def test_who_said_names_the_person_rather_than_the_paper_that_reported_it(tmp_path, embedder):
    body = ("BRAMWICK, May 4 — The Bramwick Courier reported that the ferry fares would rise by a fifth in July.\n\n"
            "Harbour master Edda Quill said the ferry fares would rise by a fifth in July.")
    home = _index(tmp_path, embedder, "Fares", body)
    a = answer("Who said that ferry fares are going up by a fifth in July?", home=home, embedder=embedder)
    assert a.found and a.attributions[0].speaker_name == "Edda Quill"
