"""A headline that reports speech: a line in title case, 'Ana Pell Says The Ferry Will Run', its speaker the words
before the capitalised cue, its words what follows up to the headline's next clause."""
from __future__ import annotations

import re

from ..cues import CUE
from ..found import Found

__all__ = ["headline_report"]

# A live blog's byline and time glued to the headline ('... 9:52PMBush Says ...'): not part of the headline.
_STAMP = r"(?: [^\n]{0,160}? \d{1,2}:\d\d \s? [AP]M \s* )?"
_NOT_SPEAKER_WORD = (r"(?! (?: Of | The | To | In | On | For | With | Is | Are | Was | Were | Why | How | What | When"
                     r" | Who | Watch | Video | And | Or | But | If | Here | Against | Himself | Herself | Got | Gets | Has"
                     r" | Have | Had | May | Not | Never | Says | Said ) \s )")
# The speaker: up to five capitalised words (a possessive, a number: 'Ana Pell’s Son', '2016 Democrats').
_SPEAKER = rf"(?P<sp> (?: {_NOT_SPEAKER_WORD} [A-Z0-9][\w’'.&-]* \s+ ){{0,4}}? {_NOT_SPEAKER_WORD} [A-Z][\w’'.&-]* )"
_ADVERB = r"(?: (?: Just | Finally | Now | Also | Again ) \s+ )?"
# The cue: a reporting verb written with a capital ('Says', 'Calls For', 'Tells Reporters').
_CUE = rf"(?P<cue> (?= [A-Z] ) (?i: {CUE} ) ) \b"
HEADLINE = re.compile(rf"^ \s* {_STAMP} {_SPEAKER} \s+ {_ADVERB} {_CUE} \s+ (?P<content> [^\n]+? ) [.!?]? \s* $", re.X)
# Where the reported words end: the headline's next clause ('..., Calls Trump’s Remarks Troubling', '- And It Says').
_END = re.compile(r",\s|\s?(?<![—–-])(?>[—–-]+)\s|\s(?:After|As|While|Before|Amid|But|When)\s|[.!?]\s")
# 'Accused Of ...' is passive (someone else accuses); 'Responds To ...' takes its particle.
_PASSIVE = re.compile(r"Of\s")
_PARTICLE = re.compile(r"(?<=[Rr]esponds\s)To\s|(?<=[Rr]esponded\s)To\s")
_WORD = re.compile(r"[A-Za-z][\w’'-]{3,}")


def _title_case(line: str) -> bool:
    """Most of the line's words of four letters or more start with a capital."""
    found = _WORD.findall(line)
    return len(found) >= 3 and sum(w[0].isupper() for w in found) >= 0.8 * len(found)


def headline_report(sent: str) -> Found | None:
    """'Ana Pell Says The Ferry Will Run On Sunday': the speaker, the cue and the reported words of a title-case
    headline; None for any other sentence."""
    m = HEADLINE.match(sent)
    if not m or not _title_case(m["content"]) or not m["cue"][:1].isupper():
        return None
    a, b = m.span("content")
    if _PASSIVE.match(sent, a):
        return None
    particle = _PARTICLE.match(sent, a)
    a = particle.end() if particle else a
    end = _END.search(sent, a, b)
    b = end.start() if end and len(sent[a:end.start()].split()) >= 2 else b
    return Found({"sp": m.span("sp"), "cue": m.span("cue"), "content": (a, b)}, sent)
