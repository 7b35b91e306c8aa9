"""A claim that retells a statement with one detail changed (a person, a place, a number, a word turned to its
opposite) is refused, and the statement it distorts is shown with the detail; other names of the same person and
other words for the same negation still answer (fictional articles)."""
import pytest

from app import answer
from index import Store, rebuild
from tests.conftest import ROOT

ARTICLES = ROOT / "tests" / "data" / "swap_articles.jsonl"


@pytest.fixture(scope="module")
def ask(tmp_path_factory, embedder):
    home = tmp_path_factory.mktemp("swap-index")
    rebuild([ARTICLES], Store(home), embedder)
    return lambda q: answer(q, home=home, embedder=embedder, answerer="extractive")


def _speaker(a):
    return a.attributions[0].speaker_name if a.found and a.attributions else None


@pytest.mark.parametrize("question, theirs, yours", [
    ("Which councillor said the new Halvik ferry would get 60 new cabins before the winter?", "40", "60"),
    ("Who said Edwin Brekka's bridge plan will cost this town its fishing fleet?", "Walter Dunmore", "Edwin Brekka"),
    ("Who said the autumn storm had flooded every quay in Brennmoor?", "Halvik", "Brennmoor"),
    ("Did Maren Tolk say the Halvik ferry would get sixty new cabins?", "40", "60"),
    ("Who said it would be appropriate to raise ferry fares this year?", "inappropriate", "appropriate"),
    ("Did Sanne Okafor say the old slipway was safe for small boats?", "no longer safe", "safe"),
    ("Who predicted that the council would win the vote on the bridge?", "lose", "win"),
    ("Who praised the new harbour fees, saying they would help small traders?", "condemned", "praised"),
])
def test_a_detail_swapped_is_refused_with_the_statement_it_changes(ask, question, theirs, yours):
    a = ask(question)
    assert not a.found, a.text
    assert a.text.startswith("The indexed articles don't say that.")
    assert f"“{theirs}” where the question has “{yours}”" in a.text
    assert a.citations and theirs.split()[-1] in a.citations[0].passage  # the statement it distorts, cited


@pytest.mark.parametrize("question, speaker", [
    ("Which councillor said the Halvik ferry would get forty new cabins?", "Maren Tolk"),  # the number in words
    ("Who said Dunmore's bridge plan would cost the town its fishing fleet?", "Oskar Lindqvist"),  # the surname alone
    ("Who said Walter's bridge plan will cost this town its fishing fleet?", "Oskar Lindqvist"),  # the first name alone
    ("Who said the autumn storm flooded all of Halvik's quays?", "Sanne Okafor"),
    ("Who said raising ferry fares this year would not be appropriate?", "Maren Tolk"),  # "not" for "in-"
    ("Who said the old slipway isn't safe for small boats any more?", "Sanne Okafor"),  # a plain negation
    ("Who expected the council to lose the bridge vote?", "Oskar Lindqvist"),
    ("Who condemned the new harbour fees?", "Edwin Brekka"),
])
def test_the_same_details_in_other_words_still_answer(ask, question, speaker):
    a = ask(question)
    assert _speaker(a) == speaker, a.text


def test_did_x_accuse_or_call_is_checked_as_a_claim(ask):
    # "Did X accuse Y of Z?" asks whether the articles have X doing it, not for X's statements on the topic
    a = ask("Did Sanne Okafor accuse the council of closing the fish market?")
    assert not a.found and a.text == "The indexed articles don't say that Sanne Okafor said that."
    a = ask("Did Maren Tolk call raising ferry fares this year inappropriate?")
    assert a.found and any("inappropriate to raise ferry fares" in c.passage for c in a.citations), a.text


def test_yes_only_when_no_word_is_negated_on_one_side(ask):
    assert ask("Did Oskar Lindqvist predict that the council would lose the vote on the bridge?").text.startswith("Yes.")
    a = ask("Did Oskar Lindqvist predict that the council would not lose the vote on the bridge?")
    assert a.found and a.text.startswith("The closest the indexed articles come"), a.text  # shown, never "Yes."


def test_a_question_describing_one_person_is_not_answered_by_an_organisation(ask):
    a = ask("Which harbour spokeswoman said the winter ferry timetable would start a week later?")
    assert _speaker(a) != "Halvik Harbour Authority", a.text


def test_a_question_describing_a_group_is_answered_by_it(ask):
    assert _speaker(ask("Which harbour authority said the winter ferry timetable would start a week later?")) == "Halvik Harbour Authority"
