"""Quote attribution, form by form, on hand-written sentences about fictional people."""
import pytest

from index import extract_quotes, load_paths
from tests.conftest import SAMPLE

CASES = [
    # (text, speaker_name, cue, kind, words in content)
    ("“We will not back down,” said Mayor Ilse Varga.", "Ilse Varga", "said", "direct", "We will not back down"),
    ('"The pier is closed," Varga said.', "Varga", "said", "direct", "The pier is closed"),
    ("Dr. Tomas Orlen told reporters: “The trial worked in every group we measured.”", "Tomas Orlen",
     "told reporters", "direct", "The trial worked"),
    ("‘The fees are too high,’ said Ana Pell.", "Ana Pell", "said", "direct", "The fees are too high"),
    ("«Nous restons ici pour de bon,» said Marc Delaunay.", "Marc Delaunay", "said", "direct", "Nous restons ici"),
    ("Ivo Brant said that the harbour wall would be repaired by June.", "Ivo Brant", "said", "indirect",
     "the harbour wall would be repaired by June"),
    ("Nadia Brek, a spokesperson for the Halvard Port Authority, stated that the cranes would stay.",
     "Nadia Brek", "stated", "indirect", "the cranes would stay"),
    ("According to union leader Piet Salo, the strike will continue until Friday.", "Piet Salo", "according to",
     "indirect", "the strike will continue until Friday"),
    ("The strike has cost the port 3 million crowns, according to Piet Salo.", "Piet Salo", "according to",
     "indirect", "The strike has cost the port"),
    ("Harbour Commissioner Lena Morrow warned that ships would divert to Varrow Bay.", "Lena Morrow", "warned",
     "indirect", "ships would divert to Varrow Bay"),
    ("The dredging will finish in May, Lena Morrow told reporters.", "Lena Morrow", "told reporters", "indirect",
     "The dredging will finish in May"),
    # mixed: indirect speech carrying quoted words keeps its unquoted part and its closing mark
    ("Mayor Ilse Varga said the bridge was “safe for every lorry in the county.”", "Ilse Varga", "said", "mixed",
     "the bridge was “safe for every lorry in the county.”"),
    ("Varga defended the budget on Monday, saying the harbour “cannot wait another winter.”", "Varga", "saying",
     "mixed", "the harbour “cannot wait another winter.”"),
    ("Varga called the report “dishonest” on Monday.", "Varga", "called", "mixed", "the report “dishonest” on Monday"),
    ("The bridge was “safe for every lorry in the county,” Varga said.", "Varga", "said", "mixed",
     "The bridge was “safe for every lorry"),
    ("Said Orlen, “The trial worked in every group we measured.”", "Orlen", "said", "direct", "The trial worked"),
    ("Ana Pell: “The fees are too high for families.”", "Ana Pell", ":", "direct", "The fees are too high"),
    ("“We will appeal the ruling,” veteran harbour pilot Ivo Brant said.", "Ivo Brant", "said", "direct",
     "We will appeal the ruling"),
    ('"The pier is closed for the winter" said Ivo Brant.', "Ivo Brant", "said", "direct", "The pier is closed"),
    # marks that do not pair up as typed: “...," and "...” are one statement
    ('“We will win the vote," Varga said at the rally. "You will be happy with the pier.”', "Varga", "said",
     "direct", "You will be happy with the pier."),
    # PolNeAR's speech verbs: suggest, talk about (and "agree" is not one, below)
    ("Ivo Brant suggested the ferry should run at night.", "Ivo Brant", "suggested", "indirect",
     "the ferry should run at night"),
    ("Lena Morrow talked about the harbour budget at length.", "Lena Morrow", "talked about", "indirect",
     "the harbour budget at length"),
    # a reporting clause whose subject is a long titled phrase, an apposed name, or a name after "and"
    ("Veteran harbour engineer Tomas Orlen said the crane would be repaired by May.", "Tomas Orlen", "said",
     "indirect", "the crane would be repaired by May"),
    ("Her deputy, harbour commissioner Lena Morrow, vowed to reopen the pier by May.", "Lena Morrow", "vowed",
     "indirect", "to reopen the pier by May"),
    ("The port lost money again and Varga says the budget must be cut.", "Varga", "says", "indirect",
     "the budget must be cut"),
    ("Port chief Ilse Varga - who previously said the pier was safe - resigned on Monday.", "Ilse Varga", "said",
     "indirect", "the pier was safe"),
    ("In a speech on Monday, Varga said at the harbour that the plan would fail badly.", "Varga", "said",
     "indirect", "the plan would fail badly"),
    # an attribution in the middle of the sentence attributes both sides of it
    ("The pier was unsafe, Varga said, so the council closed it.", "Varga", "said", "indirect",
     "The pier was unsafe so the council closed it"),
    ("The harbour will close, according to Piet Salo, because the cranes are broken.", "Piet Salo", "according to",
     "indirect", "The harbour will close"),
    # mixed: a lead-in with an apposed name; words after the quote run to the next clause with its own cue
    ("Harbour commissioner Lena Morrow, a former pilot, vowed to go after “anyone who dumps oil in the bay.”",
     "Lena Morrow", "vowed", "mixed", "to go after “anyone who dumps oil"),
    ("Varga said she would offer “a prayer” for the new mayor but did not suggest she would vote for him.", "Varga",
     "said", "mixed", "she would offer “a prayer” for the new mayor"),
    # a quotation introduced by a colon: a reporting clause, or just a name
    ("The harbour committee said about its plan for the pier:\n\n“The plan goes further than any before it.”",
     "The harbour committee", "said", "direct", "The plan goes further"),
    ("Here’s Varga in December 1992: “Our new direction must rest on the harbour.”", "Varga", ":", "direct",
     "Our new direction must rest"),
    # the medium is not the speaker: 'released a statement saying' hangs off the sentence's subject
    ("Harbour Commissioner Lena Morrow released a statement saying that the pier “will stay open all winter.”",
     "Lena Morrow", "saying", "mixed", "the pier “will stay open all winter.”"),
    # a place after the name belongs to the role; a title can sit between adjectives and the name
    ("“The levy is fair,” said Sen. Corwin Aske of Halvard, a former pilot.", "Corwin Aske", "said", "direct",
     "The levy is fair"),
    ("“The levy is fair,” explained veteran harbour engineer Tomas Orlen.", "Tomas Orlen", "explained", "direct",
     "The levy is fair"),
    ("“Will the ferries run at night?” asked Sen. Ana Pell of Varrow, who sits on the board.", "Ana Pell", "asked",
     "direct", "Will the ferries run at night?"),
    ("“The levy is fair,” former Halvard harbour master Ivo Brant said.", "Ivo Brant", "said", "direct",
     "The levy is fair"),
    # a possessive title followed by the name; a nominal speaker keeps whom it serves
    ("“We will appeal,” Varga’s deputy chief of staff, Nadia Brek, said on Monday.", "Nadia Brek", "said", "direct",
     "We will appeal"),
    ("“The pier is finished,” said a longtime adviser to Ilse Varga, who asked not to be named.",
     "a longtime adviser to Ilse Varga", "said", "direct", "The pier is finished"),
    # signed quotes: a dash and the name after the quotation
    ("Readers wrote in.\n“The ferry is always late and nobody cares.” ― Mara Tollen\n", "Mara Tollen", "―", "direct",
     "The ferry is always late"),
    ("Readers wrote in.\n\n”The ferry is late again and nobody cares.” ― Mara Tollen\n", "Mara Tollen", "―", "direct",
     "The ferry is late again"),
    ("The claims.\n\n\"We cut the port budget by a third, and it worked.\"\n\n- Varga.\n\nThe cut was smaller.", "Varga",
     "-", "direct", "We cut the port budget"),
    # 'As X put it'; a quote without its comma; an age and home town between the name and the cue
    ("As harbour pilot Ivo Brant put it, “The tide does not wait for the council.”", "Ivo Brant", "put it", "direct",
     "The tide does not wait"),
    ("“The ferry is a lifeline for the islands” Orlen said.", "Orlen", "said", "direct", "The ferry is a lifeline"),
    ("Mara Tollen, 34, of Varrow, Halland, said the ferry had been late every day this month.", "Mara Tollen", "said",
     "indirect", "the ferry had been late"),
    # the speaker is the sentence's subject, not the object of a preposition or verb before the cue
    ("Here in Varrow, Varga stepped up her campaign for the bridge, saying, “The island cannot wait.”", "Varga",
     "saying", "direct", "The island cannot wait"),
    ("At a rally, Varga went after Orlen, calling him “a friend of the cranes.”", "Varga", "calling", "mixed",
     "him “a friend of the cranes.”"),
    # coordinated verbs; the last cue before a fragment starts the statement
    ("Varga took the stage at the harbour and called the budget “a disgrace to the island.”", "Varga", "called",
     "mixed", "the budget “a disgrace to the island.”"),
    ("Orlen denied any delay, explaining that the crane was “waiting for a single part.”", "Orlen", "explaining",
     "mixed", "the crane was “waiting for a single part.”"),
    # a dateline is where the story was filed, not who spoke
    ("HALVARD — Sen. Ada Vell on Thursday defended the levy and said it was “the fairest tax on the island.”",
     "Ada Vell", "said", "mixed", "it was “the fairest tax on the island.”"),
    # a short fragment before ', X said in an interview.'
    ("The dispute will take weeks to “cool off,” Brant said in an interview.", "Brant", "said", "mixed",
     "The dispute will take weeks to “cool off,”"),
    # 'the Rev. X, of Y'; an appositive with a comma of its own; a paper's report after a colon and a paragraph break
    ("\"The harbour will never be the same,\" said the Rev. Ilse Marrow, of St. Brendan's Chapel.", "Ilse Marrow", "said",
     "direct", "The harbour will never be the same"),
    ("“It is an invasion of the island’s waters,” Ada Vell, the attorney general of Halland, one of the islands suing "
     "the port, said at a hearing.", "Ada Vell", "said", "direct", "It is an invasion"),
    ("The Varrow Ledger reports:\n\n\"Just a quarter of the ferry's riders have paid the new levy so far.\"\n\nMore.",
     "Varrow Ledger", "reports", "direct", "Just a quarter of the ferry"),
    # a participle after 'before'; a paragraph typed to open with a closing mark and a space; a name garbled by encoding
    ("Ada Vell sings to the crowd before asking them, “Where do we go from here?”", "Ada Vell", "asking them", "direct",
     "Where do we go from here?"),
    ("Orlen reviewed the plan.\n\n” … the plan delivered a mix of thrift and nerve that the council admired,” Orlen wrote.",
     "Orlen", "wrote", "direct", "the plan delivered a mix"),
    ("\"Let everyone know the island can defend itself,\" Mayor Fran\u00c3\u0083\u00c2\u00a7ois Tollen said Friday.",
     "Fran\u00c3\u0083\u00c2\u00a7ois Tollen", "said", "direct", "Let everyone know"),
    # 'in the letter' is where it was said; a second verb after 'and' introduces the second fragment
    ("City Attorney Ada Vell said in the letter that the advertisement “unmistakably” misled voters.", "Ada Vell", "said",
     "mixed", "the advertisement “unmistakably”"),
    # an absolute 'with X calling'; an opening adverb; an agency dateline; a relative clause after the speaker
    ("Councillors were irritated, with Sen. Ivo Orlen calling the plan a “Chinese menu.”", "Ivo Orlen", "calling",
     "mixed", "the plan a “Chinese menu.”"),
    ("Early in her campaign, Varga attacked Orlen, calling him “a failed candidate.”", "Varga", "calling", "mixed",
     "him “a failed candidate.”"),
    ("Halvard (AFP) – Democrat Ada Vell took a swipe at the port, saying that “bombastic comments” do harm.",
     "Ada Vell", "saying", "mixed", "“bombastic comments” do harm"),
    ("Sen. Mara Tollen (D-Mo.), who has endorsed Orlen, said Brant had been a \"stronger\" candidate.", "Mara Tollen",
     "said", "mixed", "Brant had been a \"stronger\" candidate"),
    # 'In a X interview' and 'Following a meeting' open a sentence, they are not who spoke; a subject before its verb
    ("In a Halvard Radio interview Orlen declared “I think the ferry may be obsolete.”", "Orlen", "declared", "direct",
     "the ferry may be obsolete"),
    ("Following a meeting, the Harbour Council issued a statement calling the test \"a clear violation\" of the rules.",
     "Harbour Council", "calling", "mixed", "the test \"a clear violation\""),
    # a closing mark typed the wrong way round; age, home town and a clause between name and cue; a present-tense cue
    ("Intro.\n\n“It's unusual,“ said Ivo Orlen, an attorney with the Harbour Legal Center.", "Ivo Orlen", "said",
     "direct", "It's unusual"),
    ("\"Both of them scare me,\" Harry Bond, 30, of Varrow, Halland, who was among those polled, said.", "Harry Bond",
     "said", "direct", "Both of them scare me"),
    ("\"I'm a voter,\" declares Mara Tollen, 27, a harbour pilot.", "Mara Tollen", "declares", "direct", "I'm a voter"),
    # words before a mid-sentence attribution belong to the quote that finishes the sentence
    ("Sooner or later, the harbour master told reporters, \"it starts to pay off.\"", "the harbour master",
     "told reporters", "mixed", "Sooner or later"),
    # 'a narrator in the X ad', 'a woman in the crowd'; 'Asked a question, X said' is not asked by the question
    ("“So why didn’t he pay his?” a narrator in the Orlen ad asks.", "a narrator in the Orlen ad", "asks", "direct",
     "So why didn’t he pay his?"),
    ("Asked a direct question about the port in the debate, Varga said, \"I do take responsibility.\"", "Varga", "said",
     "direct", "I do take responsibility."),
    ("\"The island can defend itself,\" Mayor Jose\u0301 Orle\u0301n said Friday.", "Jose\u0301 Orle\u0301n", "said", "direct",
     "The island can defend itself"),
    # 'retired' is part of a description, not a verb; 'my father'; 'Speaker of the House Rep. X' is one title
    ("Varga “is the only candidate with the experience,” retired Navy captain Ivo Brant said.", "Ivo Brant", "said",
     "mixed", "Varga “is the only candidate"),
    ("\"The sea always takes its share,\" my father often said.", "my father", "said", "direct",
     "The sea always takes its share"),
    ("After the vote, Speaker of the Assembly Rep. Nadia Brek (R-Halv) said “the port bill is dead for this year.”",
     "Nadia Brek", "said", "direct", "the port bill is dead"),
]


