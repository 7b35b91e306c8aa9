"""Follow-ups without a model: rewritten from the previous Answer (or the chat's text), answered end to end."""
import pytest

from app import answer
from app.chat import chat_turn
from app.conversation import as_messages, turns
from app.followup import resolve_followup
from app.models import Answer, Attribution, Citation
from app.render import answer_html
from index import Store, rebuild

# A fictional conversation: nothing here is in the sample articles.
VARGA_SAID = "The harbour will stay closed to tankers until the new breakwater is finished"
PASSAGE = f"Harbour Commissioner Ilse Varga said: “{VARGA_SAID},” adding that Tomas Brek had agreed."
KNOWN = {"Varga": "Ilse Varga", "Ilse Varga": "Ilse Varga", "Brek": "Tomas Brek", "Tomas Brek": "Tomas Brek"}


def known(name):
    return KNOWN.get(name)


def _cite(n=1, date="2024-03-02"):
    return Citation(n, "harbour-1", "Harbour shut to tankers", "Lenmark Gazette", date, "", PASSAGE, 0, len(PASSAGE))


def _varga(question="What did Ilse Varga say?", n=1):
    said = Attribution("Varga", "Ilse Varga", VARGA_SAID, "said", [n], "Harbour Commissioner", "direct", "harbour-1")
    text = f"Ilse Varga, Harbour Commissioner, said: “{VARGA_SAID}” [{n}]"
    return Answer(text, True, [_cite(k) for k in range(1, n + 1)], [said], question=question)


def _who_varga():
    return _varga("Who said the harbour would stay closed to tankers?")


@pytest.mark.parametrize("q", ["What else did he say?", "what else did she say", "Anything else from him?",
                               "Did she say anything else?", "More from her?", "Tell me more", "More, please"])
def test_what_else_names_the_last_speaker(q):
    f = resolve_followup(q, [_varga()])
    assert f.question == "What else did Ilse Varga say?" and f.speaker == "Ilse Varga"
    assert not f.exclude_speaker and f.answer is None


def test_the_person_asked_about_when_nobody_was_quoted():
    before = Answer("The indexed articles don't say.", False, question="What did Varga say?")
    assert resolve_followup("What else did she say?", [before], known).question == "What else did Ilse Varga say?"
    assert resolve_followup("What else did she say?", [before]).question == "What else did Varga say?"


@pytest.mark.parametrize("q, topic", [("and about the economy?", "the economy"), ("What about on taxes?", "taxes"),
                                      ("And on trade?", "trade"), ("How about the breakwater", "the breakwater")])
def test_a_new_topic_for_the_same_speaker(q, topic):
    assert resolve_followup(q, [_varga()]).question == f"What did Ilse Varga say about {topic}?"


def test_a_new_topic_after_a_topic():
    before = _varga("What did Ilse Varga say about tankers?")
    assert resolve_followup("And on the breakwater?", [before]).question == \
        "What did Ilse Varga say about the breakwater?"


def test_a_new_topic_after_a_who_question():
    assert resolve_followup("And on trade?", [_who_varga()]).question == "Who spoke about trade?"


def test_a_new_topic_after_a_question_about_a_topic():
    # everyone's statements on the toll, then "and the lighthouse?": everyone's again, not the first speaker's
    before = _varga("Who said what about the toll?")
    assert resolve_followup("And about the lighthouse?", [before]).question == "What was said about the lighthouse?"
    assert resolve_followup("Who else commented on that?", [before]).question == "Who spoke about the toll?"


def test_what_about_another_person():
    f = resolve_followup("What about Tomas Brek?", [_varga()], known)
    assert f.question == "What did Tomas Brek say?"
    before = _varga("What did Ilse Varga say about tankers?")
    assert resolve_followup("and Brek?", [before], known).question == "and Brek?"  # not a follow-up form
    assert resolve_followup("What about Brek?", [before], known).question == "What did Tomas Brek say about tankers?"


@pytest.mark.parametrize("q", ["Who else commented on that?", "who else said that", "Did anyone else say that?",
                               "Who else?"])
def test_who_else_asks_the_who_question_again_without_the_speaker(q):
    f = resolve_followup(q, [_who_varga()])
    assert f.question == "Who said the harbour would stay closed to tankers?"
    assert f.exclude_speaker == "Ilse Varga" and f.answer is None


