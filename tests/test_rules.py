"""The rule table: every attribution form's own example sentences give the extraction it documents, and no pattern
runs away on hostile input."""
import signal

import pytest

from index import extract_quotes
from index.attribution.rules import RULES, stage
from index.lexicon import words

EXAMPLES = [(r, e) for r in RULES for e in r.examples]


@pytest.mark.parametrize("rule,example", EXAMPLES, ids=[f"{r.name}:{e.text[:25]}" for r, e in EXAMPLES])
def test_each_rule_extracts_its_examples(rule, example):
    quotes = [q for q in extract_quotes(example.text) if q.extra.get("rule") == rule.name]
    assert quotes, f"{rule.name} found nothing in {example.text!r}: {extract_quotes(example.text)}"
    q = quotes[0]
    assert (q.speaker_name, q.cue.lower(), q.kind) == (example.speaker, example.cue.lower(), example.kind)
    assert example.content in q.content


def test_the_table_is_ordered_by_stage_and_documents_every_rule():
    assert [r.stage for r in RULES] == sorted((r.stage for r in RULES), key=["direct", "reported", "after"].index)
    assert len({r.name for r in RULES}) == len(RULES)
    assert all(len(r.examples) >= 2 and r.yields.get("speaker") for r in RULES)
    assert [r.name for r in stage("reported")] == ["headline", "according", "as-said", "indirect-lead", "and-said", "but-said", "clause-said",
                                                   "subordinate-said", "trail", "middle",
                                                   "clause-report"]


def test_word_lists_are_data_files_read_once():
    assert "say says said +plural" in words("cue_verbs") and "sen." in words("titles")
    assert "hillary" in words("first_names_female") and "donald" in words("first_names_male")
    assert words("titles") is words("titles")


HOSTILE = [
    "“" * 5000 + "a" + "”" * 5000,
    "''" * 20000 + " said Varga.",
    "(" * 3000 + "[" * 3000 + "Varga said the pier was safe" + "]" * 3000 + ")" * 3000,
    ("Ana Pell, " * 2000) + "said the ferry was late.",
    ("word " * 40000) + "said Varga.",  # a 200 KB line without a full stop
    ('"a," ' * 10000) + "Varga said, " + ("according to " * 3000),
]


@pytest.mark.parametrize("text", HOSTILE, ids=["quote-marks", "apostrophes", "brackets", "appositives", "200kb-line",
                                                "cues"])
def test_hostile_input_finishes(text):
    """A generous alarm, not a timing assertion: only a pattern that backtracks without end trips it."""
    def stop(*_):
        raise TimeoutError(f"extraction did not finish on {text[:40]!r}...")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    try:
        extract_quotes(text)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_a_statement_found_by_a_new_form_is_answered_as_reported(tmp_path, embedder):
    """Reported speech is searchable and citable, and reads as reported: no quote marks, kind 'indirect'."""
    import json

    from app import answer
    from index import Store, rebuild

    body = ("BRAMWICK, May 4 — The harbour board cut the ferry budget on Monday, arguing that the island could not pay "
            "for two boats through the winter.\n\nThe ferry will run once a day until March, harbour officials said.")
    f = tmp_path / "articles.jsonl"
    f.write_text(json.dumps({"id": "ferry", "title": "Ferry cut", "text": body}) + "\n")
    rebuild([f], Store(tmp_path / "h"), embedder)
    a = answer("Who argued that the island could not pay for two boats?", home=tmp_path / "h", embedder=embedder)
    assert a.found and a.attributions[0].kind == "indirect" and a.attributions[0].speaker_name == "The harbour board"
    assert a.text.startswith("The harbour board (reported): the island could not pay for two boats")
    assert "“" not in a.text.splitlines()[0] and "[1]" in a.text
    assert "could not pay for two boats" in a.citations[0].passage


def test_the_quotation_passes_run_in_the_tables_order():
    """The extractor's quotation pass is driven by the table: moving a 'direct' rule moves its pass."""
    from index.attribution.quoted import PASSES, after_colon, after_quote, floating, lead_in, signed

    assert [r.name for r in stage("direct")] == ["after-quote", "inverted", "as-put", "colon-name", "lead", "part",
                                                 "signed", "colon"]
    assert PASSES == (after_quote, lead_in, signed, after_colon, floating)
    assert [r.name for r in stage("after")] == ["participle", "relative", "relative-object", "relative-quoted", "and-quoted",
                                                "asked-by", "share-saying"]
