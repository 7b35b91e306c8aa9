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
    every = len(passages) + len(store.get("quotes")) + len(store.get("contexts"))
    assert emb.texts < every  # the seed article was copied, not embedded
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


def _lexical_ids(store, kind="passages"):
    return {i.split("#")[0] for i in store.lexical(kind).ids}


def test_the_bm25_index_follows_incremental_rebuilds(tmp_path, corpus):
    store, emb = Store(tmp_path / "home"), CountingEmbedder()
    rebuild([corpus], store, emb)
    assert len(list((tmp_path / "home" / "lexical").iterdir())) == 1  # saved for the next process
    (corpus / "extra.txt").write_text("Dam holds\n\nTALLBROOK, May 1 — “The Quillmoor spillway will hold through the "
                                      "thaw,” said warden Oskar Lind.\n")
    rebuild([corpus], store, emb)
    assert len(list((tmp_path / "home" / "lexical").iterdir())) == 1  # the old version's is gone
    hits = store.lexical("passages").search("Quillmoor spillway")
    assert hits and hits[0][0].startswith(next(i for i, a in store.manifest().articles.items()
                                                if a["path"].endswith("extra.txt")))
    assert store.lexical("quotes").search("Quillmoor")  # the quote record too
    (corpus / "extra.txt").unlink()
    rebuild([corpus], store, emb)
    assert not store.lexical("passages").search("Quillmoor spillway")
    assert _lexical_ids(store) == set(store.manifest().articles)


def test_an_index_without_its_bm25_side_gets_one_on_first_use(tmp_path, corpus):
    import shutil

    store = Store(tmp_path / "home")
    rebuild([corpus], store, CountingEmbedder())
    shutil.rmtree(tmp_path / "home" / "lexical")
    fresh = Store(tmp_path / "home")
    assert answer(PUTIN, store=fresh, embedder=CountingEmbedder().inner).attributions[0].speaker_name == "Vladimir Putin"
    assert _lexical_ids(fresh) == set(fresh.manifest().articles)


@pytest.mark.parametrize("field, old", [("schema", 1), ("extractor", "0ld3xtract0r")])
def test_an_index_of_an_older_layout_or_extractor_is_indexed_again(tmp_path, corpus, field, old):
    store, emb = Store(tmp_path / "home"), CountingEmbedder()
    rebuild([corpus], store, emb)
    live = store.manifest()
    setattr(live, field, old)
    store.write_state(live)
    r = rebuild([corpus], Store(tmp_path / "home"), emb)  # schema 1 records have no `day` for date filters
    assert (r.reused, r.changed) == (0, 2)
    assert all("day" in p["metadata"] for p in Store(tmp_path / "home").get("passages"))


def test_only_the_articles_indexed_again_are_validated_again_and_a_lowered_size_limit_still_refuses(tmp_path, corpus,
                                                                                                    monkeypatch):
    from index import load
    from index.validate import Limits

    store, emb = Store(tmp_path / "home"), CountingEmbedder()
    rebuild([corpus], store, emb)
    validated = []
    real = load.checked
    monkeypatch.setattr(load, "checked", lambda a, limits: validated.append(a.path) or real(a, limits))
    (corpus / "extra.txt").write_text("Extra\n\nTALLBROOK, May 1 — Warden Oskar Lind said the dam would hold.\n")
    r = rebuild([corpus], store, emb)
    assert (r.added, r.reused) == (1, 2) and [p.rsplit("/", 1)[-1] for p in validated] == ["extra.txt"]
    live = store.manifest()
    live.extractor = "an-older-extractor"  # a full rebuild: every article is indexed again, so validated again
    store.write_state(live)
    validated.clear()
    r = rebuild([corpus], store, emb)
    assert r.full and r.articles == 3 and len(validated) == 3
    lowered = Limits(article_bytes=2000)  # the Coalition article's text (2,178 bytes) is past it, the others' not
    r = rebuild([corpus], store, emb, limits=lowered)
    assert [e.path.rsplit("/", 1)[-1] for e in r.refused] == ["coalition-of-the-willing.txt"]
    assert "longer than 0.002 MB" in str(r.refused[0]) and r.articles == 2
