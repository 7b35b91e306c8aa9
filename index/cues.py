"""Reporting verbs in every inflection (no lemmatiser offline), and the regex pieces built on them."""
from __future__ import annotations

import re

__all__ = ["BARE_GROUP", "CUE", "CUE_PAST", "QUOTE_CUE", "LEAD_CUE", "PARTICIPLE", "ADVERBS", "NAME", "SPEAKER", "PRONOUNS", "WEEKDAYS",
           "is_speech_cue", "is_weak_cue"]

from .lexicon import alternation, words


def _verbs() -> tuple[dict[str, tuple[str, str]], list[str], dict[str, str], set[str]]:
    """lexicon/cue_verbs.txt: (irregular base -> (third person, past), regular bases, particles, plural bases)."""
    irregular, regular, particle, plural = {}, [], {}, set()
    for line in words("cue_verbs"):
        parts = line.split()
        base, forms = parts[0], [w for w in parts[1:] if not w.startswith("+")]
        if "+particle" in parts:
            particle[base] = parts[parts.index("+particle") + 1]
            forms = forms[:-1]
        if "+plural" in parts:
            plural.add(base)
        if forms:
            irregular[base] = (forms[0], forms[1])
        else:
            regular.append(base)
    return irregular, regular, particle, plural


_IRREGULAR, _REGULAR, _PARTICLE, _PLURAL_BASE = _verbs()  # bare forms of _PLURAL_BASE: "Critics say"


def _forms(base: str) -> list[str]:
    if base in _IRREGULAR:
        return [base, *_IRREGULAR[base]]
    stem = base[:-1] if base.endswith("e") else base
    third = base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s")
    past = stem + ("ed" if not (base.endswith("y") and base[-2] not in "aeiou") else "")
    if base.endswith("y") and base[-2] not in "aeiou":
        past, third = base[:-1] + "ied", base[:-1] + "ies"
    if base not in _PLURAL_BASE:  # "a state director", "a media call": most bare forms are nouns
        return [third, past]
    return [base, third, past]  # -ing forms are left out: "asserting that" hangs off another clause


def _with_particle(base: str, form: str) -> str:
    return f"{form} {_PARTICLE[base]}" if base in _PARTICLE else form


# Verbs with a particle whose object is what was said: 'called for a recount', 'spoke about the budget'.
_PHRASAL = set(words("cue_phrases"))
_ALL = sorted({_with_particle(b, f) for b in [*_IRREGULAR, *_REGULAR] for f in _forms(b)} | _PHRASAL,
              key=len, reverse=True)
# After a quote, a verb before its speaker is past or present: '"...," said X', '"...," declares X'.
_PAST = sorted({_with_particle(b, _forms(b)[-1]) for b in [*_IRREGULAR, *_REGULAR]}
               | {"says", "adds", "writes", "pointed to", "declares", "explains", "insists", "argues", "recalls", "warns",
                  "asks", "notes", "concedes", "jokes"}, key=len, reverse=True)

# Verbs of belief, intention or evidence: attributions, but never a person's quote.
NOT_SPEECH = set(words("not_speech_verbs"))

_OBJECT = (r"(?:reporters|journalists|supporters|the\s+[a-z]+(?:\s+[a-z]+)?|an?\s+[a-z]+(?:\s+[a-z]+)?"
           r"|him|her|them|us|me|[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,3})")
_TOLD = r"(?:told|tells|tell|telling|asked|urged)"

CUE = rf"(?:{_TOLD}\s+{_OBJECT}|" + "|".join(re.escape(v) for v in _ALL) + r")"
CUE_PAST = rf"(?:{_TOLD}\s+{_OBJECT}|" + "|".join(re.escape(v) for v in _PAST) + r")"
# Verbs that introduce a quotation but, without quote marks, rarely mean speech ("continued to grow").
_QUOTE_ONLY = list(words("quote_only_verbs"))
_QUOTE_ALL = sorted({f for b in _QUOTE_ONLY for f in _forms(b)} | {"put it", "puts it", "went on to say",
                    "goes on to say", "chimed in"}, key=len, reverse=True)
