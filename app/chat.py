"""The Gradio chat: one question per turn, the answer with its numbered, highlighted sources."""
from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Iterator

from .ask import open_store, stream_answer
from .config import load_config
from .errors import WhosaidError
from .followup import plain_text, turns
from .models import Answer
from .render import answer_html

__all__ = ["respond", "respond_stream", "chat_turn", "build_chat", "run_chat"]

EXAMPLES = [
    "Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?",
    "What did Georgy Tikhy say?",
    "Who said the bridge could fail under a loaded lorry?",
]


def _turn(message: str, history, home, answerer, speaker, source, since, until) -> Iterator[tuple[str, Answer | None]]:
    """One chat turn as it is written: (HTML so far, None) ..., then (the answer with its sources, the Answer)."""
    if not (message or "").strip():
        yield "Ask who said something, or what someone said.", None
        return
    try:
        so_far = ""
        for item in stream_answer(message, home=home, answerer=answerer, history=history, speaker=speaker,
                                  source=source, since=since, until=until):
            if isinstance(item, str):
                so_far += item
                yield f"<div>{html.escape(so_far)}</div>".replace("\n", "<br>"), None
            else:
                yield answer_html(item), item
    except WhosaidError as e:
        yield f"<p><b>Error:</b> {html.escape(str(e))}</p>", None


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
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr

    store = open_store(home)
    counts = store.manifest().counts if store.exists() else None
    desc = (f"{counts['articles']} articles, {counts['quotes']} quotes indexed at {store.where}." if counts
            else f"No index at {store.where} yet: run `whosaid index rebuild PATH`.")
    chatbot = gr.Chatbot(sanitize_html=True, render_markdown=False, height=560, label="whosaid")
    choice = gr.Radio(["auto", "extractive", "llm"], value=load_config(home=home).answerer, label="Answerer",
                      info="llm: an OpenAI-compatible server (OPENAI_BASE_URL / OPENAI_API_KEY); auto: llm when set")
    filters = [gr.Textbox(label="Speaker", placeholder="any form of the name, e.g. Tikhy"),
               gr.Textbox(label="Source", placeholder="e.g. breitbart"),
               gr.Textbox(label="Since", placeholder="YYYY-MM-DD"), gr.Textbox(label="Until", placeholder="YYYY-MM-DD")]
    kept = gr.State([])  # each turn's [question, Answer], for follow-ups
    return gr.ChatInterface(fn=lambda m, h, a, *f: (yield from chat_turn(m, h, f[-1], home, a, *f[:-1])),
                            chatbot=chatbot, title="whosaid — who said what", description=desc,
                            examples=[[e, None, "", "", "", "", None] for e in EXAMPLES],
                            cache_examples=False, additional_inputs=[choice, *filters, kept], additional_outputs=[kept],
                            additional_inputs_accordion=gr.Accordion("Settings", open=False))


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


def run_chat(home: str | Path | None = None, host: str = "127.0.0.1", port: int = 7860, block: bool = True,
             ready=None):
    """Serve the chat; `ready(url)` is called once the model and index are loaded and the server listens."""
    warm(home)
    demo = build_chat(home)
    demo.launch(server_name=host, server_port=port, theme=theme(), prevent_thread_lock=True,
                show_error=True, inbrowser=False, quiet=True)
    if ready:
        ready(f"http://{host}:{demo.server_port}")
    if block:
        demo.block_thread()
    return demo
