"""Questions checked at the door, as articles are: text normalised (index.validate.clean_text), length bounded."""
from __future__ import annotations

from index.validate import clean_text

from .errors import QuestionError

__all__ = ["clean_question", "clean_optional", "clean_history", "from_command_line"]


def clean_question(question: object, max_chars: int) -> str:
    """The question made safe to search with (lone surrogates replaced, NFC, control characters removed), or a
    QuestionError saying why it can't be asked."""
    if not isinstance(question, str):
        raise QuestionError(f"A question must be text, not {type(question).__name__}")
    q = clean_text(question).strip()
    if len(q) > max_chars:
        raise QuestionError(f"The question is {len(q):,} characters long; ask in at most {max_chars:,} "
                            "(or raise WHOSAID_MAX_QUESTION_CHARS)")
    return q


def clean_optional(value: str | None) -> str | None:
    """A filter's text (a speaker or a source) cleaned the same way; None stays None."""
    return clean_text(value).strip() if isinstance(value, str) else value


def clean_history(history):
    """The chat so far with every message's text cleaned the same way (Gradio message dicts, (user, assistant)
    pairs); anything else, e.g. the previous Answer objects, is kept as it is."""
    if isinstance(history, str):
        return clean_text(history)
    if type(history) in (list, tuple):
        return type(history)(clean_history(h) for h in history)
    if isinstance(history, dict):
        return {k: clean_history(v) for k, v in history.items()}
    return history


def from_command_line(value: str, what: str = "The question") -> str:
    """A command-line argument as text: bytes that aren't UTF-8 (Python keeps them as lone surrogates) are an error
    naming them, not a traceback further on."""
    bad = sorted({c for c in value if "\udc80" <= c <= "\udcff"})
    if bad:
        shown = "".join(f"\\x{ord(c) - 0xDC00:02x}" for c in bad[:5])
        raise QuestionError(f"{what} holds bytes that are not UTF-8 text ({shown}): set your terminal to UTF-8, "
                            "or type it again")
    return value
