"""Speakers' names as a reader wants them: the person named after a role is the speaker, not the role's owner, and an
occupation written before a name is the role, not part of the name (fictional people)."""
import pytest

from index import extract_quotes

TEXT = ("Sen. Mira Holt refunded the donations on Friday. “Out of caution, the campaign has refunded them,” said "
        "{who}. Holt asked others to do the same.")


@pytest.mark.parametrize("who, name, role", [
    ("Holt campaign manager Jon Kesby", "Jon Kesby", "Holt campaign manager"),
    ("Holt campaign spokesman Jon Kesby", "Jon Kesby", "Holt campaign spokesman"),
    ("Holt spokesman Jon Kesby", "Jon Kesby", "Holt spokesman"),
    ("Holt", "Mira Holt", "Sen."),
])
def test_the_person_named_after_the_role_is_the_speaker(who, name, role):
    q = next(q for q in extract_quotes(TEXT.format(who=who)) if q.content.startswith("Out of caution"))
    assert (q.speaker_name, q.speaker_role) == (name, role)


@pytest.mark.parametrize("text, name, role", [
    ("Comedian Sarah Vell said the show was over. “I loved every night of it,” she said.", "Sarah Vell", "Comedian"),
    ("“We will rebuild the pier,” said Rabbi Ivo Tamm.", "Ivo Tamm", "Rabbi"),
    ("Billionaire Oskar Dahl said he would pay for the new pier himself.", "Oskar Dahl", "Billionaire"),
    ("Journalist Pia Marrow wrote that the toll was unfair to fishermen.", "Pia Marrow", "Journalist"),
])
def test_an_occupation_before_a_name_is_the_role(text, name, role):
    # the first name stays the first name: "Comedian Sarah Vell" would make "Comedian" her given name
    assert {(q.speaker_name, q.speaker_role) for q in extract_quotes(text)} == {(name, role)}
