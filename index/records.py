"""The records an article becomes (passages, statements, statement contexts) and the typed records read back."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .embed import MAX_TOKENS
from .fingerprint import extractor_version
from .lexical import day_number
from .load import Article
from .names import surname_key
from .regex_cache import cached_patterns

with cached_patterns():  # the rules' ~150 patterns, compiled from the disk cache (~0.4 s CPU otherwise)
    from .chunk import Chunk, chunk_article, sentences
    from .context import statement_context
    from .quotes import Quote, extract_quotes

__all__ = ["ArticleRecords", "prepare", "surname_key", "extractor_version"]


def _flat(spans) -> list[int]:
    return [int(x) for s in spans for x in s]


@dataclass
class ArticleRecords:
    """Everything one article adds to the index; texts to embed in `texts()` order."""

    article: Article
    passages: tuple[list[str], list[str], list[dict]] = ((), (), ())
    statements: tuple[list[str], list[str], list[dict]] = ((), (), ())
    contexts: list[str] = field(default_factory=list)

    def texts(self) -> list[str]:
        return list(self.passages[1]) + list(self.statements[1]) + self.contexts

    @property
    def entry(self) -> dict:
        a = self.article
        return {"hash": a.hash, "title": a.title, "path": a.path, "chunks": len(self.passages[0]),
                "quotes": len(self.statements[0]), "words": a.words}


def _article_meta(a: Article) -> dict:
    return {"article_id": a.id, "title": a.title, "source": a.source, "date": a.date, "day": day_number(a.date),
            "url": a.url, "place": a.place}


def _page(a: Article, offset: int) -> dict:
    """{"page": n} (from 1) for an article that carries where its pages start (a PDF); else nothing."""
    starts = a.extra.get("page_starts")
    if not starts or not isinstance(starts, list):
        return {}
    return {"page": max(1, bisect_right(starts, offset))}


def _passage_records(a: Article, chunks: list[Chunk]):
    metas = [{**_article_meta(a), "n": c.n, "char_start": c.char_start, "char_end": c.char_end,
              **_page(a, c.char_start)} for c in chunks]
    return [c.id for c in chunks], [c.text for c in chunks], metas


def _statement_meta(a: Article, q: Quote, home: Chunk) -> dict:
    meta = {**_article_meta(a), "speaker": q.speaker, "speaker_name": q.speaker_name, "speaker_role": q.speaker_role,
            "speaker_type": q.speaker_type, "speaker_key": surname_key(q.speaker_name), "cue": q.cue, "kind": q.kind,
            "content_start": q.content_spans[0][0], "content_end": q.content_spans[-1][1],
            "content_spans": _flat(q.content_spans),
            "chunk_n": home.n, "chunk_start": home.char_start, "chunk_end": home.char_end,
            **_page(a, q.content_spans[0][0])}
    for name, span in (("speaker_span", q.speaker_span), ("cue_span", q.cue_span)):
        if span:
            meta[name] = _flat([span])
    return meta


def _statement_records(a: Article, quotes: list[Quote], chunks: list[Chunk]):
    ids, docs, metas = [], [], []
    for i, q in enumerate(quotes):
        home = next((c for c in chunks if c.char_start <= q.start and q.end <= c.char_end), None) or next(
            (c for c in chunks if c.char_start <= q.content_spans[0][0] < c.char_end), chunks[-1])
        ids.append(f"{a.id}#q{i}")
        docs.append(q.content)
        metas.append(_statement_meta(a, q, home))
    return ids, docs, metas


def prepare(a: Article, count_tokens) -> ArticleRecords:
    """Split, extract and chunk one article (pure Python: runs beside the embedding of the previous batch)."""
    sents = sentences(a.text)
    quotes = extract_quotes(a.text, a.id, sents)
    chunks = chunk_article(a.id, a.text, count_tokens, MAX_TOKENS, [(q.start, q.end) for q in quotes], sents)
    if not chunks:
        return ArticleRecords(a)
    contexts = [statement_context(q.content, a.text, q.content_spans[0][0], q.content_spans[-1][1]) for q in quotes]
    return ArticleRecords(a, _passage_records(a, chunks), _statement_records(a, quotes, chunks), contexts)
