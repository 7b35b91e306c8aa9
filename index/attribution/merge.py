"""The last pass: statements in reading order, each speaker resolved (names, pronouns, roles), a floating quotation
given the speaker of the statement before it, a statement found twice kept once."""
from __future__ import annotations

import re
from dataclasses import replace

from ..cues import PRONOUNS, is_weak_cue
from ..quote import Quote
from .pronouns import may_mean

__all__ = ["merged"]

_FLOAT_REACH = 400  # characters after a direct quotation within which a bare quotation is taken as its speaker's
_GOES_ON = re.compile(r"(?:added|adds|continued|continues|went\s+on|goes\s+on)\b")


def _goes_on(ex, out: list[Quote], p: dict) -> str:
    """'Ana Pell said, “...”¶He continued, “...”': a he or she who goes on right after a statement, nothing between
    them, is its speaker, unless the article tells that speaker is of the other sex; '' otherwise."""
    prev = out[-1] if out else None
    if not prev or p["written"].lower() not in ("he", "she") or not _GOES_ON.match(p["cue"]) \
            or prev.speaker_type not in ("person", "pronoun") or not prev.speaker_name[:1].isupper():
        return ""
    start = min(p["spans"][0][0], p["speaker_span"][0])
    if re.search(r"\w", ex.text[prev.end:start]) or not may_mean(ex.names.votes, prev.speaker_name, p["written"]):
        return ""
    return prev.speaker_name


def _floating(ex, out: list[Quote], spans, content: str) -> None:
    """'X said that ... .¶“...”': the quotation goes on with the statement; '“...,” X said. “...”': X's again."""
    prev = out[-1] if out else None
    if not prev:
        return
    gap = ex.text[prev.content_spans[-1][1]:spans[0][0]]
    if prev.kind != "direct" and not re.search(r"\w", gap) and gap.count("\n") <= 2:
        prev.content_spans.extend(spans)
        prev.content, prev.kind = prev.content + " " + content, "mixed"
    elif prev.kind == "direct" and 0 <= spans[0][0] - prev.end <= _FLOAT_REACH:
        out.append(Quote(prev.speaker, prev.speaker_name, prev.speaker_role, prev.speaker_type, prev.cue, content,
                         "direct", spans, prev.speaker_span, prev.cue_span, ex.article_id, {"floating": True}))


def _attributed(ex, out: list[Quote], recent: list[str], p: dict, spans, content: str) -> Quote | None:
    """The statement `p` with its speaker resolved (`recent`: the people who spoke before it, latest last); None
    when a weak cue ('highlights') has no person behind it."""
    ref = ex.names.resolve(p["written"], p["speaker_span"][0], p["app"], recent)
    going_on = _goes_on(ex, out, p)
    if going_on and going_on != ref.name:
        ref = replace(ref, name=going_on, role=ex.names.roles.get(going_on, ""))
    if is_weak_cue(p["cue"]) and ref.type not in ("person", "pronoun", "org"):
        return None
    if ref.type == "person" and ref.role:
        ex.names.roles.setdefault(ref.name, ref.role)
    if ref.type == "org" and p["written"].lower() != "it":
        ex.names.org_spoken.append((p["speaker_span"][0], ref.name))  # a later 'It added' may mean it
    if ref.type in ("person", "pronoun") and ref.name[:1].isupper() and ref.name.lower() not in PRONOUNS:
        ex.names.speak(p["speaker_span"][0], ref.name)  # a later 'he' may mean this speaker
    return Quote(p["written"], ref.name, ref.role, ref.type, p["cue"], content, p["kind"], spans, p["speaker_span"],
                 p["cue_span"], ex.article_id, {"rule": p.get("rule", "")})


def merged(ex) -> list[Quote]:
    """Every statement `ex` (the extractor) found, in reading order."""
    out: list[Quote] = []
    recent: list[str] = []
    for _, p in sorted(ex.pending, key=lambda x: x[0]):
        spans = p["spans"] = ex._trim(p["spans"]) if p.get("kind") == "mixed" else p["spans"]
        content = " ".join(ex.text[a:b].strip() for a, b in spans)
        if p.get("floating"):
            _floating(ex, out, spans, content)
        elif not any(q.content_spans == spans for q in out[-3:]):  # two fragments of one sentence, found twice
            q = _attributed(ex, out, recent, p, spans, content)
            if q:
                out.append(q)
                if q.speaker_type in ("person", "pronoun"):  # each name once, latest last: no article grows it
                    recent[:] = [n for n in recent if n != q.speaker_name] + [q.speaker_name]
    return out
