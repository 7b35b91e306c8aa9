"""Follow-ups without a model: "What else did he say?", "And on trade?", "Who else said that?", "When did she say
it?" rewritten into standalone questions (or answered from the previous Answer) from the previous turns."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from index import surname_key
from index.lexicon import alternation

from .conversation import Turn, turns
from .extractive import extractive_answer, said_key
from .models import Answer
from .question import parse_question
from .retrieve import Retriever

__all__ = ["Followup", "resolve_followup", "followup_answer", "index_speakers"]

KnownSpeaker = Callable[[str], "str | None"]

_PRONOUNS = {"he", "she", "they", "him", "her", "them", "his", "hers", "their"}
_PRONOUN = re.compile(r"\b(he|she|they|him|her|them|his|hers|their)\b", re.I)
_NOT_OWNED = set("about on at to for in of with from that than say said and or if when why how by as".split())
_SAY = r"(?:say|said|tell|told|mention|mentioned|add|added|comment|commented|claim|claimed)"
_WHO_PRONOUN = r"(?:he|she|they|him|her|them)"
_ELSE = re.compile(rf"^\s*(?:(?:and\s+)?(?:what|anything|something)\s+(?:else|more)(?:\s+(?:from|by)\s+{_WHO_PRONOUN})?"
                   rf"|(?:any\s+)?more\s+from\s+{_WHO_PRONOUN}|(?:(?:tell|show|give)\s+me\s+)?more(?:[\s,]+(?:please|quotes|"
                   rf"statements))?|go\s+on"
                   rf"|what\s+else\s+(?:did|has|had|does)\s+{_WHO_PRONOUN}\s+{_SAY}"
                   rf"|(?:did|has|had)\s+{_WHO_PRONOUN}\s+{_SAY}\s+(?:anything|something)\s+(?:else|more))[\s?.!]*$",
                   re.I)
_TOPIC = re.compile(r"^\s*(?:and\s+)?(?:(?:what|how)\s+)?(?:about|on|regarding|concerning)\s+(?:(?:on|about)\s+)?"
                    r"(?P<topic>.+?)[\s?.!]*$", re.I)
_TOPIC_NOT = re.compile(r"\b(?:did|does|do|was|were|is|are|has|have|had|say|said|who|what|when|where|why)\b", re.I)
_WHO_ELSE = re.compile(r"^\s*(?:(?:and\s+)?who\s+else|(?:did|has)\s+any(?:one|body)\s+else|any(?:one|body)\s+else)\b",
                       re.I)
_WHO_THAT = re.compile(r"^\s*(?:and\s+)?who\s+(?:said|says|wrote|claimed|told\s+\w+)\s+(?:that|it|this|so)\s*[?.!]*$", re.I)
_WHEN = re.compile(r"^\s*(?P<ask>when|where)\b(?P<rest>[^?]*)\??\s*$", re.I)
_WHEN_WORDS = set("""did was were is has had does do he she they him her them it that this so say said tell told make
made the statement remark remarks comment comments quote words these those claim published reported printed
appear appeared run ran in article story source""".split())
_CLOSING = {"“": "”", '"': '"', "«": "»"}  # quoted words are skipped when looking for a name
_OPENING = re.compile(f"[{''.join(_CLOSING)}]")
_NAME = re.compile(rf"[A-Z][\w’'-]*(?:\s+(?:(?:{alternation('name_particles')})\s+)?[A-Z][\w’'-]*)*")


@dataclass
class Followup:
    question: str  # the standalone question (the question itself when it is not a follow-up)
    exclude_speaker: str = ""  # "who else": the speaker already given, to leave out of the answer
    answer: Answer | None = None  # "when did she say it": answered from the previous Answer, no search needed
    speaker: str = ""  # the person the follow-up is about, when one was resolved
    more: bool = False  # "What else did she say?": the previous answer's statements are left out


def _is_pronoun(name: str) -> bool:
    return name.strip().lower() in _PRONOUNS


def _unquoted(text: str) -> str:
    """`text` with each quoted stretch (“…”, "…", «…») made a space; in one pass: an opening mark with no closing
    one after it is left as it is, and so are the later ones of its kind."""
    out, at, dead = [], 0, set()
    for m in _OPENING.finditer(text):
        mark = m.group()
        if m.start() < at or mark in dead:
            continue
        end = text.find(_CLOSING[mark], m.end())
        if end < 0:
            dead.add(mark)
            continue
        out += [text[at:m.start()], " "]
        at = end + 1
    return "".join(out) + text[at:]


def _named_in(text: str, known_speaker: KnownSpeaker | None) -> str:
    """The first name in `text` (quoted words skipped) that `known_speaker` knows; without it, the first name of
    two or more capitalised words."""
    for run in _NAME.findall(_unquoted(text)):
        words = run.split()
        if known_speaker is None:
            if len(words) >= 2:
                return run
            continue
        for size in range(len(words), 0, -1):  # "Russian President Vladimir Putin": the longest span known
            for i in range(len(words) - size + 1):
                found = known_speaker(" ".join(words[i:i + size]))
                if found:
                    return found
    return ""


def _speaker_of(t: Turn, known_speaker: KnownSpeaker | None) -> str:
    """The speaker a turn is about: its answer's first attribution, else the person its question asks about, else
    (text only) a known name in the answer or the question."""
    names = [a.speaker_name or a.speaker for a in t.answer.attributions] if t.answer is not None else []
    name = next((n for n in names if n and not _is_pronoun(n)), "")
    if name:
        return name
    q = parse_question(t.question)
    if q.kind == "what" and q.speaker and not _is_pronoun(q.speaker):
        return (known_speaker(q.speaker) if known_speaker else None) or q.speaker
    if t.answer is None:
        return _named_in(t.text, known_speaker) or _named_in(t.question, known_speaker)
    return ""


def _last_speaker(history: list[Turn], known_speaker: KnownSpeaker | None) -> str:
    return next((name for name in (_speaker_of(t, known_speaker) for t in reversed(history)) if name), "")


def _with_name(question: str, name: str) -> str:
    """He/she/they/him/her → `name`; his/her/their (before a noun) → `name`'s."""
    def swap(m: re.Match) -> str:
        word, after = m.group(1).lower(), question[m.end():].split(maxsplit=1)
        nxt = re.sub(r"\W+$", "", after[0]).lower() if after else ""
        owned = word in ("his", "their", "hers") or (word == "her" and nxt.isalpha() and nxt not in _NOT_OWNED)
        return f"{name}’s" if owned else name

    return _PRONOUN.sub(swap, question)


