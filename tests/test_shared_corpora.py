"""The real corpora in ../shared load whole: every article, no refusals, their fields kept."""
import pytest

from index import load_paths
from tests.conftest import shared_or_skip

pytestmark = pytest.mark.eval


@pytest.mark.parametrize("name,count", [("polnear", 1012), ("bbc", 2225)])
def test_corpus_loads_without_refusals(name, count):
    path = shared_or_skip("corpus", name, "articles.jsonl")
    articles, problems = load_paths([path])
    assert problems == []
    assert len(articles) == count
    assert all(a.text.strip() and a.title for a in articles)
    if name == "polnear":
        assert all(a.date[:2] == "20" for a in articles)