@pytest.mark.parametrize("text,speaker,cue,kind,words", CASES, ids=[c[0][:30] for c in CASES])
def test_form(text, speaker, cue, kind, words):
    quotes = extract_quotes(text)
    assert len(quotes) == 1, quotes
    q = quotes[0]
    assert (q.speaker_name, q.cue.lower(), q.kind) == (speaker, cue, kind)
    assert words in q.content
    for a, b in q.content_spans:
        assert words in q.content and text[a:b].strip() in q.content


def test_title_becomes_role_and_surname_resolves():
    text = ("Russian-born Deputy Mayor Corwin Aske said the plan was sound. "
            "Later, Aske said that the budget would be cut by a third.")
    first, second = extract_quotes(text)
    assert first.speaker_name == "Corwin Aske" and "Deputy Mayor" in first.speaker_role
    assert second.speaker == "Aske" and second.speaker_name == "Corwin Aske"


def test_a_quote_after_another_speakers_sentence_is_not_joined_to_the_first():
    text = ("“We had no chance, they told us,” Varga said on Monday night. Her campaign manager, Ivo Brant, struck a "
            "similar tune. “This is a big night for us,” Brant said.")
    first, second = extract_quotes(text)
    assert (first.speaker_name, first.content) == ("Varga", "We had no chance, they told us,")
    assert second.speaker_name == "Ivo Brant" and "a big night" in second.content


