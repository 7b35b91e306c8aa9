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


def test_our_question_sets_hold_against_the_annotations():
    """tests/questions/*.jsonl: gold spans inside annotated statements, paraphrases that do not copy, invented claims
    that no paragraph supports (the rules in tests/questions/check_questions.py)."""
    import subprocess
    import sys

    from tests.conftest import ROOT, SHARED

    shared_or_skip("eval", "polnear", "attributions.jsonl")
    run = subprocess.run([sys.executable, str(ROOT / "tests" / "questions" / "check_questions.py"), "--shared",
                          str(SHARED)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "all files: 1154 rows" in run.stdout
