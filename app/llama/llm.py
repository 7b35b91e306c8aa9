"""LlamaIndexLLM: any llama-index `LLM` object behind app/llm.py's interface (chat, stream), failures as LLMError."""
from __future__ import annotations

from typing import Iterator

from llama_index.core.llms import ChatMessage, MessageRole

from ..errors import LLMError

__all__ = ["LlamaIndexLLM"]

_ROLES = {"system": MessageRole.SYSTEM, "user": MessageRole.USER, "assistant": MessageRole.ASSISTANT}


def _reason(e: Exception) -> str:
    """What failed, safe to show: the exception's kind, never its message (a provider's may hold a key or URL)."""
    if isinstance(e, TimeoutError):
        return "timed out"
    if isinstance(e, ConnectionError):
        return "could not connect"
    return type(e).__name__


def _messages(messages: list[dict]) -> list[ChatMessage]:
    return [ChatMessage(role=_ROLES.get(m["role"], MessageRole.USER), content=m["content"]) for m in messages]


class LlamaIndexLLM:
    """Wraps a llama-index LLM (OpenAI, Ollama, Anthropic, a local model, MockLLM ...) for whosaid's LLM answerer:
    `answer(q, llm=LlamaIndexLLM(llm), answerer="llm")`. Whatever the model raises, or an empty reply, becomes an
    LLMError, on which `answer()` falls back to the extractive answer with a notice, as for the OpenAI client."""

    def __init__(self, llm):
        self.llm = llm
        self.model = getattr(getattr(llm, "metadata", None), "model_name", "") or type(llm).__name__

    def chat(self, messages: list[dict]) -> str:
        try:
            reply = self.llm.chat(_messages(messages))
            text = reply.message.content
        except Exception as e:  # noqa: BLE001 - any provider's error, told as an LLMError
            raise LLMError(_reason(e)) from None
        if not isinstance(text, str) or not text.strip():
            raise LLMError("malformed reply")
        return text

    def stream(self, messages: list[dict]) -> Iterator[str]:
        got = False
        try:
            for chunk in self.llm.stream_chat(_messages(messages)):
                delta = chunk.delta or ""
                got = got or bool(delta.strip())
                if delta:
                    yield delta
        except LLMError:
            raise
        except Exception as e:  # noqa: BLE001
            raise LLMError(_reason(e)) from None
        if not got:
            raise LLMError("malformed reply")
