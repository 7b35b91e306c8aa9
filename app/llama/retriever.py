"""WhosaidRetriever: whosaid's hybrid search (dense + BM25, fused), with its filters, as a llama-index retriever."""
from __future__ import annotations

from pathlib import Path

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle

from index import Embedder, Store, get_embedder
from index.errors import IndexChanged
from index.store import QUOTES

from ..ask import open_store
from ..filters import Filters
from ..retrieve import Hit, Retriever
from .nodes import passage_node, statement_node

__all__ = ["WhosaidRetriever"]


class WhosaidRetriever(BaseRetriever):
    """Statements (who said it, in which passage) and passages for a query, best first, at most `k` of each.

    `home` (or `store`) is a whosaid index; `speaker`, `source`, `since`, `until` (YYYY-MM-DD, inclusive) narrow
    every search as `whosaid ask` does, and are checked at once (a FilterError names the known sources or the
    closest speakers). With `speaker`, only that person's statements come back. A passage that a statement already
    brought back is not returned a second time."""

    def __init__(self, home: str | Path | None = None, *, store: Store | None = None,
                 embedder: Embedder | None = None, k: int = 5, speaker: str | None = None,
                 source: str | None = None, since=None, until=None, **kwargs):
        super().__init__(**kwargs)
        self.store = store or open_store(home)
        live = self.store.manifest()  # raises NoIndexError now, not at the first query
        self.embedder = embedder or get_embedder()
        if hasattr(self.embedder, "for_index"):  # questions embedded as the index was (int8 with int8)
            self.embedder = self.embedder.for_index(live.backend)
        self.k = k
        self.filters = Retriever(self.store, self.embedder, Filters.of(speaker, source, since, until)).filters

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        try:
            return self._nodes(query_bundle.query_str)
        except IndexChanged:  # a rebuild switched the index while it was read: read the new one
            self.store.manifest()
            return self._nodes(query_bundle.query_str)

    def _nodes(self, text: str) -> list[NodeWithScore]:
        r = Retriever(self.store, self.embedder, self.filters)  # one per query: its caches last one question
        statements, passages = r.search(QUOTES, text, self.k), r.passages(text, self.k)
        ranked = sorted([(h.fused, 0, i, h) for i, h in enumerate(statements)]
                        + [(h.fused, 1, i, h) for i, h in enumerate(passages)], key=lambda t: (-t[0], t[1], t[2]))
        nodes, shown = [], set()
        for _, is_passage, _, hit in ranked:
            if is_passage and hit.id in shown:
                continue
            shown.add(hit.id if is_passage else hit.record.passage_id)
            nodes.append(self._passage(hit) if is_passage else self._statement(r, hit))
        return nodes

    @staticmethod
    def _passage(hit: Hit) -> NodeWithScore:
        return passage_node(hit.record, hit.score)

    @staticmethod
    def _statement(r: Retriever, hit: Hit) -> NodeWithScore:
        return statement_node(hit.record, r.passage_for(hit).record, hit.score)
