"""An OpenAI-compatible chat model (OpenAI, vLLM, Ollama, llama.cpp) through the openai client; failures as LLMError."""
from __future__ import annotations

from typing import Iterator

from .errors import LLMError

__all__ = ["LLM", "as_llm"]


class LLM:
    """Thin wrapper over `openai.OpenAI`: bounded retries with backoff on 429/5xx and connection errors
    (the client's own), a timeout, and every failure turned into an LLMError whose message never holds the key."""

    def __init__(self, model: str, base_url: str = "", api_key: str = "", timeout: float = 60.0, retries: int = 2,
                 client=None):
        from openai import OpenAI

        self.model = model or "gpt-4o-mini"
        self.client = client or OpenAI(base_url=base_url or None, api_key=api_key or "not-needed",
                                       timeout=timeout, max_retries=retries)

    def _call(self, messages: list[dict], stream: bool):
        import openai

        try:
            return self.client.chat.completions.create(model=self.model, messages=messages, stream=stream,
                                                       temperature=0)
        except openai.APITimeoutError:
            raise LLMError("timed out") from None
        except openai.APIConnectionError:
            raise LLMError("could not connect") from None
        except openai.APIStatusError as e:
            raise LLMError(f"HTTP {e.status_code}") from None
        except (openai.APIError, ValueError):
            raise LLMError("malformed reply") from None

    def chat(self, messages: list[dict]) -> str:
        reply = self._call(messages, stream=False)
        try:
            text = reply.choices[0].message.content
        except (AttributeError, IndexError, TypeError):
            raise LLMError("malformed reply") from None
        if not isinstance(text, str) or not text.strip():
            raise LLMError("malformed reply")
        return text

    def stream(self, messages: list[dict]) -> Iterator[str]:
        import openai

        chunks = self._call(messages, stream=True)
        got = False
        try:
            for chunk in chunks:
                choices = getattr(chunk, "choices", None)
                if choices is None:
                    raise LLMError("malformed reply")
                delta = choices[0].delta.content if choices else None
                if delta:
                    got = True
                    yield delta
        except openai.APITimeoutError:
            raise LLMError("timed out") from None
        except (openai.APIError, ValueError, AttributeError, IndexError):
            raise LLMError("malformed reply") from None
        finally:  # also when the reader stops early (Stop: GeneratorExit). openai's Stream is in a reference cycle:
            if hasattr(chunks, "close"):  # without this only a later GC pass would close the model's connection
                chunks.close()
        if not got:
            raise LLMError("malformed reply")


def as_llm(llm):
    """`llm` as the answerer uses it (`chat(messages)`, `stream(messages)` over dicts): app's LLM as it is; a
    llama-index LLM object (it has `stream_chat`; its own `stream` takes a prompt) wrapped in app.llama's
    LlamaIndexLLM."""
    if llm is None or not hasattr(llm, "stream_chat"):
        return llm
    from .llama.llm import LlamaIndexLLM

    return LlamaIndexLLM(llm)
