"""One turn of the chat as it is written: the question checked, the answer streamed, the final Answer kept."""
from __future__ import annotations

import html
from typing import Callable, Iterator

from ..ask import stream_answer
from ..config import load_config
from ..errors import WhosaidError
from ..models import Answer, Attribution, Citation
from .guard import check

__all__ = ["turn", "EMPTY", "answer_from_dict", "filters_note"]

EMPTY = "Ask who said something, or what someone said."


def filters_note(answerer: str, speaker: str = "", source: str = "", since: str = "", until: str = "") -> str:
    """Which answerer and which filters an answer was given with, as a line under it."""
    active = [f"{label} {value.strip()}" for label, value in (("speaker", speaker), ("source", source),
                                                              ("since", since), ("until", until)) if (value or "").strip()]
    return f"{answerer} answer · " + (f"filters: {', '.join(active)}" if active else "no filters")


def turn(message: str, history, home, answerer, speaker="", source="", since="", until="",
         render: Callable[[Answer], str] | None = None) -> Iterator[tuple[str, Answer | None]]:
    """(HTML so far, None) ..., then (the finished answer as `render` shows it, the Answer); a refusal or an error
    is (its message as HTML, None)."""
    if not (message or "").strip():
        yield f"<p>{EMPTY}</p>", None
        return
    from ..render import answer_html

    render = render or answer_html
    c = check(message, answerer, load_config(home=home))
    if c.refusal:
        yield f'<p class="refusal">{html.escape(c.refusal)}</p>', None
        return
    try:
        so_far = ""
        for item in stream_answer(message, home=home, answerer=c.answerer, history=history, speaker=speaker,
                                  source=source, since=since, until=until):
            if isinstance(item, str):
                so_far += item
                yield f"<div>{html.escape(so_far)}</div>".replace("\n", "<br>"), None
            else:
                item.notice = " ".join(x for x in (c.notice, item.notice) if x)
                yield render(item), item
    except WhosaidError as e:
        notice = f"<p><i>{html.escape(c.notice)}</i></p>" if c.notice else ""
        yield f"<p><b>Error:</b> {html.escape(str(e))}</p>{notice}", None


def answer_from_dict(d: dict | None) -> Answer | None:
    """An Answer kept as JSON (in the browser's storage) as an Answer again."""
    if not d:
        return None
    a = Answer(**{k: v for k, v in d.items() if k in Answer.__dataclass_fields__})
    a.citations = [c if isinstance(c, Citation) else Citation(**c) for c in a.citations]
    a.attributions = [t if isinstance(t, Attribution) else Attribution(**t) for t in a.attributions]
    return a
