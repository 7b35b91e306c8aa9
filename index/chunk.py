"""Cut an article into passages that fit MiniLM's window, on sentence boundaries, with exact offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

__all__ = ["Chunk", "Sentence", "sentences", "chunk_article"]

_SPECIALS = 2  # [CLS] and [SEP]


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int  # exclusive, trailing white space excluded


@dataclass(frozen=True)
class Chunk:
    article_id: str
    n: int
    char_start: int
    char_end: int
    text: str  # == article.text[char_start:char_end]

    @property
    def id(self) -> str:
        return f"{self.article_id}#{self.n}"


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[“\"'‘«A-Z])")


def sentences(text: str) -> list[Sentence]:
    """Sentences with char offsets: paragraphs first (a line break ends a sentence), then pysbd."""
    out: list[Sentence] = []
    pos = 0
    for para_end in [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]:
        para = text[pos:para_end]
        if para.strip():
            for span in _segmenter().segment(para):
                s, e = pos + span.start, pos + span.end
                while e > s and text[e - 1].isspace():
                    e -= 1
                while s < e and text[s].isspace():
                    s += 1
                if e > s:
                    out.append(Sentence(s, e))
        pos = para_end
    return out


def _split_long(text: str, sent: Sentence, count: Callable[[list[str]], list[int]],
                budget: int) -> list[Sentence]:
    """A sentence longer than the window is cut between words."""
    pieces, start = [], sent.start
    words = [m.end() for m in re.finditer(r"\S+", text[sent.start:sent.end])]
    last_ok = None
    for w_end in words:
        end = sent.start + w_end
        if count([text[start:end]])[0] <= budget:
            last_ok = end
            continue
        cut = last_ok or end
        pieces.append(Sentence(start, cut))
        start = cut
        while start < sent.end and text[start].isspace():
            start += 1
        last_ok = end if count([text[start:end]])[0] <= budget else None
    if start < sent.end:
        pieces.append(Sentence(start, sent.end))
    return pieces


def chunk_article(article_id: str, text: str, count: Callable[[list[str]], list[int]],
                  max_tokens: int = 256, keep_together: list[tuple[int, int]] = (),
                  split: list[Sentence] | None = None) -> list[Chunk]:
    """Greedy packing of whole sentences up to `max_tokens` wordpieces ([CLS]/[SEP] included).

    `keep_together` spans (quotes) are not cut where another cut point in the chunk exists;
    `split`: the article's sentences, when they are already known.
    """
    budget = max_tokens - _SPECIALS
    sents: list[Sentence] = []
    sent_list = sentences(text) if split is None else split
    for sent, n in zip(sent_list, count([text[s.start:s.end] for s in sent_list])):
        sents.extend([sent] if n <= budget else _split_long(text, sent, count, budget))
    sizes = count([text[s.start:s.end] for s in sents])

    def cuttable(pos: int) -> bool:
        return not any(a < pos < b for a, b in keep_together)

    chunks: list[Chunk] = []
    cur: list[int] = []  # indexes into sents
    total = 0

    def emit(upto: int) -> None:
        nonlocal cur, total
        take, cur = cur[:upto], cur[upto:]
        s, e = sents[take[0]].start, sents[take[-1]].end
        chunks.append(Chunk(article_id, len(chunks), s, e, text[s:e]))
        total = sum(sizes[i] + 1 for i in cur)

    for i, size in enumerate(sizes):
        if cur and total + size > budget:
            cut = next((k for k in range(len(cur), 0, -1) if cuttable(sents[cur[k - 1]].end)), len(cur))
            emit(cut)
            while cur and total + size > budget:  # what carried over still doesn't leave room
                emit(len(cur))
        cur.append(i)
        total += size + (1 if len(cur) > 1 else 0)
    if cur:
        emit(len(cur))
    return chunks