def test_a_quote_ending_a_sentence_is_not_claimed_by_the_next_sentences_speaker():
    text = ("Halvard insisted that Varrow \"stop its dangerous dredging.\" The Port Authority said Varrow had shown "
            "\"complete disregard of the treaty.\"")
    first, second = extract_quotes(text)
    assert (first.speaker_name, first.cue) == ("Halvard", "insisted") and "dangerous dredging" in first.content
    assert second.speaker_name == "Port Authority" and "complete disregard" in second.content


def test_a_title_abbreviation_between_two_quotes_does_not_end_the_statement():
    text = ("\"My name is not on the ballot,\" Mr. Varga said at the gala in Halvard, where Mrs. Brek also spoke. "
            "\"The harbour is on the ballot.\"")
    (q,) = extract_quotes(text)
    assert q.speaker_name == "Varga" and "harbour is on the ballot" in q.content


def test_words_after_a_quoted_fragment_stay_when_they_continue_it():
    (q,) = extract_quotes("Gov. Ivo Brant said it would be \"improper\" for him to speak on the case while it is open.")
    assert q.content.endswith("for him to speak on the case while it is open.")
    (r,) = extract_quotes("Varga called the plan \"a disgrace,\" adding that it would fail.")
    assert "adding" not in r.content


def test_an_outlet_is_an_organisation_and_what_it_reported_is_kept():
    (q,) = extract_quotes("The Halvard Courier reported that the ferry fares would rise in July.")
    assert (q.speaker_name, q.speaker_type, q.cue) == ("Halvard Courier", "org", "reported")


def test_split_quote_is_one_statement():
    text = "“The results are clear,” Orlen said, “and we will publish them in full.”"
    (q,) = extract_quotes(text)
    assert q.content == "The results are clear, and we will publish them in full."
    assert len(q.content_spans) == 2


def test_a_quote_right_after_reported_speech_goes_on_with_the_statement():
    text = ("Harbour master Ada Vell said that the port would close by June. “We have no other choice, and the "
            "council knows it.”\n\nThe council met on Friday.")
    (q,) = extract_quotes(text)
    assert (q.speaker_name, q.kind, len(q.content_spans)) == ("Ada Vell", "mixed", 2)
    assert "the port would close by June" in q.content and "We have no other choice" in q.content


def test_a_second_verb_after_and_introduces_the_second_fragment():
    text = ("Ada Vell, speaking on WXR710, called Orlen a “blowhard,” and said his anti-port remarks were priceless "
            "“propaganda” for the smugglers.")
    first, second = extract_quotes(text)
    assert (first.cue, second.cue, second.speaker_name) == ("called", "said", "Ada Vell")
    assert second.content.startswith("his anti-port remarks") and "“propaganda”" in second.content


def test_a_possessive_before_a_noun_cue_is_not_a_speaker():
    text = ("Gov. Ada Vell said her running mate Ivo Orlen’s tweet to invite Mara Tollen was only “to mock” Brant "
            "for inviting a critic.")
    (q,) = extract_quotes(text)
    assert (q.speaker_name, q.cue) == ("Ada Vell", "said")


def test_an_adjective_before_a_known_surname_is_still_that_person():
    text = "Ivo Orlen spoke first.\n\nA defensive Orlen said his critics \"seem to think that shouting would help.\""
    (q,) = extract_quotes(text)
    assert q.speaker_name == "Ivo Orlen"


