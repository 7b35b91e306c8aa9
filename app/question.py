"""Read a question however it is phrased: who said something, what someone said (about something), or other."""
from __future__ import annotations

import re
from dataclasses import replace

from index.cues import CUE, NAME_WORDS, not_after, then_space
from index.lexicon import alternation, words
from index.roster import Roster

from .asked import ASKS_MORE, BASE_VERB, QUOTES, Question
from .link import TITLES, Mention, link_speakers
from .who_question import read_who

__all__ = ["Question", "parse_question"]

# Words a reader puts before the question itself: "Tell me", "Can you tell me", "Please", "I'd like to know".
_FILLER = re.compile(r"^\s*(?:(?:please|hey|so|ok(?:ay)?|and|but)\b[\s,]*|(?:can|could|would)\s+you\s+(?:please\s+)?"
                     r"(?:tell|show|give|find|name)(?:\s+me)?\b\s*|(?:tell|show|give|find)\s+me\b\s*|i(?:'d|\s+would)\s+like"
                     r"\s+to\s+know\b\s*|i\s+(?:want|need)\s+to\s+know\b\s*|do\s+you\s+know\b\s*|i\s+wonder\b\s*|any\s+idea\b\s*|"
                     r"(?:does\s+)?any(?:one|body)\s+know\b\s*|remind\s+me\b\s*|(?:quick\s+)?question\s*:\s*|"
                     r"(?:summari[sz]e|list|compare)\b\s*)+", re.I)
# A time or an occasion before the question: "At the council meeting, who said …", "In June, which senator …".
_CIRCUMSTANCE = re.compile(r"^(?P<when>(?:at|in|during|on|after|before)\s+[^,?]{1,60}),\s*(?=(?:who|which|whose|what)\b)",
                           re.I)
# "according to the article", "in the story": the question's own source, no description and no claim
_OWN_SOURCE = re.compile(r"(?<![,\s])[,\s]*+\b(?:according\s+to|in)\s+(?:the|this|these|your)\s+(?:articles?|stor(?:y|ies)|"
                         r"reports?|pieces?|texts?|news|sources?)\b[,\s]*|\b(?<=who\s)(?:do|does|did)\s+(?:the|these|your)\s+"
                         r"(?:articles?|stor(?:y|ies)|reports?|sources?|news)\s+say\s+", re.I)
# Words that only make a what-question a question (its verb, its framing, the audience): never its topic.
_META = set("""what whats what's did does do has have had was were is are how about on regarding concerning of to say said says
tell told think thinks thought describe described comment comments commented remark remarks anything something view
views position stance reaction respond responded response react reacted quotes quote statements statement words
opinion take the any from else give me ever feel felt make made talk talked speak spoke spoken mention mentioned
regards regard his her their its thoughts where stand stands everything weigh weighed why when argue argued argues
claim claimed criticize criticized criticise criticised warn warned suggest suggested propose proposed insist
insisted admit admitted reporters journalists audience crowd interviewer been saying message messages best criticism
criticisms asked support supports oppose opposes favor favour against or for according more lately recently exact
exactly justify justified explain explained argument arguments reason reasons critical in long much many would will
took last today yesterday it true that right correct ". """.split())
# The occasion a what-question names is no topic: "What did X say in her speech about Y?" asks about Y.
_OCCASION = re.compile(r"\b(?:in|during|at)\s+(?:his|her|their|its|a|an|the|that|this)\s+(?:\w+\s+)?(?:speech|interview|"
                       r"statement|op-ed|tweets?|debate|remarks|address|rally|appearance|press\s+conference)\b", re.I)
