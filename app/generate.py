"""The LLM answerer: the extractive retrieval's sources → a prompt from prompts/ → the model → checked citations."""
from __future__ import annotations

import re
from typing import Iterator

from .extractive import PASSAGE_MIN, citation, extractive_answer
from .followup import as_messages
from .llm import LLM, as_llm
from .models import Answer, Citation
from .prompts import render
from .question import parse_question
from .retrieve import Retriever
from .verify import check_answer

__all__ = ["llm_stream", "rewrite_followup"]

_NOT_FOUND = "don't say"


def rewrite_followup(question: str, history, llm: LLM) -> str:
    """"What else did he say?" → "What else did Vladimir Putin say?", from the conversation."""
    turns = as_messages(history)[-6:]
    if not turns:
        return question
    conversation = "\n".join(f"{t['role']}: {t['content'][:600]}" for t in turns)
    text = llm.chat([{"role": "user", "content": render("llm/rewrite", conversation=conversation, question=question)}])
    line = text.strip().splitlines()[0].strip().strip('"') if text.strip() else ""
    return line or question


def _sources(question: str, retriever: Retriever) -> tuple[Answer, list[Citation]]:
    """The extractive answer (same retrieval, same refusal) and its citations plus the best other passages."""
    base = extractive_answer(question, retriever)
    sources = list(base.citations)
    if base.found:
        for p in retriever.passages(question, k=4):
            m = p.record
            if p.score < PASSAGE_MIN or any(c.article_id == m.article_id and c.char_start == m.char_start
                                            for c in sources):
                continue
            sources.append(citation(p, len(sources) + 1))
    return base, sources


def _messages(question: str, base: Answer, sources: list[Citation]) -> list[dict]:
    fenced = "\n".join(render("llm/source", n=c.n, title=c.title.replace('"', "'"), date=c.date,
                              passage=c.passage.replace("</source", "<\\/source")) for c in sources)
    lines = "\n".join(render("llm/statement", n=a.citations[0], speaker=a.speaker_name,
                             role=f", {a.speaker_role}" if a.speaker_role else "", cue=a.cue,
                             date=next((f", {c.date}" for c in sources if c.n == a.citations[0] and c.date), ""),
                             quote=a.quote.replace("\n", " ")) for a in base.attributions) or "(none)"
    return [{"role": "system", "content": render("llm/system")},
            {"role": "user", "content": render("llm/question", sources=fenced, statements=lines, question=question)}]


def llm_stream(question: str, retriever: Retriever, llm: LLM, history=None) -> Iterator[str | Answer]:
    """Yield the answer's text as the model writes it, then the checked Answer. Raises LLMError.
    `llm`: app/llm.py's LLM, or a llama-index LLM object (wrapped in app.llama's LlamaIndexLLM)."""
    llm = as_llm(llm)
    standalone = rewrite_followup(question, history, llm) if history else question
    base, sources = _sources(standalone, retriever)
    if not base.found:  # the articles don't say: no model call, no guess
        base.question, base.answerer = standalone, "llm"
        yield base.text
        yield base
        return
    parts = []
    for token in llm.stream(_messages(standalone, base, sources)):
        parts.append(token)
        yield token
    raw = "".join(parts).strip()
    if _NOT_FOUND in raw.replace("’", "'") and not re.search(r"\[\d+\]", raw):
        yield Answer(raw, False, question=standalone, answerer="llm")
        return
    text, cited, unverified = check_answer(raw, sources, base.attributions, parse_question(standalone).kind == "who")
    attributions = [a for a in base.attributions if set(a.citations) & {c.n for c in cited}]
    yield Answer(text, True, cited or sources, attributions, unverified=unverified, question=standalone,
                 answerer="llm")