def test_who_else_after_a_what_question_asks_who_said_the_quote():
    f = resolve_followup("Who else said that?", [_varga()])
    assert f.question == f"Who said {VARGA_SAID}?" and f.exclude_speaker == "Ilse Varga"
    f = resolve_followup("Who else commented on that?", [_varga("What did Ilse Varga say about tankers?")])
    assert f.question == "Who spoke about tankers?" and f.exclude_speaker == "Ilse Varga"


def test_what_about_someone_needs_no_earlier_speaker():
    nobody = Answer("The indexed articles don't say.", False, question="What is the capital of Australia?")
    assert resolve_followup("What about Brek?", [nobody], known).question == "What did Tomas Brek say?"


@pytest.mark.parametrize("q", ["When did she say it?", "when was that", "When did Varga say that?"])
def test_when_is_answered_from_the_previous_answer(q):
    f = resolve_followup(q, [_varga()])
    a = f.answer
    assert a is not None and a.found
    assert "2024-03-02" in a.text and "Harbour shut to tankers" in a.text and "Ilse Varga" in a.text
    assert a.text.endswith("[1].")
    assert [c.n for c in a.citations] == [1] and a.citations[0].passage == PASSAGE
    assert a.attributions[0].citations == [1] and a.attributions[0].quote == VARGA_SAID
    assert a.question == f.question and "she" not in f.question.split()


def test_where_cites_the_article_renumbered_as_1():
    a = resolve_followup("Where did he say that?", [_varga(n=2)]).answer
    assert "Harbour shut to tankers" in a.text and "Lenmark Gazette" in a.text and "[1]" in a.text
    assert [c.n for c in a.citations] == [1] and a.attributions[0].citations == [1]


def test_when_after_a_passage_nobody_is_quoted_in():
    before = Answer("The closest passage says: “The harbour stays shut.” [1]", True, [_cite()], question="Is it shut?")
    a = resolve_followup("When was that?", [before]).answer
    assert a.text.startswith("It was reported in an article dated 2024-03-02") and a.citations[0].n == 1


def test_when_without_a_date_says_so():
    before = _varga()
    before.citations = [_cite(date="")]
    assert "no date" in resolve_followup("When was that?", [before]).answer.text


@pytest.mark.parametrize("q, standalone", [
    ("Is she the harbour commissioner?", "Is Ilse Varga the harbour commissioner?"),
    ("What was her role?", "What was Ilse Varga’s role?"),
    ("Did they talk to him about it?", "Did Ilse Varga talk to Ilse Varga about it?"),
    ("What did he say about the breakwater?", "What did Ilse Varga say about the breakwater?"),
    ("When will she resign?", "When will Ilse Varga resign?"),
])
def test_pronouns_become_the_last_speaker(q, standalone):
    assert resolve_followup(q, [_varga()]).question == standalone


@pytest.mark.parametrize("q", ["What did Vladimir Putin say?", "Who said they would strike?",
                               "When will the bridge reopen?", "Who warned that he would resign?",
                               "What is the capital of Australia?", "On what date was the port closed?"])
def test_other_questions_are_unchanged(q):
    f = resolve_followup(q, [_varga()], known)
    assert f.question == q and not f.exclude_speaker and f.answer is None


def test_nothing_to_resolve_from():
    assert resolve_followup("What else did he say?", []).question == "What else did he say?"
    nobody = Answer("The indexed articles don't say.", False, question="What is the capital of Australia?")
    assert resolve_followup("What else did he say?", [nobody]).question == "What else did he say?"


def _messages(question, html):
    """Gradio 6 messages: content as a list of parts."""
    return [{"role": "user", "content": [{"type": "text", "text": question}]},
            {"role": "assistant", "content": [{"type": "text", "text": html}]}]


@pytest.mark.parametrize("text", [
    f"<div>Ilse Varga, Harbour Commissioner, said: “{VARGA_SAID}, Tomas Brek agreed” [1]</div>",
    "<div>Statements by Ilse Varga in the indexed articles:<br>- “Tomas Brek is wrong” [1]</div>",
    "<div>According to Harbour Commissioner Ilse Varga, the harbour stays shut [1].</div>",
])
def test_text_history_finds_the_speaker_through_known_speaker(text):
    history = _messages("Who said the harbour would stay shut?", text + "<details><summary>Sources</summary>"
                        "<li>[1] Tomas Brek said otherwise</li></details>")
    assert resolve_followup("What else did she say?", history, known).question == "What else did Ilse Varga say?"
    f = resolve_followup("Who else said that?", history, known)
    assert f.question == "Who said the harbour would stay shut?" and f.exclude_speaker == "Ilse Varga"