_VERB_WORD = re.compile(rf"{CUE}|{BASE_VERB}(?:s|d|ed|es)?", re.I)  # the verb right after the name asks how, not about what
# An auxiliary right before the name: the word after the name is the question's verb ("How did X characterize Y?").
_ASKED_BEFORE = re.compile(r"\b(?:did|does|do|has|have|had|will|would|can|could)\s+(?:[A-Z][\w.]*\s+){0,4}$", re.I)
_WHEN_SAID = re.compile(r"^\s*when\s+(?=(?:did|has|have|had)\b)", re.I)  # "When did X say Y?": did X say Y, and when
# "What was said about X?", "Who said what about X?", "What are people saying about X?", "Reactions to X": what
# everyone the articles quote said on X.
_ABOUT = re.compile(r"^\s*(?:who\s+said\s+what|what\s+(?:was|has\s+been|is\s+being|have\s+people|did\s+people|"
                    r"are\s+people|do\s+people|did\s+anyone)\s+(?:said|saying|say|think)|(?:any\s+)?(?:reactions?|"
                    r"responses?)\s+to|what\s+do(?:es)?\s+(?:people|anyone|experts|critics)\s+(?:say|think)|"
                    r"who\s+(?:(?:has|have|had)\s+)?(?:commented|spoken|spoke|talked|weighed\s+in|discussed|remarked|"
                    r"said\s+anything|had\s+something\s+to\s+say))\b"
                    r"\s*(?:about|on|regarding|of|to)?\s+(?P<topic>\S.*?)[\s?.!]*$", re.I | re.S)
_YES_NO = re.compile(r"^\s*(?:did|does|has|have|had|was|is)\b", re.I)


# "Any quotes saying X?" asks whether anyone said X; "X said Y, right?" whether X did.
_ANY_SAYING = re.compile(r"^(?:are\s+there\s+)?any\s+(?:quotes?|statements?|one|body)\s+(?:saying|claiming|that\s+said)\s+",
                         re.I)
_RIGHT = re.compile(r"(?<![\s,])[\s,]++(?:right|correct|true|is\s+that\s+(?:right|true|correct)|(?:did|does|has|have|had|"
                    r"was|is|were)n[’']?t\s+(?:he|she|they|it|that|we))\s*+\?*$", re.I)  # "…, didn't he?"
_SAID_WORD = re.compile(rf"\b(?:said|says|claimed|argued|told|warned|wrote|stated|{CUE})\b", re.I)


def _clean(text: str) -> str:
    text = _FILLER.sub("", text.strip())
    lead = _CIRCUMSTANCE.match(text)  # "At the rally, who said X?": who said X at the rally
    if lead:
        text = f"{text[lead.end():].rstrip(' ?.!')} {lead.group('when')}?"
    text = re.sub(r"^(?:any\s+|all\s+|the\s+)?(?:quotes?|statements?|comments?|remarks?|words)\s+(?:from|by)\s+", "",
                  text, flags=re.I)
    text = _ANY_SAYING.sub("Did anyone say ", text.strip())
    right = _RIGHT.search(text)
    if right and (_SAID_WORD.search(text, 0, right.start()) or re.search(r"n[’']?t\s+\w+\s*\?*$", text)):
        return f"Is it true that {text[:right.start()]}"
    return text.strip()


def _topic(text: str, mention: Mention) -> str:
    """The question less the person, their titles and the words that only make it a question; before a possessive
    ("CIA spokesman Ryan Trapani's reaction to Y") every word before the name describes the person, not the topic."""
    possessive = re.match(r"[’'](?:s\b)?", text[mention.end:])  # "Trump's", "Sanders'"
    before = [w for w in re.findall(r"[\w’'.-]+", text[:mention.start])
              if w.lower().rstrip(".") not in TITLES and not possessive]
    rest = ASKS_MORE.sub("", text[mention.end:].rstrip("?.! "))  # "…, and when?"
    for tail in (_OCCASION.sub(" ", rest), rest):  # "… at the rally?" alone: the rally
        after = re.findall(r"[\w’'.-]+", tail)
        verb = after and (_VERB_WORD.fullmatch(after[0]) or (_ASKED_BEFORE.search(text[:mention.start]) and not possessive))
        after = after[1:] if verb else after  # "What did X promise?", "How did X characterize Y?": the verb
        words = [w for w in before + after if w.lower() not in _META and re.search(r"[^\W_]", w)
                 and not re.fullmatch(r"[’']s?", w)]
        if words:
            break
    return " ".join(words).strip(" .")


