"""What the extractor kept beside a name is shown as a role only when it reads as one (index/roles.py)."""
import pytest

from index.roles import reads_as_role


@pytest.mark.parametrize("words", [
    "Ohio Gov.", "a spokesman for the harbour board", "who runs the ferry company", "of Rochester",
    "now a consultant on fisheries", "managing director", "one of the mayor's closest aides", "Former Osterland Sen.",
    "U.S. District Judge", "a spokesman for Mrs. Brinley",
])
def test_a_role_reads_as_one(words):
    assert reads_as_role(words)


@pytest.mark.parametrize("words", [
    "suggesting that the queues would be short", "appearing after Benneck at the meeting", "along with two captains",
    "referring to the toll", "in her dissent", "one", "another", "Many liberal", "Neither Velk nor", "he and",
    "Secretary of", "a senior aide to Mr", "an adviser to President George W", "Velk was out-talking",
    "Brinley’s barely making an impact — those are skilled", "",
])
def test_a_clause_or_a_cut_phrase_is_no_role(words):
    assert not reads_as_role(words)
