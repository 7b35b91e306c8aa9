"""The LLM answerer: the extractive retrieval's sources → a fenced prompt from prompts/ → the model, within one time
budget → its reply shown only when a cited source supports it, else the extractive answer with a notice."""
from __future__ import annotations

import re
import time
from functools import lru_cache
from typing import Iterator

from .errors import LLMError
from .extractive import PASSAGE_MIN, citation, extractive_answer
from .conversation import as_messages
from .followup import index_speakers, resolve_followup
from .llm import LLM, as_llm
from .models import Answer, Citation
from .prompts import fence_attr, fence_text, has_fence, render
from .question import parse_question
from .retrieve import Retriever
from .verify import check_answer, supported

__all__ = ["llm_stream", "rewrite_followup", "UNCHECKED"]

REFUSAL = "The indexed articles don't say."  # what the instructions ask for when the sources don't answer
_REFUSAL_EXTRA_WORDS = 12  # a refusal may add a short reason; a longer reply is checked like any other
UNCHECKED = "The language model's answer could not be checked against the sources; showing the extractive answer."
# The follow-up rewrite is one short question: it gets a quarter of the answer's time budget (the answer keeps the
# rest) and 48 tokens (a 40-word question; the rewrites in our tests are 6-12 words).
REWRITE_SHARE = 0.25
REWRITE_MAX_TOKENS = 48
_LABEL = re.compile(r"^\s*(?:standalone\s+)?(?:question|rewritten(?:\s+question)?)\s*:\s*", re.I)
_ROLE = re.compile(r"^\s*(?:user|assistant|system)\s*:", re.I)


def _bounded(llm, **kw) -> dict:
    """The budget arguments app's LLM takes (a llama-index model bounds itself)."""
    return kw if isinstance(llm, LLM) else {}


def rewrite_followup(question: str, history, llm: LLM, retriever: Retriever | None = None) -> str:
    """"What else did he say?" → "What else did Vladimir Putin say?", from the conversation, by the model; when the
    model fails or writes something that is no question, the rules of app/followup.py resolve it instead."""
    turns = as_messages(history)[-6:]
    if not turns:
        return question
    conversation = "\n".join(f"{t['role']}: {fence_text(t['content'][:600])}" for t in turns)
    messages = [{"role": "user", "content": render("llm/rewrite", conversation=conversation, question=question)}]
    deadline = time.monotonic() + REWRITE_SHARE * llm.timeout if isinstance(llm, LLM) else None
    try:
        text = llm.chat(messages, **_bounded(llm, max_tokens=REWRITE_MAX_TOKENS, deadline=deadline))
    except LLMError:
        text = ""
    line = _LABEL.sub("", text.strip().splitlines()[0] if text.strip() else "").strip().strip('"“”').strip()
    asked = not question.rstrip().endswith("?") or line.endswith("?")  # a question asked gets a question back
    if line and asked and len(line) <= max(200, 3 * len(question)) and not has_fence(line) and not _ROLE.match(line):
        return line
    return resolve_followup(question, history, index_speakers(retriever) if retriever else None).question


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
    """System instructions; then every word from the articles (passages, titles, dates, speakers, roles, cues,
    quotes) inside <source> or <statement> fences it can neither close nor open; then the question."""
    dated = {c.n: c.date for c in sources}
    fenced = "\n".join(render("llm/source", n=c.n, title=fence_attr(c.title), date=fence_attr(c.date),
                              passage=fence_text(c.passage)) for c in sources)
    lines = "\n".join(render("llm/statement", n=a.citations[0], speaker=fence_attr(a.speaker_name),
                             role=fence_attr(a.speaker_role), cue=fence_attr(a.cue),
                             date=fence_attr(dated.get(a.citations[0], "")),
                             quote=fence_text(" ".join(a.quote.split())))
                      for a in base.attributions) or "(none)"
    return [{"role": "system", "content": render("llm/system")},
            {"role": "user", "content": render("llm/question", sources=fenced, statements=lines,
                                               question=fence_text(question))}]


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


_ECHO_WORDS = 6  # a run of 6 words of the prompt's own wording in a reply is a copy, not a coincidence


def _runs(text: str) -> set[str]:
    words = _norm(text).split()
    return {" ".join(words[i:i + _ECHO_WORDS]) for i in range(len(words) - _ECHO_WORDS + 1)}


@lru_cache(maxsize=1)
def _instructions() -> frozenset[str]:
    """Every run of _ECHO_WORDS words in the prompt's own wording, the refusal it asks for excepted."""
    prompt = render("llm/system") + "\n" + render("llm/question", sources="", statements="", question="")
    prompt = prompt.replace(REFUSAL, "\n")
    return frozenset(r for line in re.split(r"[.:;\n]|\s-\s", prompt) for r in _runs(line))


def _echoes_prompt(reply: str) -> bool:
    """Does the reply repeat the prompt's fences or its instructions?"""
    return has_fence(reply) or not _runs(reply).isdisjoint(_instructions())


def _refuses(reply: str) -> bool:
    """Is the reply the refusal the instructions ask for (perhaps with a short reason, no citation)?"""
    said = _norm(reply)
    return (_norm(REFUSAL) in said and not re.search(r"\[\d+\]", reply) and not has_fence(reply)
            and len(said.split()) <= len(_norm(REFUSAL).split()) + _REFUSAL_EXTRA_WORDS)


def _checked(raw: str, standalone: str, base: Answer, sources: list[Citation]) -> Answer | None:
    """The model's Answer when at least one of its sentences is supported by a source it cites; else None."""
    if _echoes_prompt(raw):
        return None
    who = parse_question(standalone).kind == "who"
    text, cited, unverified = check_answer(raw, sources, base.attributions, who)
    if not supported(text, sources, unverified, base.attributions, who):
        return None
    attributions = [a for a in base.attributions if set(a.citations) & {c.n for c in cited}]
    return Answer(text, True, cited or sources, attributions, unverified=unverified, question=standalone,
                  answerer="llm")


def llm_stream(question: str, retriever: Retriever, llm: LLM, history=None) -> Iterator[str | Answer]:
    """Yield the answer's text as the model writes it, then the checked Answer. Raises LLMError.
    `llm`: app/llm.py's LLM, or a llama-index LLM object (wrapped in app.llama's LlamaIndexLLM). One time budget
    (the LLM's timeout) covers the model's work: the follow-up rewrite and the answer."""
    llm = as_llm(llm)
    started = time.monotonic()
    standalone = rewrite_followup(question, history, llm, retriever) if history else question
    rewriting = time.monotonic() - started
    base, sources = _sources(standalone, retriever)
    base.question = standalone
    if not base.found:  # the articles don't say: no model call, no guess
        base.answerer = "llm"
        yield base.text
        yield base
        return
    deadline = time.monotonic() + llm.timeout - rewriting if isinstance(llm, LLM) else None
    parts = []
    for token in llm.stream(_messages(standalone, base, sources), **_bounded(llm, deadline=deadline)):
        parts.append(token)
        yield token
    raw = "".join(parts).strip()
    if _refuses(raw):
        yield Answer(REFUSAL, False, question=standalone, answerer="llm", llm_reply="" if raw == REFUSAL else raw)
        return
    checked = _checked(raw, standalone, base, sources)
    if checked is None:  # nothing in the reply holds up: the user gets what the sources say, and why
        base.notice, base.llm_reply = UNCHECKED, raw
        yield "\n\n" + base.text
        checked = base
    yield checked