def _subject(text: str, mentions: list[Mention]) -> Mention | None:
    """Whom a what-question asks about: the name that ends X in "What did X say" (an outlet or a group named before
    it, "Microsoft's Satya Nadella", is not the one asked about), else the first person it names, else the first
    name."""
    m = _WHAT.match(text) or _DID.match(text)
    if m:
        inside = [x for x in mentions if m.start("sp") <= x.start < m.end("sp")]
        if not inside and _DESCRIPTION.match(m.group("sp").strip()):
            return None  # "what did the finance minister say": a description, not a name (`_described_what`)
        bare = _bare_name(m.group("sp"), lower=text.islower())
        last = inside[-1] if inside else None  # "former FBI agent Timothy Gill", "Microsoft's Satya Nadella": the last
        if last and (last.end >= m.end("sp") - 2 or len(bare.split()) < 2):
            return last
        return _unknown(bare, m.start("sp"), m.end("sp"))
    held = _HELD.search(text)  # "What was CIA spokesman Ryan Trapani's reaction to ...": whose reaction
    if held:
        named = [x for x in mentions if x.start <= held.end("sp") - 1 and x.end >= held.end("sp") - 1]
        return named[-1] if named else _unknown(held.group("sp"), held.start("sp"), held.end("sp"))
    person = next((x for x in mentions if x.entries[0].type == "person"), None)
    lead = re.match(rf"^{_NAME_WORDS}(?=[’']s\b|\s+(?:on|about|regarding)\b)", text)
    if person is None and lead and len(lead.group(0).split()) >= 2:  # "Mark Dubowitz on the mood ...": not indexed
        return _unknown(lead.group(0), 0, lead.end())
    return person or (mentions[0] if mentions else None)


def _unknown(name: str, start: int, end: int) -> Mention | None:
    """A person the question names whom no statement in the index is filed under (their words may still be reported)."""
    name = " ".join(w for w in name.split() if w.lower().rstrip(".") not in TITLES)
    if not name or name.lower() in _PRONOUNS:
        return None
    return Mention(start, end, name, name.split()[-1].lower(), ())


_PRONOUNS = {"he", "she", "they", "him", "her", "them", "it", "we", "you", "i", "anyone", "someone", "people"}
_PARTICLE = rf"(?:{alternation('name_particles')})"
_NAME_WORD = r"[A-Z][\w.-]*(?:[’'][A-Za-z]{2,}[\w.-]*)?"  # "O'Brien", not "Microsoft's"
_NAME_WORDS = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD})*"


# "X's reaction to / view on / take on / remarks about ...": X is the one asked about (a full name of two words or more).
# The name: two to NAME_WORDS words, not starting right after a name word (issue 18: searched from every capital, the
# unbounded run was quadratic, and its words glued by `\s*` exponential, in a run of capitals; a run of more than
# NAME_WORDS words is no one's name).
_WORD_SHAPES = {n: [rf"[A-Z][\w.-]{{{n - 1}}}"] for n in range(1, 25)}  # a name word's first n characters
_EARLIER_START = then_space(_WORD_SHAPES, words("name_particles"))
for _n, _shapes in _WORD_SHAPES.items():  # or inside the word, after its capital
    _EARLIER_START.setdefault(_n, []).extend(_shapes)
_NAME_START = not_after(_EARLIER_START)
_HELD = re.compile(rf"(?P<sp>(?=[A-Z]){_NAME_START}{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,{NAME_WORDS - 1}}}"
                   rf"\s*)[’']s?\s+(?:\w+\s+)?"
                   r"(?:reaction|response|view|views|take|position|stance|comments?|remarks?|thoughts|opinion|words|"
                   r"assessment|verdict|account|description|answer)\b")


def _bare_name(words: str, lower: bool = False) -> str:
    """'former FBI agent Timothy Gill' -> 'Timothy Gill'; in a question typed in lower case, a short 'tempel' as it
    is; '' when no name is left."""
    words = re.sub(r"[’']s$", "", words.strip(QUOTES + " "))
    if lower and len(words.split()) <= 3:
        return " ".join(w for w in words.split() if w.rstrip(".") not in TITLES and w not in ("the", "a", "an"))
    names = re.findall(rf"{_NAME_WORDS}$", words)
    return " ".join(w for w in names[0].split() if w.lower().rstrip(".") not in TITLES) if names else ""


