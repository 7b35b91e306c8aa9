"""The engine's word lists, kept as data: one `<name>.txt` beside this file per list, one entry a line, '#' for notes."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["alternation", "words"]


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """The entries of `<name>.txt`, in file order (read once)."""
    text = Path(__file__).with_name(f"{name}.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


def alternation(name: str) -> str:
    """The entries of `<name>.txt` as one regex alternation, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words(name), key=len, reverse=True))
