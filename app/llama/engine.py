"""WhosaidQueryEngine: `answer()` as a llama-index query engine, its citations as source nodes in [n] order."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any, Iterator, Optional

from llama_index.core.base.response.schema import Response, StreamingResponse
from llama_index.core.query_engine import CustomQueryEngine

from ..ask import answer, stream_answer
from ..llm import as_llm
from ..models import Answer
from .nodes import source_nodes

__all__ = ["WhosaidQueryEngine", "response_metadata"]


def response_metadata(a: Answer) -> dict:
    """What a Response carries beside its text: found, attributions, unverified sentences, and how it was made."""
    return {"found": a.found, "attributions": [asdict(t) for t in a.attributions], "unverified": list(a.unverified),
            "notice": a.notice, "question": a.question, "answerer": a.answerer, "text": a.text}


class WhosaidQueryEngine(CustomQueryEngine):
    """`engine.query(q)`: whosaid's answer (extractive, or written by `llm` and checked against its sources).

    `home`/`store`/`embedder`: the index and the model, as for `answer()`; `speaker`, `source`, `since`, `until`
    narrow the search. `llm`: a llama-index LLM (wrapped in LlamaIndexLLM) or app/llm.py's LLM; given one, the
    answerer is "llm" unless `answerer` says otherwise. The Response's `source_nodes` are the answer's citations in
    [n] order (none for a refusal); its `metadata` holds `found`, `attributions`, `unverified`, `notice`.
    With `streaming=True`, a StreamingResponse: `response_gen` yields the text as it is written, and `source_nodes`
    and `metadata` are filled in when it is exhausted (`metadata["text"]` is then the checked text)."""

    home: Any = None  # a str or a Path
    store: Any = None
    embedder: Any = None
    llm: Any = None
    answerer: Optional[str] = None
    speaker: Optional[str] = None
    source: Optional[str] = None
    since: Optional[str] = None
    until: Optional[str] = None
    streaming: bool = False

    def _options(self) -> dict:
        llm = as_llm(self.llm)
        return {"home": self.home, "store": self.store, "embedder": self.embedder, "llm": llm,
                "answerer": self.answerer or ("llm" if llm is not None else None), "speaker": self.speaker,
                "source": self.source, "since": self.since, "until": self.until}

    def custom_query(self, query_str: str) -> Response | StreamingResponse:
        if self.streaming:
            return self._stream(query_str)
        a = answer(query_str, **self._options())
        return Response(a.text, source_nodes=source_nodes(a), metadata=response_metadata(a))

    def _stream(self, query_str: str) -> StreamingResponse:
        response = StreamingResponse(response_gen=iter(()), source_nodes=[], metadata=None)
        response.response_gen = self._tokens(stream_answer(query_str, **self._options()), response)
        return response

    @staticmethod
    def _tokens(items: Iterator[str | Answer], response: StreamingResponse) -> Iterator[str]:
        for item in items:
            if isinstance(item, Answer):
                response.source_nodes = source_nodes(item)
                response.metadata = response_metadata(item)
            elif item:
                yield item
