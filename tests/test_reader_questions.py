"""Questions as readers type them (fictional articles): every phrasing finds the right speaker or refuses honestly."""
import pytest

from app import answer
from app.errors import FilterError
from index import Store, rebuild
from tests.conftest import ROOT

ARTICLES = ROOT / "tests" / "data" / "reader_articles.jsonl"


@pytest.fixture(scope="module")
def home(tmp_path_factory, embedder):
    h = tmp_path_factory.mktemp("reader-index")
    rebuild([ARTICLES], Store(h), embedder)
    return h


@pytest.fixture(scope="module")
def ask(home, embedder):
    return lambda q, **kw: answer(q, home=home, embedder=embedder, answerer="extractive", **kw)


def _speaker(a):
    return a.attributions[0].speaker_name if a.found and a.attributions else None


def _cites(a, words):
    return any(words in c.passage for c in a.citations)


@pytest.mark.parametrize("question, speaker, words", [
    ("Which senator compared the toll to a tax on fishermen?", "Ada Brinley", "a tax on every fisherman"),
    ("Which finance minister warned the harbour money would run out?", "Ivo Petrak", "run dry by March"),
    ("Name the official who warned that the harbour budget would be empty by spring", "Ivo Petrak", "run dry by March"),
    ("who warned about the harbour budget running dry", "Ivo Petrak", "run dry by March"),
    ("Tell me who said the port authority wasted two years on surveys", "Tomas Velk", "wasted two years"),
    ("Who was it that said the ferry fares would not change this summer?", "Lina Velk", "ferry fares would stay"),
    ("the person who wanted the lighthouse painted red - who?", "Ada Brinley", "painted red"),
    ("The harbour master who said the new quay would open in July?", "Piet Arnholt", "open in July"),
    ("Who, as a senator, said the lighthouse should be red?", "Ada Brinley", "painted red"),
    ("Who said pensions come before paint in Osterland?", "Ivo Petrak", "pay for pensions"),
    ("Who's the senator that compared the toll to a tax on fishermen?", "Ada Brinley", "a tax on every fisherman"),
    ("Who was the one who warned the harbour money would run out?", "Ivo Petrak", "run dry by March"),
    ("Someone said the port authority wasted two years on surveys. Who?", "Tomas Velk", "wasted two years"),
    ("Who made the claim that the port authority wasted two years on surveys?", "Tomas Velk", "wasted two years"),
    ("What's the name of the finance minister who warned about the harbour budget?", "Ivo Petrak", "run dry by March"),
    ("Any idea who said the pier would open in May?", "Orla Benneck", "open to walkers in May"),
    ("I heard a harbour master say the new quay would open in July. Who?", "Piet Arnholt", "open in July"),
    ("At the council meeting, who said a crane was still needed?", "Pim Arvelo", "need a crane"),
    ("By whom was it said that the port authority wasted two years on surveys?", "Tomas Velk", "wasted two years"),
])
def test_free_who_questions_name_the_speaker(ask, question, speaker, words):
    a = ask(question)
    assert _speaker(a) == speaker, a.text
    assert _cites(a, words)


def test_a_retelling_may_borrow_words_from_the_paragraph_before_the_statement(ask):
    # "cold current", "fishing" and "nets" are the reporter's words leading up to Orla Fenwick's quote, not hers
    a = ask("Who warned that half the fishing boats would be sold as the cold current emptied the nets?")
    assert _speaker(a) == "Orla Fenwick" and _cites(a, "Half of our boats will be sold")


def test_the_paragraph_before_lends_no_words_to_a_later_speaker(ask):
    a = ask("Who warned that half the fishing boats would be sold as the cold current emptied the nets?",
            speaker="Arnholt")
    assert not a.found, a.text


def test_a_people_named_in_the_topic_is_found_as_its_country_in_the_passage(ask):
    # the article names Velmaria; the reader asks about Velmarian grain
    a = ask("What did Kasia Dorn say about tariffs on Velmarian grain?")
    assert a.found and _cites(a, "lift its tariffs on grain"), a.text


