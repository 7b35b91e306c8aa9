"""Templates from the `prompts` package (files shipped as package data), rendered with a clear error for a missing
one or a missing variable."""
from __future__ import annotations

import re
import string
from functools import lru_cache
from importlib.resources import files

from .errors import PromptError

__all__ = ["PROMPTS_PACKAGE", "render", "FENCES", "fence_text", "fence_attr", "has_fence"]

PROMPTS_PACKAGE = "prompts"  # the templates live beside prompts/__init__.py, in a checkout and in a wheel alike
# The tags that fence article text in prompts/llm/*.txt. Article text (passages, titles, speakers, quotes) can
# neither close nor open one: "<" before any of these names, with or without "/" and spaces, becomes "&lt;".
FENCES = ("source", "statement")
_FENCE = re.compile(rf"<(?=\s*/?\s*(?:{'|'.join(FENCES)})s?\b)", re.I)


def fence_text(text: str) -> str:
    """Article text as it may stand inside a fence: no fence tag can be opened or closed by it."""
    return _FENCE.sub("&lt;", text)


def fence_attr(text: str) -> str:
    """Article text as a fence's attribute value: one line, no double quote, no angle bracket."""
    text = " ".join(str(text).split()).replace('"', "'")
    return text.replace("<", "&lt;").replace(">", "&gt;")


def has_fence(text: str) -> bool:
    """Does `text` (a model's reply) hold a fence tag: a sign it echoed the prompt rather than answered."""
    return _FENCE.search(text) is not None


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
