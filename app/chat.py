"""The Gradio chat: one question per turn, the answer with its numbered, highlighted sources."""
from __future__ import annotations

import html
import os
from pathlib import Path

from .ask import answer, open_store
from .errors import WhosaidError
from .render import answer_html

__all__ = ["respond", "build_chat", "run_chat"]

EXAMPLES = [
    "Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?",
    "What did Georgy Tikhy say?",
    "Who said the bridge could fail under a loaded lorry?",
]


def respond(message: str, history: list | None = None, home: str | Path | None = None) -> str:
    """One chat turn. A WhosaidError becomes its message, shown in the chat."""
    if not (message or "").strip():
        return "Ask who said something, or what someone said."
    try:
        return answer_html(answer(message, home=home))
    except WhosaidError as e:
        return f"<p><b>Error:</b> {html.escape(str(e))}</p>"


def build_chat(home: str | Path | None = None):
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr

    store = open_store(home)
    counts = store.manifest().counts if store.exists() else None
    desc = (f"{counts['articles']} articles, {counts['quotes']} quotes indexed at {store.where}." if counts
            else f"No index at {store.where} yet: run `whosaid index rebuild PATH`.")
    chatbot = gr.Chatbot(sanitize_html=True, render_markdown=False, height=560, label="whosaid")
    return gr.ChatInterface(fn=lambda m, h: respond(m, h, home), chatbot=chatbot, title="whosaid — who said what",
                            description=desc, examples=EXAMPLES, cache_examples=False)


def theme():
    import gradio as gr

    return gr.themes.Base(font=["system-ui", "-apple-system", "Segoe UI", "sans-serif"],
                          font_mono=["ui-monospace", "Menlo", "Consolas", "monospace"])


def run_chat(home: str | Path | None = None, host: str = "127.0.0.1", port: int = 7860, block: bool = True):
    demo = build_chat(home)
    demo.launch(server_name=host, server_port=port, theme=theme(), prevent_thread_lock=not block,
                show_error=True, inbrowser=False)
    return demo