def test_a_who_answer_gives_the_words_the_role_and_the_article(ask):
    a = ask("Who said the toll is a tax on every fisherman?")
    assert a.text.startswith("Ada Brinley, Senator, said: “This toll is nothing but a tax on every fisherman")
    assert "[1] — Bramwick toll vote splits the harbour, valley-times, 2024-06-03" in a.text


def test_a_title_in_the_role_is_spelled_out(ask):
    # the article writes "Osterland Sen. Mira Holt"
    a = ask("Who promised that the night ferry would sail every evening until April?")
    assert a.text.startswith("Mira Holt, Osterland senator, said: “We will keep the night ferry sailing"), a.text


@pytest.mark.parametrize("question, speaker", [
    ("Who said a crossing on the night ferry would cost six euros?", "Mira Holt"),
    ("Who said a night ferry crossing would cost 6 euros?", "Mira Holt"),
    ("Who said a crossing on the night ferry would cost sixteen euros?", None),  # the article says six
    ("Who said a night ferry crossing would cost 60 euros?", None),
])
def test_a_claim_with_a_number_the_article_lacks_is_refused(ask, question, speaker):
    a = ask(question)
    assert _speaker(a) == speaker, a.text
    if speaker is None:
        assert not a.found and "don't say" in a.text


def test_what_was_said_about_a_topic_lists_each_speaker_on_it(ask):
    a = ask("Who said what about the toll?")
    assert a.found and a.text.startswith("What the indexed articles quote about the toll"), a.text
    assert "- Ada Brinley: “This toll is nothing but a tax on every fisherman" in a.text
    assert len({t.speaker_name for t in a.attributions}) == len(a.attributions)  # one line a speaker
    assert not ask("What was said about avocados?").found


def test_when_did_x_say_gives_the_statement_and_its_date(ask):
    a = ask("When did Mira Holt say a crossing would cost six euros?")
    assert a.text.startswith("Mira Holt, Osterland senator, said: “A crossing will cost six euros"), a.text
    assert a.citations[0].date in a.text and a.citations[0].date


def test_did_x_say_is_yes_only_when_the_statement_holds_the_claims_words(ask):
    a = ask("Did Mira Holt say a crossing would cost six euros?")
    assert a.text.startswith("Yes. Mira Holt, Osterland senator, said: “A crossing will cost six euros"), a.text
    # she said the opposite: the closest statement is shown, never with a yes
    a = ask("Did Mira Holt say the night ferry would stop sailing in winter?")
    assert not a.text.startswith("Yes") and a.text.startswith("The closest the indexed articles come"), a.text
    assert "“We will keep the night ferry sailing every evening until April”" in a.text


def test_reported_speech_is_marked_as_reported(ask):
    a = ask("Who said the lighthouse should be painted red?")
    assert a.text.startswith("Ada Brinley, Senator (reported): the lighthouse should be painted red")


@pytest.mark.parametrize("question, words", [
    ("Did Brinley say anything about the lighthouse?", "painted red"),
    ("How did Senator Brinley describe the toll?", "a tax on every fisherman"),
    ("Brinley's view on the lighthouse?", "painted red"),
    ("Tell me Ada Brinley's comments about the toll", "a tax on every fisherman"),
    ("quotes from brinley on the lighthouse", "painted red"),
    ("what does petrak think about paint", "pay for pensions"),
])
def test_free_what_questions_gather_that_speakers_statements(ask, question, words):
    a = ask(question)
    assert a.found, a.text
    assert {t.speaker_name for t in a.attributions} <= {"Ada Brinley", "Ivo Petrak", "Petrak"}
    assert _cites(a, words)


def test_a_what_answer_is_narrowed_to_the_topic(ask):
    a = ask("What did Brinley say about the lighthouse?")
    assert a.found and _cites(a, "painted red")
    assert all("lighthouse" in t.quote for t in a.attributions)


def test_two_people_with_one_surname_are_kept_apart(ask):
    a = ask("What did Lina Velk say?")
    assert a.found and {t.speaker_name for t in a.attributions} == {"Lina Velk"}
    assert _cites(a, "ferry fares would stay")