def test_a_speaker_is_never_inside_the_quoted_words():
    text = ("Orlen will speak at the convention.\n\n“Many people are uncertain this year,” Orlen wrote in a statement "
            "explaining why he is speaking, “but most islanders agree that the harbour is on the wrong track.”")
    assert {q.speaker_name for q in extract_quotes(text)} == {"Orlen"}


def test_a_participle_between_two_quotes_is_its_own_statement_and_does_not_split_them():
    text = "“The fees are too high,” Varga said, adding that the pier would close. “Families cannot pay.”"
    direct, reported = sorted(extract_quotes(text), key=lambda q: q.kind)
    assert (direct.kind, direct.speaker_name) == ("direct", "Varga") and "Families cannot pay." in direct.content
    assert (reported.kind, reported.speaker_name, reported.cue) == ("indirect", "Varga", "adding")
    assert reported.content == "the pier would close"


def test_a_signature_may_carry_a_role_or_a_place():
    text = "Quotable.\n\n\"She never quits.\"\n\n-Mayor Ada Vell, tweeting after the speech.\n\nMore."
    (q,) = extract_quotes(text)
    assert (q.speaker_name, q.content) == ("Ada Vell", "She never quits.")


def test_the_subject_of_a_when_clause_is_the_speaker():
    text = "When Orlen later referred to the flood at the harbour and said he would \"protect our islanders,\" they cheered."
    (q,) = extract_quotes(text)
    assert q.speaker_name == "Orlen" and "protect our islanders" in q.content


def test_pronoun_speaker_resolves_to_the_person_just_quoted():
    text = ("Mayor Ilse Varga said the bridge would reopen in May.\n\n"
            "“We have checked the figures three times,” she added.")
    quotes = extract_quotes(text)
    assert quotes[-1].speaker == "she" and quotes[-1].speaker_name == "Ilse Varga"


def test_quotes_after_the_attribution_in_the_same_paragraph_join_the_statement():
    text = ('"The detour adds eleven minutes. Parents are furious," Mollrey said. '
            '"They want a date, not another report."')
    (q,) = extract_quotes(text)
    assert q.content.startswith("The detour adds eleven minutes. Parents are furious")
    assert q.content.endswith("not another report.") and len(q.content_spans) == 2


def test_floating_quote_in_the_next_paragraph_inherits_the_speaker():
    text = ('"The detour adds eleven minutes," Mollrey said.\n\n'
            '"They want a date, not another report."')
    first, second = extract_quotes(text)
    assert second.speaker_name == "Mollrey" and second.extra.get("floating")
    assert second.content == "They want a date, not another report."


def test_a_cue_between_two_quotes_introduces_the_second():
    text = ("Brant said, “The crane was built in 1971.” He added, “It has never failed an inspection.”\n\n"
            "Pell agreed and said, “The crane is safe for another decade.” The board then recalled the inspector.")
    quotes = extract_quotes(text)
    assert [(q.speaker_name, q.content) for q in quotes] == [
        ("Brant", "The crane was built in 1971."), ("Brant", "It has never failed an inspection."),
        ("Pell", "The crane is safe for another decade.")]


def test_a_show_title_in_quote_marks_does_not_split_a_statement():
    text = ("“We will release the accounts,” Varga said on Halvard TV’s “Morning Harbour” Sunday. "
            "“There is nothing in them to hide.”")
    (q,) = extract_quotes(text)
    assert q.speaker_name == "Varga" and q.content.endswith("There is nothing in them to hide.")


def test_a_headline_in_title_case_is_not_a_name():
    """The headline reports what Mara Tollen says (rule 'headline'); its run of capitalised words names no one else."""
    text = ("Harbour Board Chair Mara Tollen Says Ferry Fares Will Rise For Islanders Ivo Brant\n\n"
            "Ivo Brant, who runs the island ferry, said the fares would rise in May.")
    headline, q = extract_quotes(text)
    assert (headline.speaker_name, headline.kind) == ("Mara Tollen", "indirect")
    assert headline.content.startswith("Ferry Fares Will Rise")
    assert q.speaker_name == "Ivo Brant"


def test_two_named_speakers_are_both_named():
    text = "The figures were in.\n\nPORT REPORT - Mara Tollen and Ivo Brant: “The harbour made money this year.”"
    (q,) = extract_quotes(text)
    assert q.speaker_name == "Mara Tollen and Ivo Brant"


def test_another_attribution_between_quotes_keeps_them_apart():
    text = ('"The detour adds eleven minutes," Mollrey said. Orlen disagreed and told reporters: '
            '"The detour adds four minutes."')
    first, second = extract_quotes(text)
    assert (first.speaker_name, second.speaker_name) == ("Mollrey", "Orlen")


def test_multi_paragraph_quote_is_one_statement():
    text = ("Ana Pell said: “The first paragraph of my remarks covers the budget.\n\n"
            "“The second covers the schedule, which slipped by a year.”")
    (q,) = extract_quotes(text)
    assert "budget" in q.content and "schedule" in q.content


def test_not_speech_and_scare_quotes_are_not_quotes():
    text = ("Analysts suggest the port could lose its licence. Polls show that most residents agree. "
            "The so-called “Blue Corridor” plan was shelved. The situation highlights the gap.")
    assert extract_quotes(text) == []


def test_spans_point_into_the_text():
    text = "“We will not back down,” said Mayor Ilse Varga."
    (q,) = extract_quotes(text)
    assert text[slice(*q.speaker_span)] == "Mayor Ilse Varga"
    assert text[slice(*q.cue_span)] == "said"


def test_sample_articles_match_the_written_expectations(expectations):
    articles, _ = load_paths([SAMPLE])
    by_file = {a.path.split("/")[-1]: a for a in articles}
    wrong = []
    for e in expectations:
        a = by_file[e["file"]]
        quotes = extract_quotes(a.text, a.id)
        match = [q for q in quotes if e["key_words"] in q.content]
        if not match or match[0].speaker_name != e["speaker_name"]:
            wrong.append((e["form"], e["key_words"], [(q.speaker_name, q.content[:40]) for q in match]))
    assert not wrong


def test_a_quote_after_an_appositive_attribution_continues_the_statement():
    text = "“The pier is closed,” said Ivo Brant, the harbour master. “It will reopen in May.”"
    (q,) = extract_quotes(text)
    assert q.speaker_name == "Ivo Brant" and "the harbour master" in q.speaker_role
    assert q.content == "The pier is closed, It will reopen in May." and len(q.content_spans) == 2


