"""Who-questions in any form ("Which senator said …", "Who, as police chief, …", "Name the official who …", "… - who?",
"I heard a harbour master say X. Who?"): whom the question describes, and the claim."""
from __future__ import annotations

import re

from index.cues import CUE
from index.lexicon import alternation, words

from .asked import ASKS_MORE, BASE_VERB, QUOTED, QUOTES, Question
from .link import Mention

__all__ = ["read_who"]

_AUX = (r"(?:(?:has|had|did|was|is|have|were|are|does|do|would)\s+)?(?:(?:first|publicly|reportedly|once|also|ever|"
        r"actually|originally|really|exactly|precisely|recently|allegedly|supposedly|previously|later|famously|repeatedly|openly)\s+)?")
# Before the verb of "Which <role> <verb>", "Whose <noun> <verb>": an auxiliary, a past tense, a reporting verb.
_PRESENT = (r"(?:thinks|believes|wants|blames|mocks|praises|compares|defends|dismisses|calls|hopes|fears|doubts|sees|"
            r"shows|finds|found|suggests|indicates|puts|estimates)")
_VERB_AHEAD = rf"(?=(?:has|had|did|was|is|were|are|does|do)\b|\w+ed\b|said\b|{CUE}\b|{_PRESENT}\b)"
_DESCRIBED = r"(?:[\w’'.-]+\s+){1,12}?"  # "Which tunnel specialist with the Border Patrol said"
# "The police spokesman who said ...": up to five words, each a word (no dash: "... lorries - who said that?" is the
# trailing form) and none a verb of being ("The pier is unsafe ... who" describes no one).
_ROLE_WORDS = r"(?:(?!(?:is|was|are|were|has|had|have)\b)[A-Za-z][\w’'.-]*\s+){1,5}?"
# What someone makes rather than is: "Whose figures show …" describes no one.
_PRODUCT = re.compile(r"(?:latest\s+|new\s+)?(?:figures|data|numbers|polls?|polling|survey|study|report|analysis|research|"
                      r"estimates?|forecasts?|model|calculations?|tally|count|review|findings)", re.I)
_WHO_HEAD = re.compile(rf"^\s*(?:whose\s+(?:{_PRODUCT.pattern})\s+(?=\w)|whose\s+(?:words?|quotes?|statements?|remarks?|comments?|claims?)\s+(?:was|were|is|are)\b"
                       rf"(?:\s+th(?:at|ese|is)\b)?[\s:]*|whose\s+(?P<whose>{_DESCRIBED}){_VERB_AHEAD}|who(?:m)?\b(?:\s+(?:was|is)\s+it\s+(?:that|who))?"
                       rf"|according\s+to\s+whom|according\s+to\s+(?:which|what)\s+(?P<according>{_DESCRIBED})"
                       rf"(?=(?:is|was|are|were|has|have|had|did|does|do|will|would|should|could|can|must)\b)|by\s+whom\s+(?:was|is|has)\s+it\s+(?:been\s+)?(?=\w)"
                       rf"|which\s+(?P<which>{_DESCRIBED}){_VERB_AHEAD}"
                       rf"|which\s+(?P<aside>(?:[\w’'.-]+\s+){{0,6}}?[\w’'.-]+),\s*[^,?]{{1,80}},\s*{_VERB_AHEAD}"
                       rf"|(?P<anyone>did|has|have|had|was|is)\s+(?:there\s+)?(?:any(?:one|body)|some(?:one|body)"
                       rf"|(?:any|an?|some|the)\s+(?P<any>{_DESCRIBED})(?=(?:ever\s+)?(?:{BASE_VERB}|\w+ed|said|{CUE})\b))"
                       rf"(?:\s+(?:who|that))?"
                       rf"|(?:name|what(?:[’']s|\s+(?:is|was))\s+the\s+name\s+of)\s+(?:the|that|an?|one|any)\s+(?P<named>.+?)\s+(?:who|that)\b"
                       rf"|(?:the|a|an)\s+(?P<relative>{_ROLE_WORDS})who\b(?=\s+(?:{_AUX})(?:\w+ed|said|{CUE}|{_PRESENT})\b)"
                       rf"|what\s+(?!(?:did|does|do|was|is|were|are|has|have|had|else)\b)(?P<what>{_DESCRIBED})"
                       rf"(?=said\b|\w+ed\b))[\s,]*", re.I)
