"""Reading a question however a reader types it, with the people it names linked to the index's speakers."""
import pytest

from app.question import parse_question
from index.roster import Roster, SpeakerEntry


def _person(name, statements=5, role="", kind="person"):
    return SpeakerEntry(name, name.split()[-1].lower(), role, kind, statements, 2)


ROSTER = Roster([_person("Ada Brinley", 9, "Senator"), _person("Tomas Velk", 4, "Mayor"), _person("Lina Velk", 2),
                 _person("Ivo Petrak", 3), _person("Rhea Wall", 2)], common={"wall"})


@pytest.mark.parametrize("question, hint, claim", [
    ("Which senator compared the toll to a tax?", "senator", "compared the toll to a tax"),
    ("Which European finance minister warned about the budget?", "European finance minister", "warned about the budget"),
    ("Whose campaign said the fares were fair?", "campaign", "the fares were fair"),
    ("Name the official who called the vote a farce", "official", "called the vote a farce"),
    ("who warned about the harbour budget", "", "warned about the harbour budget"),
    ("Tell me who said the toll was unfair", "", "the toll was unfair"),
    ("Who was it that said the toll was unfair?", "", "the toll was unfair"),
    ("Who, as Bramwick's harbour master, promised an inquiry?", "Bramwick's harbour master", "promised an inquiry"),
    ("the person who compared the toll to a tax - who?", "", "compared the toll to a tax"),
    ("What official said the vote was rigged?", "official", "the vote was rigged"),
    ("According to whom was the toll too high?", "", "was the toll too high"),
    ("Which tunnel inspector with the Harbour Board said the quay leaks?", "tunnel inspector with the Harbour Board",
     "the quay leaks"),
    ("Which former Osterland senator hinted the toll would go?", "former Osterland senator", "hinted the toll would go"),
    ("Who was the one who called the toll a tax?", "", "called the toll a tax"),
    ("Who is the person that said the toll was unfair?", "", "the toll was unfair"),
    ("Who's the senator that compared the toll to a tax?", "senator", "compared the toll to a tax"),
    ("Who in the mayor's office said the pier was unsafe?", "in the mayor's office", "the pier was unsafe"),
    ("who at the harbour board warned the pier would fall", "at the harbour board", "warned the pier would fall"),
    ("Who at the rally said the pier was unsafe?", "", "the pier was unsafe at the rally"),  # where, not who
    ("Who in 2015 said the pier was unsafe?", "", "the pier was unsafe in 2015"),
    ("Who made the claim that the toll was unfair?", "", "the toll was unfair"),
    ("Someone said the toll was unfair. Who?", "", "the toll was unfair"),
    ("Who said the toll was unfair, and when?", "", "the toll was unfair"),
    ("Which of the senators said the toll was unfair?", "senators", "the toll was unfair"),
    ("Who among the ministers said the toll was unfair?", "ministers", "the toll was unfair"),
    ("Who, according to the article, said the toll was unfair?", "", "the toll was unfair"),
    ("Who has been saying the toll was unfair?", "", "the toll was unfair"),
    ("who went on record saying the toll was unfair", "", "the toll was unfair"),
    ("Who is the source of the claim that the toll was unfair?", "", "the toll was unfair"),
    ("Who told Valley Radio that the toll was unfair?", "", "the toll was unfair"),
    ("Who told reporters the toll was unfair?", "", "the toll was unfair"),
    ("Who argued in a statement that the toll was unfair?", "", "the toll was unfair"),
    ("Which harbour official is it that said the toll was unfair?", "harbour official", "the toll was unfair"),
    ("Which senator, speaking at the pier, said the toll was unfair?", "senator", "the toll was unfair"),
    ("Who's behind the remark that the toll was unfair?", "", "the toll was unfair"),
    ("What's the name of the harbour master who said the toll was unfair?", "harbour master", "the toll was unfair"),
    ("I read someone said the toll was unfair. Who was it?", "", "the toll was unfair"),
    ("The one who said the toll was unfair, what's their name?", "", "the toll was unfair"),
    ("Any idea who said the toll was unfair?", "", "the toll was unfair"),
    ("Who was it who said the toll was unfair?", "", "the toll was unfair"),
    ("Who, according to the Valley Times, said the toll was unfair?", "", "the toll was unfair"),  # a source
    ("Who at the Bramwick rally said the pier was unsafe?", "", "the pier was unsafe at the Bramwick rally"),
    ("By whom was it said that the toll was unfair?", "", "the toll was unfair"),
    ("Who's quoted as saying the toll was unfair?", "", "the toll was unfair"),
    ("Whose words were that the toll was unfair?", "", "the toll was unfair"),  # no one described as "words"
    ("Who said this: the toll is a tax on fishermen", "", "the toll is a tax on fishermen"),
    ("According to the articles, who said the toll was unfair?", "", "the toll was unfair"),
    ("Who do the articles say called the toll unfair?", "", "called the toll unfair"),
    ("Who originally said the toll was unfair?", "", "the toll was unfair"),
    ("Who is responsible for the statement that the toll was unfair?", "", "the toll was unfair"),
    ("Who, in June, said the toll was unfair?", "", "the toll was unfair"),  # a time is no description
    ("Who is saying the toll is unfair?", "", "the toll is unfair"),
    ("Who would say the toll is unfair?", "", "the toll is unfair"),
    ("Which Osterland senator who chairs the harbour board warned the toll would fail?", "Osterland senator",
     "warned the toll would fail"),  # the relative clause is no part of the description
    ("According to which minister is the toll a tax on fishermen?", "minister", "is the toll a tax on fishermen"),
    ("Whose figures show the harbour budget running dry?", "", "show the harbour budget running dry"),
    ("I heard a former harbour master say the quay would open in July. Who?", "former harbour master",
     "the quay would open in July"),
    ("I read that an economist called the toll a tax. Who was that?", "economist", "called the toll a tax"),
    ("the harbour master who said the quay would open in July, who's that", "harbour master",
     "the quay would open in July"),
    ("At the council meeting, who said the crane was needed?", "", "the crane was needed At the council meeting"),
    ("Which of Brinley's aides said the toll was unfair?", "Brinley's aides", "the toll was unfair"),
    ("Can you name who said the toll was unfair?", "", "the toll was unfair"),
    ("Who exactly said the toll was unfair?", "", "the toll was unfair"),
    ("The toll is a tax on fishermen — whose words are these?", "", "The toll is a tax on fishermen"),
])
def test_who_questions_in_any_form(question, hint, claim):
    q = parse_question(question, ROSTER)
    assert (q.kind, q.speaker_hint, q.statement) == ("who", hint, claim)


