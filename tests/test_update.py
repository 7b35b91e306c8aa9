"""Updates cost what changed: in place, journaled, resumable, one rebuild at a time, seen by other processes."""
import json
import os
import signal
import subprocess
import sys

import pytest

from app import answer
from index import Store, rebuild
from index.errors import RebuildRunning, WhosaidError
from tests.conftest import ROOT, CountingEmbedder

PUTIN = "Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?"
LIND = "Who said the Quillmoor spillway would hold through the thaw?"


def _extra(corpus, name="extra.txt", speaker="warden Oskar Lind"):
    (corpus / name).write_text(f"Dam holds\n\nTALLBROOK, May 1 — “The Quillmoor spillway will hold through the "
                               f"thaw,” said {speaker}.\n")


def _article_ids_in_records(store) -> set[str]:
    return {r["metadata"]["article_id"] for kind in ("passages", "quotes", "contexts") for r in store.get(kind)}


def test_one_changed_article_is_updated_in_place_and_nothing_else_is_touched(tmp_path, corpus):
    store, emb = Store(tmp_path / "home"), CountingEmbedder()
    rebuild([corpus], store, emb)
    before = store.manifest()
    seed = {r["id"]: r["embedding"] for r in store.get("passages", embeddings=True)
            if r["metadata"]["article_id"].startswith("coalition")}
    _extra(corpus)
    emb.texts = 0
    r = rebuild([corpus], store, emb)
    after = store.manifest()
    assert (r.added, r.reused, r.full) == (1, 2, False)
    assert after.generation == before.generation and after.version > before.version  # same collections, new version
    assert emb.texts == 3  # the new article's passage, its statement and the statement's context: nothing else
    kept = {r["id"]: r["embedding"] for r in store.get("passages", embeddings=True) if r["id"] in seed}
    assert kept == seed
    assert answer(LIND, store=store, embedder=emb.inner).attributions[0].speaker_name == "Oskar Lind"


def test_a_kill_mid_update_leaves_an_answering_index_and_the_next_rebuild_finishes(tmp_path, corpus):
    store = Store(tmp_path / "home")
    rebuild([corpus], store, CountingEmbedder())
    _extra(corpus)
    bridge = corpus / "kestrelford_bridge.txt"
    bridge.write_text(bridge.read_text().replace("May 12", "June 9"))
    with pytest.raises(RuntimeError, match="killed"):
        rebuild([corpus], store, CountingEmbedder(fail_on=1))
    other = Store(tmp_path / "home")  # as another process sees it meanwhile
    assert answer(PUTIN, store=other, embedder=CountingEmbedder().inner).attributions[0].speaker_name == "Vladimir Putin"
    r = rebuild([corpus], Store(tmp_path / "home"), CountingEmbedder())
    assert r.added + r.changed == 2 and r.reused == 1  # the killed batch is redone whole
    done = Store(tmp_path / "home")
    assert _article_ids_in_records(done) == set(done.manifest().articles)  # no orphan, no half article
    assert not [p for p in done.get("passages") if "May 12" in p["document"]]
    assert answer(LIND, store=done, embedder=CountingEmbedder().inner).attributions[0].speaker_name == "Oskar Lind"


def test_a_removed_article_under_a_killed_batch_leaves_no_orphan(tmp_path, corpus):
    store = Store(tmp_path / "home")
    _extra(corpus)
    rebuild([corpus], store, CountingEmbedder())
    (corpus / "extra.txt").write_text((corpus / "extra.txt").read_text().replace("Lind", "Lindqvist"))
    with pytest.raises(RuntimeError, match="killed"):
        rebuild([corpus], store, CountingEmbedder(fail_on=1))  # extra.txt's records were deleted, new ones not written
    (corpus / "extra.txt").unlink()
    rebuild([corpus], Store(tmp_path / "home"), CountingEmbedder())
    done = Store(tmp_path / "home")
    assert _article_ids_in_records(done) == set(done.manifest().articles) and len(done.manifest().articles) == 2


def _many(folder, n):
    folder.mkdir()
    rows = [{"id": f"town-{i}", "title": f"Town {i}", "date": "2025-05-01",
             "text": f"Councillor Mira Vale{i} said the new bridge in Town {i} would open in spring."} for i in range(n)]
    (folder / "towns.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    return folder


def test_a_first_build_killed_halfway_is_resumed_not_started_again(tmp_path):
    folder = _many(tmp_path / "towns", 70)  # three batches of 32
    store = Store(tmp_path / "home")
    with pytest.raises(RuntimeError, match="killed"):
        rebuild([folder], store, CountingEmbedder(fail_on=3))  # two batches written, the third dies
    assert not Store(tmp_path / "home").exists()  # nothing is live yet: a reader is told to build
    emb = CountingEmbedder()
    r = rebuild([folder], Store(tmp_path / "home"), emb)
    assert r.full and emb.calls == 1  # only the last batch was left
    assert Store(tmp_path / "home").manifest().counts["articles"] == 70


def test_a_second_rebuild_is_refused_while_one_runs(tmp_path, corpus):
    store = Store(tmp_path / "home")
    rebuild([corpus], store, CountingEmbedder())
    held = Store(tmp_path / "home").lock().acquire()
    with pytest.raises(RebuildRunning, match="already running") as e:
        rebuild([corpus], Store(tmp_path / "home"), CountingEmbedder())
    assert str(os.getpid()) in str(e.value)
    held.release()
    _extra(corpus)
    assert rebuild([corpus], store, CountingEmbedder()).added == 1


def test_a_lock_left_by_a_killed_rebuild_is_taken_over(tmp_path, corpus):
    store = Store(tmp_path / "home")
    rebuild([corpus], store, CountingEmbedder())
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from index import Store; "
                               "Store(sys.argv[1]).lock().acquire(); print('held', flush=True); time.sleep(600)",
                               str(tmp_path / "home")], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert holder.stdout.readline().strip() == "held"
    os.kill(holder.pid, signal.SIGKILL)  # a rebuild killed while holding the lock
    holder.wait()
    _extra(corpus)
    assert rebuild([corpus], Store(tmp_path / "home"), CountingEmbedder()).added == 1


