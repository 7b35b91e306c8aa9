"""The one place that reads the environment (WHOSAID_*, CHROMA_*, OPENAI_*); the rest takes arguments."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from index.validate import MB, Limits

from .errors import ConfigError

__all__ = ["Config", "load_config", "check_base_url", "parse_auth"]


@dataclass(frozen=True)
class Config:
    home: Path
    chroma_host: str | None = None
    chroma_port: int = 8000
    answerer: str = "extractive"  # auto | extractive | llm
    llm_model: str = ""
    openai_base_url: str = ""
    openai_api_key: str = field(default="", repr=False)  # handed to the openai client, never shown
    llm_timeout: float = 60.0  # seconds for a whole answer from the model: every request, retry and streamed token
    llm_max_tokens: int = 512  # tokens the model may write for one answer ("a few sentences" is ~150)
    limits: Limits = Limits()  # file and article sizes, extraction seconds (index/validate.py says why each)
    # A question quoting a whole paragraph (~1,000 characters) fits twice; 50,000 words is not a question.
    max_question_chars: int = 2000
    chat_auth: tuple[str, str] | None = field(default=None, repr=False)  # WHOSAID_AUTH=user:password for the chat

    @property
    def has_openai_key(self) -> bool:
        return bool(self.openai_api_key)

    @property
    def use_llm(self) -> bool:
        """auto: the LLM when a key or base URL is set."""
        return self.answerer == "llm" or (self.answerer == "auto" and (self.has_openai_key or bool(self.openai_base_url)))


def load_config(env: Mapping[str, str] | None = None, home: str | Path | None = None) -> Config:
    """Settings from `env` (default: os.environ); `home` (e.g. --home) wins over WHOSAID_HOME."""
    env = os.environ if env is None else env
    port = env.get("CHROMA_PORT", "8000")
    if not port.isdigit():
        raise ConfigError(f"CHROMA_PORT must be a port number, not {port!r}")
    answerer = env.get("WHOSAID_ANSWERER", "auto").lower()
    if answerer not in ("auto", "extractive", "llm"):
        raise ConfigError(f"WHOSAID_ANSWERER must be auto, extractive or llm, not {answerer!r}")
    return Config(
        home=Path(home or env.get("WHOSAID_HOME") or ".whosaid").expanduser(),
        chroma_host=env.get("CHROMA_HOST") or None,
        chroma_port=int(port),
        answerer=answerer,
        llm_model=env.get("WHOSAID_LLM_MODEL", ""),
        openai_base_url=check_base_url(env.get("OPENAI_BASE_URL", "")),
        openai_api_key=env.get("OPENAI_API_KEY", ""),
        llm_timeout=_positive(env, "WHOSAID_LLM_TIMEOUT", 60, "a number of seconds"),
        llm_max_tokens=_tokens(env.get("WHOSAID_LLM_MAX_TOKENS", "512")),
        limits=_limits(env),
        max_question_chars=int(_positive(env, "WHOSAID_MAX_QUESTION_CHARS", 2000, "a number of characters")),
        chat_auth=parse_auth(env.get("WHOSAID_AUTH", ""), "WHOSAID_AUTH"),
    )


def parse_auth(value: str, where: str = "--auth") -> tuple[str, str] | None:
    """'user:password' -> (user, password) for the chat's login ('' -> None: no login). The password may hold ':'."""
    if not value:
        return None
    user, colon, password = value.partition(":")
    if not (colon and user.strip() and password):
        raise ConfigError(f"{where} must be USER:PASSWORD (both not empty), e.g. reader:correct-horse")
    return user.strip(), password


def _positive(env: Mapping[str, str], name: str, default: float, what: str) -> float:
    value = env.get(name, "")
    if not value.strip():
        return default
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if number > 0 and number != float("inf"):
        return number
    raise ConfigError(f"{name} must be {what} above 0, not {value!r}")


def _limits(env: Mapping[str, str]) -> Limits:
    """WHOSAID_MAX_FILE_MB, WHOSAID_MAX_ARTICLE_MB (MB of UTF-8 text), WHOSAID_EXTRACT_SECONDS (per article)."""
    d = Limits()
    return Limits(file_bytes=int(_positive(env, "WHOSAID_MAX_FILE_MB", d.file_bytes / MB, "a number of MB") * MB),
                  article_bytes=int(_positive(env, "WHOSAID_MAX_ARTICLE_MB", d.article_bytes / MB, "a number of MB") * MB),
                  extract_seconds=_positive(env, "WHOSAID_EXTRACT_SECONDS", d.extract_seconds, "a number of seconds"))


def check_base_url(url: str) -> str:
    """`url` if it can be an OpenAI-compatible server's address (http or https, a host, a valid port); else a
    ConfigError saying so (not the client's InvalidURL traceback). '' (OpenAI itself) passes."""
    if not url:
        return url
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # "http://[::1": an unclosed IPv6 address; a port that isn't a number or is above 65535
        ok = False
    if not ok:
        raise ConfigError(f"OPENAI_BASE_URL must be a server address such as http://localhost:8000/v1, not {url!r}")
    return url


def _tokens(value: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise ConfigError(f"WHOSAID_LLM_MAX_TOKENS must be a whole number of tokens, 1 or more, not {value!r}")
    return int(value)
