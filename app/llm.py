"""An OpenAI-compatible chat model (OpenAI, vLLM, Ollama, llama.cpp) through the openai client: every call bounded in
tokens and in time, failures as LLMError saying the real cause."""
from __future__ import annotations

import re
import time
from typing import Iterator

from .config import check_base_url
from .errors import ConfigError, LLMError

__all__ = ["LLM", "as_llm", "fold_system"]

# Retried with backoff: a busy or restarting server (the statuses the openai client itself retries). A timeout is
# never retried: the server may still be generating the abandoned reply, and a retry only queues another behind it.
_RETRY_STATUS = {408, 409, 429, 500, 502, 503, 504}
BACKOFF_S = 0.5  # first wait before a retry, doubled each time (the openai client's own first wait), within budget
_SAID_MAX = 160  # characters of a server's error message shown in a notice
# (base_url, model) pairs whose chat template rejects a system message ("System role not supported"): their
# instructions go into the first user turn. Found once per process, by the first rejection.
_NO_SYSTEM: set[tuple[str, str]] = set()
_SYSTEM_REJECTED = re.compile(r"\bsystem\b", re.I)


def fold_system(messages: list[dict]) -> list[dict]:
    """The system message's text put at the head of the first user turn (for templates without a system role)."""
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if not system:
        return rest
    first = next((m for m in rest if m["role"] == "user"), None)
    if first is None:
        return [{"role": "user", "content": system}] + rest
    first["content"] = f"{system}\n\n{first['content']}"
    return rest


