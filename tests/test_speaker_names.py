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


@pytest.mark.parametrize("text, name, role", [
    # a mixed statement (quoted words inside reported speech) keeps the role written before the name
    ("Ferries ran late.\n\nHolt campaign spokesman Jon Kesby said the senator sees the vote as a chance to end "
     "“the endless, costly delays” at the pier.", "Jon Kesby", "Holt campaign spokesman"),
    ("“The pier is safe,” said harbour engineer Lena Morrow, who inspected it on Friday. Morrow said the pier "
     "would reopen “within a week.”", "Lena Morrow", "harbour engineer"),
    # a verb before a name makes no role: Ana Pell is the reporter, Ivo Brant is given none
    ("Ivo Brant told reporter Ana Pell that the toll was “a tax on every fisherman.”", "Ivo Brant", ""),
])
def test_a_role_written_before_the_name_stays_with_every_statement(text, name, role):
    found = {(q.speaker_name, q.speaker_role) for q in extract_quotes(text)}
    assert (name, role) in found and all(r == role for n, r in found if n == name), found


@pytest.mark.parametrize("text, name, role", [
    # an owner's staff named after a comma: the person speaks, the owned role is theirs
    ("“The count is not over,” said Holt’s communications director, Jon Kesby.", "Jon Kesby",
     "Holt’s communications director"),
    ("Holt’s chief strategist, Lena Morrow, said the toll would go.", "Lena Morrow", "Holt’s chief strategist"),
    ("“It is over,” said Brant’s pollster, Ana Pell.", "Ana Pell", "Brant’s pollster"),
])
def test_an_owners_staff_named_after_a_comma_is_the_speaker(text, name, role):
    assert {(q.speaker_name, q.speaker_role) for q in extract_quotes(text)} == {(name, role)}
