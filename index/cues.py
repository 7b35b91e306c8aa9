"""Reporting verbs in every inflection (no lemmatiser offline), and the regex pieces built on them."""
from __future__ import annotations

import re

__all__ = ["BARE_GROUP", "CUE", "CUE_PAST", "QUOTE_CUE", "LEAD_CUE", "PARTICIPLE", "ADVERBS", "CAPPED_NAME", "NAME",
           "NAME_WORDS", "NOT_IN_WORD", "RUN_NAME", "SPEAKER", "PRONOUNS", "WEEKDAYS", "is_speech_cue", "is_weak_cue",
           "not_after", "run_name", "then_space"]

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
# Longest first; ties in one order, not the set's, so every process writes the same patterns (index/regex_cache.py).
_ALL = sorted({_with_particle(b, f) for b in [*_IRREGULAR, *_REGULAR] for f in _forms(b)} | _PHRASAL,
              key=lambda v: (-len(v), v))
# After a quote, a verb before its speaker is past or present: '"...," said X', '"...," declares X'.
_PAST = sorted({_with_particle(b, _forms(b)[-1]) for b in [*_IRREGULAR, *_REGULAR]}
               | {"says", "adds", "writes", "pointed to", "declares", "explains", "insists", "argues", "recalls", "warns",
                  "asks", "notes", "concedes", "jokes"}, key=lambda v: (-len(v), v))

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
                    "goes on to say", "chimed in"}, key=lambda v: (-len(v), v))
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
_PARTICLES = (*words("name_particles"), "of", "the")  # "Bank of England", "Church of the Nazarene"
_NAME_SEP = rf"\s+(?:(?:{'|'.join(_PARTICLES)})\s+)?"
NAME = rf"{_NAMEWORD}(?:{_NAME_SEP}{_NAMEWORD})*"


def not_after(alternatives: dict[int, list[str]], left: str = "") -> str:
    """Negative lookbehinds, one per width (Python's re takes fixed widths only): not right after any of
    `alternatives` (width -> patterns of exactly that many characters), each coming after `left` (a class, or '')."""
    return "".join(rf"(?<!{left}(?:{'|'.join(alts)}))" for _, alts in sorted(alternatives.items()))


def then_space(shapes: dict[int, list[str]], particles: tuple[str, ...] = _PARTICLES) -> dict[int, list[str]]:
    """`shapes` (width -> word patterns) followed by one whitespace character, or by that, a particle and another."""
    out: dict[int, list[str]] = {}
    for width, shaped in shapes.items():
        for word in shaped:
            out.setdefault(width + 1, []).append(rf"{word}\s")
            for n in sorted({len(p) for p in particles}):
                alts = "|".join(p for p in particles if len(p) == n)
                out.setdefault(width + n + 2, []).append(rf"{word}\s(?:{alts})\s")
    return out


# Issue 18: a name searched for anywhere (not at a fixed place) is tried from every capital letter, and the unbounded
# NAME runs from each to the end of a run of capitalised words (or of a word's capitals): quadratic in the run. A
# search's name is RUN_NAME instead: at most NAME_WORDS words, and not started where an earlier start reads the same
# name and more: right after a name word and a space ('Brant' in 'Ivo Brant'), or inside a word after its capital
# ('B' in 'AB', 'Mc|Donald'). Such a start never gave the leftmost match, so no match changes, and a long title-case
# line (a headline) still yields no name from its middle. Python's lookbehinds are fixed-width: they see words of up
# to _GUARD_CHARS characters (after a longer one a name may start, as before). Where the figures came from: with them
# every extraction of PolNeAR and BBC (all articles) is unchanged, and the fuzzer finds no growth.
NAME_WORDS = 20
_GUARD_CHARS = 24
_NAME_CHAR = r"[\w’'&\u0300-\u036f\x80-\xaa\xac-\xba\xbc-\xbf-]"  # _NAMEWORD's inner characters
_WORD_SHAPES = {n: [rf"[A-Z]{_NAME_CHAR}{{{n - 2}}}[\w\u0300-\u036f]"] for n in range(2, _GUARD_CHARS + 1)}
_SHORT_SHAPES = {2: [r"[A-Z]\."]}  # an initial, a title
for _title in words("title_abbreviations"):
    _SHORT_SHAPES.setdefault(len(_title) + 1, []).append(rf"{re.escape(_title)}\.")
_SHORT_FORM = rf"(?:{alternation('title_abbreviations')})\.|[A-Z]\."  # a name word an earlier capital can't extend
# Not inside a word after its capital, unless a title or an initial starts here.
NOT_IN_WORD = (rf"(?=[A-Z])(?:(?={_SHORT_FORM})|"
               rf"{not_after({n: [rf'[A-Z]{_NAME_CHAR}{{{n - 1}}}'] for n in range(1, _GUARD_CHARS + 1)})})")
CAPPED_NAME = rf"{_NAMEWORD}(?:{_NAME_SEP}{_NAMEWORD}){{0,{NAME_WORDS - 1}}}"  # NAME of at most NAME_WORDS words


def run_name(left: str = "", short: bool = True) -> str:
    """RUN_NAME; for a pattern whose name must come after `left` (a class: never inside a word), with that. `short`:
    also not after an initial or a title ('J. ', 'Sen. '); False where the match before, in a finditer, can end at
    its full stop (the earlier start is then behind the search)."""
    shapes = {n: _WORD_SHAPES.get(n, []) + (_SHORT_SHAPES.get(n, []) if short else [])
              for n in sorted({*_WORD_SHAPES, *_SHORT_SHAPES})}
    inside = "" if left else NOT_IN_WORD
    return rf"{inside or '(?=[A-Z])'}{not_after(then_space({n: s for n, s in shapes.items() if s}), left)}{CAPPED_NAME}"


RUN_NAME = run_name()

WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
PRONOUNS = {"he": "person", "she": "person", "they": "group", "i": "person", "we": "group"}
_GROUP = rf"(?:{'|'.join(words('group_nouns'))})"
# A group named by a common noun: 'officials', 'political experts', 'some Democrats' (after a clause: '..., analysts say').
BARE_GROUP = rf"(?:(?:[a-z][\w-]*\s+){{0,2}}(?i:{_GROUP})\b)"
_VERB = "|".join(re.escape(v) for v in _ALL)
_STAFF = (r"(?:campaign|spokesman|spokeswoman|spokesperson|office|team|aides?|lawyers?|attorneys?|administration|"
          r"staff|manager|press\s+secretary|lawyer|government|ministry|director|chief|advis[eo]rs?|strategists?|"
          r"chair(?:man|woman)?|pollster|deputy|surrogates?|consultants?|counsel|speechwriter)")
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
