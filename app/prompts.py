"""Templates from the `prompts` package (files shipped as package data), rendered with a clear error for a missing
one or a missing variable."""
from __future__ import annotations

import string
from functools import lru_cache
from importlib.resources import files

from .errors import PromptError

__all__ = ["PROMPTS_PACKAGE", "render"]

PROMPTS_PACKAGE = "prompts"  # the templates live beside prompts/__init__.py, in a checkout and in a wheel alike


@lru_cache(maxsize=None)
def _template(name: str) -> str:
    where = f"{PROMPTS_PACKAGE}/{name}.txt"
    try:
        return files(PROMPTS_PACKAGE).joinpath(*f"{name}.txt".split("/")).read_text(encoding="utf-8").rstrip("\n")
    except (OSError, ModuleNotFoundError):
        raise PromptError(f"Prompt template {where} is missing") from None


def render(name: str, **values: object) -> str:
    """`prompts/<name>.txt` with `{field}`s filled; every field must be given."""
    text = _template(name)
    needed = {f for _, f, _, _ in string.Formatter().parse(text) if f}
    missing = sorted(needed - values.keys())
    if missing:
        raise PromptError(f"Prompt template {name!r} needs {', '.join(missing)}")
    return text.format(**values)