def test_text_history_pairs_and_answer_dicts():
    pairs = [("What did Varga say?", "<div>The indexed articles don't say.</div>")]
    assert resolve_followup("What else did he say?", pairs, known).question == "What else did Ilse Varga say?"
    dicts = [_varga().to_dict()]
    assert resolve_followup("When did he say it?", dicts).answer.citations[0].date == "2024-03-02"


def test_history_as_messages_for_the_llm():
    history = [_varga(), *_messages("What else did she say?", "<div>Ilse Varga said more [2]</div>")]
    assert [t.question for t in turns(history)] == ["What did Ilse Varga say?", "What else did she say?"]
    assert as_messages(history)[-1] == {"role": "assistant", "content": "Ilse Varga said more"}


# End to end, over the sample articles, with the real model.

@pytest.fixture(scope="module")
def ask(sample_home, embedder):
    return lambda q, history=None: answer(q, home=sample_home, embedder=embedder, answerer="extractive",
                                          history=history)


@pytest.fixture(scope="module")
def tikhy(ask):
    return ask("What did Georgy Tikhy say?")


def _tikhy_words(a):
    return a.found and a.attributions and all(t.speaker_name == "Georgy Tikhy" for t in a.attributions) and any(
        "Coalition of the Willing" in c.passage for c in a.citations)


def test_what_else_did_he_say(ask, tikhy):
    a = ask("What else did he say?", [tikhy])
    assert a.question == "What else did Georgy Tikhy say?"
    assert "Georgy Tikhy" in a.text and "attributed to he" not in a.text
    assert _tikhy_words(a)


def test_what_else_from_the_chat_text_alone(ask, tikhy):
    a = ask("What else did he say?", _messages("What did Georgy Tikhy say?", answer_html(tikhy)))
    assert a.question == "What else did Georgy Tikhy say?" and _tikhy_words(a)
    a = ask("What else did he say?", _messages("What did Tikhy say?", "<div>The articles quote him once.</div>"))
    assert a.question == "What else did Georgy Tikhy say?"  # the index knows his full name


def test_when_did_he_say_it(ask, tikhy):
    more = ask("What else did he say?", [tikhy])
    a = ask("When did he say it?", [tikhy, more])
    first = more.citations[more.attributions[0].citations[0] - 1]
    assert first.date and first.date in a.text and "Georgy Tikhy" in a.text and "[1]" in a.text
    assert a.found and [c.n for c in a.citations] == [1] and a.citations[0].passage == first.passage
    assert a.question == "When did Georgy Tikhy say it?"


def test_who_else_when_nobody_else_said_it(ask):
    first = ask("Who said the bridge could fail under a loaded lorry?")
    assert first.attributions[0].speaker_name == "Henrike Dallow"
    a = ask("Who else said that?", [first])
    assert a.question == first.question and not a.found
    assert "Henrike Dallow" in a.text and not a.attributions


def _home(tmp_path, embedder, articles: dict[str, str]):
    """An index of fictional article files (name: text) in `tmp_path`."""
    d = tmp_path / "a"
    d.mkdir()
    for name, text in articles.items():
        (d / name).write_text(text)
    rebuild([d], Store(tmp_path / "h"), embedder)
    return tmp_path / "h"


def test_who_else_names_the_other_speaker(tmp_path, embedder):
    home = _home(tmp_path, embedder, {"fair.txt": (
        "Bramwick Fair Sells Out\n\nBRAMWICK, May 4 — The spring fair opened on Saturday. Pia Wen, who runs the fair, "
        "said that every ticket for the spring fair had sold out within an hour of going on sale.\n\n"
        "The town's market inspector, Odo Brandt, told reporters that all the fair's tickets sold out within an "
        "hour of going on sale. Stallholders said they expected record takings.\n")})
    first = answer("Who said the fair's tickets sold out within an hour?", home=home, embedder=embedder)
    said = first.attributions[0].speaker_name
    assert said in ("Pia Wen", "Odo Brandt")
    a = answer("Who else said that?", home=home, embedder=embedder, history=[first])
    assert a.found and a.attributions[0].speaker_name == ({"Pia Wen", "Odo Brandt"} - {said}).pop()
    assert all(t.speaker_name != said for t in a.attributions)


