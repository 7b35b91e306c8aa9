"""A role written before a name in lower case: 'McGinty campaign spokesman Sean Coit', 'police officer Betty Shelby'."""
from __future__ import annotations

import re

from .titles import DETERMINERS, FUNCTION_WORDS, is_title

__all__ = ["role_before"]

_BEFORE = re.compile(r"(?:(?<![\w’'-])[\w’'.-]+\s+){1,4}$")  # up to four words right before a name
_OPENS = re.compile(r"(?:^|[,(;:—–]|[.!?][”\"’']?)\s*$")  # where a role may start: a sentence, a clause, a bracket
_REACH = 80  # characters looked at before the name
# A role's last word: a title ('spokesman', 'director') or a noun of a person's work ('reporter', 'strategist').
_AGENT = re.compile(r"[a-z]+(?:er|or|ist|ant|ent|ian|aide|man|woman)", re.I)
_CLAUSE_ENDS = (".", ",", ";", ":", "!", "?", "(")
_NOT_PART = {"told", "said", "says", "met", "wrote", "spoke", "asked", "called", "is", "was", "has", "had", "will", "would",
             "and", "or", "but"}  # verbs and conjunctions: 'told reporter Ana Pell' gives her no role of his
_NOT_AGENT = {"former", "other", "later", "after", "under", "over", "never", "ever", "either", "neither", "another",
              "whether", "rather", "together", "further", "current", "recent", "frequent", "prominent", "different",
              "independent", "president-elect", "urgent", "silent", "vacant", "important", "significant"}


def role_before(text: str, at: int) -> str:
    """The role written right before the name at `at` ('Clinton spokesman' before 'Brian Fallon'); "" when none. The
    words must open a sentence, a clause or a bracket, or follow a function word ('like citizen journalist Yazan':
    'citizen journalist'); a verb is no role ('told reporter Ana Pell')."""
    lo = max(0, at - _REACH)
    m = _BEFORE.search(text[lo:at])
    if not m:
        return ""
    words = m.group().split()
    if not _head(words[-1]):
        return ""
    start = next((i for i in range(len(words) - 1, -1, -1) if not _part(words[i])), -1)
    before = words[start] if start >= 0 else ""
    role = words[start + 1:]
    if before:  # after a function word or the end of a clause; else at the start of the text looked at
        opened = before.lower() in FUNCTION_WORDS | DETERMINERS or before.rstrip("”\"’'").endswith(_CLAUSE_ENDS)
    else:
        opened = bool(_OPENS.search(text[lo:lo + m.start()]))
    return " ".join(role) if role and opened else ""


def _head(word: str) -> bool:
    low = word.lower()
    return low not in _NOT_AGENT and (is_title(word) or bool(_AGENT.fullmatch(low)))


def _part(word: str) -> bool:
    """A word a role may hold: not a function word, a determiner, a verb or punctuation's end."""
    low = word.lower()
    return (low not in FUNCTION_WORDS and low not in DETERMINERS and not low.endswith(("ed", "ing", ",", ".")) or
            is_title(word)) and low not in _NOT_PART
