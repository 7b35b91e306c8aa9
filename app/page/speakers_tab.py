"""The Speakers tab: everyone the index quotes, searchable; one speaker's statements by date; one click to ask."""
from __future__ import annotations

import html

import gradio as gr

from ..ask import open_store
from ..render import statement_html
from .records import records_of

__all__ = ["SpeakersTab", "speaker_rows", "statements_html", "question_about"]

HEADERS = ["Speaker", "Role", "Statements", "Articles"]
SHOWN = 100  # statements listed for one speaker


def speaker_rows(records, search: str = "") -> list[list]:
    """The roster as table rows, those whose name or role holds `search` (any case)."""
    s = (search or "").strip().lower()
    return [[e.name, e.role, e.statements, e.articles] for e in records.speakers()
            if not s or s in e.name.lower() or s in (e.role or "").lower()]


def _statement(st, passages) -> str:
    text, start = passages.get(st.passage_id, ("", 0))
    where = " · ".join(html.escape(x) for x in (st.date or "undated", st.source) if x)
    body = statement_html(st, text, start) if text else f'<blockquote class="passage">{html.escape(st.text)}</blockquote>'
    return (f'<div class="st"><h4>{html.escape(st.title or st.article_id)}</h4>'
            f'<p class="meta">{where} · {html.escape(st.cue)} · {html.escape(st.kind)}</p>{body}</div>')


def statements_html(records, name: str) -> str:
    """`name`'s statements by date, each with its article and the quote highlighted in its passage."""
    if not name:
        return '<div class="statements"><p class="meta">Choose a speaker to see what they said.</p></div>'
    said = records.by_speaker(name)
    passages = records.passages([s.passage_id for s in said[:SHOWN]])
    more = f'<p class="meta">The first {SHOWN} of {len(said)} are shown.</p>' if len(said) > SHOWN else ""
    items = "".join(_statement(s, passages) for s in said[:SHOWN])
    return (f'<div class="statements"><h3>{html.escape(name)}: {len(said)} statement{"s" * (len(said) != 1)}</h3>'
            f'{items}{more}</div>')


def question_about(name: str, topic: str = "") -> str:
    topic = " ".join((topic or "").split()).rstrip("?. ")
    return f"What did {name} say about {topic}?" if topic else f"What did {name} say?"


class SpeakersTab:
    def __init__(self, home, ask, tabs):
        self.home, self.chosen = home, gr.State("")
        self.search = gr.Textbox(label="Search speakers", placeholder="a name or a role", elem_id="speaker-search")
        self.table = gr.Dataframe(headers=HEADERS, value=None, interactive=False, elem_id="speakers-table",
                                  max_height=360, wrap=True, datatype=["str", "str", "number", "number"],
                                  column_widths=["32%", "44%", "12%", "12%"])
        with gr.Row(equal_height=True):
            self.topic = gr.Textbox(label="About (optional)", placeholder="e.g. the coalition", scale=3,
                                    elem_id="speaker-topic")
            self.ask_btn = gr.Button("Ask what they said", interactive=False, scale=2, elem_id="speaker-ask")
        self.said = gr.HTML(statements_html(None, ""), elem_id="speaker-statements")
        self.search.change(self.rows, [self.search], [self.table], show_progress="hidden")
        self.table.select(self.choose, None, [self.chosen, self.said, self.ask_btn])
        ask.send(self.ask_btn.click(lambda name, topic: (question_about(name, topic), gr.Tabs(selected="ask")),
                                    [self.chosen, self.topic], [ask.pending, tabs], show_progress="hidden"))

    def rows(self, search=""):
        return speaker_rows(records_of(open_store(self.home)), search)

    def choose(self, evt: gr.SelectData):
        row = evt.row_value or []
        name = str(row[0]) if row else ""
        label = f"Ask “{question_about(name)}”" if name else "Ask what they said"
        return name, statements_html(records_of(open_store(self.home)), name), gr.Button(label, interactive=bool(name))