def test_a_quote_split_around_a_long_attribution_is_one_statement():
    text = "“If the dredging stops now,” Lena Morrow said at the council meeting, “the port will silt up by spring.”"
    (q,) = extract_quotes(text)
    assert q.speaker_name == "Lena Morrow" and q.content.endswith("silt up by spring.")


def test_mixed_statement_stops_before_another_clause_with_a_cue():
    text = "Varga said she would offer “a prayer” for the new mayor but did not suggest she would vote for him."
    (q,) = extract_quotes(text)
    assert q.content.endswith("for the new mayor")


def test_nouns_that_look_like_cues_and_non_speech_verbs_are_not_quotes():
    text = ("The coastal states hold primaries in May. Varga’s comments came after the council vote. "
            "Ivo Brant agreed that the pier was unsafe. Lena Morrow spoke to the harbour board on Friday.")
    assert extract_quotes(text) == []


def test_a_titled_programme_is_not_a_quote():
    text = "Speaking on Sunday on Halvard Radio’s “Morning Tide,” Varga admitted that the budget was late."
    assert [q for q in extract_quotes(text) if q.kind == "direct"] == []


def _speakers(text):
    return [(q.speaker_name, q.speaker_role, q.speaker_type) for q in extract_quotes(text)]


def test_an_organisation_is_named_whole_and_never_replaces_the_person_named_with_it():
    cases = [  # (text, speaker_name, speaker_type)
        ("The State Department said the talks with Halvard would resume in May.", "State Department", "org"),
        ("“The bridge will close for a month,” the Ministry of Roads said.", "Ministry of Roads", "org"),
        ("The Ministry of Roads spokesman Ivo Petrak said the road would reopen by June.", "Ivo Petrak", "person"),
        ("Ministry of Roads spokesman Ivo Petrak told the Valley Times that the road would reopen by June.",
         "Ivo Petrak", "person"),
        ("Ministry spokesman Ivo Petrak told the Valley Times that the road would reopen by June.", "Ivo Petrak",
         "person"),
        ("“The road will reopen by June,” the State Department’s Ivo Petrak told the Valley Times.", "Ivo Petrak",
         "person"),
        ("“The bridge will close for a month,” said an official at the Ministry of Roads, Ana Koss.", "Ana Koss",
         "person"),
        ("“The bridge will close for a month,” an official at the Ministry of Roads, Ana Koss, said.", "Ana Koss",
         "person"),
        ("An official at the Ministry of Roads, Ana Koss, said the bridge would be closed for a month.", "Ana Koss",
         "person"),
    ]
    wrong = [(text, got) for text, name, kind in cases if [(n, t) for n, _, t in _speakers(text)] != [(name, kind)]
             for got in [_speakers(text)]]
    assert not wrong, wrong


def test_a_bare_honorific_is_not_a_role():
    assert _speakers("Tomas Dalby runs the ferry. “The ferry is late,” Mr. Dalby said.") == [
        ("Tomas Dalby", "", "person")]
    assert _speakers("Mrs. Koss said the ferry would be late again on Monday.") == [("Koss", "", "person")]
    assert _speakers("Dr. Orlen said the trial had worked in every group.") == [("Orlen", "", "person")]
    assert _speakers("“The levy is fair,” Mr Brant said.") == [("Brant", "", "person")]
    assert _speakers("Harbour surgeon Dr. Ana Koss said the trial had worked.") == [
        ("Ana Koss", "Harbour surgeon Dr.", "person")]  # more than the title: a role


def test_a_plural_title_is_not_part_of_a_name():
    for text in ("Sens. Ana Koss and Ben Mora said the levy would hurt the island.",
                 "“The levy will hurt the island,” said Sens. Ana Koss and Ben Mora."):
        assert _speakers(text) == [("Ana Koss and Ben Mora", "", "group")], text
    assert _speakers("“The levy is unfair,” said Reps. Ivo Brant.") == [("Ivo Brant", "Rep.", "person")]


@pytest.mark.parametrize("text,names", [
    # Mr. is the man, Mrs. and Ms. the woman the article calls 'she'
    ("Marta Dalby opened the harbour fair on Monday, and she thanked the volunteers. Her brother-in-law, Bram Dalby, "
     "runs the ferry company.\n\n“The ferry will run all winter,” Mr. Dalby said.\n\n“The fair raised more than "
     "ever,” Mrs. Dalby said.\n\n“We are proud of the island,” Ms. Dalby said.",
     ["Bram Dalby", "Marta Dalby", "Marta Dalby"]),
    # Jr. is someone else
    ("Dirk Dalby Jr. runs the ferry company, which his father, Dirk Dalby, founded in 1970.\n\n“The ferry will run "
     "all winter,” Dalby Jr. said.\n\n“I built the first boat myself,” Dirk Dalby said.", ["Dirk Dalby Jr.", "Dirk Dalby"]),
    # a bare surname is whoever was last named in full, not the longest name in the article
    ("Carla Dalby and Hanna Dalby both sit on the harbour board.\n\nHanna Dalby voted against the levy on Monday. "
     "“The levy is unfair to families,” Dalby said.\n\nCarla Dalby voted for it. “The levy pays for the pier,” "
     "Dalby said.", ["Hanna Dalby", "Carla Dalby"]),
    # a name written in full stays that name
    ("Emil Dalby spoke after his father, Dietrich Dalby, at the rally. “The island is ready,” Emil Dalby said.",
     ["Emil Dalby"]),
    # a word opening a sentence is not a first name
    ("Ilse Varga runs the port.\n\nNeither Varga nor the council replied on Monday. Later, Varga said the pier would "
     "reopen in May.", ["Ilse Varga"]),
])
def test_a_surname_is_the_nearest_fitting_full_name_before_it(text, names):
    assert [q.speaker_name for q in extract_quotes(text)] == names


def test_she_is_the_last_woman_named_not_the_last_speaker():
    """Gender from the first name (a shipped first-name list) and salience: the latest subject of that sex."""
    text = ("“The ferry must run at night,” said Tomas Orlen, the harbour engineer.\n\n"
            "Mayor Ilse Varga toured the pier on Monday with the board of Halvard Port.\n\n"
            "“We have checked the figures three times,” she said.")
    she = extract_quotes(text)[-1]
    assert (she.speaker, she.speaker_name) == ("she", "Ilse Varga")


def test_he_skips_an_owner_and_the_object_of_a_preposition():
    text = ("Piet Salo, a friend of Ilse Varga's, spoke after a meeting with Mara Tollen.\n\n"
            "“The strike will go on,” he said.")
    assert extract_quotes(text)[-1].speaker_name == "Piet Salo"


