"""Who a description or a pronoun's vote means: names that are places ('the Islamic State'), the person an article
gave a role ('the senator'), the owner in 'his campaign', and the he or she after a name that tells its sex."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..cues import RUN_NAME
from ..lexicon import words
from .pronouns import first_name
from .titles import TITLE_MEANINGS, org_name

__all__ = ["IT_REACH", "OWNED_BY_PRONOUN", "org_named", "places", "role_holder", "role_is", "vote"]

IT_REACH = 1500  # characters back an 'it' looks for the organisation that spoke: about three paragraphs, as for 'he'
# A name ending with one of these words is a place's, whatever its first word ('Lee County', 'Palm Beach').
_PLACE_END = re.compile(r"\s(?:County|City|Bay|Beach|Island|Islands|Valley|Springs|Falls|Heights|Harbor|Harbour|"
                        r"Street|Avenue|Square|Park|Airport|Township|Parish|Province|Mountains?|River|Lake)$")
_AFTER_THE = re.compile(r"\b(?:[Tt]he|in|at)\s+([A-Z][\w.’'-]*)")  # 'the Islamic State', 'in Salt Lake City'
# 'his campaign', 'her aide', 'some of his supporters' (the owner's people all the same)
OWNED_BY_PRONOUN = re.compile(r"(?:(?:[Ss]ome|[Mm]any|[Mm]ost|[Ss]everal|[Ff]ew|[Aa]ll|[Bb]oth)\s+of\s+)?"
                              r"([Hh]is|[Hh]er)\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)")
# Title abbreviations as the words 'the senator' or 'the governor' use; nouns that name no role of one person.
_ABBREVIATED = {f"{short}.": " ".join(meant) for short, meant in TITLE_MEANINGS.items()}  # "sen." -> "senator"
_NOT_ROLES = {"campaign", "statement", "group", "party", "report", "state", "house", "white", "committee", "people",
              "administration", "government", "office", "poll", "survey", "study"}
_ROLE_REACH = 1500  # characters back 'the senator' looks for the person given that role: about three paragraphs
_STOP = re.compile(r"\n|[“”\"]|''")  # where a he or she after a name may be about someone else
# Not him or her: often someone else, the object.
_GENDERED = re.compile(r"\b(?:(?P<m>[Hh]e|[Hh]is|himself)|(?P<f>[Ss]he|hers|herself))\b")


def places(text: str, people: list[tuple[int, str]], persons: set[str]) -> set[str]:
    """Full names among `people` the article writes after 'the', 'in' or 'at' ('the Islamic State', 'in Salt Lake
    City'): a place's or a thing's, unless they open with a first name ('at Casey Lund’s home') or are known to be
    `persons`; and any ending with a word like 'County' or 'Bay' ('Lee County'). Linear: a name is looked up by its first word, not tried one by one."""
    by_first: dict[str, set[str]] = {}
    for _, n in people:
        if not first_name(n) and n not in persons:
            by_first.setdefault(n.split()[0], set()).add(n)
    found = {n for _, n in people if _PLACE_END.search(n) and n not in persons}  # 'Lee County', 'Green Bay'
    for m in _AFTER_THE.finditer(text):
        for n in by_first.get(m[1], ()):
            end = m.start(1) + len(n)
            if text.startswith(n, m.start(1)) and not text[end:end + 1].isalnum():
                found.add(n)
    return found


_ROLE_TAIL = re.compile(r",|\s(?:for|to|at|in|with|on|from|who|which|that|whose|and)\s")  # not "of": "secretary of state"


def role_is(role: str, noun: str) -> bool:
    """Whether `noun` names the role, not what follows it: 'senator' in 'a former senator from Ohio', 'spokeswoman' but
    not 'company' in 'a spokeswoman for the company'."""
    return bool(re.search(rf"\b{re.escape(noun)}\b", _ROLE_TAIL.split(role.lower(), maxsplit=1)[0]))


_ORG_WORDS = frozenset(w.lower() for w in words("organisation_words"))
_RUN = re.compile(RUN_NAME)


def org_named(text: str, described: str, at: int) -> str:
    """'the institute' after 'the Public Policy Institute of California', 'the board' after 'the Illinois Board of
    Elections': the latest organisation named within IT_REACH before `at` whose name holds every word of the
    description (`described`, lower case after 'the'), its last an organisation word. '' when none."""
    nouns = described.split()[1:]
    if not nouns or nouns[-1] not in _ORG_WORDS:
        return ""
    lo = max(0, at - IT_REACH)
    head = nouns[-1].capitalize()
    for m in reversed(list(re.finditer(rf"\b{re.escape(head)}\b", text[lo:at]))):  # a window: linear
        a = lo + m.start()
        for n in _RUN.finditer(text, max(lo, a - 80), min(at, a + 80)):
            words_in = {w.lower() for w in n.group(0).split()}
            if n.start() <= a < n.end() and org_name(n.group(0)) and all(w in words_in for w in nouns):
                return org_name(n.group(0))
    return ""


def role_holder(mentions: list[tuple[int, str]], roles: dict[str, str], noun: str, at: int) -> str:
    """The latest person of `mentions` ((offset, name), in reading order) named within reach before `at` whose role
    holds `noun` ('senator' for 'Sen.', 'nominee' for 'Republican nominee'), if only one person fits."""
    if not noun.isalpha() or noun in _NOT_ROLES:
        return ""
    holders = []
    for _, name in mentions[bisect_left(mentions, (at - _ROLE_REACH, "")):bisect_left(mentions, (at, ""))]:
        role = " ".join(_ABBREVIATED.get(w.lower(), w.lower()) for w in roles.get(name, "").split())
        if role_is(role, noun) and name not in holders:
            holders.append(name)
    return holders[-1] if len(holders) == 1 else ""


def vote(text: str, at: int, named: re.Pattern, v: list[int]) -> None:
    """Add to `v` ([male, female]) the first he, his or she after `at`, before the paragraph ends, a quotation opens
    or closes, or anyone of a known surname (`named`) is named again."""
    end = min(len(text), at + 200)
    stops = [x.start() for x in (named.search(text, at, end), _STOP.search(text, at, end)) if x]
    end = min([end, *stops])
    said = _GENDERED.search(text, at, end)
    if said and not re.fullmatch(r"[’']?s?\s*,\s*", text[at:said.start()]):  # not 'Ivo Petrak, his aide'
        v[bool(said["f"])] += 1
