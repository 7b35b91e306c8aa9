"""How far from a speaker's name the article's description of them may stand: up to a few hundred characters, but never
past another person's name (that person's role is theirs, not the speaker's). Fictional people."""
from types import SimpleNamespace

import pytest

from app.described import _near, contradicted_by

FILLER = "The crowd outside the pier grew all morning as the boats came in and the rain held off until noon. " * 2


def _quote(name: str):
    record = SimpleNamespace(speaker=name, speaker_name=name, speaker_role="", speaker_key=name.split()[-1].lower())
    return SimpleNamespace(record=record)


def test_a_description_a_few_sentences_away_still_describes_the_speaker():
    article = f"“We stay,” Jon Kesby said. {FILLER[:150]}He has been a harbour pilot for thirty years."
    assert article.index("harbour pilot") - article.index("Kesby") > 150  # beyond the old 120 characters
    assert not contradicted_by("veteran harbour pilot", _near(_quote("Jon Kesby"), article))


def test_another_persons_role_is_not_the_speakers():
    article = f"Senator Ada Brinley spoke first. {FILLER[:120]}“We stay,” said Ivo Petrak, who runs the ferry."
    near = _near(_quote("Ivo Petrak"), article)
    assert contradicted_by("senator", near)  # Ada Brinley stands between: her title is not his


@pytest.mark.parametrize("hint", ["chief of staff to Rep. Ada Brinley", "aide to Ada Brinley"])
def test_a_person_the_description_names_does_not_cut_it(hint):
    article = f"Ivo Petrak, chief of staff to Rep. Ada Brinley, was at the pier. {FILLER}“We stay,” Petrak said."
    assert not contradicted_by(hint, _near(_quote("Ivo Petrak"), article, hint))
