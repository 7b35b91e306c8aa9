"""answer(question) -> Answer: the public entry point; picks the store, the model and the answerer."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from index import Embedder, Store, get_embedder
from index.errors import IndexChanged

from .config import load_config
from .errors import ConfigError, LLMError
from .extractive import extractive_answer
from .filters import Filters
from .followup import followup_answer
from .inputs import clean_history, clean_optional, clean_question
from .models import Answer
from .retrieve import Retriever
from .stores import open_store

__all__ = ["answer", "stream_answer", "open_store"]


def _llm(cfg, llm):
    from .llm import LLM

    return llm or LLM(cfg.llm_model, cfg.openai_base_url, cfg.openai_api_key, cfg.llm_timeout,
                      max_tokens=cfg.llm_max_tokens)


def stream_answer(question: str, *, home: str | Path | None = None, store: Store | None = None,
                  embedder: Embedder | None = None, answerer: str | None = None, history=None,
                  llm=None, speaker: str | None = None, source: str | None = None, since=None,
                  until=None) -> Iterator[str | Answer]:
    """Yield the answer's text as it is written, then the finished Answer (always the last item).
    `answerer`: auto | extractive | llm (default: WHOSAID_ANSWERER); `history`: the chat so far, for follow-ups
    (Gradio messages, (user, assistant) pairs, or the previous Answer objects: these give the extractive answerer
    the previous speaker and sources without reading them back from text);
    `speaker`, `source`, `since`, `until` (YYYY-MM-DD, inclusive) narrow what is searched."""
    cfg = load_config(home=home)
    question = clean_question(question, cfg.max_question_chars)  # normalised and bounded, as articles are
    history = clean_history(history)
    filters = Filters.of(clean_optional(speaker), clean_optional(source), since, until)
    choice = (answerer or cfg.answerer).lower()
    if choice not in ("auto", "extractive", "llm"):
        raise ConfigError(f"The answerer must be auto, extractive or llm, not {choice!r}")
    store = store or open_store(home)
    live = store.manifest()  # raises NoIndexError before any model is loaded
    embedder = embedder or get_embedder()
    follow = getattr(embedder, "for_index", None)  # questions embedded as the index was (int8 with int8)
    retriever = Retriever(store, follow(live.backend) if follow else embedder, filters)
    if choice == "llm" or (choice == "auto" and (llm is not None or cfg.use_llm)):
        from .generate import llm_stream

        streamed = False
        try:
            for item in llm_stream(question, retriever, _llm(cfg, llm), history):
                streamed = streamed or isinstance(item, str)
                yield item
            return
        except LLMError as e:
            a = _extractive(question, retriever, history)
            a.notice = f"The language model failed: {e.reason}; showing the extractive answer."
            yield ("\n\n" if streamed else "") + a.text
            yield a
            return
    a = _extractive(question, retriever, history)
    yield a.text
    yield a


def _extractive(question: str, retriever: Retriever, history) -> Answer:
    """The extractive answer, read again once if a rebuild changed the index while it was being read."""
    try:
        return _extractive_once(question, retriever, history)
    except IndexChanged:
        retriever.store.manifest()
        return _extractive_once(question, Retriever(retriever.store, retriever.embedder, retriever.filters), history)


def _extractive_once(question: str, retriever: Retriever, history) -> Answer:
    """The extractive answer; a follow-up is first made standalone (no model), and that is Answer.question."""
    if history:
        return followup_answer(question, history, retriever)
    a = extractive_answer(question, retriever)
    a.question = question
    return a


def answer(question: str, *, home: str | Path | None = None, store: Store | None = None,
           embedder: Embedder | None = None, answerer: str | None = None, history=None, llm=None,
           speaker: str | None = None, source: str | None = None, since=None, until=None) -> Answer:
    """Answer `question` from the index at `home` (default: WHOSAID_HOME, else ./.whosaid), optionally only from
    `speaker`'s statements, articles of `source`, or articles dated `since`..`until` (YYYY-MM-DD, inclusive)."""
    final = None
    for final in stream_answer(question, home=home, store=store, embedder=embedder, answerer=answerer,
                               history=history, llm=llm, speaker=speaker, source=source, since=since, until=until):
        pass
    return final
