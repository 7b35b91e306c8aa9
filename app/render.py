"""Show an Answer to people: plain text for the terminal, escaped HTML for the chat."""
from __future__ import annotations

import html
import re
import textwrap

from .models import Answer, Citation

__all__ = ["answer_text", "answer_tail", "answer_html", "sources_html"]


def _dated(c: Citation) -> str:
    return " — ".join(x for x in (c.title, ", ".join(y for y in (c.source, c.date) if y)) if x)


def answer_tail(a: Answer, width: int = 100) -> str:
    """What follows the answer's text in a terminal: notice, unverified sentences, numbered sources."""
    out = []
    if a.question and a.question != a.text and a.answerer == "llm":
        out += ["", f"Question answered: {a.question}"]
    if a.notice:
        out += ["", f"Note: {a.notice}"]
    for s in a.unverified:
        out += ["", f"Unverified: {s}"]
    if a.citations:
        out += ["", "Sources:"]
        for c in a.citations:
            out.append(f"[{c.n}] {_dated(c)} ({c.article_id}, chars {c.char_start}–{c.char_end})")
            out += textwrap.wrap(" ".join(c.passage.split()), width, initial_indent="    ", subsequent_indent="    ")
    return "\n".join(out)


def answer_text(a: Answer, width: int = 100) -> str:
    """The answer, then its numbered sources with the passages."""
    return a.text + answer_tail(a, width)


def _highlight(passage: str, quotes: list[str]) -> str:
    """Escape the passage; wrap the quoted words in <mark>."""
    spans = []
    for q in quotes:
        for part in re.split(r"\s{2,}", q.strip()):
            i = passage.find(part) if part else -1
            if i >= 0:
                spans.append((i, i + len(part)))
    out, pos = [], 0
    for s, e in sorted(spans):
        if s < pos:
            continue
        out += [html.escape(passage[pos:s]), "<mark>", html.escape(passage[s:e]), "</mark>"]
        pos = e
    out.append(html.escape(passage[pos:]))
    return "".join(out).replace("\n", "<br>")


def sources_html(a: Answer) -> str:
    asked = (f"<p><small>Question answered: {html.escape(a.question)}</small></p>"
             if a.answerer == "llm" and a.question else "")
    if not a.citations:
        return asked and f"<details open><summary>Sources</summary>{asked}</details>"
    items = []
    for c in a.citations:
        quotes = [t.quote for t in a.attributions if c.n in t.citations]
        title = html.escape(_dated(c))
        link = f' <a href="{html.escape(c.url, quote=True)}">link</a>' if c.url.startswith(("http://", "https://")) else ""
        items.append(f"<li><b>[{c.n}] {title}</b>{link}<br><small>{_highlight(c.passage, quotes)}</small></li>")
    return f"<details open><summary>Sources</summary>{asked}<ol style=\"list-style:none;padding-left:0\">{''.join(items)}</ol></details>"


def answer_html(a: Answer) -> str:
    """The chat message: the escaped answer (unverified sentences marked), any notice, then the sources."""
    text = html.escape(a.text)
    for s in a.unverified:
        text = text.replace(html.escape(s), f'<span class="unverified" title="not found in the cited source">'
                                            f'{html.escape(s)} <b>(unverified)</b></span>')
    text = text.replace("\n", "<br>")
    notice = f"<p><i>{html.escape(a.notice)}</i></p>" if a.notice else ""
    return f"<div>{text}</div>{notice}{sources_html(a)}"
