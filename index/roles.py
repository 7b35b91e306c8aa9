"""Whether the words the extractor kept beside a speaker's name read as that person's role ("Ohio governor", "a
spokesman for the fund", "who runs the fund") rather than a clause that followed the name ("suggesting that …",
"along with two captains", "referring to Mr"): the rules, with their word lists kept as data in index/lexicon."""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import words

__all__ = ["reads_as_role"]

_KEPT = {"of", "now"}  # function words that do open a role: "of Rochester", "now a consultant"
_QUOTED_OR_BROKEN = re.compile(r"[“”\"—–]")  # a quotation or a dash inside: words of the sentence, not a role
_FINITE = re.compile(r"\b(?:was|were|is|are|has|had|have|says|said|will|would)\b", re.I)
_RELATIVE = re.compile(r"\b(?:who|whose|which|that)\b", re.I)
_BARE_TITLE = re.compile(r"^(?:mr|mrs|ms|dr|st)$", re.I)  # a title cut from its name: "adviser to Mr"


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    ending = frozenset(words("function_words")) | frozenset(words("determiners")) | frozenset(words("not_role_openers"))
    return (frozenset(words("function_words")) - _KEPT, frozenset(words("not_role_openers")),
            frozenset(words("role_participles")), ending)


def reads_as_role(role: str) -> bool:
    """False for what is not a role: an empty string, a clause opened by a lower-case -ing word (other than the few
    in role_participles.txt), by a preposition, a conjunction, a pronoun or a quantifier; words quoted or broken by
    a dash; a finite verb before any relative pronoun ("Trump was out-brutalizing"); or words cut
    short (ending in a function word, a determiner, a bare title or an initial)."""
    tokens = role.split()
    if not tokens or _QUOTED_OR_BROKEN.search(role):
        return False
    function, openers, participles, ending = _lists()
    first, last = tokens[0].strip(",;:").lower(), tokens[-1].strip(",;:").lower()
    one_of = first == "one" and len(tokens) > 2 and tokens[1] == "of"  # "one of the president's closest aides"
    if first in function or (first in openers and not one_of) or (tokens[0].islower() and first.endswith("ing") and first not in participles):
        return False
    head = _RELATIVE.split(role, maxsplit=1)[0]
    if _FINITE.search(head):
        return False
    return not (last in ending or _BARE_TITLE.match(last) or (len(last) == 1 and last.isalpha()))