def test_a_quoted_who_question_keeps_the_words():
    q = parse_question("Who is quoted saying \"this toll is a tax on every fisherman\"?", ROSTER)
    assert q.kind == "who" and q.quoted and q.statement == "this toll is a tax on every fisherman"


@pytest.mark.parametrize("question, speaker, topic", [
    ("Did Brinley say anything about the lighthouse?", "Ada Brinley", "lighthouse"),
    ("How did Senator Brinley describe the toll?", "Ada Brinley", "toll"),
    ("Brinley's view on the lighthouse?", "Ada Brinley", "lighthouse"),
    ("Tell me Ada Brinley's comments about the toll", "Ada Brinley", "toll"),
    ("quotes from brinley on the lighthouse", "Ada Brinley", "lighthouse"),
    ("what does petrak think about paint", "Ivo Petrak", "paint"),
    ("What was Petrak's reaction to the vote?", "Ivo Petrak", "vote"),
    ("What did Lina Velk say?", "Lina Velk", ""),
    ("What did Velk say about the quay?", "Velk", "quay"),  # two Velks: both, ranked by the topic
    ("Any remarks from Oren Stade on the quay?", "Oren Stade", "quay"),  # nobody the index files statements under
    ("What did former harbour agent Oren Stade say about the quay?", "Oren Stade", "quay"),
    ("How did Pia de Rook describe the toll?", "Pia de Rook", "toll"),
    ("Ivo Petrak' view on the paint?", "Ivo Petrak", "paint"),  # a possessive written with the apostrophe alone
    ("What did Lina say about the fares?", "Lina Velk", "fares"),  # a first name alone
    ("quotes from ada petrak on the paint", "Ivo Petrak", "ada paint"),  # Ada's, but here a Petrak's first name
    ("Where does Ada Brinley stand on the lighthouse?", "Ada Brinley", "lighthouse"),
    ("What were Brinley's thoughts on the toll?", "Ada Brinley", "toll"),
    ("Has Petrak spoken about the paint?", "Ivo Petrak", "paint"),
    ("Everything Brinley said", "Ada Brinley", ""),
])
def test_naming_a_known_speaker_makes_a_what_question(question, speaker, topic):
    q = parse_question(question, ROSTER)
    assert (q.kind, q.speaker, q.topic) == ("what", speaker, topic)


