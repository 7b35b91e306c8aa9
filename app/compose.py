"""Compose answer lines from statements: the speaker with role, the verbatim words, [n], and the article they are in."""
from __future__ import annotations

import re
from dataclasses import replace

from index import StatementRecord
from index.attribution.titles import TITLE_MEANINGS
from index.roles import reads_as_role

from .models import Answer, Attribution, Citation
from .prompts import render
from .retrieve import Hit, Retriever

__all__ = ["Composer", "citation", "joined", "role_of", "TITLE_WORDS"]

_ROLE_MAX = 60  # longer roles are sentences the extractor kept whole: not worth repeating in an answer
_BARE_TITLES = {"mr.", "mrs.", "ms.", "miss", "dr.", "mr", "mrs", "ms", "dr"}
# Title abbreviations spelled out, in a role shown to a reader ("Minnesota Sen." -> "Minnesota senator") and in a
# question's description of a speaker: the first meaning index/lexicon/title_meanings.txt gives each.
TITLE_WORDS = {short: meant[0] for short, meant in TITLE_MEANINGS.items()}
_ABBREVIATED = re.compile(rf"\b({'|'.join(TITLE_WORDS)})\.(?=\s|$)", re.I)


def citation(passage: Hit, n: int) -> Citation:
    """Source number `n`: a passage record as a Citation."""
    p = passage.record
    return Citation(n, p.article_id, p.title, p.source, p.date, p.url, p.text, p.char_start, p.char_end,
                    p.page or None)


def role_of(s: StatementRecord) -> str:
    """The speaker's role as a reader reads it: title abbreviations spelled out; "" for none, a bare "Mr.", a role
    too long to repeat, or words beside the name that are no role ("suggesting that …": index/roles.py)."""
    role = (s.speaker_role or "").strip()
    if not role or len(role) > _ROLE_MAX or role.lower() in _BARE_TITLES or not reads_as_role(role):
        return ""
    return _ABBREVIATED.sub(lambda m: TITLE_WORDS[m.group(1).lower()], role)


def _where(s: StatementRecord, title: bool = True) -> str:
    """' — Title, source, 2016-09-05, p. 3': the article the words are in (and the page, when it has pages)."""
    parts = [s.title if title else "", s.source, s.date, f"p. {s.page}" if s.page else ""]
    parts = [p.strip() for p in parts if p and p.strip()]
    return f" — {', '.join(parts)}" if parts else ""


class Composer:
    """Numbers the passages it cites, in the order the answer uses them, and keeps the attributions shown."""

    def __init__(self, retriever: Retriever):
        self.r = retriever
        self.roster = retriever.store.roster()
        self.citations: list[Citation] = []
        self.attributions: list[Attribution] = []

    def cite(self, passage: Hit) -> int:
        """The number of `passage` among the citations, added if new."""
        p = passage.record
        for c in self.citations:
            if c.article_id == p.article_id and c.char_start == p.char_start:
                return c.n
        self.citations.append(citation(passage, len(self.citations) + 1))
        return len(self.citations)

    def name(self, s: StatementRecord) -> str:
        """The speaker's fullest name: a bare surname ("Petrak", in an article that never gives more) becomes the
        one full name the whole index files under it, when there is exactly one."""
        name = s.speaker_name
        if s.speaker_type != "person" or len(name.split()) != 1:
            return name
        full = [e.name for e in self.roster.named(s.speaker_key) if e.type == "person" and len(e.name.split()) > 1]
        return full[0] if len(full) == 1 else name

    def _attribute(self, quote: Hit) -> tuple[int, str]:
        """The number of the passage `quote` is in, cited (its attribution kept), and its words as shown."""
        s = quote.record
        passage = self.r.passage_for(quote)
        n = self.cite(passage)
        self.attributions.append(Attribution(s.speaker, self.name(s), quote.document, s.cue, [n], role_of(s),
                                             s.kind, s.article_id))
        return n, _words(quote, passage.record)

    def statement(self, quote: Hit) -> str:
        """A who-answer line: 'Name, role said: “words” [n] — Title, source, date' (reported speech marked)."""
        s = quote.record
        n, words = self._attribute(quote)
        role = role_of(s)
        values = dict(speaker=self.name(s), role=f", {role}," if role else "", n=n, source=_where(s), content=words)
        if s.kind == "direct":
            line = render("extractive/said", **values)
        else:
            values["role"] = f", {role}" if role else ""
            line = render("extractive/reported_statement", **values)
        return line[:1].upper() + line[1:]

    def listed(self, quote: Hit, speaker: str) -> str:
        """A what-answer line: '- “words” [n] — Title, source, date', naming the speaker when it is not `speaker`."""
        s = quote.record
        n, words = self._attribute(quote)
        other = "" if self.name(s) == speaker else f"{self.name(s)}: "
        name = "extractive/what_line" if s.kind == "direct" else "extractive/what_line_reported"
        return render(name, speaker=other, content=words, n=n, source=_where(s))

    def answer(self, text: str) -> Answer:
        return Answer(text, True, self.citations, self.attributions)


def _words(quote: Hit, p) -> str:
    """The statement's words as its article has them (`p`: the passage record it is in); pieces that the article's
    own words separate (“A,” she said. “B”) are joined with ' … ', the words left out marked as left out."""
    s, text = quote.record, quote.document.strip().rstrip(",")
    if len(s.content_spans) < 2:
        return text
    at = [(a - p.char_start, b - p.char_start) for a, b in s.content_spans]
    if at[0][0] < 0 or at[-1][1] > len(p.text):
        return text  # a statement across passages: as stored
    out = p.text[at[0][0]:at[0][1]].strip()
    for (_, end), (a, b) in zip(at, at[1:]):
        joint = " … " if re.search(r"[^\W\d_]", p.text[end:a]) else " "
        out = out.rstrip().rstrip(",") + joint + p.text[a:b].strip()
    return out.rstrip(",")


def joined(answers: list[Answer]) -> Answer:
    """Answers one after another as one ("What did X and Y say …?"): the sources of each numbered after those before
    it, a passage already cited keeping its number; found when any is."""
    text, citations, attributions = [], [], []
    for a in answers:
        known = {(c.article_id, c.char_start): c.n for c in citations}
        number = {}
        for c in a.citations:
            number[c.n] = known.get((c.article_id, c.char_start)) or len(citations) + 1
            if number[c.n] > len(citations):
                citations.append(replace(c, n=number[c.n]))
        text.append(re.sub(r"\[(\d+)\]", lambda m: f"[{number.get(int(m.group(1)), int(m.group(1)))}]", a.text))
        attributions += [replace(t, citations=[number.get(n, n) for n in t.citations]) for t in a.attributions]
    return Answer("\n\n".join(text), any(a.found for a in answers), citations, attributions)