class LLM:
    """Thin wrapper over `openai.OpenAI`. `timeout`: seconds for one whole call (connection, every retry, every
    streamed token); `max_tokens`: what the model may write; `retries`: after a connection failure or a busy server
    (429/5xx), with backoff. Every failure is an LLMError whose message never holds the key."""

    def __init__(self, model: str, base_url: str = "", api_key: str = "", timeout: float = 60.0, retries: int = 2,
                 client=None, max_tokens: int = 512):
        self.model = model or "gpt-4o-mini"
        self.timeout, self.retries, self.max_tokens = timeout, retries, max_tokens
        self._key = api_key
        self.client = client or _client(base_url, api_key)
        self.server = (str(getattr(self.client, "base_url", base_url)), self.model)

    def chat(self, messages: list[dict], *, max_tokens: int | None = None, deadline: float | None = None) -> str:
        """The whole reply (streamed, so that the time budget holds while the model writes)."""
        return "".join(self.stream(messages, max_tokens=max_tokens, deadline=deadline))

    def stream(self, messages: list[dict], *, max_tokens: int | None = None,
               deadline: float | None = None) -> Iterator[str]:
        """The reply as it is written. `deadline` (time.monotonic()): when the call must have finished, default
        now + timeout. Closing the generator (Stop, Ctrl-C) closes the server's stream."""
        end = deadline if deadline is not None else time.monotonic() + self.timeout
        folded = self.server in _NO_SYSTEM
        got = yield from self._stream_once(fold_system(messages) if folded else messages, max_tokens, end)
        if got or folded or not any(m["role"] == "system" for m in messages):
            if not got:
                raise LLMError("the model sent an empty reply")
            return
        # An empty stream is how some servers reject a system message once streaming has begun: ask once without it
        got = yield from self._stream_once(fold_system(messages), max_tokens, end)
        if not got:
            raise LLMError("the model sent an empty reply")
        _NO_SYSTEM.add(self.server)

    def _stream_once(self, messages: list[dict], max_tokens: int | None, end: float):
        """Yield the tokens of one request; return whether there were any."""
        import openai

        chunks = self._open(messages, max_tokens, end)
        got = False
        try:
            for chunk in chunks:
                if time.monotonic() > end:
                    raise LLMError(self._late())
                choices = getattr(chunk, "choices", None)
                if choices is None:
                    raise LLMError("the server's reply could not be read")
                delta = choices[0].delta.content if choices else None
                if delta:
                    got = True
                    yield delta
        except openai.APITimeoutError:
            raise LLMError(self._late()) from None
        except openai.APIConnectionError:
            raise LLMError("the server closed the connection while the model was writing") from None
        except openai.APIError as e:  # an error event in the stream
            raise LLMError(f"the server reported an error while writing{self._said(e, ': ')}") from None
        except (ValueError, AttributeError, IndexError):
            raise LLMError("the server's reply could not be read") from None
        finally:  # also when the reader stops early (Stop: GeneratorExit; Ctrl-C). openai's Stream is in a reference
            if hasattr(chunks, "close"):  # cycle: without this only a later GC pass would close the connection
                chunks.close()
        kind = getattr(getattr(getattr(chunks, "response", None), "headers", None), "get", lambda *_: "")(
            "content-type", "")
        if not got and kind and "event-stream" not in kind:
            raise LLMError("the server's reply could not be read")
        return got

    def _open(self, messages: list[dict], max_tokens: int | None, end: float):
        """The streamed response, after any retries the budget allows; a rejected system message is folded."""
        import openai

        tries = 0
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise LLMError(self._late())
            try:
                return self.client.chat.completions.create(
                    model=self.model, messages=messages, stream=True, temperature=0,
                    max_tokens=max_tokens or self.max_tokens, timeout=left)
            except openai.APITimeoutError:
                raise LLMError(self._late()) from None
            except openai.APIConnectionError:
                if tries >= self.retries:
                    raise LLMError("could not connect to the server") from None
            except openai.APIStatusError as e:
                if self._rejects_system(e, messages):
                    _NO_SYSTEM.add(self.server)
                    messages = fold_system(messages)
                    continue
                if e.status_code not in _RETRY_STATUS or tries >= self.retries:
                    raise LLMError(f"the server rejected the request (HTTP {e.status_code}{self._said(e, ': ')})") \
                        from None
            except (openai.APIError, ValueError):
                raise LLMError("the server's reply could not be read") from None
            tries += 1
            time.sleep(max(0.0, min(BACKOFF_S * 2 ** (tries - 1), end - time.monotonic())))

    def _rejects_system(self, e, messages: list[dict]) -> bool:
        return (e.status_code in (400, 422, 500) and any(m["role"] == "system" for m in messages)
                and bool(_SYSTEM_REJECTED.search(self._said(e))))

    def _said(self, e, prefix: str = "") -> str:
        """The server's own error message, short, on one line, the key masked; '' when it gave none."""
        body = getattr(e, "body", None)
        if isinstance(body, dict):
            body = body.get("error", body)
        if isinstance(body, dict):
            body = body.get("message") or body.get("detail") or ""
        text = " ".join(str(body or "").split())
        if self._key:
            text = text.replace(self._key, "***")
        text = text if len(text) <= _SAID_MAX else text[:_SAID_MAX - 1] + "…"
        return f"{prefix}{text}" if text else ""

    def _late(self) -> str:
        return f"the model did not finish within {self.timeout:g} s"


def _client(base_url: str, api_key: str):
    """The openai client, retrying nothing itself (LLM does, within the time budget)."""
    from openai import OpenAI

    check_base_url(base_url)
    try:
        return OpenAI(base_url=base_url or None, api_key=api_key or "not-needed", max_retries=0)
    except Exception:  # noqa: BLE001 - the client's own URL check (InvalidURL) on an address urlsplit let through
        raise ConfigError(f"OPENAI_BASE_URL is not a usable server address: {base_url!r}") from None


def as_llm(llm):
    """`llm` as the answerer uses it (`chat(messages)`, `stream(messages)` over dicts): app's LLM as it is; a
    llama-index LLM object (it has `stream_chat`; its own `stream` takes a prompt) wrapped in app.llama's
    LlamaIndexLLM."""
    if llm is None or not hasattr(llm, "stream_chat"):
        return llm
    from .llama.llm import LlamaIndexLLM

    return LlamaIndexLLM(llm)
