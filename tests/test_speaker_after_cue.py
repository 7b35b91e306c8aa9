"""'…," said <owner> <role words> <Name>': the person named last is the speaker, not the owner of the role."""
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