READER = """
import sys
from app import answer
from index import Store, get_embedder
store, emb = Store(sys.argv[1]), get_embedder()
for line in sys.stdin:
    a = answer(line.strip(), store=store, embedder=emb)
    print(a.attributions[0].speaker_name if a.found and a.attributions else "-", flush=True)
"""


def test_a_running_reader_process_sees_an_update_made_by_another(tmp_path, corpus):
    store = Store(tmp_path / "home")
    rebuild([corpus], store, CountingEmbedder())
    reader = subprocess.Popen([sys.executable, "-c", READER, str(tmp_path / "home")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        reader.stdin.write(PUTIN + "\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "Vladimir Putin"
        _extra(corpus)
        rebuild([corpus], store, CountingEmbedder())
        reader.stdin.write(LIND + "\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "Oskar Lind"
    finally:
        reader.stdin.close()
        reader.wait(timeout=60)


def test_an_article_changed_after_it_was_read_is_read_again_by_a_running_reader(tmp_path, corpus):
    # a reader keeps the articles it has read between questions; a new version of one (same id) must replace it
    def dam(speaker):
        text = f"TALLBROOK, May 1 — “The Quillmoor spillway will hold through the thaw,” said {speaker}."
        (corpus / "dam.jsonl").write_text(json.dumps({"id": "dam-1", "title": "Dam holds", "text": text}) + "\n")

    dam("warden Oskar Lind")
    rebuild([corpus], Store(tmp_path / "home"), CountingEmbedder())
    reader = Store(tmp_path / "home")
    for speaker in ("Oskar Lind", "Mara Tobel"):
        if speaker == "Mara Tobel":
            dam("engineer Mara Tobel")
            rebuild([corpus], Store(tmp_path / "home"), CountingEmbedder())
        reader.manifest()  # as every question does first
        assert speaker in " ".join(p.text for p in reader.passages_in(["dam-1"]))
        assert {s.speaker_name for s in reader.statements_in(["dam-1"])} == {speaker}
    assert answer(LIND, store=reader, embedder=CountingEmbedder().inner).attributions[0].speaker_name == "Mara Tobel"


def test_articles_are_removed_by_id_and_the_rest_answers(tmp_path, corpus):
    from index import remove

    store = Store(tmp_path / "home")
    _extra(corpus)
    rebuild([corpus], store, CountingEmbedder())
    extra = next(i for i, a in store.manifest().articles.items() if a["path"].endswith("extra.txt"))
    r = remove([extra, "no-such-article"], Store(tmp_path / "home"))
    assert (r.removed, r.articles) == (1, 2)
    done = Store(tmp_path / "home")
    assert extra not in done.manifest().articles and extra not in _article_ids_in_records(done)
    assert not answer(LIND, store=done, embedder=CountingEmbedder().inner).found
    assert answer(PUTIN, store=done, embedder=CountingEmbedder().inner).attributions[0].speaker_name == "Vladimir Putin"


def test_an_index_without_any_statement_answers_and_can_be_emptied_of_them(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "weather.txt").write_text("Fog\n\nFog covered the harbour of Bramwick all morning and lifted by noon.\n")
    store = Store(tmp_path / "home")
    rebuild([folder], store, CountingEmbedder())
    a = answer("Who said the fog lifted by noon?", store=Store(tmp_path / "home"), embedder=CountingEmbedder().inner)
    assert not a.found
    _extra(folder)
    rebuild([folder], store, CountingEmbedder())
    (folder / "extra.txt").unlink()
    rebuild([folder], store, CountingEmbedder())  # the last statement goes: BM25 over no statement at all
    assert not answer(LIND, store=Store(tmp_path / "home"), embedder=CountingEmbedder().inner).found


def test_adding_to_an_index_that_needs_a_full_rebuild_is_refused_and_keeps_the_index(tmp_path, corpus, monkeypatch):
    store = Store(tmp_path / "home")
    rebuild([corpus], store, CountingEmbedder())
    before = store.manifest()
    monkeypatch.setattr("index.build.extractor_version", lambda: "a-newer-extractor")
    _extra(corpus / "..", name="only_new.txt")
    with pytest.raises(WhosaidError, match="must be indexed again in full"):
        rebuild([corpus / ".." / "only_new.txt"], store, CountingEmbedder(), exact=False)
    assert Store(tmp_path / "home").manifest().articles == before.articles  # nothing dropped


def _unsaved(home) -> list[str]:
    """Collections of vectors whose Chroma log holds records their saved vector index lacks (what index/tidy.py
    finds; the catalog and the state, a few hundred bytes a record, are left to Chroma's own saves)."""
    from index.tidy import tidy

    return [n for n in tidy(home / "chroma")["unsaved"] if n.endswith(("_passages", "_quotes", "_contexts"))]


def test_an_update_in_place_keeps_nothing_twice_on_disk_and_a_new_process_answers(tmp_path, corpus):
    store, emb = Store(tmp_path / "home"), CountingEmbedder()
    rebuild([corpus], store, emb)
    _extra(corpus)
    bridge = corpus / "kestrelford_bridge.txt"
    bridge.write_text(bridge.read_text().replace("May 12", "June 9"))
    assert not rebuild([corpus], store, emb).full  # in place: one article added, one replaced
    fresh = Store(tmp_path / "fresh")
    rebuild([corpus], fresh, emb)
    assert _unsaved(tmp_path / "home") == [] and _unsaved(tmp_path / "fresh") == []
    assert store.disk_size() <= 1.1 * fresh.disk_size()  # issue 18: it was 1.17-1.34x, Chroma's log holding the changes
    reader = subprocess.run([sys.executable, "-c", READER, str(tmp_path / "home")], input=f"{LIND}\n{PUTIN}\n",
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            timeout=300)
    assert reader.stdout.split("\n")[:2] == ["Oskar Lind", "Vladimir Putin"]  # from the saved vector index alone


def test_what_a_killed_rebuild_left_in_chroma_s_log_is_saved_by_the_next_rebuild_even_with_nothing_to_do(
        tmp_path, corpus, monkeypatch):
    store, emb = Store(tmp_path / "home"), CountingEmbedder()
    rebuild([corpus], store, emb)
    _extra(corpus)
    with monkeypatch.context() as m:  # as a rebuild killed after its writes, before it saved them
        m.setattr(Store, "save", lambda *a, **k: None)
        rebuild([corpus], store, emb)
    assert "whosaid_g1_passages" in _unsaved(tmp_path / "home")
    r = rebuild([corpus], Store(tmp_path / "home"), emb)
    assert (r.added, r.changed, r.removed) == (0, 0, 0)
    assert _unsaved(tmp_path / "home") == []
    assert answer(LIND, store=Store(tmp_path / "home"), embedder=emb.inner).attributions[0].speaker_name == "Oskar Lind"


def test_articles_edited_and_edited_back_are_rewritten_in_place_and_the_home_does_not_grow(tmp_path, monkeypatch):
    """Chroma keeps a deleted record's place in its vector index for good, but reuses it for a record written again
    under the same id: an edit rewrites an article's records in place and deletes only those it no longer has."""
    monkeypatch.setattr("index.build.extractor_version", lambda: "this-extractor")  # one extractor throughout
    sys.path.insert(0, str(ROOT / "bench" / "stress"))
    from corpus import change, write_corpus

    feed = write_corpus(tmp_path / "a", 40)
    edited = write_corpus(tmp_path / "b", 40)
    assert change(edited) == 10  # a quarter of the articles, each with a sentence more
    store, emb = Store(tmp_path / "home"), CountingEmbedder()
    rebuild([feed], store, emb)
    first = store.disk_size()
    for folder in (edited, feed, edited, feed):
        r = rebuild([folder], store, emb)
        assert (r.changed, r.reused, r.full) == (10, 35, False)
    assert not [d for d in (r["document"] for r in store.get("passages")) if "correction was added" in d]
    assert store.disk_size() <= 1.05 * first  # deleted and written anew, the 10 articles' records made it 1.22x
    done = subprocess.run([sys.executable, "-m", "app.cli", "--home", str(tmp_path / "home"), "index", "check"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_writer_s_catalog_after_an_update_is_the_store_s(tmp_path, corpus):
    """The writing process keeps its catalog with only the changed articles read back: it must be what another
    process reads whole, after an article is added and one changed, then one removed (an unreadable file beside)."""
    store, emb = Store(tmp_path / "home"), CountingEmbedder()
    rebuild([corpus], store, emb)
    _extra(corpus)
    bridge = corpus / "kestrelford_bridge.txt"
    bridge.write_text(bridge.read_text().replace("May 12", "June 9"))
    (corpus / "empty.txt").write_text("   \n")
    for step in range(2):
        r = rebuild([corpus], store, emb)
        assert store.manifest().articles == Store(tmp_path / "home").manifest().articles
        assert store.manifest().counts == Store(tmp_path / "home").manifest().counts
        if step == 0:
            (corpus / "extra.txt").unlink()
    assert r.removed == 1 and len(store.manifest().articles) == 2
