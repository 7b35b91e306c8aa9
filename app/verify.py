"""Check a generated answer against its sources: unknown [n] dropped, unsupported quotes and wrong speakers flagged."""
from __future__ import annotations

import re

from index.chunk import sentences
from index import surname_key

from .models import Attribution, Citation
from .retrieve import content_words

__all__ = ["MARKER", "strip_markers", "check_answer"]

MARKER = re.compile(r"\s?\[(\d+)\]")
_QUOTED = re.compile(r"[“\"]([^”\"]{3,}?)[”\"]")


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
