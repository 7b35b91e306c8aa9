"""Find quote records and passages for a question in the live index, and turn them into citations."""
from __future__ import annotations

import re
from dataclasses import dataclass

from index import Embedder, Store, StoreError, surname_key
from index.store import PASSAGES, QUOTES

__all__ = ["Retriever", "Hit", "content_words", "overlap"]

_STOP = set("""the a an and or of to in on at for by with from that this these those is are was were be been being it its
as about into over than then there their they them he she his her him we our you your i who what which when where why how
would could should will can may might must has have had do does did not no nor but if so such said says say told warned
stated claimed according whom""".split())


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9][a-z0-9'’-]*", text.lower()) if w not in _STOP and len(w) > 2}


def overlap(question: str, text: str) -> float:
    """Share of the question's content words found in `text`."""
    q = content_words(question)
    return len(q & content_words(text)) / len(q) if q else 0.0


@dataclass
class Hit:
    id: str
    document: str
    metadata: dict
    score: float  # cosine similarity to the query


class Retriever:
    """Thin functions over one Store and one Embedder (both injectable)."""

    def __init__(self, store: Store, embedder: Embedder):
        self.store, self.embedder = store, embedder
        self._vectors: dict[str, list[float]] = {}  # one question may be searched in quotes, then passages

    def _embed(self, text: str) -> list[float]:
        if text not in self._vectors:
            self._vectors[text] = self.embedder.embed([text])[0]
        return self._vectors[text]

    def quotes(self, text: str, k: int = 8) -> list[Hit]:
        return [Hit(**r) for r in self.store.query(QUOTES, self._embed(text), k)]

    def passages(self, text: str, k: int = 5) -> list[Hit]:
        return [Hit(**r) for r in self.store.query(PASSAGES, self._embed(text), k)]

    def statements_by(self, speaker: str, topic: str = "") -> list[Hit]:
        """Every quote whose speaker is `speaker`, in any form of the name; ranked by `topic` if given."""
        key = surname_key(speaker)
        if not key:
            return []
        recs = self.store.get(QUOTES, where={"speaker_key": key}, embeddings=bool(topic))
        given = [w.lower() for w in speaker.split()[:-1] if w[:1].isupper()]
        if given:  # "Hillary Clinton" must not bring back Bill Clinton's words
            recs = [r for r in recs if len(r["metadata"]["speaker_name"].split()) < 2
                    or set(given) & {w.lower() for w in r["metadata"]["speaker_name"].split()[:-1]}]
        if topic:
            t = self._embed(topic)
            hits = [Hit(r["id"], r["document"], r["metadata"], sum(a * b for a, b in zip(t, r["embedding"])))
                    for r in recs]
            return sorted(hits, key=lambda h: -h.score)
        hits = [Hit(r["id"], r["document"], r["metadata"], 1.0) for r in recs]
        return sorted(hits, key=lambda h: (h.metadata["date"], h.metadata["article_id"], h.metadata["content_start"]))

    def mentions(self, name: str, k: int = 3) -> list[Hit]:
        """Passages naming `name` (its last word, as written)."""
        last = name.split()[-1] if name.split() else ""
        if not last:
            return []
        return [Hit(**r, score=1.0) for r in self.store.get(PASSAGES, contains=last, limit=k)]

    def passage_for(self, quote: Hit) -> Hit:
        """The passage a quote record lives in."""
        m = quote.metadata
        recs = self.store.get(PASSAGES, ids=[f"{m['article_id']}#{m['chunk_n']}"])
        if not recs:
            raise StoreError(f"The index at {self.store.where} is damaged (a passage is missing): rebuild it")
        return Hit(recs[0]["id"], recs[0]["document"], recs[0]["metadata"], quote.score)