# Verbs of a yes-no question whose object is the claim ("Did X accuse Y of Z?", "X praised Y as Z, didn't he?"): the
# question asks whether the articles have X doing it, not for X's statements on the topic.
_JUDGED = ("accuse[sd]?|blame[sd]?|praise[sd]?|critici[sz]e[sd]?|mock(?:s|ed)?|endorse[sd]?|urge[sd]?|call(?:s|ed)?|"
           "compare[sd]?|defend(?:s|ed)?|dismiss(?:es|ed)?|attack(?:s|ed)?|describe[sd]?|label(?:s|l?ed)?")


def _what(q: str, text: str, first: Mention, mentions: list[Mention]) -> Question:
    after = text[first.end:]
    said = re.match(rf"^[’']?s?\s+(?:\w+\s+)?(?:ever\s+)?(?:say|said|claim(?:ed)?|state[d]?|tell|told|argued?|write|wrote|"
                    rf"tweet(?:ed)?|admit(?:ted)?|predict(?:ed)?|promised?|warn(?:ed)?|suggest(?:ed)?|quoted\s+(?:as\s+)?"
                    rf"saying)\b\s*(?:that\s+)?(?P<claim>.*)$", after,
                    re.I | re.S) or re.match(
        r"^\s+(?:\w+\s+)?(?P<claim>(?:deny|denied|dispute|disputed|reject|rejected)\b(?:\s+(?:ever\s+)?"
        r"(?:saying|having\s+said))?.*)$", after, re.I | re.S) or re.match(
        rf"^\s+(?:\w+\s+)?(?P<claim>(?:{_JUDGED})\b\s+\S.*)$", after, re.I | re.S)  # "accuse Y of Z": a claim, verb and all
    yes_no = bool(_YES_NO.match(text) or _WHEN_SAID.match(text))
    claim = said.group("claim").strip().rstrip("?.! ") if yes_no and said else ""
    if re.match(r"^(?:anything|something|much|a\s+lot)\b", claim, re.I):
        claim = ""
    topic = _topic(text, first)
    speaker = first.name if len(first.entries) == 1 else first.text  # "Clinton": every Clinton, ranked by the topic
    return Question("what", q, statement=claim, speaker=speaker, topic=topic, yes_no=yes_no, mentions=mentions,
                    when=bool(_WHEN_SAID.match(text)))


_WHAT = re.compile(r"^\s*(?:what|how)\s+(?:else\s+)?(?:did|does|do|has|have|had|was|is)\s+(?P<sp>.+?)\s+"
                   r"(?:(?:ever|just|recently)\s+)?"
                   r"(?:say|said|says|tell|told|claim|claimed|warn|warned|state|stated|announce|announced|argue|argued|"
                   r"think|thought|write|wrote|tweet|tweeted|predict|predicted|promise|promised|describe|described|"
                   r"respond|responded|react|reacted|comment|commented|feel|felt)\b"
                   r"(?:\s+(?:(?:about|on|regarding|of|concerning|to)\s+)?(?P<topic>.+?))?[\s?.!]*$", re.I | re.S)
# "Did X say / comment / talk about Y?", "Has X ever said Y": the name before the verb.
_DID = re.compile(r"^\s*(?:did|has|have|had|does|was|is)\s+(?P<sp>.+?)\s+(?:(?:ever|also|publicly)\s+)?"
                  r"(?:say|said|comment|commented|talk|talked|speak|spoken|spoke|mention|mentioned|weigh|weighed|"
                  r"remark|remarked|tweet|tweeted|write|written|wrote|respond|responded|react|reacted|address|"
                  r"addressed|criticize|criticized|praise|praised|claim|claimed|predict|predicted|promise|promised)\b",
                  re.I)


def _template_what(q: str, text: str) -> Question | None:
    """Without a roster (no index to link against): "What did X say (about Y)?" only."""
    m = _WHAT.match(text)
    if not m:
        return None
    speaker = re.sub(r"[’']s$", "", re.sub(r"^(?:the\s+)?", "", m.group("sp").strip(), flags=re.I).strip(QUOTES + " "))
    return Question("what", q, speaker=speaker, topic=(m.group("topic") or "").strip())


