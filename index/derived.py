"""What is derived from the records, not stored in Chroma: the BM25 indexes and the speaker roster, cached per index
version and brought to a new version by re-reading only the articles that changed."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import orjson

from .lexical import Lexical, tokens
from .roster import Roster, word_counts

__all__ = ["Derived", "Parts", "derive"]

PASSAGES, QUOTES = "passages", "quotes"
# The metadata each kind's derived indexes read (Lexical's filter fields; for statements, the roster's too).
_COLUMNS = {PASSAGES: ("article_id", "source", "date", "speaker_key"),
            QUOTES: ("article_id", "source", "date", "speaker_key", "speaker_name", "speaker_type", "speaker_role",
                     "document")}
_PARTS = "parts"  # in a version's folder: what the next version is updated from
Fetch = Callable[[str, "list[str] | None"], Iterable[dict]]  # (kind, article ids or None for all) -> raw records


class Derived:
    """BM25 over passages and statements, and the roster, for one version of one index."""

    def __init__(self, lexical: dict[str, Lexical], roster: Roster):
        self.lexical, self.roster = lexical, roster

    @classmethod
    def build(cls, records: dict[str, list[dict]]) -> "Derived":
        """From every passage and statement record ({id, document, metadata})."""
        return Parts().update({}, lambda kind, _: records[kind], every=True).derived()

    def save(self, where: Path, parts: "Parts | None" = None) -> None:
        """Written aside and renamed into place: a reader never sees half of it."""
        where.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=where.parent, prefix=".building-"))
        for kind, lex in self.lexical.items():
            lex.save(tmp / kind)
        self.roster.save(tmp / "roster.json")
        if parts is not None:
            parts.save(tmp / _PARTS)
        try:
            os.replace(tmp, where)
        except OSError:  # another process saved the same version first
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, where: Path) -> "Derived":
        return cls({kind: Lexical.load(where / kind) for kind in (PASSAGES, QUOTES)}, Roster.load(where / "roster.json"))


class Table:
    """One kind's records as the derived indexes read them, sorted by id: a few metadata columns, and each
    record's words (`lens[i]` ids into the shared vocabulary, one after another in `flat`)."""

    def __init__(self, ids: list[str], cols: dict[str, list], flat: np.ndarray, lens: np.ndarray):
        self.ids, self.cols, self.flat, self.lens = ids, cols, flat, lens

    @classmethod
    def empty(cls, kind: str) -> "Table":
        return cls([], {c: [] for c in _COLUMNS[kind]}, np.zeros(0, np.int32), np.zeros(0, np.int64))

    def without(self, articles: set[str]) -> "Table":
        if not articles:
            return self
        keep = np.array([a not in articles for a in self.cols["article_id"]], dtype=bool)
        pick = keep.tolist()
        return Table([i for i, k in zip(self.ids, pick) if k], {c: [v for v, k in zip(vs, pick) if k]
                                                                 for c, vs in self.cols.items()},
                     self.flat[np.repeat(keep, self.lens)], self.lens[keep])

    def plus(self, records: Iterable[dict], vocab: dict[str, int], articles: set[str] | None) -> "Table":
        """With `records` (raw: {id, document, metadata}) of `articles` (None: of any article) added, sorted by id."""
        ids, cols, flats, lens = list(self.ids), {c: list(v) for c, v in self.cols.items()}, [self.flat], [self.lens]
        for r in records:
            m = r["metadata"]
            if articles is not None and m.get("article_id", "") not in articles:
                continue  # an article being written, not yet in the catalog
            words = [vocab.setdefault(t, len(vocab)) for t in tokens(r["document"])]
            ids.append(r["id"])
            for c, vs in cols.items():
                vs.append(r["document"] if c == "document" else m.get(c, ""))
            flats.append(np.array(words, dtype=np.int32))
            lens.append(np.array([len(words)], dtype=np.int64))
        return Table(ids, cols, np.concatenate(flats), np.concatenate(lens))._sorted()

    def _sorted(self) -> "Table":
        order = sorted(range(len(self.ids)), key=self.ids.__getitem__)
        if order == list(range(len(order))):
            return self
        starts = np.concatenate([[0], np.cumsum(self.lens)[:-1]]).astype(np.int64)
        lens = self.lens[order]
        at = np.repeat(starts[order] - np.concatenate([[0], np.cumsum(lens)[:-1]]), lens)
        flat = self.flat[at + np.arange(len(at))] if len(at) else self.flat
        cols = {c: [vs[i] for i in order] for c, vs in self.cols.items()}
        return Table([self.ids[i] for i in order], cols, flat, lens)