def test_quotes_typed_with_two_apostrophes_are_quotations():
    text = "''The pier stays shut until May,'' said harbourmaster Piet Salo. ''Nobody sails before then.''"
    (q,) = extract_quotes(text)
    assert (q.kind, q.speaker_name) == ("direct", "Piet Salo")
    assert q.content.startswith("The pier stays shut until May") and "Nobody sails before then." in q.content


def test_a_group_named_by_a_common_noun_after_the_clause():
    (q,) = extract_quotes("The ferry will run twice a day until the storm passes, harbour officials said.")
    assert (q.speaker_name, q.kind) == ("harbour officials", "indirect")
    assert q.content == "The ferry will run twice a day until the storm passes"


def test_reported_words_end_with_their_clause():
    (q,) = extract_quotes("Varga said the pier would reopen in May, but the council has not voted on the repairs.")
    assert q.content == "the pier would reopen in May"


def test_one_sentence_may_report_two_people():
    """'A said ..., but B said ...': each statement, each words ending with its own clause."""
    found = extract_quotes("Ana Pell said the ferry would run on Sunday, but Ivo Brant said the tide was too low for "
                           "the boat.")
    assert [(q.speaker_name, q.content) for q in found] == [
        ("Ana Pell", "the ferry would run on Sunday"), ("Ivo Brant", "the tide was too low for the boat")]


def test_reported_words_end_where_another_report_begins():
    found = extract_quotes("Ana Pell said the ferry would run on Sunday, and other harbour officials said the tide "
                           "was too low for the boat.")
    assert [(q.speaker_name, q.content) for q in found] == [
        ("Ana Pell", "the ferry would run on Sunday"), ("other harbour officials", "the tide was too low for the boat")]


def test_a_report_opening_with_but_or_inside_a_while_clause():
    (q,) = extract_quotes("While Ivo Brant argued that the quay was safe, the council closed it on Friday.")
    assert (q.speaker_name, q.cue, q.content) == ("Ivo Brant", "argued", "the quay was safe")
    (q,) = extract_quotes("But Lena Morrow warned that the night ferry would stop in May.")
    assert (q.speaker_name, q.content) == ("Lena Morrow", "the night ferry would stop in May")


def test_a_first_name_given_to_both_sexes_takes_no_sex_from_one_pronoun():
    """'Leslie' is given to boys and girls: one 'she' after 'Leslie Dorn' (the mayor, here) does not make him a she."""
    text = ("Mayor Ana Pell met Leslie Dorn on the quay, where she thanked the dockers. Dorn, the harbour engineer, "
            "rebuilt the pier last year.\n\nHe said the new pier would outlast the old one by a century.")
    assert extract_quotes(text)[-1].speaker_name == "Leslie Dorn"


def test_the_institute_is_the_institute_named_before_not_its_spokeswoman():
    """'the company' names the organisation the article named before, not a person 'a spokeswoman for the company'."""
    (q,) = extract_quotes("Laurie Voss, a spokeswoman for the company, declined to comment. Varrow Shipping Company "
                          "owns the pier. The company said the ferry would run until May.")
    assert (q.speaker_name, q.speaker_type) == ("Varrow Shipping Company", "org")
    (q,) = extract_quotes("The Halvard Harbour Institute published its survey on Monday. The institute said the pier "
                          "would need repairs within a year.")
    assert q.speaker_name == "Halvard Harbour Institute"


def test_a_county_is_no_he_even_when_it_opens_with_a_first_name():
    text = ("“We have bigger problems,” says Mara Tollen, 34, a nurse from Varrow. She says the pier should stay open.\n\n"
            "Zorek Brandt, 18,  from Lee County, Fla., disagrees. “I could say the pier is safe,” he says.")
    assert extract_quotes(text)[-1].speaker_name == "Zorek Brandt"


def test_reported_words_before_a_quotation_end_at_their_clause():
    found = extract_quotes("In her speech, Lena Morrow declared the need for courage, patience and drive: “Change the "
                           "harbour and then change it again,” she said.")
    assert [(q.speaker_name, q.kind, q.content) for q in found] == [
        ("Lena Morrow", "indirect", "the need for courage, patience and drive"),
        ("Lena Morrow", "direct", "Change the harbour and then change it again,")]


def test_a_participle_reports_for_the_sentence_subject():
    (q,) = extract_quotes("The council cut the ferry budget on Monday, arguing that the island could not pay for two "
                          "boats.")
    assert (q.speaker, q.cue, q.kind) == ("The council", "arguing", "indirect")
    assert q.content == "the island could not pay for two boats"


def test_he_is_the_subject_of_the_sentence_before_not_the_latest_name():
    """Salience: a sentence's subject outranks a person named later in it ('Salo said Brant had erred. He says')."""
    text = ("Piet Salo said Ivo Brant had misread the tide tables for the harbour.\n\n"
            "He says the pier “must close before the storm season.”")
    assert extract_quotes(text)[-1].speaker_name == "Piet Salo"


def test_he_after_a_pronoun_subject_keeps_the_chain():
    """'Salo said ... But he suggested that Brant ... “...,” he said': the second he is Salo, not Brant."""
    text = ("Piet Salo said there was nothing wrong with the survey. But he suggested that Ivo Brant had his eyes on "
            "the council. “They are under pressure at home,” he said.")
    assert extract_quotes(text)[-1].speaker_name == "Piet Salo"


def test_a_one_word_name_tells_no_sex():
    """'Tuesday', 'Tex' are in the first-name lists but name nobody: the she is the columnist named in full."""
    text = ("Mara Tollen, a columnist, has been critical of the council but on Tuesday wrote that she agreed with it. "
            "“The pier was a mistake,” she wrote.")
    assert extract_quotes(text)[-1].speaker_name == "Mara Tollen"


def test_a_reported_statement_beside_a_quotation_in_one_sentence():
    (reported, quoted) = extract_quotes("Sen. Ana Pell said the harbour plan would cost too much, and called Ivo "
                                        "Brant “the loudest man on the pier.”")
    assert (reported.speaker_name, reported.kind, reported.content) == (
        "Ana Pell", "indirect", "the harbour plan would cost too much")
    assert (quoted.speaker_name, quoted.kind) == ("Ana Pell", "mixed")


