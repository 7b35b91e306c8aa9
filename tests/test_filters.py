"""Narrowing answers by speaker, source and dates, from Python, the CLI and the chat (fictional articles)."""
import io
import json

import pytest

from app import answer
from app.chat import respond
from app.cli import main
from app.errors import FilterError
from index import Store, rebuild

ARTICLES = [
    {"id": "gazette-1", "title": "Pier to stay shut", "source": "harbour-gazette", "date": "2024-03-01",
     "text": "Storm damage closed the north pier in February.\n\n“The pier stays shut until May because the pilings "
             "are cracked,” said harbourmaster Piet Salo."},
    {"id": "times-1", "title": "Pier reopens", "source": "valley-times", "date": "2024-06-10",
     "text": "Repairs to the north pier finished early.\n\n“The pier reopens on Monday and the pilings are sound,” "
             "said harbourmaster Piet Salo."},
    {"id": "times-2", "title": "Ferry fares", "source": "valley-times", "date": "2024-06-12",
     "text": "The island ferry company met the council on Tuesday.\n\n“Ferry fares will rise by a tenth when the "
             "summer timetable starts,” said ferry operator Anja Rask."},
]


@pytest.fixture(scope="module")
def home(tmp_path_factory, embedder):
    d = tmp_path_factory.mktemp("filters")
    (d / "a.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    rebuild([d / "a.jsonl"], Store(d / "home"), embedder)
    return d / "home"


@pytest.fixture(scope="module")
def ask(home, embedder):
    return lambda q, **f: answer(q, home=home, embedder=embedder, **f)


def _articles(a):
    return {c.article_id for c in a.citations}


def test_no_filter_finds_both_statements(ask):
    assert _articles(ask("What did Piet Salo say about the pier?")) == {"gazette-1", "times-1"}


@pytest.mark.parametrize("filters, expected", [
    ({"since": "2024-06-01"}, {"times-1"}),
    ({"until": "2024-04-01"}, {"gazette-1"}),
    ({"since": "2024-02-01", "until": "2024-03-01"}, {"gazette-1"}),  # inclusive
    ({"source": "Valley-Times"}, {"times-1"}),  # case does not matter
    ({"source": "harbour-gazette", "since": "2024-01-01"}, {"gazette-1"}),
])
def test_what_said_narrowed(ask, filters, expected):
    a = ask("What did Salo say about the pier?", **filters)
    assert a.found and _articles(a) == expected


def test_who_said_narrowed_by_date(ask):
    a = ask("Who said the pier would reopen on Monday?", until="2024-04-01")
    assert not a.found or "reopens on Monday" not in " ".join(c.passage for c in a.citations)
    a = ask("Who said the pier would reopen on Monday?", since="2024-06-01")
    assert a.found and a.attributions[0].speaker_name == "Piet Salo"


def test_speaker_filter_keeps_other_people_out(ask):
    assert ask("Who said ferry fares will rise?", speaker="Rask").attributions[0].speaker_name == "Anja Rask"
    a = ask("Who said ferry fares will rise?", speaker="Piet Salo")
    assert not a.found and not a.citations


@pytest.mark.parametrize("filters, message", [
    ({"since": "last week"}, "since must be a date like 2016-01-31, not 'last week'"),
    ({"until": "2024-13-01"}, "until must be a date like"),
    ({"since": "2024-06-01", "until": "2024-01-01"}, "since (2024-06-01) is after until (2024-01-01)"),
    ({"source": "moon-herald"}, "No articles from source 'moon-herald' in the index; sources: harbour-gazette, "
                                "valley-times"),
])
def test_bad_filters_say_what_is_wrong(ask, filters, message):
    with pytest.raises(FilterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ask("What did Salo say?", **filters)


def test_cli_since(home, capsys):
    out = io.StringIO()
    assert main(["--home", str(home), "ask", "--since", "2024-06-01", "What did Salo say about the pier?"], out) == 0
    assert "reopens on Monday" in out.getvalue() and "stays shut" not in out.getvalue()
    assert main(["--home", str(home), "ask", "--since", "soon", "What did Salo say?"], io.StringIO()) == 1
    assert "whosaid: since must be a date like 2016-01-31, not 'soon'" in capsys.readouterr().err


def test_chat_filters(home):
    page = respond("What did Salo say about the pier?", [], home, "extractive", source="harbour-gazette")
    assert "stays shut" in page and "reopens on Monday" not in page
    assert "since must be a date" in respond("What did Salo say?", [], home, "extractive", since="May")