class Parts:
    """What the derived indexes are made of, per article: the catalog entry each article's records were read
    at, the records' rows (`Table`) and the shared vocabulary. A new version is the old one without the articles
    whose entry changed or that left, plus the records of those that changed or came, read from the store."""

    def __init__(self, articles: dict[str, str] | None = None, vocab: list[str] | None = None,
                 tables: dict[str, Table] | None = None, words: Counter | None = None):
        self.articles = articles or {}
        self.vocab = vocab or []
        self.tables = tables or {kind: Table.empty(kind) for kind in _COLUMNS}
        self.words = words or Counter()  # the roster's word counts over the statements

    def update(self, catalog: dict[str, dict], fetch: Fetch, every: bool = False) -> "Parts":
        """The parts for the index whose catalog (article id -> entry) is `catalog`; `every`: take every record
        `fetch` gives, whatever the catalog says (records handed over as they are)."""
        marks = {a: json.dumps(e, sort_keys=True, default=str) for a, e in catalog.items()}
        stale = {a for a, m in self.articles.items() if marks.get(a) != m}
        fresh = sorted(a for a, m in marks.items() if self.articles.get(a) != m)
        vocab = {w: i for i, w in enumerate(self.vocab)}
        whole = every or not self.articles  # nothing to start from: read everything once, page by page
        tables = {}
        for kind, table in self.tables.items():
            if not fresh and not whole:
                tables[kind] = table.without(stale)
            else:
                tables[kind] = table.without(stale).plus(fetch(kind, None if whole else fresh), vocab,
                                                         None if every else set(fresh))
        words = _statement_words(tables[QUOTES], None) if whole else (
            self.words - _statement_words(self.tables[QUOTES], stale) + _statement_words(tables[QUOTES], set(fresh)))
        return Parts(marks, list(vocab), tables, words)

    def derived(self) -> Derived:
        lex = {kind: Lexical.from_token_ids(t.ids, t.flat, t.lens, self.vocab, t.cols)
               for kind, t in self.tables.items()}
        return Derived(lex, Roster.from_columns(self.tables[QUOTES].cols, self.words))

    def save(self, where: Path) -> None:
        where.mkdir(parents=True, exist_ok=True)
        data = {"articles": self.articles, "vocab": self.vocab, "words": self.words,
                "tables": {k: {"ids": t.ids, "cols": t.cols} for k, t in self.tables.items()}}
        (where / "parts.json").write_bytes(orjson.dumps(data))  # 4x json's speed: 0.09 s of a one-article update
        np.savez(where / "words.npz", **{f"{k}_{a}": getattr(t, a) for k, t in self.tables.items()
                                         for a in ("flat", "lens")})

    @classmethod
    def load(cls, where: Path) -> "Parts":
        data = orjson.loads((where / "parts.json").read_bytes())
        with np.load(where / "words.npz") as words:
            tables = {k: Table(t["ids"], t["cols"], words[f"{k}_flat"], words[f"{k}_lens"])
                      for k, t in data["tables"].items()}
        if set(tables) != set(_COLUMNS) or any(list(t.cols) != list(_COLUMNS[k]) for k, t in tables.items()):
            raise ValueError(f"parts of another layout in {where}")
        return cls(data["articles"], data["vocab"], tables, Counter(data["words"]))


def _statement_words(table: Table, articles: set[str] | None) -> Counter:
    """Word counts over the statements of `articles` (None: of all)."""
    docs = table.cols["document"]
    return word_counts(docs if articles is None else
                       (d for a, d in zip(table.cols["article_id"], docs) if a in articles))


_last: dict[str, tuple[str, Parts]] = {}  # per cache folder: the newest parts this process made (key, parts)
_last_lock = threading.Lock()


def _series(key: str) -> tuple[str, int]:
    """'uid-g3-v12' -> ('uid-g3', 12): versions of one generation of one index share their records' making."""
    head, _, version = key.rpartition("-v")
    return head, int(version) if version.isdigit() else -1


def _base(cache: Path, key: str) -> Parts:
    """The parts of the newest earlier version of the same generation: kept by this process, else saved in the
    cache; else none (everything is read once)."""
    series = _series(key)[0]
    with _last_lock:
        kept = _last.get(str(cache))
    if kept and _series(kept[0])[0] == series:
        return kept[1]
    saved = [d for d in cache.glob(f"{series}-v*") if (d / _PARTS / "parts.json").is_file()] if cache.is_dir() else []
    for d in sorted(saved, key=lambda d: -_series(d.name)[1]):
        try:
            return Parts.load(d / _PARTS)
        except (OSError, ValueError, KeyError, TypeError):
            continue  # removed meanwhile by another process, or damaged
    return Parts()


def derive(cache: Path, key: str, catalog: dict[str, dict], fetch: Fetch) -> Derived:
    """The derived data for index version `key` (uid-g{generation}-v{version}) whose catalog is `catalog`:
    loaded from `cache/key` when saved there, else updated from an earlier version's parts (records read back
    only for the articles whose catalog entry changed), saved, and older versions removed."""
    where = cache / key
    if (where / "roster.json").is_file():
        try:
            return Derived.load(where)
        except (OSError, ValueError, KeyError, TypeError):
            shutil.rmtree(where, ignore_errors=True)  # damaged: made again below
    parts = _base(cache, key).update(catalog, fetch)
    derived = parts.derived()
    with _last_lock:
        _last[str(cache)] = (key, parts)
    try:
        derived.save(where, parts)
        for old in cache.iterdir():
            if old.name != key and not old.name.startswith(".building-"):
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass  # a home we can't write to: the version is kept in memory only
    return derived