def test_a_relative_clause_reports_for_the_noun_it_hangs_on():
    found = extract_quotes("The mayor made no mention of the ferry, but Piet Salo, who said the timetable would "
                           "change in May, voted for the budget.")
    q = next(q for q in found if q.extra.get("rule") == "relative")
    assert (q.speaker_name, q.cue, q.content) == ("Piet Salo", "said", "the timetable would change in May")


def test_a_share_of_a_group_reports():
    (q,) = extract_quotes("Nearly a third say they do not know how the harbour fees are spent.")
    assert (q.kind, q.content) == ("indirect", "they do not know how the harbour fees are spent")
    (q,) = extract_quotes("In each of the five towns, about half of voters say they want a new ferry.")
    assert (q.speaker_name, q.speaker_type, q.content) == ("about half of voters", "group", "they want a new ferry")


def test_extraction_is_linear_in_the_number_of_pronouns():
    """A pronoun looks back a bounded stretch: 400 paragraphs each with a 'she said' all resolve (speed is in
    bench/extract_bench.py; this checks only that every one is resolved to the right person)."""
    text = "Mayor Ilse Varga toured the pier. “We will reopen it,” she said.\n" * 400
    found = extract_quotes(text)
    assert len(found) == 400 and {q.speaker_name for q in found} == {"Ilse Varga"}



def test_a_place_is_no_ones_antecedent():
    """'the Halvard Sea, which she says is dying' gives the sea a she, but a name the article writes after 'the' or
    'in' is a place's or a thing's: the she is the mayor."""
    text = ("Mayor Ilse Varga said the council needed a stronger hand in the harbour.\n\n"
            "The dockers marched on Monday to the Halvard Sea, which she says is dying. They want a share of the "
            "fishing rights on the Halvard Sea.\n\n"
            "“We have checked the figures three times,” she said.")
    assert extract_quotes(text)[-1].speaker_name == "Ilse Varga"


def test_the_head_of_someones_team_is_not_the_subject():
    """'Brant spokesman Peter Salo would not say ...': Salo, not Brant, is who the next he means."""
    text = ("Mayor Ivo Brant left for the capital on Monday.\n\n"
            "Brant spokesman Peter Salo would not say when the pier reopens.\n\n"
            "“There is nothing new yet,” he said.")
    assert extract_quotes(text)[-1].speaker_name == "Peter Salo"


def test_a_speaker_right_after_a_verb_is_its_object():
    """'She was defending the harbour board ..., but admitted': the one who admitted is she, not the board."""
    text = ("Mayor Ilse Varga spoke at the pier on Monday. She was defending the harbour board against recent attacks "
            "from council leader Peter Salo, but admitted “one or two instances” of slips.")
    q = extract_quotes(text)[-1]
    assert (q.cue, q.speaker, q.speaker_name) == ("admitted", "She", "Ilse Varga")


def test_a_description_is_resolved_to_the_person_the_article_gave_that_role():
    """'the senator' after 'Sen. Ana Pell', 'his campaign' after Ivo Brant: a reader asking who wants a name."""
    text = ("Sen. Ana Pell toured the harbour on Monday with the dockers.\n\n"
            "The senator said the port would get a new crane by May.\n\n"
            "Ivo Brant, the mayor's challenger, stayed away. His campaign said the crane was a waste of money.")
    senator, campaign = extract_quotes(text)
    assert (senator.speaker, senator.speaker_name) == ("The senator", "Ana Pell")
    assert (campaign.speaker, campaign.speaker_name) == ("His campaign", "Ivo Brant’s campaign")


def test_a_weekday_ends_no_name():
    """'in Port Halvard Tuesday, where he promised': Tuesday is no one's surname, so a later 'Tuesday, he said' is
    still the mayor."""
    text = ("Mayor Ivo Brant spoke at a rally in Port Halvard Tuesday, where he promised a new crane.\n\n"
            "The crowd was small. On the radio Tuesday, he said, “I never said I would close the pier.”")
    assert extract_quotes(text)[-1].speaker_name == "Ivo Brant"


def test_reported_words_keep_an_aside_between_dashes_and_a_second_verb():
    """'noted that the fleet - about 40 boats in May - lags ... and would need ...': the annotators' clause runs on
    through a dash pair and through 'and would'."""
    (q,) = extract_quotes("Piet Salo noted that the fleet - about 40 boats in May - already lags the target and would "
                          "need two more years to recover.")
    assert q.content == ("the fleet - about 40 boats in May - already lags the target and would need two more years "
                         "to recover")


def test_it_is_the_organisation_that_spoke_last():
    """'It added' after the Authority's statement is the Authority, not a person called It."""
    said, added = extract_quotes("The Halvard Port Authority said in a statement that the cranes would stay. It added "
                                 "that “no worker will lose a job.”")
    assert (added.speaker, added.speaker_name, added.speaker_type) == ("It", "Halvard Port Authority", "org")


def test_according_to_before_a_colon_introduces_the_quotation():
    (q,) = extract_quotes("Meanwhile the council met again.\n\nAccording to the Halvard Courier: “The ferry will stop in "
                          "May, and nobody has said why.”")
    assert (q.speaker_name, q.kind) == ("the Halvard Courier", "direct") and q.content.startswith("The ferry will stop")


def test_a_state_after_a_town_is_no_subject():
    """'at a rally in Brantford, Tex., Mr. Salo was blunt, claiming ...': Tex. is a place, the claim is Salo's."""
    text = ("At a rally in Brantford, Tex., Mr. Peter Salo was just as blunt, claiming that the harbour would close. "
            "“You would have to be insane,” he said.")
    assert [q.speaker_name for q in extract_quotes(text)] == ["Peter Salo", "Peter Salo"]


@pytest.mark.parametrize("text", [
    "BRAMWICK, Sept. 2 — The city will extend its tram line to the harbour, Mayor Petra Quill announced on Monday.",
    "HALVARD, May 4 – The pier will open to walkers in May, the town clerk Orla Bay said on Tuesday.",
])
def test_a_dateline_is_not_part_of_reported_words(text):
    (q,) = extract_quotes(text)
    words = text[q.content_spans[0][0]:q.content_spans[-1][1]]
    assert q.kind == "indirect" and words.startswith("The ") and "—" not in words and "–" not in words, words


def test_after_a_name_and_its_verb_the_name_is_the_speaker_not_an_object():
    """'hours after Ivo Brant said ...' is a clause: Ivo Brant said it, not the sentence's subject."""
    text = "Ana Pell backed the pier plan on Tuesday, hours after Ivo Brant said the council was wrong to sell it."
    (q,) = extract_quotes(text)
    assert q.speaker_name == "Ivo Brant" and q.content.startswith("the council was wrong")