def test_the_chat_keeps_each_answer_for_follow_ups(sample_home):
    frames = list(chat_turn("What did Georgy Tikhy say?", [], [], home=sample_home, answerer="extractive"))
    shown, kept = frames[-1]
    assert kept[0][0] == "What did Georgy Tikhy say?" and kept[0][1].attributions
    history = _messages("What did Georgy Tikhy say?", shown)
    shown, kept = list(chat_turn("When did he say it?", history, kept, home=sample_home, answerer="extractive"))[-1]
    assert kept[1][1].question == "When did Georgy Tikhy say it?" and kept[1][1].citations[0].date in shown
    # an undone turn: the earlier Answers still line up with the chat
    shown, kept = list(chat_turn("What else did he say?", history, kept, home=sample_home,
                                 answerer="extractive"))[-1]
    assert len(kept) == 2 and kept[1][1].question == "What else did Georgy Tikhy say?"


def _quill_home(tmp_path, embedder):
    return _home(tmp_path, embedder, {
        "tram.txt": "Tram line to reach Lenmark harbour\n\nLENMARK, Sept. 2 — The city will extend its tram line to the "
                    "harbour, Mayor Petra Quill announced on Monday.\n\n“The tram line will reach the harbour by the "
                    "spring,” Quill said.\n\nQuill said that tickets would cost the same as a bus fare.\n",
        "budget.txt": "Lenmark budget leaves schools short\n\nLENMARK, Oct. 14 — The council passed next year's budget."
                      "\n\n“Every crown we spend on the harbour is a crown we had to find somewhere,” Mayor Petra Quill "
                      "said.\n"})


def test_what_else_leaves_out_what_was_shown(tmp_path, embedder):
    home = _quill_home(tmp_path, embedder)
    first = answer("Who said the tram would reach the harbour by the spring?", home=home, embedder=embedder)
    assert first.attributions[0].speaker_name == "Petra Quill"
    more = answer("Tell me more", home=home, embedder=embedder, history=[first])
    assert more.question == "What else did Petra Quill say?" and more.found
    assert "by the spring" not in more.text and any("crown" in t.quote or "bus fare" in t.quote
                                                     for t in more.attributions)
    everything = answer("What else did she say?", home=home, embedder=embedder,
                        history=[first, more, answer("What did Petra Quill say?", home=home, embedder=embedder)])
    assert everything.found and "besides those already shown" in everything.text and everything.attributions


def test_when_and_where_from_the_chat_text_alone(tmp_path, embedder):
    home = _quill_home(tmp_path, embedder)
    history = _messages("Who said the tram would reach the harbour by the spring?", "Petra Quill said: …")
    when = answer("When was that?", home=home, embedder=embedder, history=history)
    assert when.found and "Petra Quill said it" in when.text and "Tram line to reach Lenmark harbour" in when.text
    where = answer("Where was that published?", home=home, embedder=embedder, history=history)
    assert where.found and "“Tram line to reach Lenmark harbour”" in where.text and "[1]" in where.text


def test_who_said_that_asks_who_said_the_words_just_shown(tmp_path, embedder):
    home = _quill_home(tmp_path, embedder)
    first = answer("What did Petra Quill say about the tram?", home=home, embedder=embedder)
    a = answer("Who said that?", home=home, embedder=embedder, history=[first])
    assert a.question.startswith("Who said “") and a.found and a.attributions[0].speaker_name == "Petra Quill"
    text_only = answer("Who said that?", home=home, embedder=embedder,
                       history=_messages("What did Petra Quill say about the tram?", "Petra Quill said …"))
    assert text_only.found and text_only.attributions[0].speaker_name == "Petra Quill"


def test_who_said_it_without_a_conversation_asks_for_the_words(tmp_path, embedder):
    a = answer("Who said it?", home=_quill_home(tmp_path, embedder), embedder=embedder)
    assert not a.found and not a.citations and "no words to look for" in a.text
