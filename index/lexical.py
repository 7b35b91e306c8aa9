"""Lexical search (BM25 via bm25s) over one index generation's passages or quotes, saved beside Chroma."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["Lexical", "tokens", "day_number"]

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
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
    words = [w.replace("’", "'").split("'")[0] for w in _WORD.findall(text.lower())]
    return _stemmer().stemWords([w for w in words if w and w not in _STOP])


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
        import bm25s

        bm25 = bm25s.BM25()
        bm25.index([tokens(d) or [""] for d in docs] or [["-"]], show_progress=False)  # none: a stand-in, never found
        fields = {f: np.array([str(m.get(f, "")) for m in metas]) for f in FIELDS if f != "day"}
        fields["day"] = np.array([day_number(m.get("date", "")) for m in metas], dtype=np.int64)
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

    def coverage(self, question: str, text: str) -> float:
        """Share of the question's words found in `text`, each weighted by its rarity (idf); a word the index
        has never seen weighs most."""
        q, found = set(tokens(question)), set(tokens(text))
        if not q:
            return 0.0
        top = float(np.log1p(max(1, len(self.ids))))
        weights = {w: self.idf.get(w, top) for w in q}
        return sum(v for w, v in weights.items() if w in found) / sum(weights.values())

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
