"""BM25 and the roster brought to a new index version from the changed articles alone are what a build from every
record gives: the same records found for the same words, in the same order with the same scores, and the same
speakers. Fictional people in fictional articles; the real model and Chroma in tmp_path."""
from __future__ import annotations

import shutil

import bm25s
import pytest

from index import Store, rebuild
from index import derived as derived_module
from index.lexical import Lexical, tokens
from index.roster import Roster

ARTICLES = {
    "harbour.txt": "Harbour fees rise\n\nPORT ELSWICK, May 2 — “The harbour fees will rise in June to pay for the "
                   "new breakwater,” said harbourmaster Ilse Varnholt.\n\nSkippers called the rise unfair. “We cannot "
                   "pay more for the same berth,” said skipper Tomas Brekk, who has fished from Port Elswick for "
                   "thirty years.\n",
    "library.txt": "Library to close on Sundays\n\nOSTRAVEL, May 3 — “The reading room will close on Sundays from July,"
                   "” said librarian Petra Holm. Councillor Anselm Wick said the council had no money left for "
                   "weekend staff.\n",
    "orchard.txt": "Orchard frost\n\nLINDQVALE, May 4 — “Half of the apple blossom was lost to the frost in one "
                   "night,” said grower Maren Tusk. The brook that waters the orchard froze at its edges.\n",
}
CHANGES = {  # one article changed, one removed (None), one added
    "harbour.txt": ARTICLES["harbour.txt"] + "\nCouncillor Mara Olsted said the fees would be reviewed in autumn, "
                                             "and that the breakwater would be finished before the winter storms.\n",
    "library.txt": None,
    "ferry.txt": "Ferry timetable cut\n\nPORT ELSWICK, May 5 — “The winter ferry timetable will lose two crossings,"
                 " and the road by the brook will close,” said ferry manager Jonas Brook. Passengers waited by the "
                 "brook and the berth for an hour.\n",
}
QUESTIONS = ["harbour fees breakwater", "berth", "ferry timetable crossings", "reading room Sundays",
             "apple blossom frost", "brook", "winter storms"]


def _write(corpus, articles):
    for name, text in articles.items():
        if text is None:
            (corpus / name).unlink()
        else:
            (corpus / name).write_text(text)


def _from_scratch(store: Store) -> tuple[dict[str, Lexical], Roster, dict]:
    """Every record read back and indexed again, the way the derived data was made before it was incremental,
    and bm25s's own index of the same words."""
    records = {kind: store.every(kind) for kind in ("passages", "quotes")}
    lexical = {k: Lexical.build([r["id"] for r in rs], [r["document"] for r in rs], [r["metadata"] for r in rs])
               for k, rs in records.items()}
    plain = {}
    for k, rs in records.items():
        plain[k] = bm25s.BM25()
        plain[k].index([tokens(r["document"]) or [""] for r in rs], show_progress=False)
    quotes = records["quotes"]
    return lexical, Roster.build([r["metadata"] for r in quotes], [r["document"] for r in quotes]), plain


def _assert_same(got, store: Store) -> None:
    lexical, roster, plain = _from_scratch(store)
    for kind, lex in lexical.items():
        mine = got.lexical[kind]
        assert mine.ids == lex.ids
        assert all((mine.fields[f] == lex.fields[f]).all() for f in lex.fields)
        assert mine.idf == lex.idf
        for q in QUESTIONS:
            assert mine.search(q, k=5) == lex.search(q, k=5), (kind, q)
            found = plain[kind].retrieve([tokens(q)], k=min(5, len(lex.ids)), show_progress=False)
            expected = [(lex.ids[d], float(s)) for d, s in zip(found.documents[0], found.scores[0]) if s > 0]
            assert mine.search(q, k=5) == expected, (kind, q)  # bm25s's own scores, to the last bit
    quotes, again = got.lexical["quotes"], lexical["quotes"]
    assert quotes.search("berth", mask=quotes.mask(speaker_key="brekk")) == again.search(
        "berth", mask=again.mask(speaker_key="brekk")) != []
    assert got.roster.entries == roster.entries and got.roster.common == roster.common


@pytest.fixture
def built(tmp_path, embedder):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    _write(corpus, ARTICLES)
    store = Store(tmp_path / "home")
    rebuild([corpus], store, embedder)
    store.derived()
    return corpus, store


def _reads(store: Store, monkeypatch) -> list:
    calls = []
    inner = store.records_of

    def spy(kind, article_ids):
        calls.append((kind, None if article_ids is None else sorted(article_ids)))
        return inner(kind, article_ids)

    monkeypatch.setattr(store, "records_of", spy)
    return calls


def test_an_update_reads_back_only_the_changed_articles_and_matches_a_full_rebuild(built, embedder, monkeypatch):
    corpus, store = built
    _assert_same(store.derived(), store)  # the first version, built from every record
    _write(corpus, CHANGES)
    reads = _reads(store, monkeypatch)
    rebuild([corpus], store, embedder)
    got = store.derived()
    changed = sorted(a for a, e in store.manifest().articles.items() if "harbour" in e["path"] or "ferry" in e["path"])
    assert reads and all(ids == changed for _, ids in reads)
    _assert_same(got, store)
    assert [e.name for e in got.roster.named("olsted")] == ["Mara Olsted"]  # the changed article's new speaker
    assert not got.roster.named("holm")  # the removed article's speaker is gone
    assert "brook" in got.roster.common  # in what is quoted, "brook" is a word, not Mr. Brook
    assert got.lexical["passages"].search("reading room Sundays") == []


def test_a_replica_updates_from_the_saved_parts_of_its_last_version(built, embedder, monkeypatch):
    """A replica (another process, its own cache, as with a Chroma server) holds the version it last answered
    from; at the next version it reads back only the articles that changed."""
    corpus, store = built
    cache = store.home / "lexical"
    kept = {d.name: d.rename(cache.parent / f"kept-{d.name}") for d in list(cache.iterdir())}
    _write(corpus, CHANGES)
    rebuild([corpus], store, embedder)
    shutil.rmtree(cache)
    cache.mkdir()
    for name, d in kept.items():
        d.rename(cache / name)
    monkeypatch.setattr(derived_module, "_last", {})
    replica = Store(store.home)
    reads = _reads(replica, monkeypatch)
    got = replica.derived()
    assert reads and all(ids is not None and len(ids) == 2 for _, ids in reads)
    _assert_same(got, replica)


def test_damaged_parts_mean_one_full_read_not_a_wrong_index(built, embedder, monkeypatch):
    corpus, store = built
    damaged = list((store.home / "lexical").glob("*/parts/parts.json"))
    assert damaged
    for f in damaged:
        f.write_text("{not json")
    monkeypatch.setattr(derived_module, "_last", {})
    _write(corpus, CHANGES)
    reads = _reads(store, monkeypatch)
    rebuild([corpus], store, embedder)
    got = store.derived()
    assert reads and all(ids is None for _, ids in reads)
    _assert_same(got, store)
