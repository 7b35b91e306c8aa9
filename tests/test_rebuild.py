"""Rebuilds are incremental and safe: unchanged articles aren't embedded again; a failed build loses nothing."""
import pytest

from app import WhosaidError, answer
from index import Store, rebuild
from tests.conftest import CountingEmbedder

PUTIN = "Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?"


def test_second_rebuild_embeds_nothing(tmp_path, corpus):
    store, emb = Store(tmp_path / "home"), CountingEmbedder()
    first = rebuild([corpus], store, emb)
    assert first.added == 2 and emb.texts > 0
    emb.texts = 0
    second = rebuild([corpus], store, emb)
    assert (second.reused, second.added, second.changed, emb.texts) == (2, 0, 0, 0)
    assert store.manifest().counts == {**store.manifest().counts, "articles": 2}
    assert answer(PUTIN, store=store, embedder=emb.inner).attributions[0].speaker_name == "Vladimir Putin"


def test_only_the_changed_file_is_redone_and_removed_ones_disappear(tmp_path, corpus):
    store, emb = Store(tmp_path / "home"), CountingEmbedder()
    rebuild([corpus], store, emb)
    bridge = corpus / "kestrelford_bridge.txt"
    bridge.write_text(bridge.read_text().replace("May 12", "June 9"))
    emb.texts = 0
    r = rebuild([corpus], store, emb)
    assert (r.reused, r.added + r.changed, r.removed) == (1, 1, 1) or (r.reused, r.changed) == (1, 1)
    redone = sum(1 for a in store.manifest().articles.values() if a["path"].endswith("kestrelford_bridge.txt"))
    assert redone == 1
    passages = store.get("passages")
    assert emb.texts < len(passages) + len(store.get("quotes"))  # the seed article was copied, not embedded
    assert not [p for p in passages if "May 12" in p["document"]]
    a = answer("Who said the Old Mill Bridge would reopen to pedestrians on June 9?", store=store, embedder=emb.inner)
    assert a.found and "June 9" in a.citations[0].passage
    (corpus / "kestrelford_bridge.txt").unlink()
    r = rebuild([corpus], store, emb)
    assert r.removed == 1 and store.manifest().counts["articles"] == 1
    assert not [p for p in store.get("passages") if "Kestrelford" in p["document"]]


def test_a_build_that_dies_halfway_leaves_the_old_index_answering(tmp_path, corpus):
    store = Store(tmp_path / "home")
    rebuild([corpus], store, CountingEmbedder())
    before = store.manifest()
    (corpus / "extra.txt").write_text("Extra\n\nTALLBROOK, May 1 — Warden Oskar Lind said the dam would hold.\n")
    with pytest.raises(RuntimeError, match="killed"):
        rebuild([corpus], store, CountingEmbedder(fail_on=1))
    fresh = Store(tmp_path / "home")  # as another process would see it
    assert fresh.manifest().generation == before.generation
    a = answer(PUTIN, store=fresh, embedder=CountingEmbedder().inner)
    assert a.found and a.attributions[0].speaker_name == "Vladimir Putin"
    r = rebuild([corpus], fresh, CountingEmbedder())  # the next build cleans up and succeeds
    assert r.added == 1 and r.reused == 2


def test_nothing_readable_keeps_the_old_index(tmp_path, corpus):
    store = Store(tmp_path / "home")
    rebuild([corpus], store, CountingEmbedder())
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("")
    with pytest.raises(WhosaidError, match="Nothing to index"):
        rebuild([empty], store, CountingEmbedder())
    assert store.manifest().counts["articles"] == 2