def _new_topic(topic: str, prev: str, speaker: str, known_speaker: KnownSpeaker | None) -> str:
    """"And on trade?" after the previous question: the same question about `topic` (or about another person)."""
    q = parse_question(prev)
    other = known_speaker(topic) if known_speaker and topic[:1].isupper() else None
    if other:  # "What about Putin?": the same question, another person
        return f"What did {other} say about {q.topic}?" if q.kind == "what" and q.topic else f"What did {other} say?"
    if q.kind == "about":  # "And about the lighthouse?" after "What was said about the toll?"
        return f"What was said about {topic}?"
    who = speaker if not q.speaker or _is_pronoun(q.speaker) else q.speaker
    return f"What did {who} say about {topic}?" if who and q.kind != "who" else f"Who spoke about {topic}?"


def _who_else(prev: Turn, speaker: str) -> Followup:
    """"Who else said that?": the previous statement as a who-question, leaving out the speaker already given."""
    q = parse_question(prev.question)
    if q.kind == "who":
        standalone = prev.question
    elif q.kind in ("what", "about") and q.topic:
        standalone = f"Who spoke about {q.topic}?"
    elif prev.answer is not None and prev.answer.attributions:
        standalone = f"Who said {prev.answer.attributions[0].quote.strip(' ,.')}?"
    else:
        standalone = prev.question
    return Followup(standalone, exclude_speaker=speaker, speaker=speaker)


def _when(ask: str, question: str, prev: Answer, speaker: str) -> Answer | None:
    """"When/where did she say it?": the previous answer's first statement (or passage), its source cited as [1]."""
    said = next((a for a in prev.attributions if a.citations), None)
    n = said.citations[0] if said else (prev.citations[0].n if prev.citations else 0)
    c = next((c for c in prev.citations if c.n == n), None)
    if c is None:
        return None
    who = (said.speaker_name or said.speaker) if said else speaker
    subject = f"{who} said it" if who else "It was reported"
    title = f"“{c.title}”" if c.title else "an article"
    if ask == "when":
        text = (f"{subject} in an article dated {c.date}: {title}" if c.date else
                f"The article that reports it gives no date: {title}") + (f", {c.source}" if c.source else "")
    else:
        text = f"{subject} in {title}" + (f" ({', '.join(x for x in (c.source, c.date) if x)})" if c.source or c.date
                                          else "")
    text += " [1]."
    attributions = [replace(said, citations=[1])] if said else []
    return Answer(text, True, [replace(c, n=1)], attributions, question=question, answerer=prev.answerer)