@pytest.mark.parametrize("question", [
    "Who said the toll should be settled by a coin toss?",
    "Who said the harbour should be closed to tourists in winter?",
    "Which senator promised free ferry rides for pensioners?",
    "Did Brinley say the toll money should pay for a new school?",
    "What did Brinley say about the moon landing?",
])
def test_a_claim_nobody_made_is_refused(ask, question):
    a = ask(question)
    assert not a.found, a.text
    assert a.citations == [] and "don't say" in a.text


def test_a_topic_the_speaker_never_spoke_on_says_so(ask):
    a = ask("What did Brinley say about the moon landing?")
    assert "quote Ada Brinley in 2 statements on other subjects" in a.text and "moon landing" in a.text


def test_the_speaker_filter_applies_to_what_questions(ask):
    assert not ask("What did Brinley say?", speaker="Petrak").found
    a = ask("What did Petrak say?", speaker="Petrak")
    assert a.found and {t.speaker_name for t in a.attributions} <= {"Ivo Petrak", "Petrak"}


def test_the_speaker_filter_applies_to_who_questions(ask):
    assert _speaker(ask("Who said the toll is a tax on fishermen?", speaker="Brinley")) == "Ada Brinley"
    assert not ask("Who said the toll is a tax on fishermen?", speaker="Petrak").found


def test_the_speaker_filter_applies_to_who_is_and_to_two_people_at_once(ask):
    assert not ask("Who is Ivo Petrak?", speaker="Brinley").found
    assert ask("Who is Ivo Petrak?", speaker="Petrak").found
    a = ask("What did Brinley and Petrak say about the harbour budget and the toll?", speaker="Petrak")
    assert a.found and {t.speaker_name for t in a.attributions} == {"Ivo Petrak"}


def test_an_unknown_speaker_in_the_filter_names_the_closest(ask):
    with pytest.raises(FilterError, match=r"No speaker named 'Brinly' in the index; closest: Ada Brinley"):
        ask("What was said about the toll?", speaker="Brinly")


def test_the_same_question_gets_the_same_answer(ask):
    q = "Who said the harbour budget would run out?"
    assert ask(q).to_json() == ask(q).to_json()


def test_two_processes_give_the_same_answers(home):
    """Ties break by a stable key, not by hash order: two runs with different hash seeds answer alike."""
    import os
    import subprocess
    import sys

    questions = ["Who said the harbour budget would run out?", "What did Velk say?", "Who said the toll was unfair?",
                 "did brinley say anything about the harbour"]
    script = ("import sys, json; from app import answer; "
              "print(json.dumps([answer(q, home=sys.argv[1], answerer='extractive').to_dict() for q in sys.argv[2:]]))")
    runs = [subprocess.run([sys.executable, "-c", script, str(home), *questions], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed, "HF_HUB_OFFLINE": "1"}, cwd=ROOT, timeout=300)
            for seed in ("1", "2")]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr[-2000:]
    assert runs[0].stdout == runs[1].stdout


@pytest.mark.parametrize("question, line", [
    ("Who said the pier would open to walkers in May?", "Orla Benneck said: “The pier will open to walkers in May"),
    ("Who said a crane was still needed for the fishing boats?", "Pim Arvelo said: “We still need a crane"),
])
def test_words_after_a_name_that_are_no_role_are_not_shown_as_one(ask, question, line):
    # "said Orla Benneck, suggesting that …" / "appearing after …": a clause follows the name, not a role
    a = ask(question)
    assert a.text.startswith(line), a.text
    assert a.attributions[0].speaker_role == ""


def test_did_anyone_is_a_who_question_answered_yes_only_with_the_claims_words(ask):
    a = ask("Did anyone compare the toll to a tax?")
    assert a.text.startswith("Yes. Ada Brinley, Senator, said: “This toll is nothing but a tax"), a.text
    a = ask("did any finance minister say the harbour budget would run dry by March")
    assert a.text.startswith("Yes. Ivo Petrak"), a.text
    # she said red: the closest statement is shown, never with a yes
    a = ask("Did anyone say the lighthouse would be painted green?")
    assert a.text.startswith("The closest the indexed articles come") and "painted red" in a.text, a.text


