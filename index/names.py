"""The key a speaker's statements are filed under."""
from __future__ import annotations

__all__ = ["surname_key"]


def surname_key(name: str) -> str:
    """The key a speaker is filed under: the last word of the name, lower-cased."""
    words = [w for w in name.replace("’s", "").split() if w[:1].isalnum()]
    return words[-1].lower().strip(".,") if words else ""
