"""Lexical search (BM25 via bm25s) over one index generation's passages or quotes, saved beside Chroma."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

__all__ = ["Lexical", "tokens", "day_number"]

_WORD = re.compile(r"([a-z0-9]+)(?:['’][a-z]+)?")  # a word, its "'s" or "’ll" dropped
_STOP = frozenset("""a an and are as at be been but by for from had has have he her his i if in into is it its me my
no not of on or our she so than that the their them then there these they this those to us was we were what when
where which who will with would you your""".split())
FIELDS = ("source", "day", "speaker_key")  # kept beside the index so filters need no round trip


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed words without stop words ("Clinton's" and "clinton" meet)."""
    return _stemmer().stemWords([w for w in _WORD.findall(text.lower()) if w not in _STOP])


def day_number(date: str) -> int:
    """'2016-10-04' -> 20161004; 0 when the date is missing or not ISO (no date filter will match it)."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", date or "")
    return int("".join(m.groups())) if m else 0


class Lexical:
    """A BM25 index over records, with the ids and filterable fields of each record in the same order."""

    def __init__(self, bm25, ids: list[str], fields: dict[str, np.ndarray]):
        self.bm25, self.ids, self.fields = bm25, ids, fields

    @classmethod
    def build(cls, ids: list[str], docs: list[str], metas: list[dict]) -> "Lexical":
        """From records' ids, texts and metadata, in the order their ids sort in."""
        vocab: dict[str, int] = {}
        words = [tokens(d) for d in docs]
        flat = np.array([vocab.setdefault(t, len(vocab)) for w in words for t in w], dtype=np.int64)
        columns = {f: [m.get(f, "") for m in metas] for f in ("source", "date", "speaker_key")}
        return cls.from_token_ids(ids, flat, [len(w) for w in words], list(vocab), columns)

    @classmethod
    def from_token_ids(cls, ids: list[str], flat: np.ndarray, lens, vocab: list[str],
                       columns: dict[str, list]) -> "Lexical":
        """From records already tokenized: record i's words are `vocab[t]` for the `lens[i]` ids `t` that follow
        record i-1's in `flat`; `columns`: their metadata "source", "date" and "speaker_key" (missing: ""). What an
        incremental update re-indexes; the same index as `build` on the texts."""
        flat, lens, words = _compact(np.asarray(flat, dtype=np.int64), np.asarray(lens, dtype=np.int64), vocab)
        if not len(lens):  # no records: a stand-in, never found
            flat, lens, words = np.zeros(1, np.int64), np.ones(1, np.int64), {"-": 0}
        bm25 = _bm25_class()()
        bm25.index_flat(flat, lens, words)
        fields = {f: np.array([str(v) for v in columns[f]]) for f in FIELDS if f != "day"}
        fields["day"] = np.array([day_number(d) for d in columns["date"]], dtype=np.int64)
        return cls(bm25, list(ids), fields)

    def save(self, where: Path) -> None:
        where.mkdir(parents=True, exist_ok=True)
        self.bm25.save(str(where), show_progress=False)
        (where / "records.json").write_text(json.dumps(
            {"ids": self.ids, **{f: v.tolist() for f, v in self.fields.items()}}, ensure_ascii=False))

    @classmethod
    def load(cls, where: Path) -> "Lexical":
        import bm25s

        bm25 = bm25s.BM25.load(str(where), show_progress=False, verbosity=0)
        data = json.loads((where / "records.json").read_text())
        fields = {f: np.array(data[f], dtype=np.int64 if f == "day" else None) for f in FIELDS}
        return cls(bm25, data["ids"], fields)

    @property
    def idf(self) -> dict[str, float]:
        """log(1 + N / document frequency) per indexed word."""
        if not hasattr(self, "_idf"):
            df = np.diff(self.bm25.scores["indptr"])
            n = max(1, len(self.ids))
            self._idf = {w: float(np.log1p(n / max(1, df[i] if i < len(df) else 0)))
                         for w, i in self.bm25.vocab_dict.items() if w}
        return self._idf

    def coverage(self, question: str, text: str, misspelt: bool = False) -> float:
        """Share of the question's words found in `text`, each weighted by its rarity (idf); a word the index
        has never seen weighs most. `misspelt`: a word of six letters or more one letter away from a word of `text`
        counts as found (a quotation typed from memory: "fishermen" for "fisherman")."""
        q, found = set(tokens(question)), set(tokens(text))
        if not q:
            return 0.0
        top = float(np.log1p(max(1, len(self.ids))))
        weights = {w: self.idf.get(w, top) for w in q}
        held = lambda w: w in found or (misspelt and len(w) >= 6 and any(_one_apart(w, f) for f in found))  # noqa: E731
        return sum(v for w, v in weights.items() if held(w)) / sum(weights.values())

    def mask(self, source: str = "", since: int = 0, until: int = 0, speaker_key: str = "") -> np.ndarray | None:
        """1 for records passing every filter given; None when no filter is given."""
        keep = np.ones(len(self.ids), dtype=bool)
        if source:
            keep &= np.char.lower(self.fields["source"].astype(str)) == source.lower()
        if speaker_key:
            keep &= self.fields["speaker_key"] == speaker_key
        if since:
            keep &= self.fields["day"] >= since
        if until:
            keep &= self.fields["day"] <= until
        return keep.astype(np.float32) if (source or speaker_key or since or until) else None

    def search(self, text: str, k: int = 20, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """(id, BM25 score) best first; records sharing no word with `text` are left out."""
        q = tokens(text)
        if not q or not self.ids:
            return []
        docs, scores = self.bm25.retrieve([q], k=min(k, len(self.ids)), show_progress=False, weight_mask=mask,
                                          n_threads=1)
        return [(self.ids[d], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]


def _compact(flat: np.ndarray, lens: np.ndarray, vocab: list[str]) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """The records' token ids renumbered over the words they use (a record without words gets the word "", as
    bm25s gives it), their counts, and those words' {word: id}."""
    used = np.flatnonzero(np.bincount(flat, minlength=len(vocab)))
    renumber = np.zeros(len(vocab), dtype=np.int64)
    renumber[used] = np.arange(len(used))
    flat = renumber[flat]
    words = {vocab[t]: i for i, t in enumerate(used.tolist())}
    if (lens == 0).any():
        empty = words.setdefault("", len(words))
        flat, lens = np.insert(flat, np.cumsum(lens)[lens == 0], empty), np.where(lens == 0, 1, lens)
    return flat, lens, words


@lru_cache(maxsize=1)
def _bm25_class():
    """bm25s.BM25 with its per-document scoring loop done in numpy over all documents at once, from flat arrays of
    token ids: the same float32 scores (the same formulas, in the same precision), ~10x faster, for the default
    method (lucene)."""
    import bm25s

    class FastBM25(bm25s.BM25):
        def index_flat(self, flat: np.ndarray, lens: np.ndarray, vocab: dict[str, int]) -> None:
            """What `index((docs, vocab))` does, for documents given as their token ids one after another."""
            self.scores = _scores(self, flat, lens, len(vocab))
            self.vocab_dict = dict(vocab)
            self.vocab_dict.setdefault("", max(vocab.values()) + 1)  # as bm25s's create_empty_token does
            self.unique_token_ids_set = set(self.vocab_dict.values())

        def build_index_from_ids(self, unique_token_ids, corpus_token_ids, show_progress=True, leave_progress=False):
            if self.method in self.methods_requiring_nonoccurrence or self.csc_backend != "numpy":
                return super().build_index_from_ids(unique_token_ids, corpus_token_ids, show_progress, leave_progress)
            lens = np.fromiter(map(len, corpus_token_ids), dtype=np.int64, count=len(corpus_token_ids))
            flat = np.fromiter(chain.from_iterable(corpus_token_ids), dtype=np.int64, count=int(lens.sum()))
            return _scores(self, flat, lens, len(unique_token_ids))

    return FastBM25


def _scores(bm25, flat: np.ndarray, lens: np.ndarray, n_vocab: int) -> dict:
    """bm25s's `build_index_from_ids` result (its scoring functions and CSC builder), computed for all documents at
    once."""
    from bm25s.scoring import _select_idf_scorer, _select_tfc_scorer

    bm25.nonoccurrence_array = None
    n_docs = len(lens)
    pairs, tf = np.unique(np.repeat(np.arange(n_docs, dtype=np.int64), lens) * n_vocab + flat,
                          return_counts=True)  # one entry per (document, word), documents in order
    doc, word = pairs // n_vocab, pairs % n_vocab
    df = np.bincount(word, minlength=n_vocab)
    idf_of = _select_idf_scorer(bm25.idf_method)
    idf = np.zeros(n_vocab, dtype=bm25.dtype)
    for f in np.unique(df[df > 0]).tolist():
        idf[df == f] = idf_of(f, N=n_docs)
    tfc = _select_tfc_scorer(bm25.method)(tf_array=tf.astype(bm25.dtype), l_d=lens[doc], l_avg=lens.mean(),
                                          k1=bm25.k1, b=bm25.b, delta=bm25.delta)
    scores = (idf[word] * tfc).astype(bm25.dtype)
    # The pairs come sorted by document, then word: a CSR matrix; scipy turns it into CSC (rows sorted in each
    # column, as bm25s's own builder sorts them) in linear time, where bm25s sorts all pairs (0.06 s of 0.11 on BBC).
    from scipy.sparse import csr_matrix

    indptr = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(np.bincount(doc, minlength=n_docs), out=indptr[1:])
    csc = csr_matrix((scores, word, indptr), shape=(n_docs, n_vocab)).tocsc()
    return {"data": csc.data.astype(bm25.dtype), "indices": csc.indices.astype(bm25.int_dtype),
            "indptr": csc.indptr.astype(np.int64), "num_docs": n_docs}


def _one_apart(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by one letter changed, added or dropped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]