@pytest.mark.parametrize("question", ["summarize what ivo petrak said", "List what Ivo Petrak said"])
def test_summarize_and_list_ask_for_a_speakers_statements(ask, question):
    a = ask(question)
    assert a.text.startswith("Statements by Ivo Petrak"), a.text


def test_reported_words_on_a_topic_do_not_deny_the_speakers_other_statements(ask):
    # Velk is quoted (on the port authority); on the quay only a sentence reports him
    a = ask("Anything from Velk about the quay?")
    assert a.text.startswith("These passages report what Velk said about quay:"), a.text
    assert "No statement in the index is attributed to" not in a.text


@pytest.mark.parametrize("question, header", [
    # described rather than named
    ("What did the mayor say about the port authority?", "Statements by Tomas Velk (Mayor)"),
    ("what did the senator say about the night ferry", "Statements by Mira Holt (Osterland senator)"),
    ("How did the finance minister describe the harbour budget?", "Statements by Ivo Petrak"),
    # called by first name alone
    ("What did Lina say about the ferry fares?", "Statements by Lina Velk"),  # not Tomas Velk: the first name decides
    ("Tell me Tomas's comments about the port authority", "Statements by Tomas Velk"),
    ("quotes from ada on the toll", "Statements by Ada Brinley"),
])
def test_a_what_question_finds_the_speaker_described_or_called_by_first_name(ask, question, header):
    a = ask(question)
    assert a.text.startswith(header), a.text


def test_a_description_that_fits_nobody_says_so(ask):
    a = ask("What did the bishop say about the toll?")
    assert not a.found and a.text == "The indexed articles quote nobody described as “bishop”."


def test_a_description_the_article_gives_the_speaker_is_evidence_of_its_own(ask):
    # "We cannot teach children under a leaking roof," Lind said: the claim alone is too loose a retelling ...
    assert not ask("Who said the classrooms were unfit for pupils?").found
    assert not ask("Which senator said the classrooms were unfit for pupils?").found
    # ... but the article calls Oskar Lind "a retired lighthouse keeper": with that description, it is him
    a = ask("Which retired lighthouse keeper said the classrooms were unfit for pupils?")
    assert _speaker(a) == "Oskar Lind" and _cites(a, "leaking roof"), a.text
    # the description does not make an unrelated claim his
    assert not ask("Which retired lighthouse keeper said the harbour toll was fair?").found


@pytest.mark.parametrize("question", ["What did Petra Quill say about the tram line?", "what did quill say about the tram"])
def test_a_what_answer_stays_on_the_story_about_the_topic(ask, question):
    # Quill is quoted in two stories; the tram story is about the tram, the budget story names it in passing
    a = ask(question)
    assert _cites(a, "The tram line will reach the harbour by the spring of 2026") and _cites(a, "every ten minutes")
    assert {c.article_id for c in a.citations} == {"quill-tram"}, a.text
    assert "Every crown we spend" not in a.text


def test_a_what_answer_on_another_topic_cites_the_other_story(ask):
    a = ask("What did Quill say about schools?")
    assert _cites(a, "Schools will get two million crowns more") and {c.article_id for c in a.citations} == {
        "quill-budget"}, a.text


def test_reported_sentences_with_quote_marks_of_their_own_are_not_wrapped_again(ask):
    a = ask("What was Quill's reaction to the budget?")
    assert "“Schools will get two million crowns more than last year" in a.text and "““" not in a.text, a.text


def test_words_the_article_separates_are_joined_with_an_ellipsis(ask):
    # “The tram line will reach the harbour by the spring of 2026,” Quill said. “Fishermen and ferry passengers …”
    a = ask("Which official said the tram would take eight minutes from the station to the quay?")
    assert "“The tram line will reach the harbour by the spring of 2026 … Fishermen and ferry passengers" in a.text, \
        a.text


