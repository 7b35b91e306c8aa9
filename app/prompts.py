"""Templates from prompts/ as files, rendered with a clear error for a missing one or a missing variable."""
from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

from .errors import PromptError

__all__ = ["PROMPTS_DIR", "render"]

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


@lru_cache(maxsize=None)
def _template(name: str) -> str:
    path = PROMPTS_DIR / f"{name}.txt"
    try:
        return path.read_text(encoding="utf-8").rstrip("\n")
    except OSError:
        raise PromptError(f"Prompt template {path} is missing") from None


def render(name: str, **values: object) -> str:
    """`prompts/<name>.txt` with `{field}`s filled; every field must be given."""
    text = _template(name)
    needed = {f for _, f, _, _ in string.Formatter().parse(text) if f}
    missing = sorted(needed - values.keys())
    if missing:
        raise PromptError(f"Prompt template {name!r} needs {', '.join(missing)}")
    return text.format(**values)
