"""Find quote records and passages for a question in the live index, and turn them into citations."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from index import Embedder, PassageRecord, StatementRecord, Store, surname_key
from index.store import CONTEXTS, PASSAGES, QUOTES

from .errors import FilterError
from .filters import Filters

__all__ = ["Retriever", "Hit", "content_words", "overlap", "fuse"]

_STOP = set("""the a an and or of to in on at for by with from that this these those is are was were be been being it its
as about into over than then there their they them he she his her him we our you your i who what which when where why how
would could should will can may might must has have had do does did not no nor but if so such said says say told warned
stated claimed according whom""".split())


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9][a-z0-9'’-]*", text.lower()) if w not in _STOP and len(w) > 2}


def overlap(question: str, text: str) -> float:
    """Share of the question's content words found in `text`."""
    q = content_words(question)
    return len(q & content_words(text)) / len(q) if q else 0.0


@dataclass
class Hit:
    """A passage or a statement found for a question."""

    record: PassageRecord | StatementRecord
    score: float  # cosine similarity to the query
    fused: float = 0.0  # reciprocal-rank fusion of the dense and lexical ranks

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def document(self) -> str:
        """The passage's text, or the statement's words."""
        return self.record.text


def _cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b))  # MiniLM vectors are normalised


RRF_K = 60  # the usual constant: ranks beyond a few dozen barely count
# A speaker's statements ranked by a topic: the best this many, searched this deep (dense and BM25) among theirs. What
# a what-answer checks for the topic (app/extractive.py) and lists is fewer; ranking all of a prolific speaker's
# statements (Donald Trump: 1,092 in PolNeAR) took 0.3-0.6 s against 30 ms.
TOPIC_DEPTH = 60
# Longest phrase searched as written: a passage is at most 256 wordpieces (~1,200 characters of news prose), so a
# 500-character stretch of a longer quotation still finds its passage, and stays far below SQLite's 50,000 bytes.
_PHRASE = 500


