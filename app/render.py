"""Show an Answer to people: plain text for the terminal, escaped HTML for the chat and its sources panel."""
from __future__ import annotations

import html
import re
import textwrap
from typing import Iterable

from .models import Answer, Attribution, Citation

__all__ = ["answer_text", "answer_tail", "answer_html", "sources_html", "answer_bubble", "sources_panel",
           "marked", "statement_marks", "statement_html"]

Mark = tuple[int, int, str]  # start, end (in the text shown), kind: quote | speaker | cue
_TAGS = {"quote": ("<mark class=\"quote\">", "</mark>"), "speaker": ("<span class=\"speaker\">", "</span>"),
         "cue": ("<span class=\"cue\">", "</span>")}
_CITE = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def esc(text: str) -> str:
    return html.escape(text or "", quote=True)


def _dated(c: Citation) -> str:
    where = [y for y in (c.source, c.date) if y] + ([f"p. {c.page}"] if c.page else [])
    return " — ".join(x for x in (c.title, ", ".join(where)) if x)


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


def marked(text: str, marks: Iterable[Mark]) -> str:
    """`text` escaped, each mark's stretch wrapped in its element (quoted words in <mark>); overlaps are cut."""
    out, pos = [], 0
    for s, e, kind in sorted(m for m in marks if m[2] in _TAGS):
        s, e = max(s, pos, 0), min(e, len(text))
        if s >= e:
            continue
        out += [esc(text[pos:s]), _TAGS[kind][0], esc(text[s:e]), _TAGS[kind][1]]
        pos = e
    out.append(esc(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def statement_marks(st, start: int) -> list[Mark]:
    """A statement's spans (article offsets) as marks in a passage that starts at `start` in the article:
    every piece of its words (a quote split by its attribution has two or more), its speaker and its cue."""
    marks = [(a - start, b - start, "quote") for a, b in (st.content_spans or [(st.content_start, st.content_end)])]
    for span, kind in ((st.speaker_span, "speaker"), (st.cue_span, "cue")):
        if span:
            marks.append((span[0] - start, span[1] - start, kind))
    return marks


def _words(quote: str) -> list[str]:
    return [p for p in re.split(r"\s{2,}", quote.strip()) if p]


def _found_marks(passage: str, quotes: list[str]) -> list[Mark]:
    """Marks for quotes no statement record was found for: their words where the passage holds them as written."""
    found = []
    for q in quotes:
        for part in _words(q):
            i = passage.find(part)
            if i >= 0:
                found.append((i, i + len(part), "quote"))
    return found


def _norm(text: str) -> str:
    return " ".join(text.split()).strip(" ,.;:!?“”\"'‘’").lower()


def _same(quote: str, st) -> bool:
    q, s = _norm(quote), _norm(st.text)
    return bool(q) and (q == s or (min(len(q), len(s)) >= 20 and (q in s or s in q)))


def _source_marks(c: Citation, said: list[Attribution], statements) -> tuple[list[Mark], list]:
    """The marks of a citation's passage (from the statement records where found) and the statements used."""
    inside = [s for s in statements if s.article_id == c.article_id and s.content_start < c.char_end
              and s.content_end > c.char_start]
    marks, used, left = [], [], []
    for t in said:
        st = next((s for s in inside if _same(t.quote, s)), None)
        if st is None:
            left.append(t.quote)
        elif st not in used:
            used.append(st)
            marks += statement_marks(st, c.char_start)
    return marks + _found_marks(c.passage, left), used


def _link(url: str) -> str:
    if not (url or "").lower().startswith(("http://", "https://")):
        return ""
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer nofollow">link</a>'


def _who(t: Attribution) -> str:
    name = esc(t.speaker_name or t.speaker)
    role = f", {esc(t.speaker_role)}" if t.speaker_role else ""
    cue = f' — <span class="cue">{esc(t.cue)}</span>' if t.cue else ""
    return f'<span class="speaker">{name}</span>{role}{cue}'


def _source(c: Citation, a: Answer, statements, turn: int) -> str:
    said = [t for t in a.attributions if c.n in t.citations]
    marks, _ = _source_marks(c, said, statements)
    meta = " · ".join(x for x in (esc(c.source), esc(c.date), _link(c.url)) if x)
    who = "".join(f'<p class="said">{_who(t)}</p>' for t in said)
    return (f'<section class="src" id="src-{turn}-{c.n}"><h4><span class="n">[{c.n}]</span> {esc(c.title)}</h4>'
            f'{f"<p class=meta>{meta}</p>" if meta else ""}{who}'
            f'<blockquote class="passage">{marked(c.passage, marks)}</blockquote></section>')


def sources_panel(a: Answer | None, statements=(), turn: int = 0, asked: str = "") -> str:
    """The sources panel for one answer: each numbered source with title, source, date, link, who said what and
    the passage, every quoted span highlighted (from the `statements` records of the cited articles). The
    standalone question answered is shown when it is not what was `asked` (a follow-up)."""
    if a is None:
        return '<div class="sources empty">The sources of an answer appear here.</div>'
    asked = (f'<p class="asked">Question answered: {esc(a.question)}</p>'
             if a.question and _norm(a.question) != _norm(asked) else "")
    items = "".join(_source(c, a, statements, turn) for c in a.citations) or '<p class="none">No sources.</p>'
    return f'<div class="sources" data-turn="{turn}">{asked}{items}</div>'


def statement_html(st, passage_text: str, passage_start: int) -> str:
    """One statement in its passage: quoted words highlighted, speaker and cue marked."""
    return f'<blockquote class="passage">{marked(passage_text, statement_marks(st, passage_start))}</blockquote>'


def _marked_answer(a: Answer) -> str:
    text = esc(a.text)
    for s in a.unverified:
        text = text.replace(esc(s), f'<span class="unverified" title="not found in the cited source">'
                                    f'{esc(s)} <b>(unverified)</b></span>')
    return text.replace("\n", "<br>")


def answer_bubble(a: Answer, turn: int = 0, meta: str = "") -> str:
    """The chat bubble of the page: the escaped answer, each [n] a button for its source in the panel."""
    cite = lambda m: "".join(f'<span class="cite" title="show source {n}">[{n}]</span>'  # noqa: E731
                             for n in re.findall(r"\d+", m.group(1)))
    notice = f'<p class="notice">{esc(a.notice)}</p>' if a.notice else ""
    meta = f'<p class="meta">{esc(meta)}</p>' if meta else ""
    return f'<div class="answer t-{turn}">{_CITE.sub(cite, _marked_answer(a))}</div>{notice}{meta}'


def sources_html(a: Answer, statements=()) -> str:
    asked = (f"<p><small>Question answered: {esc(a.question)}</small></p>"
             if a.answerer == "llm" and a.question else "")
    if not a.citations:
        return asked and f"<details open><summary>Sources</summary>{asked}</details>"
    items = []
    for c in a.citations:
        marks, _ = _source_marks(c, [t for t in a.attributions if c.n in t.citations], statements)
        items.append(f"<li><b>[{c.n}] {esc(_dated(c))}</b> {_link(c.url)}<br><small>{marked(c.passage, marks)}"
                     f"</small></li>")
    return f"<details open><summary>Sources</summary>{asked}<ol style=\"list-style:none;padding-left:0\">{''.join(items)}</ol></details>"


def answer_html(a: Answer, statements=()) -> str:
    """The chat message: the escaped answer (unverified sentences marked), any notice, then the sources."""
    notice = f"<p><i>{esc(a.notice)}</i></p>" if a.notice else ""
    return f"<div>{_marked_answer(a)}</div>{notice}{sources_html(a, statements)}"