QUOTE_CUE = rf"(?:{CUE}|" + "|".join(re.escape(v) for v in _QUOTE_ALL) + r")"
# Before a quoted fragment, naming it is reporting it: 'Trump called the system “rigged”'.
LEAD_CUE = rf"(?:{QUOTE_CUE}|calls|called|posted|thanked|praised)"
# "..., saying ..." hangs a statement off the sentence's subject.
PARTICIPLE = (rf"(?:(?:telling|asking|urging)\s+{_OBJECT}|saying|adding|calling|noting|arguing|explaining|"
              r"insisting|declaring|warning|writing|asking|stating|claiming|describing|accusing|citing|urging|vowing|"
              r"promising|suggesting|complaining|predicting|joking|quipping|asserting|tweeting|pointing\s+out|"
              r"remarking|concluding|acknowledging|admitting|boasting|charging|contending|countering|replying|responding)")
ADVERBS = (r"(?:(?:has|have|had|also|later|then|again|recently|previously|once|often|repeatedly|publicly|"
           r"privately|earlier|quickly|flatly|simply|further|would|will|had\s+been|has\s+been|still|already|since|even|"
           r"long|initially|first|just|now|never|continued\s+to|continues\s+to|went\s+on\s+to|[a-z]+ly)\s+)*")

_NAMEWORD = (rf"(?:(?:{alternation('title_abbreviations')})\.|"
             r"[A-Z]\.(?:[A-Z]\.)*|[A-Z][\w’'&\u0300-\u036f\x80-\xaa\xac-\xba\xbc-\xbf-]*[\w\u0300-\u036f])")  # accents as combining marks; mojibake ('FranÃ\x83Â§ois')
NAME = rf"{_NAMEWORD}(?:\s+(?:(?:de|van|von|der|da|del|bin|al|la|le|di|du|of|the)\s+)?{_NAMEWORD})*"
WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
PRONOUNS = {"he": "person", "she": "person", "they": "group", "i": "person", "we": "group"}
_GROUP = rf"(?:{'|'.join(words('group_nouns'))})"
# A group named by a common noun: 'officials', 'political experts', 'some Democrats' (after a clause: '..., analysts say').
BARE_GROUP = rf"(?:(?:[a-z][\w-]*\s+){{0,2}}(?i:{_GROUP})\b)"
_VERB = "|".join(re.escape(v) for v in _ALL)
_STAFF = (r"(?:campaign|spokesman|spokeswoman|spokesperson|office|team|aides?|lawyers?|attorneys?|administration|"
          r"staff|manager|press\s+secretary|lawyer|government|ministry)")
_NOT_FUNCTION = (rf"(?!(?:{_VERB}|and|or|but|by|to|of|in|on|at|for|with|from|that|who|which|was|is|has|have|had|will|would|"
                 r"could|says|said|also|then|often|later|again|once|still|never|always|earlier|recently|previously)\b)")
SPEAKER = (rf"(?:{NAME}[’']s?\s+(?:[a-z][\w-]*\s+){{0,3}}{_STAFF}\b|{NAME}(?:\s+and\s+{NAME})?(?:\s+{_GROUP})?|(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur|[Oo]ne|[Aa]nother|[Ss]ome|[Mm]any|[Oo]ther)\s+(?:{_NOT_FUNCTION}[A-Za-z][\w’'-]*\s+){{0,3}}"
           rf"(?:{_NOT_FUNCTION}[a-z][\w-]*|{NAME})(?:\s+(?:to|of|for)\s+(?:the\s+)?{NAME}(?![’'])|\s+(?:in|at)\s+the\s+(?:{NAME}\s+(?!(?:of|and|for|to|in|on|at)\b)[a-z]+|{NAME}|[a-z]+))?|[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)")


# Verbs that report speech only when a person is their subject ("the situation highlights ...").
WEAK = set(words("weak_cue_verbs"))


def is_weak_cue(cue: str) -> bool:
    word = cue.split()[0].lower()
    return any(word.startswith(w) for w in WEAK) and word not in ("stated", "states")


def is_speech_cue(cue: str) -> bool:
    return cue.split()[0].lower() not in NOT_SPEECH