_HEARSAY = re.compile(r"(?:according\s+to|reportedly|allegedly|apparently|in\s+(?:the|an?|this)\s)", re.I)
_APPOSED = re.compile(r"^(?:as\s+)?(?P<role>[^,]{3,}),\s*", re.I)  # "Who, as police chief, ...": after the comma
_SAYS_AHEAD = rf"(?={_AUX}(?:\w+ed|said|{CUE}|{_PRESENT})\b)"
# After a bare "who": "was the one who said ...", "is the person that ..." describe no one.
_ONE_WHO = re.compile(r"^(?:is|was|[’']s)\s+(?:the\s+)?(?:one|person|man|woman|someone|somebody)\s+(?:who|that)\s+", re.I)
# "Who's the senator that compared ...", "Who was the official who ...": the role described.
_ROLE_WHO = re.compile(rf"^(?:[’']s|is|was)\s+(?:the|an?)\s+(?P<role>{_ROLE_WORDS})(?:who|that)\s+{_SAYS_AHEAD}", re.I)
# "Who in the mayor's office said ...", "Who at the Harbour Board warned ...": where the speaker works, not when.
_PLACED = re.compile(rf"^(?P<role>(?:in|at|on|from|inside|within|among)\s+(?:the\s+|[A-Z0-9])[^,?]{{1,60}}?)\s+{_SAYS_AHEAD}")
# The place must be an organisation or someone's office ("at the Harbour Board", "in the mayor's office"), not a
# circumstance ("in the end", "at the rally").
_ORGANISED = re.compile(rf"\b[A-Z]|[’']s\b|\b(?i:{alternation('organisation_words')})\b")
# ... nor an occasion, however named ("at the Iowa rally", "during the Fox debate").
_EVENT = re.compile(r"\b(?:rally|rallies|debates?|meetings?|hearings?|conventions?|events?|speech|interviews?|summit|"
                    r"caucus(?:es)?|primary|dinner|fundraiser|conference|town\s+hall|forum|ceremony|briefing|session)\b",
                    re.I)
_AMONG = re.compile(rf"^among\s+(?:the|these|those)\s+(?P<role>{_ROLE_WORDS}){_SAYS_AHEAD}", re.I)  # one of them
_TIME = re.compile(r"\b(?:\d{4}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
                   r"may|june|july|august|september|october|november|december|week|month|year|morning|night)\b", re.I)
# The rest ends where the who-tail starts, never inside a run of spaces (the tail's first `\s*` takes the run whole), and
# the tail's spaces are taken at once (`\s*+`): the same matches, linear where spaces were rescanned (issue 18).
_TRAILING_WHO = re.compile(r"^(?P<rest>.+?)(?:(?<!\s)|(?<=^\s))\s*+(?:[-–—,.;:]\s*+)?(?:(?:who|by\s+whom)\s*+"
                           r"(?:(?:was|is)\s+(?:it|that|this)|[’']s\s+(?:that|this)|said(?:\s+(?:it|that|this))?)?|"
                           r"what(?:[’']s|\s+(?:is|was))\s+(?:their|his|her)\s+name|whose\s+(?:words?|quotes?|remarks?|"
                           r"statements?)\s+(?:are|is|were|was)\s+(?:these|this|that|those))[\s?.!]*$", re.I | re.S)
# "I read (somewhere) that someone said X. Who?": the reader's own words before the claim.
_HEARD_WHO = re.compile(rf"^(?:an?|the|some)\s+(?P<role>{_ROLE_WORDS})(?=(?:say|says|said|call|called|\w+ed)\b)",
                        re.I)
