"""The offline extractive answerer: an Answer composed from quotes and passages, with [n] citations."""
from __future__ import annotations

import re

from index import surname_key
from index.chunk import sentences
from index.cues import CUE

from .models import Answer, Attribution, Citation
from .prompts import render
from .question import Question, parse_question
from .retrieve import Hit, Retriever, overlap
from .statements import ANSWER_MIN, STATEMENT_MIN, confidence, locate, rank_statements

__all__ = ["extractive_answer", "citation", "PASSAGE_MIN"]

# Whether to answer at all: statements.confidence >= STATEMENT_MIN for a statement, >= ANSWER_MIN for a passage
# alone (where each was chosen: app/statements.py).
PASSAGE_MIN = 0.40  # cosine: a passage close enough to hand to the LLM as extra context
TOPIC_MIN = 0.30  # cosine: a speaker's statement counts as "about" the topic (or shares a word with it)
_LOWER_FIRST = set("""the a an about more most some many several this that these those there it its no nearly almost over
under around only all every each one two three four five six seven eight nine ten""".split())
_CUE = re.compile(rf"\b{CUE}\b|according to", re.I)
_ALSO = 0.04  # other speakers within this of the best are listed too

def citation(passage: Hit, n: int) -> Citation:
    """Source number `n`: a passage record as a Citation."""
    m = passage.metadata
    return Citation(n, m["article_id"], m["title"], m["source"], m["date"], m["url"], passage.document,
                    m["char_start"], m["char_end"])


class _Composer:
    """Numbers the passages it cites, in the order the answer uses them."""

    def __init__(self, retriever: Retriever):
        self.r = retriever
        self.citations: list[Citation] = []
        self.attributions: list[Attribution] = []

    def cite(self, passage: Hit) -> int:
        """The number of `passage` among the citations, added if new."""
        m = passage.metadata
        for c in self.citations:
            if c.article_id == m["article_id"] and c.char_start == m["char_start"]:
                return c.n
        self.citations.append(citation(passage, len(self.citations) + 1))
        return len(self.citations)

    def statement(self, quote: Hit) -> str:
        m = quote.metadata
        n = self.cite(self.r.passage_for(quote))
        self.attributions.append(Attribution(m["speaker"], m["speaker_name"], quote.document, m["cue"], [n],
                                             m["speaker_role"], m["kind"], m["article_id"]))
        role = f", {m['speaker_role']}" if m["speaker_role"] and len(m["speaker_role"]) <= 60 else ""
        content = quote.document.rstrip()
        cue = m["cue"] if any(ch.isalpha() for ch in m["cue"]) else "said"  # 'X: “...”', '“...” ― X'
        values = dict(speaker=m["speaker_name"], role=role + ("," if role else ""), cue=cue, n=n)
        if m["cue"].lower() == "according to":
            if content.split()[0].lower() in _LOWER_FIRST:
                content = content[0].lower() + content[1:]
            return render("extractive/according", **{**values, "role": role}, content=content.rstrip(".")) + "."
        if m["kind"] == "direct":
            line = render("extractive/direct", **values, content=content.rstrip(","))
        else:
            that = "" if m["cue"].split()[0].lower() in ("told", "asked", "urged") or content.startswith("to ") else "that "
            line = render("extractive/indirect", **values, that=that, content=content.rstrip(".")) + "."
        return line[:1].upper() + line[1:]  # "the OECD said ..." opens a sentence

    def answer(self, text: str) -> Answer:
        return Answer(text, True, self.citations, self.attributions)


def _not_found(text: str | None = None) -> Answer:
    return Answer(text or render("extractive/not_found"), False)


def _best_sentence(passage: str, question: str) -> str:
    spans = sentences(passage)
    best = max(spans, key=lambda s: overlap(question, passage[s.start:s.end]), default=None)
    return passage[best.start:best.end] if best else passage