def test_the_person_whose_reaction_is_asked_for_is_the_subject_not_their_employer():
    roster = Roster(ROSTER.entries + [_person("Harbour Board", 6, kind="org")], common={"wall"})
    q = parse_question("What was Harbour Board spokesman Oren Stade's reaction to the toll vote?", roster)
    assert (q.kind, q.speaker, q.topic) == ("what", "Oren Stade", "toll vote")


def test_did_x_say_a_claim_is_checked_as_a_claim():
    q = parse_question("Did Brinley say the lighthouse should be sold?", ROSTER)
    assert q.kind == "what" and q.yes_no and q.statement == "the lighthouse should be sold"


def test_did_x_deny_keeps_the_denial_in_the_claim():
    q = parse_question("Did Brinley deny ever saying the lighthouse should be sold?", ROSTER)
    assert q.kind == "what" and q.yes_no and q.statement == "deny ever saying the lighthouse should be sold"


def test_a_pronoun_is_nobody_to_ask_about_without_the_conversation():
    assert parse_question("What did she say about the toll?", ROSTER).kind == "other"


def test_a_lower_case_common_word_is_not_a_speaker():
    assert parse_question("what did they say about the wall", ROSTER).kind == "other"
    assert parse_question("What did Rhea Wall say about the quay?", ROSTER).speaker == "Rhea Wall"


def test_a_name_inside_a_longer_name_is_not_the_speaker():
    assert parse_question("What is the Brinley Foundation?", ROSTER).kind == "other"


def test_without_a_roster_the_template_still_works():
    q = parse_question("What did Georgy Tikhy say about the talks?")
    assert (q.kind, q.speaker, q.topic) == ("what", "Georgy Tikhy", "the talks")


def test_a_description_fits_the_role_by_word_stems():
    from app.retrieve import Hit
    from app.statements import fits
    from index.typed import StatementRecord

    said = Hit(StatementRecord("q", text="the quay leaks", speaker="Ada Brinley", speaker_name="Ada Brinley",
                               speaker_role="a Democratic senator from Osterland"), 1.0)
    assert fits("Osterland Democrat", said) == 1.0  # "Democratic" meets "Democrat"
    assert fits("Democratic senator", said) == 1.0
    assert fits("Osterland senator", said) == 1.0
    assert fits("Osterland mayor", said) == 0.0  # the place fits, the office does not
    assert fits("senator from Osterland", said) == 1.0


@pytest.mark.parametrize("question", ["what did the finance minister say about the budget",
                                      "What did the finance minister say about the budget?"])
def test_a_description_in_lower_case_is_not_a_name(question):
    q = parse_question(question, ROSTER)
    assert (q.kind, q.speaker, q.speaker_hint) == ("what", "", "finance minister"), q


def test_a_first_name_goes_to_its_well_quoted_bearer_over_a_stray_name():
    # the extractor once filed a statement under a bare "Ada": "What did Ada say" still means Ada Brinley
    roster = Roster(ROSTER.entries + [SpeakerEntry("Ada", "ada", "", "person", 1, 1)], common={"wall"})
    q = parse_question("What did Ada say about the toll?", roster)
    assert (q.kind, q.speaker, q.topic) == ("what", "Ada Brinley", "toll")


@pytest.mark.parametrize("question, topic", [
    ("What did Ada Brinley tell reporters about the toll?", "toll"),  # the audience is no topic
    ("What did Brinley say in her speech about the toll?", "toll"),  # nor the occasion, when a topic is left
    ("What did Brinley say at the rally?", "at rally"),  # the occasion alone is the topic
    ("What did Brinley argue?", ""),  # every statement of hers
    ("What has Brinley been saying about the toll?", "toll"),
    ("The toll - what did Brinley say?", "toll"),
    ("Is Brinley for or against the toll?", "toll"),
    ("What did Brinley say when asked about the toll?", "toll"),
    ("Give me Brinley's best quotes on the toll", "toll"),
    ("What did Brinley promise?", ""),  # the verb right after the name asks how she spoke, not about what
    ("What did Brinley vow on the toll?", "toll"),
    ("What did Brinley say about the call for a vote?", "call a vote"),  # a verb's word as the topic stays
    ("According to Brinley, what happens to the toll?", "happens toll"),
    ("What has Brinley been saying lately about the toll?", "toll"),
    ("What were Brinley's exact words on the toll?", "toll"),
    ("What reasons did Brinley give for the toll?", "toll"),
    ("What did Brinley say about the toll, and when?", "toll"),
    ("How much did Brinley say the toll would cost?", "toll cost"),
    ("Brinley blamed the harbour board, didn't she?", "harbour board"),  # a tag question: the act is no topic
    ("How did Brinley characterize the toll?", "toll"),  # after "did X": the verb, whatever it is
])
def test_a_what_questions_topic_leaves_out_audience_occasion_and_verbs(question, topic):
    q = parse_question(question, ROSTER)
    assert (q.kind, q.speaker, q.topic) == ("what", "Ada Brinley", topic)


