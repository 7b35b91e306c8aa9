"""Hostile runs the attribution engine and the question reader must read through (issue 18): thousands of capitalised
words, of reporting verbs, of capitals or spaces in a question. Nothing in a run is taken for a speaker, and the
attribution or question after it is still read. (Their time is measured by bench/stress/patterns.py, not here.)"""
from app.question import parse_question
from index import extract_quotes

_CAPITALISED = [a + b.lower() for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]


def test_a_title_case_line_of_5000_words_names_no_one_and_the_next_sentence_is_read():
    headline = " ".join((_CAPITALISED * 8)[:5000])
    text = headline + "\n\nIvo Brant, who runs the island ferry, said the fares would rise in May."
    assert [(q.speaker_name, q.content) for q in extract_quotes(text)] == [("Ivo Brant", "the fares would rise in May")]


def test_a_sentence_of_3000_reporting_verbs_is_read_through_to_the_next():
    text = ("said " * 3000).strip() + ".\n\nIvo Brant said that the pier was unsafe for lorries."
    assert [(q.speaker_name, q.content) for q in extract_quotes(text)] == [
        ("Ivo Brant", "the pier was unsafe for lorries")]


def test_a_question_with_a_run_of_capitals_or_spaces_is_read():
    assert parse_question("What was Ab " + "A" * 40 + " x?").kind == "other"  # was exponential in its length
    q = parse_question("The pier is unsafe for lorries" + " " * 1500 + "- who said that?")
    assert (q.kind, q.statement) == ("who", "The pier is unsafe for lorries")
