"""The conversation so far as turns (question, answer text, the Answer when known), from whatever a caller or the
chat passes as history."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .models import Answer, Attribution, Citation
from .verify import strip_markers

__all__ = ["Turn", "turns", "as_messages", "plain_text"]


@dataclass
class Turn:
    question: str  # what was asked (the standalone question when the Answer is known)
    text: str = ""  # the answer's plain text
    answer: Answer | None = None


def plain_text(content) -> str:
    """A chat message's content as plain text: Gradio 6 content lists, HTML, sources and [n] markers removed."""
    if isinstance(content, list):
        content = " ".join(c.get("text", "") if isinstance(c, dict) else str(c) for c in content)
    if not isinstance(content, str):
        return ""
    text = html.unescape(re.sub(r"<details.*?</details>|<[^>]+>", " ", content, flags=re.S))
    return " ".join(strip_markers(text).split())


def _as_answer(d: dict) -> Answer:
    a = Answer(**{k: v for k, v in d.items() if k in Answer.__dataclass_fields__})
    a.citations = [c if isinstance(c, Citation) else Citation(**c) for c in a.citations]
    a.attributions = [t if isinstance(t, Attribution) else Attribution(**t) for t in a.attributions]
    return a


def turns(history) -> list[Turn]:
    """The conversation as turns, from any mix of Turns, Answer objects, Answer dicts, Gradio message dicts
    ({role, content}, content a string or a list of parts) and (user, assistant) pairs."""
    out: list[Turn] = []
    for item in history or []:
        if isinstance(item, dict) and "found" in item and "text" in item:
            item = _as_answer(item)
        if isinstance(item, Answer):
            out.append(Turn(item.question, item.text, item))
        elif isinstance(item, Turn):
            out.append(item)
        elif isinstance(item, dict):
            text = plain_text(item.get("content", ""))
            if item.get("role") == "user" or not out or out[-1].answer is not None:
                out.append(Turn(text) if item.get("role") == "user" else Turn("", text))
            else:
                out[-1].text = f"{out[-1].text} {text}".strip()
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            out.append(Turn(plain_text(item[0]), plain_text(item[1])))
    return [t for t in out if t.question or t.text]


def as_messages(history) -> list[dict]:
    """The conversation as {role, content} plain-text messages (what the LLM's own rewrite reads)."""
    return [{"role": role, "content": text} for t in turns(history)
            for role, text in (("user", t.question), ("assistant", t.text)) if text]
