"""Checks of a question before it is answered: empty, too long, not English, an LLM asked for but not configured."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import Config

__all__ = ["MAX_CHARS", "Check", "check", "not_english", "llm_configured", "llm_state"]

MAX_CHARS = Config.max_question_chars  # the default; a configured WHOSAID_MAX_QUESTION_CHARS wins in check()
ENGLISH_ONLY = "whosaid answers questions in English."
NO_LLM = ("No language model is configured (set OPENAI_BASE_URL, or OPENAI_API_KEY, and WHOSAID_LLM_MODEL); "
          "showing the extractive answer.")

_WORD = re.compile(r"[^\W\d_]+", re.U)
_ENGLISH = set("""who whom whose what which when where why how did does do said say says the a an of to in on about
is was were are has have had he she they it that this and or for with from by else any anything someone anyone tell
me quotes quote statement statements""".split())
_FOREIGN = set("""qui que quoi quel quelle quand où pourquoi comment est sont le la les des une un du de dit dire et avec a il elle
wer was wie wann wo warum hat der die das ein eine und ist sind gesagt sagte über
quién qué quien cuándo dónde por cómo dijo ha el los las una es son sobre del
chi cosa quando dove perché come detto ha il lo gli della
quem quando onde porque como disse sobre uma os
wie wat waar wanneer waarom heeft zei het een over
кто что сказал когда где почему как""".split())


@dataclass(frozen=True)
class Check:
    refusal: str = ""  # shown instead of an answer (nothing is searched)
    notice: str = ""  # shown with the answer
    answerer: str | None = None  # the answerer to use (extractive when the LLM asked for is not configured)


def not_english(text: str) -> bool:
    """Mostly non-ASCII letters, or common words of another language and no English ones."""
    words = [w.lower() for w in _WORD.findall(text)]
    letters = "".join(words)
    if not letters:
        return False
    if sum(not c.isascii() for c in letters) > len(letters) / 2:
        return True
    english = sum(w in _ENGLISH and w not in _FOREIGN for w in words)  # "a", "was": both, so neither
    foreign = sum(w in _FOREIGN and w not in _ENGLISH for w in words)
    return english == 0 and foreign > 0


def llm_configured(cfg: Config) -> bool:
    """A server to talk to: a base URL (vLLM, Ollama, llama.cpp ...) or an OpenAI key."""
    return bool(cfg.openai_base_url or cfg.has_openai_key)


def llm_state(cfg: Config) -> str:
    """The LLM as a person should see it: model and server, or not configured."""
    if not llm_configured(cfg):
        return "not configured (set OPENAI_BASE_URL or OPENAI_API_KEY, and WHOSAID_LLM_MODEL)"
    model = cfg.llm_model or "no model named (set WHOSAID_LLM_MODEL)"
    return f"{model} at {cfg.openai_base_url or 'api.openai.com (OpenAI)'}"


def check(message: str, answerer: str | None, cfg: Config) -> Check:
    """What to do with `message` before searching: refuse it, or answer it with a notice and which answerer."""
    text = (message or "").strip()
    most = cfg.max_question_chars
    if len(text) > most:
        return Check(refusal=f"This question is {len(text):,} characters long; whosaid takes questions of up to "
                             f"{most:,} characters. Ask it in fewer words.")
    notice = ENGLISH_ONLY if not_english(text) else ""
    choice = (answerer or cfg.answerer or "auto").lower()
    if choice == "llm" and not llm_configured(cfg):
        return Check(notice=" ".join(x for x in (notice, NO_LLM) if x), answerer="extractive")
    return Check(notice=notice, answerer=answerer)