def parse_question(question: str, roster: Roster | None = None) -> Question:
    """Who, what or other, with the speakers it names linked to `roster` (the index's speakers) when given.
    Case, a missing question mark and words such as "Tell me" or "quotes from" do not matter."""
    q = question.strip()
    text = _clean(_OWN_SOURCE.sub(" ", q))
    if not text:
        return Question("other", q)
    mentions = link_speakers(text, roster)
    about = _ABOUT.match(text)
    if about:
        return Question("about", q, topic=about.group("topic").strip(), mentions=mentions)
    person = _person(q, text, mentions)
    if person:
        return person
    who = read_who(q, text, mentions)
    if who:
        return who
    if roster is None:
        return _template_what(q, text) or Question("other", q)
    subject = _subject(text, mentions)
    if not subject:
        return _described_what(q, text) or Question("other", q)
    partner = next((x for x in mentions if x is not subject and _JOINED.fullmatch(
        text[min(subject.end, x.end):max(subject.start, x.start)])), None)
    if partner is None:
        return _what(q, text, subject, mentions)
    subject, partner = sorted((subject, partner), key=lambda x: x.start)  # answered in the question's order
    lo, hi = subject.end, partner.end  # "X and Y": the conjunction and Y left out
    asked = _what(q, text[:lo] + " " * (hi - lo) + text[hi:], subject, mentions)
    other = partner.name if len(partner.entries) == 1 else partner.text  # "Velk": every Velk, ranked by the topic
    return replace(asked, others=(other,)) if not asked.statement else asked


# "Who is X?", "What is X's job?", "What does X do?": who the index's speaker X is, not what X said.
_WHO_IS = re.compile(r"^\s*(?:who\s+(?:is|was|[’']s)\s+(?P<a>.+?)|what(?:\s+(?:is|was)|[’']s)\s+(?P<b>.+?)[’']s?\s+(?:job|"
                     r"role|title|position|post)|what\s+(?:does|did)\s+(?P<c>.+?)\s+do(?:\s+for\s+a\s+living)?)[\s?.!]*$",
                     re.I)


def _person(q: str, text: str, mentions: list[Mention]) -> Question | None:
    """"Who is X?" where X is a speaker the index holds, named and nothing more (titles aside)."""
    m = _WHO_IS.match(text)
    group = next((g for g in ("a", "b", "c") if m and m.group(g)), None)
    if group is None:
        return None
    lo, hi = m.span(group)
    named = [x for x in mentions if x.entries and lo <= x.start and x.end <= hi]
    if len(named) != 1:
        return None
    rest = re.findall(r"[\w’'.-]+", text[lo:named[0].start] + " " + text[named[0].end:hi])
    if any(w.lower().rstrip(".") not in TITLES and not re.fullmatch(r"[’']s?", w) for w in rest):
        return None  # "Who is Brinley's rival?": someone else
    return Question("person", q, speaker=named[0].name, mentions=mentions)


_JOINED = re.compile(r"[’']?s?\s*(?:,|and|&|or|versus|vs\.?)\s*", re.I)  # "What did X and Y say …?": both asked about
_SAID_ANYTHING = re.compile(r"^(?:did|has|have)\s+(?P<sp>(?:the|an?)\s+.+?)\s+(?:ever\s+)?(?:say|said)\s+(?:anything|"
                            r"something)\s+(?:about|on|regarding)\s+(?P<topic>.+)$", re.I | re.S)  # "Did the mayor say anything about Y?"
_DESCRIPTION = re.compile(r"^(?:(?i:the|a|an)\s+(?P<role>(?:[\w’'.-]+\s+){0,5}[\w’'.-]+)|(?P<owned>[A-Z][\w.-]*(?:\s+[A-Z]"
                          r"[\w.-]*){0,3}[’']s(?:\s+[a-z][\w’'.-]*){1,5}))$")  # "the mayor", "Osterland's finance minister"


def _described_what(q: str, text: str) -> Question | None:
    """"What did the mayor say about Y?": a what-question about whoever the index holds with that role (the
    description is kept as the speaker hint; the answerer finds the speaker)."""
    m = _SAID_ANYTHING.match(text) or _WHAT.match(text)
    d = _DESCRIPTION.match(m.group("sp").strip()) if m else None
    if not d:
        return None
    return Question("what", q, speaker_hint=d.group("role") or d.group("owned"),
                    topic=(m.group("topic") or "").strip(" ?.!"))