_HEARD = re.compile(r"^i\s+(?:read|heard|saw)\s+(?:somewhere\s+)?(?:that\s+)?", re.I)
_SAY = (r"(?:say|said|says|tell|told|tells|state|stated|states|claim|claimed|claims|argue|argued|argues|assert|asserted|"
        r"declare|declared|remark|remarked|note|noted|add|added|insist|insisted|contend|contended|suggest|suggested|"
        r"write|wrote|tweet|tweeted|comment|commented|mention|mentioned)")
_SAYING = r"(?:saying|claiming|arguing|insisting|suggesting|warning|telling\s+\w+|predicting|complaining)"
_CLAIM_NOUN = r"(?:claim|argument|case|point|prediction|assertion|remark|comment|statement|idea|charge|suggestion)"
_AUDIENCE = r"(?:reporters|journalists|the\s+press|the\s+crowd|supporters|voters|the\s+audience|lawmakers|an?\s+\w+)"
# The reporting verb and what stands between it and the claim: "told Valley Radio that", "told reporters", "has been
# saying", "made the claim that", "said in an op-ed that".
_CUE_LEAD = re.compile(rf"^(?:(?:is|was)\s+it\s+(?:that|who)\s+)?(?:[’']s\s+)?{_AUX}(?:{_SAYING}\b|told\s+(?:[\w’'.-]+\s+){{1,4}}?(?=that\b)|"
                       rf"told\s+{_AUDIENCE}\b|{_SAY}\b|(?:quoted|heard|recorded)\s+(?:as\s+)?(?:saying|telling)\b|"
                       rf"made\s+the\s+{_CLAIM_NOUN}(?=\s+that\b)|(?:has|have)\s+been\s+{_SAYING}\b|keeps?\s+{_SAYING}\b|"
                       rf"went\s+on\s+(?:the\s+)?record\s+(?:as\s+)?{_SAYING}\b|"
                       rf"(?:is|was|[’']s)\s+(?:the\s+source\s+of|behind|responsible\s+for|the\s+author\s+of)\s+the\s+{_CLAIM_NOUN}"
                       rf"(?=\s+that\b))"
                       rf"[\s,:]*(?:(?:in|on|during|at)\s+(?:an?|the|his|her|their)\s+(?:[\w’'-]+\s+){{1,3}}?(?=that\b))?"
                       rf"(?:that\s+)?", re.I)

def _claim(rest: str) -> tuple[str, bool]:
    """The words claimed, less the reporting verb ("said that"); whether they were quoted."""
    rest = _CUE_LEAD.sub("", rest.strip(), count=1).strip().rstrip("?.! ")
    rest = re.sub(r"^(?:this|that|these\s+words|the\s+following|it)\s*:\s*", "", rest, flags=re.I)  # "said this: X"
    rest = ASKS_MORE.sub("", rest).strip()
    bare = rest.strip(QUOTES + " ")
    quoted = bool(QUOTED.fullmatch(rest)) and not re.search(r"[\"“”«»]", rest[1:-1])
    return bare, quoted


_FRAGMENT = re.compile(r"[\"“«]([^\"“”«»]{12,})[\"”»]|(?<!\w)[‘']([^‘’']{12,})[’'](?!\w)")


def _fragment(claim: str) -> str:
    """The longest quoted stretch of three words or more inside a claim ('Germany should grow its army "as quickly
    as possible"')."""
    found = [a or b for a, b in _FRAGMENT.findall(claim)]
    found = [f.strip(" ,.") for f in found if len(f.split()) >= 3]
    return max(found, key=len, default="")


def _described_after_who(rest: str) -> tuple[str, str]:
    """(description, the rest) after a bare "who": "was the one who said X" describes no one, "'s the senator that
    said X" a senator, "in the mayor's office said X" someone there (not "in 2015": a time is no description)."""
    one = _ONE_WHO.match(rest)
    if one:
        return "", rest[one.end():]
    among = _AMONG.match(rest)
    if among:  # "Who among the candidates said ...": one of them
        return among.group("role").strip(), rest[among.end():]
    role = _ROLE_WHO.match(rest)
    if role:
        hint = role.group("role").strip()
        return ("" if hint.lower() in words("generic_people") else hint), rest[role.end():]
    placed = _PLACED.match(rest)
    if placed and not (_TIME.search(placed.group("role")) or _EVENT.search(placed.group("role"))) and _ORGANISED.search(
            placed.group("role")):
        return placed.group("role").strip(), rest[placed.end():]
    if placed:  # "Who at the rally said X", "Who in 2015 said X": a circumstance of the claim, "X at the rally"
        after, quoted = _claim(rest[placed.end():])
        return "", rest[placed.end():] if quoted else f"{after} {placed.group('role').strip()}"
    return "", rest


