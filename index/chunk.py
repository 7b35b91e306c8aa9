"""Cut an article into passages that fit MiniLM's window, on sentence boundaries, with exact offsets."""
from __future__ import annotations

import re
from bisect import bisect_right
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
    from .segmenter import Segmenter  # pysbd's, with less CPU

    return Segmenter()


_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[“\"'‘«A-Z])")
# pysbd's time grows faster than its input (one 237 KB line took 87 s): a longer paragraph is fed to it in pieces of
# at most this many characters, cut after a sentence's end mark if the piece's second half has one, else at a space.
# 3,000 is ~15 sentences of news prose, far above a real paragraph; one 237 KB line now splits in 2.3 s.
_PIECE = 3_000
_END_MARK = re.compile(r"[.!?][\"'”’)\]]*\s")
_SPACE = re.compile(r"\s")


def _pieces(text: str, start: int, end: int):
    """(start, end) of the pieces of text[start:end] that pysbd reads one at a time."""
    while end - start > _PIECE:
        half = start + _PIECE // 2
        window = text[half:start + _PIECE]
        cuts = [m.end() for m in _END_MARK.finditer(window)] or [m.end() for m in _SPACE.finditer(window)]
        cut = half + cuts[-1] if cuts else start + _PIECE
        yield start, cut
        start = cut
    yield start, end


def sentences(text: str) -> list[Sentence]:
    """Sentences with char offsets: paragraphs first (a line break ends a sentence), then pysbd, in bounded pieces."""
    out: list[Sentence] = []
    pos = 0
    for para_end in [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]:
        for start, end in _pieces(text, pos, para_end):
            if text[start:end].strip():
                out.extend(_segmented(text, start, end))
        pos = para_end
    return out


def _segmented(text: str, start: int, end: int) -> list[Sentence]:
    found = []
    for span in _segmenter().segment(text[start:end]):
        s, e = start + span.start, start + span.end
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            found.append(Sentence(s, e))
    return found


def _split_long(text: str, sent: Sentence, count: Callable[[list[str]], list[int]],
                budget: int) -> list[Sentence]:
    """A sentence longer than the window is cut between words, each piece the most words that fit (found by halving:
    a few counts a piece, not one a word); a word longer than the window is a piece alone."""
    pieces, start = [], sent.start
    ends = [sent.start + m.end() for m in re.finditer(r"\S+", text[sent.start:sent.end])]
    i = 0  # the first word not yet in a piece
    while i < len(ends):
        fits = lambda j: count([text[start:ends[j]]])[0] <= budget  # noqa: E731
        lo, hi = i, min(len(ends) - 1, i + budget - 1)  # every word is a wordpiece at least
        if fits(lo):
            while lo < hi:
                mid = (lo + hi + 1) // 2
                lo, hi = (mid, hi) if fits(mid) else (lo, mid - 1)
        pieces.append(Sentence(start, ends[lo]))
        start, i = ends[lo], lo + 1
        while start < sent.end and text[start].isspace():
            start += 1
    return pieces


def _inside(ends: list[int], spans) -> set[int]:
    """The sentence ends that fall strictly inside one of `spans`."""
    found = set()
    for a, b in spans:
        i = bisect_right(ends, a)
        while i < len(ends) and ends[i] < b:
            found.add(ends[i])
            i += 1
    return found


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
    blocked = _inside(sorted({s.end for s in sents}), keep_together)

    def cuttable(pos: int) -> bool:
        return pos not in blocked

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
