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
    statement: str = ""  # who: the words someone said
    speaker: str = ""  # what: the person asked about
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
_QUOTES = "\"“”‘’«»'"


def parse_question(text: str) -> Question:
    q = text.strip()
    m = _WHO.match(q) or _ACCORDING.match(q)
    if m and m.group("rest").strip(_QUOTES + " "):
        return Question("who", q, statement=m.group("rest").strip(_QUOTES + " "))
    m = _WHAT.match(q) or _WHAT_BY.match(q)
    if m:
        speaker = re.sub(r"^(?:the\s+)?", "", m.group("sp").strip(), flags=re.I)
        speaker = re.sub(r"[’']s$", "", speaker.strip(_QUOTES + " "))
        return Question("what", q, speaker=speaker, topic=(m.group("topic") or "").strip())
    return Question("other", q)