def test_when_did_x_say_is_a_claim_asking_for_its_date():
    q = parse_question("When did Brinley say the toll was a tax?", ROSTER)
    assert (q.kind, q.speaker, q.statement, q.when) == ("what", "Ada Brinley", "the toll was a tax", True)


@pytest.mark.parametrize("question, topic", [
    ("What was said about the toll?", "the toll"),
    ("Who said what about the lighthouse?", "the lighthouse"),
    ("what are people saying about the harbour budget", "the harbour budget"),
    ("Reactions to the new quay?", "the new quay"),
])
def test_a_question_about_a_topic_asks_for_everyones_statements(question, topic):
    q = parse_question(question, ROSTER)
    assert (q.kind, q.topic, q.speaker) == ("about", topic, "")


@pytest.mark.parametrize("question, speaker, hint, claim", [
    ("Was Brinley quoted saying the toll was a tax?", "Ada Brinley", "", "the toll was a tax"),
    ("Brinley said the toll was a tax, right?", "Ada Brinley", "", "the toll was a tax"),
    ("Any quotes saying the toll was a tax?", "", "", "the toll was a tax"),
    ("Did a senator say the toll was a tax?", "", "senator", "the toll was a tax"),
    ("Did the mayor say the toll was a tax?", "", "mayor", "the toll was a tax"),
    ("Brinley said the toll was a tax, didn't she?", "Ada Brinley", "", "the toll was a tax"),
    ("Brinley warned the toll would fail, didn't she?", "Ada Brinley", "", "the toll would fail"),
])
def test_a_claim_asked_yes_or_no_in_any_form_is_checked_as_a_claim(question, speaker, hint, claim):
    # never "other" (the closest passage, an answer): a claim nobody made must be refused as one
    q = parse_question(question, ROSTER)
    assert (q.speaker, q.speaker_hint, q.statement, q.yes_no) == (speaker, hint, claim, True)


def test_did_the_mayor_say_anything_is_a_what_question_about_the_mayor():
    q = parse_question("Did the mayor say anything about the toll?", ROSTER)
    assert (q.kind, q.speaker_hint, q.topic) == ("what", "mayor", "the toll")


@pytest.mark.parametrize("question, topic", [
    ("What did Brinley and Petrak say about the toll?", "toll"),
    ("Compare what Ada Brinley and Ivo Petrak said about the toll", "toll"),
    ("Brinley and Petrak on the toll", "toll"),
])
def test_two_people_asked_about_at_once_are_both_asked_about(question, topic):
    q = parse_question(question, ROSTER)
    assert (q.kind, q.speaker, q.others, q.topic) == ("what", "Ada Brinley", ("Ivo Petrak",), topic)


def test_a_person_the_statements_are_about_is_not_asked_about():
    q = parse_question("What did Brinley say about Petrak?", ROSTER)
    assert (q.speaker, q.others, q.topic) == ("Ada Brinley", (), "Petrak")


@pytest.mark.parametrize("question, kind", [
    ("Who is Ivo Petrak?", "person"), ("What's Petrak's role?", "person"), ("Who was Senator Brinley?", "person"),
    ("Who is the finance minister?", "who"), ("Who is Brinley's rival?", "who"),  # no speaker named and nothing more
])
def test_who_is_a_named_speaker_asks_who_they_are(question, kind):
    assert parse_question(question, ROSTER).kind == kind


def test_a_description_owned_by_a_place_is_a_description():
    q = parse_question("What did Osterland's harbour master say about the quay?", ROSTER)
    assert (q.kind, q.speaker, q.speaker_hint, q.topic) == ("what", "", "Osterland's harbour master", "the quay")
