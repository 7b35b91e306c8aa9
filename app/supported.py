"""Which statements support a question's claim: each candidate's support measured, and the gates it must pass (the
description the article gives its speaker, the people the claim names, its numbers and rare words)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index import surname_key
from index.context import quick_sentences
from index.lexical import tokens
from index.store import PASSAGES

from .described import contradicted, corroborated
from .retrieve import Hit, Retriever
from .statements import DESCRIBED_SUPPORT_MIN, SUPPORT_MIN
from .support import UNRELATED_MAX, WORD_CLOSE_MIN, support, unheard, words_of
from .polarity import flipped, opposed, opposed_act
from .swap import Swap, swapped

__all__ = ["claim_support", "ruled_out", "supported", "swaps", "Verdict", "Contradicted"]


@dataclass(frozen=True)
class Contradicted:
    """The statement that supports a claim best, but names someone, somewhere or a number other than the claim's in
    the same place: the claim is that statement with a detail changed, which the articles do not say."""
    quote: Hit
    swap: Swap
    score: float


@dataclass
class Verdict:
    """The statements that support a claim, best supported first is the caller's choice (in rank order here), and the
    better supported statement that contradicts it, if any."""
    passing: list[tuple[Hit, float]] = field(default_factory=list)
    contradicted: Contradicted | None = None


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
              ) -> Verdict:
    """(statement, support score) for those of `hits` whose support reaches SUPPORT_MIN (DESCRIBED_SUPPORT_MIN when
    the article describes the speaker as `hint`, the question's description, does), whose article holds every
    number of the claim ("twelve weeks" is not supported by "six weeks"), and that hold, or come close in meaning to,
    every word of the claim that the index barely knows; in their order. A statement whose article does not describe
    its speaker as `hint` does, or never names someone the claim names in full (`named`: surname keys), is out. A
    statement that would pass but has another name or number in the place of one of the claim's (`app/swap.py`) is
    out too, and when none that passes is better supported, it is the claim's `contradicted` source."""
    contexts = r.contexts(claim, hits)  # the text the statements were searched with: embedded once
    r.prefetch(hits)
    lexical = r.store.lexical(PASSAGES)
    out, against = Verdict(), []
    for h in (h for h in hits if h.id in contexts):
        evidence, similarity, vector = contexts[h.id]
        if ruled_out(h, r, hint, named):
            continue
        around = _around(h, r.passage_for(h), r)
        found = claim_support(claim, h, r, evidence, similarity, around)
        score = found.score
        enough = score >= SUPPORT_MIN or (bool(hint) and score >= DESCRIBED_SUPPORT_MIN
                                          and corroborated(hint, h, r.article_text(h), lexical))
        # before the numbers: "60" where it has "40" is said so; the claim less the speaker's description, whose
        # words ("University of California union president") are asked of the speaker, not of the statement
        swap = _swap(claim.removeprefix(hint).strip() if hint else claim, h, r) if enough else None
        if swap:
            against.append(Contradicted(h, swap, score))
        elif enough and not found.numbers and _heard(claim, evidence, around, r, vector):
            out.passing.append((h, score))
    best = max((s for _, s in out.passing), default=0.0)
    out.contradicted = next((c for c in sorted(against, key=lambda c: -c.score) if c.score > best), None)
    return out


def swaps(claim: str, hits: list[Hit], r: Retriever) -> dict[str, Swap]:
    """quote id -> the detail swapped, for those of `hits` (statements that hold most of the claim's words) that
    name someone, somewhere or a number other than the claim's in the same place."""
    contexts = r.contexts(claim, hits)
    out = {}
    for h in (h for h in hits if h.id in contexts):
        swap = _swap(claim, h, r)
        if swap:
            out[h.id] = swap
    return out


def _swap(claim: str, h: Hit, r: Retriever) -> Swap | None:
    """The detail of `claim` that `h` has otherwise. Only the statement's own sentences may hold the claim's detail:
    the sentences and paragraphs around it name the people and places it is set among ("Dunmore and his rival
    Brekka first proposed ..." after a quote about Dunmore's plan)."""
    passage = r.passage_for(h).record
    text, at = passage.text, passage.char_start
    spans = [(a, b) for a, b in quick_sentences(text) if any(a < e - at and s - at < b for s, e in h.record.content_spans)]
    own = " ".join(text[a:b] for a, b in spans)
    lead = text[spans[0][0]:max(spans[0][0], h.record.content_start - at)] if spans else ""  # before the words
    return swapped(claim, h.document, own, r.article_text(h), r.nearest) or flipped(claim, h.document) \
        or opposed(claim, h.document) or opposed_act(claim, f"{h.record.cue} {lead}", h.document)


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