def _who(q: Question, r: Retriever) -> Answer:
    ranked = rank_statements(q.statement, r, q.quoted, hint=q.speaker_hint)
    c = _Composer(r)
    sure = ranked if ranked and ranked[0].confidence >= STATEMENT_MIN else []
    if sure:
        best = sure[0]
        lines = [c.statement(best.quote)]
        seen = {best.quote.metadata["speaker_name"]}
        for x in sure[1:] if not best.located else []:  # near-ties with other speakers are listed too
            if best.confidence - x.confidence <= _ALSO and x.quote.metadata["speaker_name"] not in seen:
                seen.add(x.quote.metadata["speaker_name"])
                lines.append("Also: " + c.statement(x.quote))
        return c.answer("\n".join(lines))
    # No statement is sure enough: a passage holding the question's words verbatim is still worth citing (or, when
    # no statement came up at all, a close enough passage).
    passages = [p for p in r.passages(q.statement, k=1) if locate(q.statement, p.document)
                or (not ranked and confidence(q.statement, None, p) >= ANSWER_MIN)]
    if passages:
        n = c.cite(passages[0])
        return c.answer(render("extractive/unattributed", sentence=_best_sentence(passages[0].document, q.statement), n=n))
    return _not_found()


def _reported(q: Question, r: Retriever, articles: set[str] | None = None) -> list[tuple[Hit, str]]:
    """Sentences naming the speaker next to a reporting verb, found by words rather than by the extractor:
    (passage, sentence), one per passage. Limited to `articles` when given."""
    surname = surname_key(q.speaker)
    found = []
    for p in r.mentions(q.speaker, k=12):
        if (articles is not None and p.metadata["article_id"] not in articles) or (
                q.topic and not overlap(q.topic, p.document)):
            continue
        for span in sentences(p.document):
            text = p.document[span.start:span.end]
            if surname in text.lower() and _CUE.search(text):
                found.append((p, text.strip()))
                break
    return found


def _what(q: Question, r: Retriever, limit: int = 6) -> Answer:
    hits = r.statements_by(q.speaker, q.topic)
    if q.topic:
        hits = [h for h in hits if h.score >= TOPIC_MIN or overlap(q.topic, h.document) > 0]
    c = _Composer(r)
    if not hits:
        reported = _reported(q, r)
        if reported:
            lines = [render("extractive/reported", speaker=q.speaker)]
            lines += [f"- “{text}” [{c.cite(p)}]" for p, text in reported[:limit]]
            return c.answer("\n".join(lines))
        if r.mentions(q.speaker):
            return _not_found(render("extractive/no_statements", speaker=q.speaker))
        return _not_found()
    unique: dict[str, Hit] = {}  # syndicated copies of an article repeat the same statement
    for h in hits:
        unique.setdefault(" ".join(h.document.split()), h)
    hits = list(unique.values())
    lines = [render("extractive/what_said", speaker=hits[0].metadata["speaker_name"])]
    lines += ["- " + c.statement(h) for h in hits[:limit]]
    cited = {(x.article_id, x.char_start) for x in c.citations}
    more = [(p, t) for p, t in _reported(q, r, {x.article_id for x in c.citations})
            if (p.metadata["article_id"], p.metadata["char_start"]) not in cited]
    if more and len(hits) < limit:
        lines.append(render("extractive/also_reported"))
        lines += [f"- “{text}” [{c.cite(p)}]" for p, text in more[:limit - len(hits)]]
    return c.answer("\n".join(lines))


def _other(q: Question, r: Retriever) -> Answer:
    passages = [p for p in r.passages(q.text) if confidence(q.text, None, p) >= ANSWER_MIN]
    if not passages:
        return _not_found()
    c = _Composer(r)
    n = c.cite(passages[0])
    return c.answer(render("extractive/passage", sentence=_best_sentence(passages[0].document, q.text), n=n))


def extractive_answer(question: str, retriever: Retriever) -> Answer:
    q = parse_question(question)
    if not q.text:
        return _not_found()
    return {"who": _who, "what": _what}.get(q.kind, _other)(q, retriever)
