"""Check a generated answer against its sources: unknown [n] dropped, unsupported quotes and wrong speakers flagged,
and which sentences the sources they cite support."""
from __future__ import annotations

import re

from index.chunk import sentences
from index import surname_key

from .models import Attribution, Citation
from .retrieve import content_words

__all__ = ["MARKER", "strip_markers", "check_answer", "supported", "SUPPORTED_SHARE"]

MARKER = re.compile(r"\s?\[(\d+)\]")
_QUOTED = re.compile(r"[“\"]([^“”\"]{3,}?)[”\"]")  # no opening mark inside: one pass over runs of unclosed ones
# A sentence is supported when most of its content words (more than half: a majority rule, not a tuned threshold)
# stand in the passages it cites. A model that rambles ("text text text [1]") or copies the prompt's fences scores 0.
SUPPORTED_SHARE = 0.5


def strip_markers(text: str) -> str:
    """Text without [n] markers (for history: a turn can't reuse another turn's numbering)."""
    return MARKER.sub("", text)


def _norm(text: str) -> str:
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return " ".join(text.lower().split()).strip(" .,;:!?")


def check_answer(text: str, sources: list[Citation], attributions: list[Attribution],
                 who: bool = False) -> tuple[str, list[Citation], list[str]]:
    """(text with only known markers, the sources it cites, the sentences that fail a check)."""
    known = {c.n: c for c in sources}
    text = MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in known else "", text).strip()
    cited = [int(n) for n in dict.fromkeys(re.findall(r"\[(\d+)\]", text))]
    unverified = []
    for s in sentences(text):
        sent = text[s.start:s.end].strip()
        ns = {int(n) for n in re.findall(r"\[(\d+)\]", sent)}
        passages = [_norm(known[n].passage) for n in ns]
        quoted = [_norm(q) for q in _QUOTED.findall(sent)]
        if any(not any(q in p for p in passages) for q in quoted):
            unverified.append(sent)
            continue
        if not who or not ns:
            continue
        words = content_words(sent)
        said = [a for a in attributions if ns & set(a.citations)
                and (any(q in _norm(a.quote) or _norm(a.quote) in q for q in quoted) if quoted
                     else len(words & content_words(a.quote)) >= 0.3 * max(1, len(content_words(a.quote))))]
        if said and not any(re.search(rf"\b{re.escape(surname_key(a.speaker_name))}\b", sent, re.I)
                            for a in said if surname_key(a.speaker_name)):
            unverified.append(sent)  # a who-said sentence that doesn't name the statement's speaker
    return text, [known[n] for n in cited], unverified


def _named(sent: str, name: str) -> bool:
    key = surname_key(name)
    return bool(key) and re.search(rf"\b{re.escape(key)}\b", sent, re.I) is not None


def supported(text: str, sources: list[Citation], unverified: list[str], attributions: list[Attribution],
              who: bool = False) -> list[str]:
    """The sentences of a checked answer that cite a source holding most of their content words and failed no
    check; for a who-question, only those naming the speaker of a statement they cite (where the source has one)."""
    known = {c.n: c for c in sources}
    out = []
    for s in sentences(text):
        sent = text[s.start:s.end].strip()
        ns = {int(n) for n in re.findall(r"\[(\d+)\]", sent)} & known.keys()
        words = content_words(MARKER.sub("", sent))
        if not ns or sent in unverified or not words:
            continue
        held = words & content_words(" ".join(known[n].passage for n in ns))
        if len(held) <= SUPPORTED_SHARE * len(words):
            continue
        speakers = [a.speaker_name for a in attributions if ns & set(a.citations)]
        if who and speakers and not any(_named(sent, name) for name in speakers):
            continue
        out.append(sent)
    return out
