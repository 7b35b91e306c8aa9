"""Which statements support a question's claim: each candidate's support measured, and the gates it must pass (the
description the article gives its speaker, the people the claim names, its numbers and rare words)."""
from __future__ import annotations

import re

from index import surname_key
from index.store import PASSAGES

from .described import contradicted, corroborated
from .retrieve import Hit, Retriever
from .statements import DESCRIBED_SUPPORT_MIN, SUPPORT_MIN
from .support import UNRELATED_MAX, WORD_CLOSE_MIN, support, unheard, words_of

__all__ = ["claim_support", "ruled_out", "supported"]


def claim_support(claim: str, quote: Hit, r: Retriever, evidence: str, similarity: float, around: str = ""):
    """How well `quote` in its sentences (`evidence`, stored at index time) supports `claim`; names and numbers may
    stand elsewhere in its article (a speaker answering about someone says "he"; the article gave the name), and the
    claim's other words in `around` (`_around`: the paragraphs leading up to it; a reader retelling a statement
    borrows words from them, a claim nobody made has words they lack)."""
    return support(claim, evidence, r.store.lexical(PASSAGES), names_in=r.article_text(quote), similarity=similarity,
                   words_in=around)


def _around(quote: Hit, passage: Hit, r: Retriever) -> str:
    """The statement's paragraph and the one before it, less the words of statements by anyone else: a reader retelling
    a statement borrows words from the paragraphs that lead up to it, never from another speaker's quote."""
    text, start = list(passage.document), passage.record.char_start
    for other in r.quotes_in([passage]).get(passage.id, []):
        if other.record.speaker_name != quote.record.speaker_name:
            for s, e in other.record.content_spans:
                lo, hi = min(len(text), max(0, s - start)), min(len(text), max(0, e - start))
                text[lo:hi] = " " * (hi - lo)
    text = "".join(text)
    at = min(len(text), max(0, quote.record.content_start - start))
    ends = [m.start() for m in re.finditer(r"\n\s*\n|\n", text)]
    before = [e for e in ends if e < at]
    lo = before[-2] if len(before) >= 2 else 0
    hi = next((e for e in ends if e >= at), len(text))
    return text[lo:hi]


def supported(claim: str, hits: list[Hit], r: Retriever, hint: str = "", named: tuple[str, ...] = ()
               ) -> list[tuple[Hit, float]]:
    """(statement, support score) for those of `hits` whose support reaches SUPPORT_MIN (DESCRIBED_SUPPORT_MIN when
    the article describes the speaker as `hint`, the question's description, does), whose article holds every
    number of the claim ("twelve weeks" is not supported by "six weeks"), and that hold, or come close in meaning to,
    every word of the claim that the index barely knows; in their order. A statement whose article does not describe
    its speaker as `hint` does, or never names someone the claim names in full (`named`: surname keys), is out."""
    contexts = r.contexts(claim, hits)  # the text the statements were searched with: embedded once
    r.prefetch(hits)
    lexical = r.store.lexical(PASSAGES)
    out = []
    for h in (h for h in hits if h.id in contexts):
        evidence, similarity, vector = contexts[h.id]
        if ruled_out(h, r, hint, named):
            continue
        around = _around(h, r.passage_for(h), r)
        found = claim_support(claim, h, r, evidence, similarity, around)
        score = found.score
        enough = score >= SUPPORT_MIN or (bool(hint) and score >= DESCRIBED_SUPPORT_MIN
                                          and corroborated(hint, h, r.article_text(h), lexical))
        if enough and not found.numbers and _heard(claim, evidence, around, r, vector):
            out.append((h, score))
    return out


def _heard(claim: str, evidence: str, around: str, r: Retriever, vector: list[float]) -> bool:
    """Whether every word of `claim` that the index barely knows and `evidence` lacks comes close in meaning to the
    evidence (UNRELATED_MAX) or to one of the words of the evidence and `around` it (WORD_CLOSE_MIN)."""
    words = unheard(claim, evidence, r.store.lexical(PASSAGES))
    far = [w for w, c in zip(words, r.closeness(words, vector)) if c < UNRELATED_MAX]
    near = words_of(f"{evidence} {around}") if far else []
    return all(r.nearest(w, near) >= WORD_CLOSE_MIN for w in far)


def ruled_out(quote: Hit, r: Retriever, hint: str, named: tuple[str, ...]) -> bool:
    """Whether the article of `quote` does not describe its speaker as `hint` does, or never names one of the people
    `named` (surname keys) other than that speaker: then the statement answers no question that says so."""
    article, own = r.article_text(quote), surname_key(quote.record.speaker_name)
    return (bool(hint) and contradicted(hint, quote, article, r)) or any(
        k != own and not re.search(rf"\b{re.escape(k)}\b", article, re.I) for k in named)