def fuse(*rankings: list[str]) -> dict[str, float]:
    """Reciprocal rank fusion: id -> sum over rankings of 1 / (RRF_K + rank)."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, i in enumerate(ranking, 1):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank)
    return fused


class Retriever:
    """Thin functions over one Store and one Embedder (both injectable); `filters` narrow every search."""

    def __init__(self, store: Store, embedder: Embedder, filters: Filters | None = None):
        self.store, self.embedder = store, embedder
        self.filters = self._checked(filters or Filters())
        self._vectors: dict[str, list[float]] = {}  # one question may be searched in quotes, then passages
        self._passages: dict[str, Hit] = {}  # passages already fetched, for passage_for
        self._statements: dict[str, list[StatementRecord]] = {}  # article id -> its statements, read once
        self._articles: dict[str, str] = {}  # article id -> its text, read once

    def _checked(self, f: Filters) -> Filters:
        """The source as the index spells it; an unknown source or speaker is an error naming the known or closest."""
        if f.speaker:
            self._check_speaker(f.speaker)
        if not f.source:
            return f
        known = sorted(set(self.store.lexical(PASSAGES).fields["source"].tolist()) - {""})
        spelled = next((s for s in known if s.lower() == f.source.lower()), None)
        if spelled is None:
            raise FilterError(f"No articles from source {f.source!r} in the index; sources: {', '.join(known[:20])}"
                              + (" ..." if len(known) > 20 else ""))
        return replace(f, source=spelled)

    def _check_speaker(self, speaker: str) -> None:
        if self.store.roster().by_key.get(surname_key(speaker)):
            return
        close = self.closest_speakers(speaker)
        raise FilterError(f"No speaker named {speaker!r} in the index" + (f"; closest: {', '.join(close)}" if close else ""))

    def closest_speakers(self, speaker: str) -> list[str]:
        """Up to three speakers of the index whose name, or else surname, is spelled most like `speaker`."""
        roster = self.store.roster()
        names = [e.name for e in roster.entries]
        return difflib.get_close_matches(speaker, names, n=3, cutoff=0.5) or [
            e.name for e in roster.entries if difflib.get_close_matches(surname_key(speaker), [e.key], cutoff=0.75)][:3]

    def _embed(self, text: str) -> list[float]:
        if text not in self._vectors:
            self._vectors[text] = self.embedder.embed([text])[0]
        return self._vectors[text]

    def contexts(self, text: str, quotes: list[Hit]) -> dict[str, tuple[str, float, list[float]]]:
        """Each statement in the sentences it stands in, with its cosine similarity to `text` and its vector (made at
        index time): quote id -> (context, similarity, vector)."""
        if not quotes:
            return {}
        vector = self._embed(text)
        return {f.record.id: (f.record.text, _cosine(vector, f.vector), f.vector)
                for f in self.store.records(CONTEXTS, [q.id for q in quotes], vectors=True)}

    def closeness(self, words: list[str], vector: list[float]) -> list[float]:
        """Cosine similarity of each of `words` (embedded alone, remembered) to `vector`."""
        new = [w for w in words if w not in self._vectors]
        self._vectors.update(zip(new, self.embedder.embed(new) if new else []))
        return [_cosine(self._vectors[w], vector) for w in words]

    def nearest(self, word: str, among: list[str]) -> float:
        """The highest cosine similarity of `word` to one of the words `among`, each embedded alone (remembered)."""
        new = [w for w in dict.fromkeys([word, *among]) if w not in self._vectors]
        self._vectors.update(zip(new, self.embedder.embed(new) if new else []))
        return max((_cosine(self._vectors[word], self._vectors[w]) for w in among), default=-1.0)

    def search(self, kind: str, text: str, k: int, depth: int = 20, filters: Filters | None = None) -> list[Hit]:
        """Dense and BM25 results over `kind`, fused by reciprocal rank; best `k` first."""
        quotes, filters = kind == QUOTES, filters or self.filters
        if filters.speaker and not quotes:
            return []  # narrowed to a speaker: only that speaker's statements (and their passages) count
        vector = self._embed(text)
        dense = {f.record.id: Hit(f.record, f.score) for f in self.store.query(kind, vector, depth, filters.narrow)}
        lex = self.store.lexical(kind)
        mask = filters.mask(lex, quotes)
        lexical = lex.search(text, depth, mask)
        rankings = [list(dense), [i for i, _ in lexical]]
        if quotes:  # a statement in its sentences holds who said it and how: "a Twitter spokesman, X, said"
            rankings.append(self._in_context(vector, depth, lex, mask))
        fused = fuse(*rankings)
        best = sorted(fused, key=lambda i: (-fused[i], i))[:k]  # ties break by id: the same answer every run
        missing = [i for i in best if i not in dense]
        for f in self.store.records(kind, missing, vectors=True):  # a record a rebuild just removed is left out
            dense[f.record.id] = Hit(f.record, _cosine(vector, f.vector))
        hits = [dense[i] for i in best if i in dense]
        for h in hits:
            h.fused = fused[h.id]
        if not quotes:
            self._passages.update((h.id, h) for h in hits)
        return hits

    def _in_context(self, vector: list[float], depth: int, lex, mask) -> list[str]:
        """Statement ids ranked by their contexts' closeness to `vector`, within the filters (`mask` over `lex`, the
        statements' BM25 index, whose fields carry the filters' values: contexts carry only their article)."""
        found = [f.record.id for f in self.store.query(CONTEXTS, vector, depth)]
        if mask is None:
            return found
        allowed = {lex.ids[i] for i in mask.nonzero()[0]}
        return [i for i in found if i in allowed]

    def similarity(self, text: str, quotes: list[Hit]) -> dict[str, float]:
        """Cosine similarity of `text` to each of `quotes` itself (one found through its passage carries the
        passage's score): quote id -> similarity."""
        if not quotes:
            return {}
        vector = self._embed(text)
        return {f.record.id: _cosine(vector, f.vector)
                for f in self.store.records(QUOTES, [q.id for q in quotes], vectors=True)}

    def containing(self, words: str, k: int = 3) -> list[Hit]:
        """Passages holding `words` exactly as written (a question quoting someone), within the filters."""
        if self.filters.speaker:
            return []
        found = self._holding(words, k)
        plain = max(re.split(r"\S*[’'‘“”\"]\S*", words), key=len).strip()  # quote marks and apostrophes vary
        if not found and plain != words.strip() and len(plain.split()) >= 3:
            found = self._holding(plain, k)
        return [Hit(p, 0.0) for p in found]

    def _holding(self, words: str, k: int):
        """store.containing with a pattern the store can run: Chroma makes `words` a LIKE pattern, where % and _
        are wildcards and 50,000 bytes is too complex. The longest stretch free of them, at most _PHRASE characters
        cut at a space, is searched; what it finds is kept only if it holds all of `words` (case aside)."""
        phrase = max(re.split(r"[%_]", words), key=len).strip()
        if len(phrase) > _PHRASE:
            phrase = phrase[:_PHRASE].rsplit(None, 1)[0] if " " in phrase[:_PHRASE] else phrase[:_PHRASE]
        if phrase == words.strip():
            return self.store.containing(words, self.filters.narrow, k)
        if len(phrase) < 3:
            return []
        wanted = words.strip().lower()
        return [p for p in self.store.containing(phrase, self.filters.narrow, k * 5)
                if wanted in p.text.lower()][:k]

    def quotes_in(self, passages: list[Hit]) -> dict[str, list[Hit]]:
        """The statements inside each passage (passage id -> quote Hits, scored as their passage)."""
        if not passages:
            return {}
        self._read_statements({p.record.article_id for p in passages})
        recs = [s for a in sorted({p.record.article_id for p in passages}) for s in self._statements[a]]
        inside = {}
        for p in passages:
            key = (p.record.article_id, p.record.n)
            inside[p.id] = [Hit(s, p.score) for s in recs if (s.article_id, s.chunk_n) == key]
        return inside

    def _read_statements(self, articles: set[str]) -> None:
        """Read the statements of `articles` not read yet, in one call: an article's statements are read once per
        question, however many passages ask."""
        articles = sorted(articles - set(self._statements))
        if articles:
            for s in self.store.statements_in(articles):
                self._statements.setdefault(s.article_id, []).append(s)
            for a in articles:
                self._statements.setdefault(a, [])

    def prefetch(self, hits: list[Hit], statements: bool = True) -> None:
        """Read the articles of `hits` (their passages and statements) in two calls rather than two per article: the
        support check looks at each candidate's article, passage and neighbours (`article_text`, `passage_for`,
        `quotes_in`), and every call to the store costs milliseconds however little it returns."""
        articles = {h.record.article_id for h in hits}
        if statements:  # the statements around each (a who-claim's support); a topic's support needs the text only
            self._read_statements(articles)
        todo = sorted(articles - set(self._articles))
        if not todo:
            return
        parts: dict[str, list] = {a: [] for a in todo}
        for p in self.store.passages_in(todo):
            parts[p.article_id].append(p)
            self._passages.setdefault(p.id, Hit(p, 0.0))
        for a, ps in parts.items():
            self._articles[a] = "\n\n".join(p.text for p in sorted(ps, key=lambda p: p.n))

    def passages(self, text: str, k: int = 5) -> list[Hit]:
        return self.search(PASSAGES, text, k)

    def statements_by(self, speaker: str, topic: str = "") -> list[Hit]:
        """Every quote whose speaker is `speaker`, in any form of the name; ranked by `topic` if given."""
        key = surname_key(speaker)
        if not key:
            return []
        narrowed = replace(self.filters, speaker=speaker)
        given = {w.lower() for w in speaker.split()[:-1] if w[:1].isupper()}
        theirs = lambda s: not given or len(s.speaker_name.split()) < 2 or bool(  # noqa: E731
            given & {w.lower() for w in s.speaker_name.split()[:-1]})  # "Hillary Clinton" is not Bill Clinton
        if topic:  # the best TOPIC_DEPTH by the topic, not all of a prolific speaker's (Trump: 1,092, 0.3 s to read)
            return [h for h in self.search(QUOTES, topic, TOPIC_DEPTH, TOPIC_DEPTH, narrowed) if theirs(h.record)]
        hits = [Hit(s, 1.0) for s in self.store.statements_by(narrowed.narrow) if theirs(s)]
        return sorted(hits, key=lambda h: (h.record.date, h.record.article_id, h.record.content_start))

    def mentions(self, name: str, k: int = 3) -> list[Hit]:
        """Passages naming `name` (its last word, as written)."""
        last = name.split()[-1] if name.split() else ""
        if not last:
            return []
        return [Hit(p, 1.0) for p in self._holding(last, k)]

    def article_text(self, hit: Hit) -> str:
        """The whole text of the article `hit` (a passage or a statement) is in, its passages joined."""
        self.prefetch([hit], statements=False)
        return self._articles[hit.record.article_id]

    def passage_for(self, quote: Hit) -> Hit:
        """The passage a quote record lives in."""
        pid = quote.record.passage_id
        known = self._passages.get(pid)
        return Hit(known.record if known else self.store.passage(pid), quote.score)