@pytest.mark.parametrize("question", [
    "Which bishop warned that the harbour budget would run dry by March?",
    "Which senator warned that the harbour budget would run dry by March?",
])
def test_a_speaker_the_article_does_not_describe_as_asked_is_not_the_answer(ask, question):
    # Ivo Petrak said it, but the article calls him the finance minister of Osterland, no bishop or senator
    a = ask(question)
    assert not a.found, a.text
    a = ask("Which finance minister warned that the harbour budget would run dry by March?")
    assert _speaker(a) == "Ivo Petrak" and _cites(a, "run dry by March"), a.text


def test_a_person_the_claim_names_in_full_must_be_in_the_article(ask):
    # Petra Quill's tram statement, asked about as if it were about Tobin Quellhart, whom no article names
    assert not ask("Who said Tobin Quellhart would ride the tram from the station to the quay in eight minutes?").found
    a = ask("Who said fishermen would ride the tram from the station to the quay in eight minutes?")
    assert _speaker(a) == "Petra Quill", a.text


def test_two_people_asked_about_at_once_get_each_their_statements(ask):
    a = ask("What did Brinley and Petrak say about the harbour budget and the toll?")
    assert a.found and {t.speaker_name for t in a.attributions} >= {"Ada Brinley", "Ivo Petrak"}
    assert a.text.index("Ada Brinley") < a.text.index("Ivo Petrak")  # in the question's order
    assert [c.n for c in a.citations] == list(range(1, len(a.citations) + 1))  # one numbering, a passage cited once
    assert len({(c.article_id, c.char_start) for c in a.citations}) == len(a.citations)


@pytest.mark.parametrize("question", ["Who is Ivo Petrak?", "What is Petrak's job?", "What does Ivo Petrak do?"])
def test_who_is_someone_the_index_quotes_gives_their_role_and_where(ask, question):
    a = ask(question)
    assert a.found and "Ivo Petrak: the finance minister of Osterland" in a.text and "2 statements" in a.text
    assert _cites(a, "Ivo Petrak, the finance minister of Osterland")


def test_who_is_someone_described_nowhere_says_so(ask):
    a = ask("Who is Orla Benneck?")
    assert not a.found and "give no role" in a.text and a.citations


def test_yes_only_when_the_statement_holds_every_word_of_the_claim(ask):
    right = ask("Did Mira Holt say the night ferry would keep sailing every evening until April?")
    assert right.text.startswith("Yes.") and _cites(right, "every evening until April")
    swapped = ask("Did Mira Holt say the night ferry would keep sailing every morning until April?")
    assert not swapped.text.startswith("Yes") and "closest" in swapped.text  # "morning" is nowhere in her words


@pytest.mark.parametrize("question", ["Who commented on the toll?", "who has talked about the toll"])
def test_who_commented_on_a_topic_lists_everyone_quoted_on_it(ask, question):
    a = ask(question)
    assert a.found and {"Ada Brinley", "Ivo Petrak"} <= {t.speaker_name for t in a.attributions}


def test_who_else_commented_leaves_out_the_speaker_already_given(ask):
    first = ask("What did Brinley say about the toll?")
    a = ask("Who else commented on that?", history=[first])
    assert a.found and "Ada Brinley" not in {t.speaker_name for t in a.attributions}
    assert "Ivo Petrak" in {t.speaker_name for t in a.attributions}


@pytest.mark.parametrize("question", ["Who said “This toll is nothing but a tax on every fishermen”?",  # misquoted
                                      "Who said 'this toll is nothing but a tax on every fisherman'?",
                                      "“This toll is nothing but a tax on every fisherman” — whose words are these?"])
def test_a_quotation_typed_from_memory_still_finds_its_speaker(ask, question):
    a = ask(question)
    assert _speaker(a) == "Ada Brinley" and _cites(a, "a tax on every fisherman")


@pytest.mark.parametrize("question", ["What did Brinly say about the toll?", "What did Ada Brinely say?"])
def test_a_misspelt_name_is_answered_with_the_names_spelled_most_like_it(ask, question):
    a = ask(question)
    assert not a.found and "quote no one named" in a.text and "Ada Brinley" in a.text
