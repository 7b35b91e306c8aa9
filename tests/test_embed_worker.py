"""A big build embeds in a child process: the index holds the very vectors an in-process build makes, a child that
dies mid-build leaves the build to finish in process, and no child outlives the build."""
import json

import numpy as np
import pytest

from index import Store, embed_worker, get_embedder, rebuild
from index.embed_worker import EmbedWorker

KINDS = ("passages", "quotes", "contexts")


def _towns(folder, n=70):  # three batches of 32
    folder.mkdir()
    rows = [{"id": f"town-{i}", "title": f"Town {i}", "date": "2025-05-01",
             "text": f"Councillor Mira Vale{i} said the new bridge in Town {i} would open in spring. "
                     f"\"We are ready,\" said Odo Brann{i}, the harbour master."} for i in range(n)]
    (folder / "towns.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    return folder


def _vectors(home) -> dict:
    store = Store(home)
    out = {}
    for kind in KINDS:
        got = store.collection(kind).get(include=["embeddings"])
        out.update({(kind, i): np.asarray(v) for i, v in zip(got["ids"], got["embeddings"])})
    return out


@pytest.fixture
def spied(monkeypatch):
    """Every build uses the embedding process (however small); the workers started are kept."""
    started = []
    real = EmbedWorker.__init__

    def init(self, embedder):
        real(self, embedder)
        started.append(self)

    monkeypatch.setattr(embed_worker, "_MIN_ARTICLES", 1)
    monkeypatch.setattr(EmbedWorker, "__init__", init)
    return started


def test_the_embedding_process_gives_the_in_process_vectors(tmp_path, spied, monkeypatch, caplog):
    towns = _towns(tmp_path / "towns")
    r = rebuild([towns], Store(tmp_path / "child"), get_embedder())
    assert len(spied) == 1 and r.articles == 70
    assert "embedding process" not in caplog.text  # every batch embedded there, none fallen back
    assert spied[0]._process.poll() is not None  # ended with the build
    monkeypatch.setattr(embed_worker, "_MIN_ARTICLES", 10**9)
    rebuild([towns], Store(tmp_path / "here"), get_embedder())
    child, here = _vectors(tmp_path / "child"), _vectors(tmp_path / "here")
    assert child.keys() == here.keys() and len(child) == r.chunks + 2 * r.quotes == 70 * 5
    assert max(float(np.abs(child[k] - here[k]).max()) for k in child) < 1e-6


@pytest.mark.parametrize("how", ["killed", "failing"])
def test_a_child_that_dies_leaves_the_build_to_finish_in_process(tmp_path, spied, monkeypatch, caplog, how):
    real = EmbedWorker.receive
    calls = []

    def dying(self):
        calls.append(1)
        if len(calls) == 2 and how == "failing":  # the second batch fails there (a broken engine)
            real(self)
            raise RuntimeError("the embedding process failed: RuntimeError: broken")
        if len(calls) == 2:  # the second batch: the child is gone
            self._process.kill()
            self._process.wait()
        return real(self)

    monkeypatch.setattr(EmbedWorker, "receive", dying)
    r = rebuild([_towns(tmp_path / "towns")], Store(tmp_path / "home"), get_embedder())
    assert len(spied) == 1 and len(calls) == 2  # the third batch was not sent to the dead child
    assert "the embedding process ended" in caplog.text
    assert r.articles == 70 and not r.refused
    assert Store(tmp_path / "home").manifest().counts["quotes"] == r.quotes > 0
    assert len(_vectors(tmp_path / "home")) == 70 * 5


def test_a_small_update_stays_in_process(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(EmbedWorker, "__init__", lambda self, e: started.append(1))
    rebuild([_towns(tmp_path / "towns", 5)], Store(tmp_path / "home"), get_embedder())
    assert not started


def test_a_text_met_again_is_embedded_once_with_the_same_vector():
    seen = []

    def embed_array(texts):
        seen.extend(texts)
        return get_embedder().embed_array(texts)

    memo = embed_worker.Memo(embed_array, most=3)
    first = memo.embed(["Ada Quill said the pier is safe.", "The pier opened.", "Ada Quill said the pier is safe."])
    again = memo.embed(["The pier opened.", "Bo Lenn disagreed."])
    assert seen == ["Ada Quill said the pier is safe.", "The pier opened.", "Bo Lenn disagreed."]
    assert np.array_equal(first[0], first[2]) and np.array_equal(first[1], again[0])
    assert np.allclose(again, get_embedder().embed_array(["The pier opened.", "Bo Lenn disagreed."]), atol=1e-6)