def _when_followup(m: re.Match, speaker: str) -> bool:
    names = {w.lower() for w in speaker.split()}
    words = re.findall(r"[\w’']+", m.group("rest").lower())
    return bool(words) and all(w in _WHEN_WORDS or w in names or w.removesuffix("’s") in names for w in words)


def _kind(question: str) -> tuple[str, re.Match | None]:
    """Which follow-up `question` is, if any: else | who_else | when | topic | pronoun | ''."""
    for kind, pattern in (("else", _ELSE), ("who_else", _WHO_ELSE), ("who_that", _WHO_THAT), ("when", _WHEN),
                          ("topic", _TOPIC)):
        m = pattern.match(question)
        if m and (kind != "topic" or (not _TOPIC_NOT.search(m.group("topic")) and not _is_pronoun(m.group("topic"))
                                      and len(m.group("topic").split()) <= 6)):
            return kind, m
    if parse_question(question).kind != "who" and _PRONOUN.search(question):
        return "pronoun", None
    return "", None


def resolve_followup(question: str, history, known_speaker: KnownSpeaker | None = None) -> Followup:
    """`question` as a standalone question from the previous turns; unchanged when it is not a follow-up (or
    nothing before names anyone). `known_speaker(name)`: the full name of a speaker the index knows, else None."""
    past = turns(history)
    kind, m = _kind(question) if past else ("", None)
    speaker = _last_speaker(past, known_speaker) if kind else ""
    prev = past[-1] if past else None
    if kind == "topic":  # needs no speaker: "What about Putin?", or "And on trade?" after a who-question
        return Followup(_new_topic(m.group("topic"), prev.question, speaker, known_speaker), speaker=speaker)
    if kind == "who_that":  # "Who said that?": the words the previous answer quoted first
        said = prev.answer.attributions[0].quote.strip(" ,.") if prev.answer and prev.answer.attributions else ""
        return Followup(f"Who said “{said}”?" if said else question)
    if kind == "when" and not _when_followup(m, speaker):  # "When will he resign?": a question of its own
        kind = "pronoun" if _PRONOUN.search(question) else ""
    if not kind or not (speaker or (kind == "when" and prev.answer is not None)):
        return Followup(question)
    if kind == "else":
        return Followup(f"What else did {speaker} say?", speaker=speaker, more=True)
    if kind == "who_else":
        return _who_else(prev, speaker)
    if kind == "when":
        standalone = _with_name(question, speaker) if speaker else question
        direct = _when(m.group("ask").lower(), standalone, prev.answer, speaker) if prev.answer else None
        return Followup(standalone, answer=direct, speaker=speaker)
    return Followup(_with_name(question, speaker), speaker=speaker)


def index_speakers(retriever: Retriever) -> KnownSpeaker:
    """known_speaker backed by the index's roster: the fullest name `name` is filed under (the most quoted one for a
    bare surname), else None."""
    roster = retriever.store.roster()

    def known(name: str) -> str | None:
        if len(name) < 3 or _is_pronoun(name):
            return None
        entry = roster.by_name.get(name.lower())
        if entry:
            return entry.name
        words = name.split()
        people = roster.named(surname_key(name), words[0] if len(words) > 1 else "")
        return people[0].name if people else None

    return known


def _shown(f: Followup, past: list[Turn]) -> frozenset:
    """(article id, words) of the statements the previous answer gave, for "What else …?"."""
    prev = past[-1].answer if f.more and past else None
    return frozenset(said_key(a.article_id, a.quote) for a in (prev.attributions if prev else []))


def followup_answer(question: str, history, retriever: Retriever) -> Answer:
    """The extractive answer to `question` read as a follow-up of `history`; Answer.question is the standalone. A
    follow-up that needs the previous answer ("What else …?", "Who said that?", "When?") of a chat known by its text
    alone has the previous question asked again."""
    past = turns(history)
    if past and past[-1].answer is None and past[-1].question and _kind(question)[0] in ("else", "who_that", "when"):
        past[-1].answer = extractive_answer(past[-1].question, retriever)
    f = resolve_followup(question, past, index_speakers(retriever))
    if f.answer is not None:
        return f.answer
    a = extractive_answer(f.question, retriever, exclude_speaker=f.exclude_speaker, shown=_shown(f, past))
    if f.exclude_speaker and not a.attributions:  # a passage nobody is named in is no "who else"
        a = Answer(f"The indexed articles name no one other than {f.exclude_speaker} saying that.", False)
    a.question = f.question
    return a
