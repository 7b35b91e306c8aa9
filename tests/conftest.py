"""Shared fixtures: the real model (loaded once), the sample corpus indexed once into a temp home."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index import Store, get_embedder, load_paths, rebuild

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles"
SHARED = ROOT.parent / "shared"


class CountingEmbedder:
    """The real embedder, counting what it embeds; `fail_on` makes call N raise (a build killed halfway)."""

    def __init__(self, fail_on: int | None = None):
        self.inner = get_embedder()
        self.name = self.inner.name
        self.calls = 0
        self.texts = 0
        self.fail_on = fail_on

    def count_tokens(self, texts):
        return self.inner.count_tokens(texts)

    def embed(self, texts):
        self.calls += 1
        if self.fail_on is not None and self.calls >= self.fail_on:
            raise RuntimeError("build killed halfway")
        self.texts += len(texts)
        return self.inner.embed(texts)


@pytest.fixture(scope="session")
def embedder():
    return get_embedder()


@pytest.fixture(scope="session")
def sample_home(tmp_path_factory, embedder) -> Path:
    home = tmp_path_factory.mktemp("sample-index")
    rebuild([SAMPLE], Store(home), embedder)
    return home


@pytest.fixture(scope="session")
def sample_articles() -> dict:
    articles, problems = load_paths([SAMPLE])
    assert not problems
    return {a.id: a for a in articles}


@pytest.fixture(scope="session")
def expectations() -> list[dict]:
    return json.loads((ROOT / "tests" / "data" / "sample_expectations.json").read_text())


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A writable copy of two sample articles, for tests that change files."""
    d = tmp_path / "articles"
    d.mkdir()
    for name in ("coalition-of-the-willing.txt", "kestrelford_bridge.txt"):
        shutil.copy(SAMPLE / name, d / name)
    return d


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture(autouse=True)
def _no_llm_from_the_environment(monkeypatch):
    """Tests choose their answerer; a developer's own OPENAI_* settings never leak in."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "WHOSAID_ANSWERER", "WHOSAID_LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def llm_server():
    from tests.llm_server import ScriptedLLM

    server = ScriptedLLM()
    yield server
    server.close()


SECRET_KEY = "sk-test-DO-NOT-LEAK-4242"


@pytest.fixture
def llm(llm_server):
    """The real client, over real HTTP, talking to the scripted server."""
    from app.llm import LLM

    return LLM("scripted-model", base_url=llm_server.url, api_key=SECRET_KEY, timeout=1.0, retries=1)
