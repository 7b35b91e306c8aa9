"""The one place that reads the environment (WHOSAID_*, CHROMA_*, OPENAI_*); the rest takes arguments."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .errors import ConfigError

__all__ = ["Config", "load_config"]


@dataclass(frozen=True)
class Config:
    home: Path
    chroma_host: str | None = None
    chroma_port: int = 8000
    answerer: str = "extractive"  # auto | extractive | llm
    llm_model: str = ""
    openai_base_url: str = ""
    openai_api_key: str = field(default="", repr=False)  # handed to the openai client, never shown
    llm_timeout: float = 60.0

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
        openai_base_url=env.get("OPENAI_BASE_URL", ""),
        openai_api_key=env.get("OPENAI_API_KEY", ""),
        llm_timeout=_seconds(env.get("WHOSAID_LLM_TIMEOUT", "60")),
    )


def _seconds(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ConfigError(f"WHOSAID_LLM_TIMEOUT must be a number of seconds, not {value!r}") from None