def test_a_he_who_goes_on_right_after_a_statement_is_its_speaker():
    # 'Lindsey' is mostly a girl's name; the article's own 'his' and the 'He continued' right after her say he
    text = ("Sen. Lindsey Marrow called out his rival Tomas Vell for the plan.\n\n"
            "Marrow said, “We are losing the port vote. Tomas Vell is wrong about the ferries.”\n\n"
            "He continued, “I believe the harbour deserves better than this.”")
    *_, last = extract_quotes(text)
    assert "harbour deserves better" in last.content and last.speaker_name == "Lindsey Marrow"


def test_a_party_before_a_role_and_a_name_is_part_of_the_title_not_the_subject():
    text = ("Democratic front-runner Ana Pellow was the first candidate to weigh in, tweeting her thanks on Friday.\n\n"
            "“Proud of my friend the governor for this,” she wrote.")
    assert {q.speaker_name for q in extract_quotes(text)} == {"Ana Pellow"}


def test_an_owner_left_alone_is_no_speaker_a_later_she_can_mean():
    text = ("The silence comes two days after the Harbour Post, which originally said it would cover Lena Vell’s "
            "campaign in its gossip section, said it would treat the Vell campaign as news. However, that news will "
            "come with a strong slant, according to a post from Ana Pellow.\n\n"
            "“We will cover the ways Lena Vell’s campaign is unique,” she wrote.")
    quotes = extract_quotes(text)
    assert not any(q.speaker_name.endswith("’s") and q.speaker_type == "person" for q in quotes)
    assert "cover the ways" in quotes[-1].content and quotes[-1].speaker_name == "Ana Pellow"


def test_a_word_opening_the_sentence_is_not_part_of_the_name_a_he_means():
    text = ("Rubio met Scott Palinek at the ferry terminal.\n\n"
            "But Rubio only briefly explained the plan, citing the harbour board's efforts.\n\n"
            "Was Palinek satisfied with Rubio's answer?\n\n"
            "“To a point,” he said. “He sort of redirected.”")
    assert extract_quotes(text)[-1].speaker_name == "Scott Palinek"


def test_a_first_name_alone_tells_who_he_is():
    text = ("Bob said he was on the roof that night. Senator Tomas Vell had said the rescue was delayed.\n\n"
            "Bob agreed to talk on the condition that his last name not be used.\n\n"
            "“I thought I would regret it if I didn't,” he said.")
    assert extract_quotes(text)[-1].speaker_name == "Bob"


def test_a_place_that_spoke_is_still_no_he():
    from index.attribution.pronouns import antecedent
    text = "Ivo Coursey noted the hall was old. The coverage helped Port Halland win the vote. “All roads,” he said."
    mentions = [(0, "Ivo Coursey"), (text.index("Port"), "Port Halland")]
    people = {"Ivo Coursey", "Port Halland"}  # the engine gave the port a statement earlier
    he = antecedent(text, mentions, {"Ivo Coursey": "m", "Port Halland": "m"}, "he", text.index(" he ") + 1,
                    starts=[0, text.index("The"), text.index("“")], people=people,
                    spoke={(mentions[1][0], "Port Halland")}, places={"Port Halland"})
    assert he == "Ivo Coursey"


def test_a_wife_named_by_her_first_name_is_the_she_who_speaks():
    text = ("Tomas Vell has said little about the ferry. But his wife, Jane, offered a preview of his thinking in an "
            "interview on Monday.\n\n"
            "“If he wins, he wants to keep the pier open,” she said.")
    assert extract_quotes(text)[-1].speaker_name == "Jane"


def test_a_titled_name_after_a_place_and_an_aside_is_the_speaker():
    text = ("At a rally in Berea, OH, after winning Ohio in the primary, Gov. Ivo Kassel (R-OH), said, “I am ready "
            "to rent a covered wagon.”")
    assert [q.speaker_name for q in extract_quotes(text)] == ["Ivo Kassel"]


def test_the_head_of_someones_team_named_after_a_comma_is_the_he():
    """'Mr. Brant's campaign chairman, Peter Salo, dismissed ... He argued': the he is Salo, whose sentence it was,
    not Brant, who owns the campaign."""
    text = ("Ivo Brant said, “The ferry will run.” On television, Mr. Brant's campaign chairman, Peter Salo, dismissed "
            "the criticism as ''harbour gossip.'' He attempted to calm the council, arguing that the ferry was now "
            "focused on a ''winter timetable'' for the island.")
    q = next(q for q in extract_quotes(text) if q.cue == "arguing")
    assert q.speaker_name == "Peter Salo"


def test_a_sentence_after_a_quotation_typed_with_two_apostrophes_reports_on_its_own():
    """'... the deal.'' Mr. Brant said ...': the splitter reads on past the two apostrophes; the report is found."""
    text = ("The pier was bought cheaply, according to his book ''The Art of the Pier.'' Mr. Brant said a smaller "
            "pier would have cost more than twice as much.")
    q = next(q for q in extract_quotes(text) if q.kind == "indirect")
    assert (q.speaker_name, q.content) == ("Brant", "a smaller pier would have cost more than twice as much")


def test_an_aside_that_reports_parts_two_quotations():
    """'“A,” said X, who also said that ... . “B”': the aside is a statement between the two, so “A” ends there."""
    text = ("“The tide will not wait for the council,” said Ivo Brant, the harbour master, who also said that the "
            "board must act before May. “Nobody will sail from a broken pier.”")
    first = extract_quotes(text)[0]
    assert first.content == "The tide will not wait for the council,"


def test_an_owner_before_a_name_is_not_the_he():
    """'Fox News’ Tomas Orlen noticed ... He commented': the he is Orlen, not the network that owns him."""
    text = ("Harbour TV’s Tomas Orlen noticed that none of the networks cut away. He commented that his network "
            "“held on” the mayor during her speech.")
    (q,) = extract_quotes(text)
    assert q.speaker_name == "Tomas Orlen"


def test_a_prepositions_object_after_a_is_not_the_he():
    """'... in a speech at a Varrow Elks lodge, he drove ... He memorably promised': the lodge is no he."""
    text = ("Ivo Brant, the former governor, has yet to appear. In 1992, in a speech at a Varrow Elks lodge just before "
            "the vote, he drove grown men to tears. He memorably promised that if voters backed him, he would fight "
            "for them.")
    q = next(q for q in extract_quotes(text) if q.cue == "promised")
    assert q.speaker_name == "Ivo Brant"
