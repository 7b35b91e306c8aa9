"""The page: tabs Ask, Speakers, Quotes, Library, with the index's counts in the header."""
from __future__ import annotations

import hashlib
import html

import gradio as gr

from ..ask import open_store
from .ask_tab import AskTab
from .library_tab import LibraryTab
from .quotes_tab import QuotesTab
from .records import records_of
from .speakers_tab import SpeakersTab

__all__ = ["build_page"]


def _header(home) -> str:
    store = open_store(home)
    records = records_of(store)
    if not records.exists():
        return (f'<h1>whosaid — who said what</h1><p class="meta">No index at {html.escape(store.where)} yet: add '
                f'articles in the Library tab, or run <code>whosaid index rebuild PATH</code>.</p>')
    c = store.manifest().counts
    return (f'<h1>whosaid — who said what</h1><p class="meta">{c["articles"]:,} articles, {c["quotes"]:,} quotes '
            f'indexed at {html.escape(store.where)}.</p>')


def build_page(home=None) -> gr.Blocks:
    key = hashlib.sha1(open_store(home).where.encode()).hexdigest()[:10]
    with gr.Blocks(title="whosaid — who said what", analytics_enabled=False) as demo:
        header = gr.HTML(_header(home), elem_id="header")
        with gr.Tabs(selected="ask", elem_id="tabs") as tabs:
            with gr.Tab("Ask", id="ask", elem_id="tab-ask"):
                ask = AskTab(home, key)
            with gr.Tab("Speakers", id="speakers", elem_id="tab-speakers") as speakers_tab:
                speakers = SpeakersTab(home, ask, tabs)
            with gr.Tab("Quotes", id="quotes", elem_id="tab-quotes") as quotes_tab:
                quotes = QuotesTab(home)
            with gr.Tab("Library", id="library", elem_id="tab-library") as library_tab:
                library = LibraryTab(home)
        ask.finish(demo)
        speakers_tab.select(speakers.rows, [speakers.search], [speakers.table], show_progress="hidden")
        quotes_tab.select(quotes.show, quotes.filters, [quotes.table, quotes.note], show_progress="hidden")
        library_tab.select(library.rows, None, [library.table], show_progress="hidden")
        library.table.change(lambda: _header(home), None, [header], show_progress="hidden")
        demo.load(lambda: _header(home), None, [header], show_progress="hidden")
    return demo