def read_who(q: str, text: str, mentions: list[Mention]) -> Question | None:
    """A who-question read from `text` (the question cleaned), or None when it is no who-question."""
    m = _WHO_HEAD.match(text)
    if m and (m.group("what") is None or not any(x.start < m.end() for x in mentions)):
        hint = next((g.strip() for g in (m.group("whose"), m.group("which"), m.group("aside"), m.group("named"),
                                         m.group("according"),
                                         m.group("what"), m.group("any"), m.group("relative")) if g), "")
        hint = re.sub(r"^(?:one\s+)?(?:of|among)\s+(?:(?:the|these|those)\s+)?", "", hint, flags=re.I)  # "Which of the senators"
        hint = re.split(r"\s+(?:who|that|which)\s+", hint, maxsplit=1)[0]  # "Which senator who runs X warned": a senator
        hint = "" if m.group("whose") and _PRODUCT.fullmatch(hint) else hint  # "Whose figures show …": anyone's
        rest = text[m.end():]
        tail = _TRAILING_WHO.match(rest) if m.group("relative") else None  # "the senator who said X - who?"
        rest = tail.group("rest") if tail else rest
        if m.group("relative") and hint.lower() in words("generic_people"):
            hint = ""  # "the person who ..." describes no one
        apposed = _APPOSED.match(rest) if "," in m.group(0) else None
        if apposed:
            hint, rest = apposed.group("role").strip(), rest[apposed.end():]
            if _HEARSAY.match(hint) or (re.match(r"(?:in|at|during|on|after|before)\s", hint, re.I) and (
                    _TIME.search(hint) or _EVENT.search(hint))):
                hint = ""  # "Who, according to the Times, said ...", "Who, in June, said ...": no description
        elif re.fullmatch(r"\s*whom?\s*", m.group(0), re.I):
            hint, rest = _described_after_who(rest)
        statement, quoted = _claim(rest)
        if m.group("any") and (re.match(r"(?:anything|something)\b", statement, re.I) or any(
                x.start < m.end() for x in mentions)):
            return None  # "Did the mayor say anything about Y?", "Did the Ada Brinley ...": not whether anyone did
        if statement:
            return Question("who", q, statement=statement, quoted=quoted, speaker_hint=hint, mentions=mentions,
                            fragment="" if quoted else _fragment(rest), yes_no=bool(m.group("anyone")))
    return _trailing_who(q, text, mentions) if not m else None


def _trailing_who(q: str, text: str, mentions: list[Mention]) -> Question | None:
    """"the person who compared X to Y - who?", "X was said by whom", "I heard a harbour master say X. Who?"."""
    t = _TRAILING_WHO.match(text)
    if not (t and len(t.group("rest").split()) >= 3 and re.search(r"\bwho|by\s+whom|\bname\b", text[t.end("rest"):],
                                                                  re.I)):
        return None
    rest = re.sub(r"^(?:the\s+)?(?:person|one|man|woman|official)\s+(?:who|that)\s+|^(?:some(?:one|body)|a\s+person)"
                  rf"\s+(?={_SAY}\b)", "", _HEARD.sub("", t.group("rest")), flags=re.I)
    hint = ""
    heard = _HEARD.match(t.group("rest")) and _HEARD_WHO.match(rest)  # "I heard a harbour master say X": a description
    if heard and heard.group("role").strip().lower() not in words("generic_people"):
        hint, rest = heard.group("role").strip(), rest[heard.end():]
    statement, quoted = _claim(rest)
    return Question("who", q, statement=statement, quoted=quoted, speaker_hint=hint, mentions=mentions)
