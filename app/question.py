"""Read a question: who said ..., what did X say (about Y), or anything else."""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.cues import CUE

__all__ = ["Question", "parse_question"]


@dataclass
class Question:
    kind: str  # who | what | other
    text: str  # the whole question
    statement: str = ""  # who: the words someone said (or what the question says about them)
    quoted: bool = False  # who: the statement was given in quote marks, as the speaker's own words
    speaker: str = ""  # what: the person asked about
    speaker_hint: str = ""  # who: what the question says about the speaker ("Who, as Tulsa's police chief, ...")
    topic: str = ""  # what: "about Y"


_WHO = re.compile(rf"^\s*(?:who|which\s+\w+)\s+(?:(?:has|had|did|was|is|have)\s+)?(?:(?:first|publicly|reportedly)\s+)?"
                  rf"(?P<cue>{CUE})\b[\s,:]*(?:that\s+)?(?P<rest>.*?)[\s?.!]*$", re.I | re.S)
_ACCORDING = re.compile(r"^\s*according\s+to\s+whom\b[\s,]*(?P<rest>.*?)[\s?.!]*$", re.I | re.S)
_WHAT = re.compile(r"^\s*what\s+(?:else\s+)?(?:did|does|do|has|have|had|was|is)\s+(?P<sp>.+?)\s+(?:(?:ever|just|recently)\s+)?"
                   r"(?:say|said|says|tell|told|claim|claimed|warn|warned|state|stated|announce|announced|argue|argued|"
                   r"think|thought|write|wrote|tweet|tweeted|predict|predicted|promise|promised)\b"
                   r"(?:\s+(?:about|on|regarding|of|concerning)\s+(?P<topic>.+?))?[\s?.!]*$", re.I | re.S)
_WHAT_BY = re.compile(r"^\s*what\s+(?:was|has\s+been)\s+said\s+by\s+(?P<sp>.+?)(?:\s+(?:about|on)\s+(?P<topic>.+?))?[\s?.!]*$",
                      re.I | re.S)
_HINT = re.compile(rf"^\s*(?:who\s*,\s*(?:as\s+)?(?P<apposed>[^,]{{3,}}),|which\s+(?P<kind>\w+(?:\s+\w+)?)\s+(?:{CUE})\b)", re.I)
_QUOTES = "\"“”‘’«»'"
_WHO_ELSE = re.compile(r"^\s*(?:who|which\s+\w+)\b(?!\s+(?:is|was|are|were)\s+[A-Z])[\s,]*(?P<rest>.*?)[\s?.!]*$", re.S | re.I)
_QUOTED = re.compile(r"[\"“«‘']\s*\S.*\S\s*[\"”»’']")


def _hint(q: str) -> str:
    m = _HINT.match(q)
    return (m.group("apposed") or m.group("kind")).strip() if m else ""


def parse_question(text: str) -> Question:
    q = text.strip()
    m = _WHO.match(q) or _ACCORDING.match(q)
    if m and m.group("rest").strip(_QUOTES + " "):
        rest = m.group("rest")
        quoted = bool(_QUOTED.fullmatch(rest.strip())) and not re.search(r"[\"“”«»]", rest.strip()[1:-1])
        return Question("who", q, statement=rest.strip(_QUOTES + " "), quoted=quoted, speaker_hint=_hint(q))
    m = _WHAT.match(q) or _WHAT_BY.match(q)
    if m:
        speaker = re.sub(r"^(?:the\s+)?", "", m.group("sp").strip(), flags=re.I)
        speaker = re.sub(r"[’']s$", "", speaker.strip(_QUOTES + " "))
        return Question("what", q, speaker=speaker, topic=(m.group("topic") or "").strip())
    m = _WHO_ELSE.match(q)  # "Who, as police chief, promised ...": any verb
    if m and len(m.group("rest").split()) >= 3:
        return Question("who", q, statement=m.group("rest"), speaker_hint=_hint(q))
    return Question("other", q)
