"""The Gradio chat: its public functions (a turn as HTML, the page, the server) over app/page/."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from .ask import open_store
from .models import Answer
from .page.ask_tab import EXAMPLES
from .page.turn import turn

__all__ = ["respond", "respond_stream", "chat_turn", "build_chat", "run_chat", "warm", "theme", "EXAMPLES"]


def _render(home):
    """answer_html with every quoted span highlighted from the statement records of the cited articles."""
    from .page.records import records_of
    from .render import answer_html

    def render(a: Answer) -> str:
        try:
            statements = records_of(open_store(home)).in_articles({c.article_id for c in a.citations})
        except Exception:  # the answer stands without the records' spans (the words are then found as written)
            statements = []
        return answer_html(a, statements)

    return render


def _turn(message: str, history, home, answerer, speaker, source, since, until) -> Iterator[tuple[str, Answer | None]]:
    """One chat turn as it is written: (HTML so far, None) ..., then (the answer with its sources, the Answer)."""
    yield from turn(message, history, home, answerer, speaker, source, since, until, render=_render(home))


def respond_stream(message: str, history: list | None = None, home: str | Path | None = None,
                   answerer: str | None = None, speaker: str = "", source: str = "", since: str = "",
                   until: str = "") -> Iterator[str]:
    """One chat turn as it is written: the text so far, then the answer with its sources.
    The filters narrow the search; a WhosaidError becomes its message, shown in the chat.
    `history`: Gradio messages, or the previous turns' Answer objects (see chat_turn)."""
    for shown, _ in _turn(message, history, home, answerer, speaker, source, since, until):
        yield shown


def _past(history: list | None, kept: list | None) -> tuple[list, list]:
    """The chat's turns, each as its kept Answer when one was kept for the same question at the same place (else
    as its text), and the [question, Answer | None] pairs to keep for them."""
    from .conversation import plain_text, turns

    past, kept = turns(history), [list(k) for k in kept or []]
    answers = [kept[i][1] if i < len(kept) and plain_text(kept[i][0]) == t.question else None
               for i, t in enumerate(past)]
    return [a or t for t, a in zip(past, answers)], [[t.question, a] for t, a in zip(past, answers)]


def chat_turn(message: str, history: list | None, kept: list | None, home=None, answerer=None, speaker: str = "",
              source: str = "", since: str = "", until: str = "") -> Iterator[tuple[str, list]]:
    """A turn of the Gradio chat, which keeps each turn's Answer (`kept`, a gr.State of [question, Answer] pairs)
    so that follow-ups read the previous speaker and sources from the Answer rather than from its text."""
    past, kept = _past(history, kept)
    shown, done = "", None
    for shown, done in _turn(message, past, home, answerer, speaker, source, since, until):
        yield shown, kept
    yield shown, kept + [[message, done]]  # the same message again, now with this turn kept (None: no Answer)


def respond(message: str, history: list | None = None, home: str | Path | None = None,
            answerer: str | None = None, **filters: str) -> str:
    """One chat turn, finished."""
    last = ""
    for last in respond_stream(message, history, home, answerer, **filters):
        pass
    return last


def build_chat(home: str | Path | None = None):
    """The page (gr.Blocks): Ask, Speakers, Quotes and Library tabs over the index at `home`."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from .page.build import build_page

    return build_page(home)


def theme():
    import gradio as gr

    return gr.themes.Base(font=["system-ui", "-apple-system", "Segoe UI", "sans-serif"],
                          font_mono=["ui-monospace", "Menlo", "Consolas", "monospace"])


def warm(home: str | Path | None = None) -> None:
    """Load the model and the index before the first question: the first answer comes as fast as the tenth."""
    from index import get_embedder

    get_embedder().embed(["who said it?"])
    store = open_store(home)
    if store.exists():
        store.derived()
        from .page.records import records_of

        records_of(store).statements()
        from .ask import answer

        # one question through the whole path (question reading, search, support check, composition): what is
        # built on first use is built now, not on the reader's first question
        answer("Who said the index was ready?", store=store, answerer="extractive")


def run_chat(home: str | Path | None = None, host: str = "127.0.0.1", port: int = 7860, block: bool = True,
             ready=None, auth: tuple[str, str] | None = None):
    """Serve the chat; `ready(url)` is called once the model and index are loaded and the server listens.
    `auth` (user, password): Gradio's own login page comes first, and every request needs its session."""
    from .page.style import CSS, HEAD

    warm(home)
    demo = build_chat(home)
    demo.queue(default_concurrency_limit=4)
    demo.launch(server_name=host, server_port=port, theme=theme(), css=CSS, head=HEAD, prevent_thread_lock=True,
                show_error=True, inbrowser=False, quiet=True, footer_links=[], auth=auth,
                auth_message="This whosaid chat asks for a login." if auth else None)
    if ready:
        ready(f"http://{host}:{demo.server_port}")
    if block:
        demo.block_thread()
    return demo
