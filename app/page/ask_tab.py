"""The Ask tab: the conversation beside the sources panel, examples that send, a stop button, saved history."""
from __future__ import annotations

import html
from functools import partial

import gradio as gr

from ..ask import open_store
from ..config import load_config
from ..followup import Turn
from ..render import answer_bubble, sources_panel
from .guard import llm_state
from .records import records_of
from .turn import answer_from_dict, filters_note, turn

__all__ = ["AskTab", "EXAMPLES", "page_turn", "panel_for"]

EXAMPLES = [
    "Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?",
    "What did Georgy Tikhy say?",
    "Who said the bridge could fail under a loaded lorry?",
]
THINKING = '<p class="meta">Looking through the articles…</p>'
KEEP_TURNS = 50  # turns kept in the browser


def panel_for(home, a, n: int, asked: str = "") -> str:
    """The sources panel for answer `a` (turn `n`), its quotes highlighted from the statements of its articles."""
    if a is None:
        return sources_panel(None)
    statements = records_of(open_store(home)).in_articles({c.article_id for c in a.citations})
    return sources_panel(a, statements, n, asked)


def page_turn(message, messages, kept, answerer, speaker, source, since, until, *, home):
    """A turn of the page: yields (chat messages, sources panel, messages, kept); an empty message changes nothing.
    `kept`: [question, Answer as a dict, or None] per turn, in step with the messages (two per turn)."""
    if not (message or "").strip():
        yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return
    n, past = len(kept), [Turn(q) if not d else d for q, d in kept]
    messages = list(messages) + [{"role": "user", "content": html.escape(message)},
                                 {"role": "assistant", "content": THINKING}]
    kept = list(kept) + [[message, None]]
    yield messages, gr.skip(), messages, kept
    show = lambda a: answer_bubble(a, n, filters_note(a.answerer, speaker, source, since, until))  # noqa: E731
    for shown, done in turn(message, past, home, answerer, speaker, source, since, until, render=show):
        messages = messages[:-1] + [{"role": "assistant", "content": shown}]
        if done is not None:
            kept = kept[:-1] + [[message, done.to_dict()]]
        yield messages, panel_for(home, done, n, message) if done is not None else gr.skip(), messages, kept


def _take(message):
    return "", message


def _chosen(kept, evt, home):
    """The panel for the turn of the message clicked."""
    i = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
    t = (i or 0) // 2
    if not isinstance(t, int) or t >= len(kept):
        return gr.skip()
    return panel_for(home, answer_from_dict(kept[t][1]), t, kept[t][0])


def _restore(saved, home):
    messages, kept = (saved or {}).get("messages") or [], (saved or {}).get("kept") or []
    if len(messages) != 2 * len(kept):
        messages, kept = [], []
    last = next((i for i in reversed(range(len(kept))) if kept[i][1]), None)
    if last is None:
        return messages, messages, kept, sources_panel(None)
    return messages, messages, kept, panel_for(home, answer_from_dict(kept[last][1]), last, kept[last][0])


def _save(messages, kept):
    return {"messages": messages[-2 * KEEP_TURNS:], "kept": kept[-KEEP_TURNS:]}


def _clear():
    return [], [], [], sources_panel(None), {"messages": [], "kept": []}


class AskTab:
    """The Ask tab's parts; `send(event)` chains a turn after any event that sets `pending`."""

    def __init__(self, home, store_key: str):
        self.home, self.events = home, []
        cfg = load_config(home=home)
        self.pending, self.messages, self.kept = gr.State(""), gr.State([]), gr.State([])
        self.saved = gr.BrowserState({"messages": [], "kept": []}, storage_key=f"whosaid-chat-{store_key}",
                                     secret=f"whosaid-{store_key}")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                self.chatbot = gr.Chatbot(elem_id="chat", sanitize_html=True, render_markdown=False, height=520,
                                          label="Conversation", buttons=["copy"], feedback_options=None,
                                          placeholder="Ask who said something, or what someone said.")
                with gr.Row(equal_height=True):
                    self.box = gr.Textbox(show_label=False, placeholder="Who said …? What did … say?", scale=5,
                                          elem_id="question", max_lines=6, autofocus=True, submit_btn=False)
                    self.send_btn = gr.Button("Send", variant="primary", scale=1, min_width=80, elem_id="send")
                    self.stop_btn = gr.Button("Stop", variant="stop", scale=1, min_width=80, elem_id="stop")
                with gr.Row(elem_classes="examples-row"):
                    self.examples = [gr.Button(e, size="sm", elem_classes="example") for e in EXAMPLES]
                self.clear_btn = gr.Button("New conversation", size="sm", elem_id="new-conversation")
            with gr.Column(scale=2, min_width=300):
                self.panel = gr.HTML(sources_panel(None), label="Sources", elem_id="sources-panel")
        self._settings(cfg)  # under both columns: on a phone the sources come first, right after the chat
        self._wire()

    def _settings(self, cfg):
        with gr.Accordion("Settings", open=True, elem_id="settings"):
            with gr.Row():
                self.answerer = gr.Radio(["auto", "extractive", "llm"], value=cfg.answerer, label="Answerer",
                                         info="extractive: offline, from the articles' own words; llm: an "
                                              "OpenAI-compatible server; auto: the LLM when one is configured")
                gr.HTML(f'<p class="meta" id="llm-state">Language model: {html.escape(llm_state(cfg))}</p>')
            with gr.Row():
                self.filters = [gr.Textbox(label="Speaker", placeholder="e.g. Tikhy", min_width=140),
                                gr.Textbox(label="Source", placeholder="e.g. breitbart", min_width=140),
                                gr.Textbox(label="Since", placeholder="YYYY-MM-DD", min_width=140),
                                gr.Textbox(label="Until", placeholder="YYYY-MM-DD", min_width=140)]

    def send(self, event):
        """Answer what `event` put in `pending`, then save the conversation in the browser."""
        ev = event.then(partial(page_turn, home=self.home),
                        [self.pending, self.messages, self.kept, self.answerer, *self.filters],
                        [self.chatbot, self.panel, self.messages, self.kept], show_progress="hidden")
        self.events.append(ev)
        return ev.then(_save, [self.messages, self.kept], [self.saved], show_progress="hidden")

    def _wire(self):
        for trigger in (self.box.submit, self.send_btn.click):
            self.send(trigger(_take, [self.box], [self.box, self.pending], show_progress="hidden"))
        for b, e in zip(self.examples, EXAMPLES):
            self.send(b.click(lambda e=e: e, None, [self.pending], show_progress="hidden"))
        self.chatbot.select(self._chosen, [self.kept], [self.panel], show_progress="hidden")
        self.chatbot.clear(_clear, None, [self.chatbot, self.messages, self.kept, self.panel, self.saved],
                           show_progress="hidden")
        self.clear_btn.click(_clear, None, [self.chatbot, self.messages, self.kept, self.panel, self.saved],
                             show_progress="hidden")

    def _chosen(self, kept, evt: gr.SelectData):
        return _chosen(kept, evt, self.home)

    def finish(self, demo):
        """Once every sending event exists: Stop cancels them; the saved conversation comes back on load."""
        self.stop_btn.click(None, None, None, cancels=self.events)
        demo.load(lambda saved: _restore(saved, self.home), [self.saved],
                  [self.chatbot, self.messages, self.kept, self.panel], show_progress="hidden")
