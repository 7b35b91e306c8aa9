"""The offline extractive answerer: an Answer composed from statements and passages, with [n] citations."""
from __future__ import annotations

import re
from dataclasses import replace

from index import surname_key
from index.context import quick_sentences
from index.cues import CUE
from index.store import PASSAGES, QUOTES

from .compose import Composer, citation, joined, role_of
from .described import contradicted_by, described_speaker
from .link import named_in_full, same_person
from .models import Answer
from .prompts import render
from .question import Question, parse_question
from .retrieve import Hit, Retriever, overlap
from .statements import (ANSWER_MIN, SUPPORT_CANDIDATES, TOPIC_SHARE_MIN, TOPIC_SUPPORT_MIN, VERBATIM,
                         Candidate, confidence, locate, rank_statements)
from .support import salient_terms, support, without_act
from .claimed import claimed, contradicted, yes_or_closest
from .supported import Contradicted, claim_support, ruled_out, supported, swaps

__all__ = ["extractive_answer", "citation", "said_key", "PASSAGE_MIN"]

# Whether to answer at all: a statement needs the claim's support >= SUPPORT_MIN (app/statements.py, app/support.py);
# a passage alone, confidence >= ANSWER_MIN and most of the question's words.
PASSAGE_MIN = 0.40  # cosine: a passage close enough to hand to the LLM as extra context
_CUE = re.compile(rf"\b{CUE}\b|according to", re.I)
_ALSO = 0.04  # other speakers within this of the best are listed too
_LIMIT = 6  # statements listed in a what-answer
_TOPIC_DEPTH = 30  # a speaker's statements, best first by the topic, checked for being on it
# A what-answer that would hold one statement also shows the next best from another article (`_story_first`). On
# the tuning half's prolific speakers: recall 0.742, precision 0.529 -> 0.507; three gave 0.758 / 0.487.
_AT_LEAST = 2


def _not_found(text: str | None = None) -> Answer:
    return Answer(text or render("extractive/not_found"), False)


def _best_sentence(passage: str, question: str) -> str:
    spans = quick_sentences(passage)
    best = max(spans, key=lambda s: overlap(question, passage[s[0]:s[1]]), default=None)
    return passage[best[0]:best[1]] if best else passage


def _answering(q: Question, ranked: list[Candidate], r: Retriever) -> tuple[list[Candidate], Contradicted | None]:
    """The candidates that answer the question: those holding its quoted words first, then (for a question not in
    quote marks) those of the best SUPPORT_CANDIDATES whose support reaches SUPPORT_MIN, best supported first; each
    with its confidence. And the statement the claim contradicts, when it is better supported than any of those."""
    named = tuple(named_in_full(q.text, q.mentions))
    certain = [c for c in ranked if c.located or c.confidence >= VERBATIM]
    sure = [c for c in certain if not ruled_out(c.quote, r, q.speaker_hint, named)]
    if q.quoted:
        return sure, None
    claim = f"{q.speaker_hint} {q.statement}".strip()  # the speaker as described stands in the same sentences
    # most of the claim's words, not in its order: a detail may still be swapped ("Ebola" for the article's "Zika")
    swap = swaps(q.statement, [c.quote for c in sure if not c.located], r)
    against = [Contradicted(c.quote, swap[c.quote.id], c.confidence) for c in sure if c.quote.id in swap]
    sure = [c for c in sure if c.quote.id not in swap]
    if against and not sure:
        return [], against[0]
    rest = [c for c in ranked[:SUPPORT_CANDIDATES] if c not in certain]
    verdict = supported(claim, [c.quote for c in rest], r, q.speaker_hint, named)
    scores = {h.id: s for h, s in verdict.passing}
    for c in rest:
        c.confidence = scores.get(c.quote.id, 0.0)
    passing = [c for c in rest if c.quote.id in scores]
    # the best supported first; unless the question describes the speaker ("Which gun lobby ..."), a person before an
    # organisation within a near tie (_ALSO: a paper that reported what the person said); the rank breaks ties
    person = 0.0 if q.speaker_hint else _ALSO
    passing.sort(key=lambda c: -c.confidence - person * (c.quote.record.speaker_type == "person"))
    return sure + passing, verdict.contradicted


def _who(q: Question, r: Retriever, exclude: str = "") -> Answer:
    if not q.quoted and not salient_terms(without_act(q.statement))[0]:  # "Who said it?": no words to look for
        return _not_found(render("extractive/no_claim"))
    ranked = rank_statements(q.statement, r, q.quoted, hint=q.speaker_hint)
    if q.fragment:  # 'Who said the army should grow "as quickly as possible"?': the statement holding those words
        located = [c for c in rank_statements(q.fragment, r, True, hint=q.speaker_hint) if c.located]
        ranked = located + [c for c in ranked if c.quote.id not in {x.quote.id for x in located}]
    if exclude:
        ranked = [c for c in ranked if not same_person(exclude, c.quote.record.speaker_name)]
    named = {m.key for m in q.mentions}  # people the claim is about are seldom the ones who made it
    sure, against = _answering(q, ranked, r)
    sure.sort(key=lambda c: surname_key(c.quote.record.speaker_name) in named)  # stable: keeps rank order
    c = Composer(r)
    if against and not any(x.located or x.confidence >= VERBATIM for x in sure):
        return contradicted(against, c)
    if sure and q.yes_no:  # "Did anyone say ...?": yes only with the claim's words, as for "Did X say ...?"
        return yes_or_closest(q.statement, sure[0].quote, r, c)
    if sure:
        best = sure[0]
        lines = [c.statement(best.quote)]
        seen = {best.quote.record.speaker_name}
        for x in sure[1:] if not best.located else []:  # near-ties with other speakers are listed too
            if abs(best.confidence - x.confidence) <= _ALSO and x.quote.record.speaker_name not in seen:
                seen.add(x.quote.record.speaker_name)
                lines.append("Also: " + c.statement(x.quote))
        return c.answer("\n".join(lines))
    # No statement supports it: a passage holding the question's words verbatim is still worth citing (when it
    # describes someone as the question does: "Which senator ..." is no question a finance minister's words answer).
    words = q.fragment or q.statement
    found = [(p, _best_sentence(p.document, words)) for p in r.passages(words, k=1)
             + (r.containing(words, k=1) if q.quoted or q.fragment else []) if locate(words, p.document)]
    found = [(p, s) for p, s in found if not (q.speaker_hint and contradicted_by(q.speaker_hint, s))]
    if found:
        return c.answer(render("extractive/unattributed", sentence=found[0][1], n=c.cite(found[0][0])))
    return _not_found()


def _reported(speaker: str, topic: str, r: Retriever, articles: set[str] | None = None) -> list[tuple[Hit, str]]:
    """Sentences naming the speaker next to a reporting verb, found by words rather than by the extractor:
    (passage, sentence), one per passage. Limited to `articles` when given."""
    surname = surname_key(speaker)
    found = []
    for p in r.mentions(speaker, k=12):
        if (articles is not None and p.record.article_id not in articles) or (
                topic and not support(topic, p.document, r.store.lexical(PASSAGES)).holds(TOPIC_SHARE_MIN)):
            continue
        for start, end in quick_sentences(p.document):
            text = p.document[start:end]
            if surname in text.lower() and _CUE.search(text):
                found.append((p, text.strip()))
                break
    return sorted(found, key=lambda x: x[0].id)


def _as_cited(sentence: str) -> str:
    """An article's sentence in quote marks, unless it holds quote marks of its own (“…,” Quill said.): then as it is."""
    return sentence if re.search(r"[“”\"]", sentence) else f"“{sentence}”"


def _on_topic(q: Question, hits: list[Hit], r: Retriever) -> list[Hit]:
    """The statements about the question's topic: their support for it (as for a claim: the topic's meaning in the
    statement's sentences and its rare words there) reaches TOPIC_SUPPORT_MIN, and the names it gives are in the
    passage."""
    hits = hits[:_TOPIC_DEPTH]
    contexts = r.contexts(q.topic, hits)
    r.prefetch(hits, statements=False)
    kept = []
    for h in hits:
        if h.id in contexts:
            s = claim_support(q.topic, h, r, *contexts[h.id][:2])
            if not s.missing and s.score >= TOPIC_SUPPORT_MIN:
                kept.append((h, s.score))
    return _story_first(kept)


def _story_first(kept: list[tuple[Hit, float]]) -> list[Hit]:
    """The statements of the article that says most on the topic (the sum of its statements' support) first, best
    first; then those of other articles that support the topic at least as well as that article's best; and if that
    is a single statement, the next best from another article ("The pier stays shut until May" in March, "The pier
    reopens on Monday" in June: both). A speaker quoted in many articles ("What did Trump say about trade?") is
    answered from the story about it first, not from every story that touches it."""
    if not kept:
        return []
    ranked = sorted(kept, key=lambda x: (-x[1], x[0].id))
    total: dict[str, float] = {}
    for h, score in ranked:
        total[h.record.article_id] = total.get(h.record.article_id, 0.0) + score
    story = max(sorted(total), key=lambda a: total[a])
    best = next(s for h, s in ranked if h.record.article_id == story)
    first = [h for h, s in ranked if h.record.article_id == story or s >= best]
    rest = [h for h, s in ranked if h.record.article_id != story and s < best]
    return first + rest[:max(0, _AT_LEAST - len(first))]


def said_key(article_id: str, words: str) -> tuple[str, str]:
    """A statement as its article and its words, spacing aside: what "What else …?" leaves out (`shown`)."""
    return article_id, " ".join(words.split())


def _unique(hits: list[Hit]) -> list[Hit]:
    unique: dict[str, Hit] = {}  # syndicated copies of an article repeat the same statement
    for h in hits:
        unique.setdefault(" ".join(h.document.split()), h)
    return list(unique.values())


def _what(q: Question, r: Retriever, limit: int = _LIMIT, shown: frozenset = frozenset()) -> Answer:
    if not q.speaker and q.speaker_hint and not r.filters.speaker:
        found = described_speaker(q.speaker_hint, q.topic, r)
        if not found:
            return _not_found(render("extractive/nobody_described", description=q.speaker_hint))
        q = replace(q, speaker=found)
    speaker = r.filters.speaker or q.speaker
    if r.filters.speaker and q.speaker and surname_key(q.speaker) != surname_key(r.filters.speaker):
        return _not_found()  # the question asks about someone the speaker filter leaves out
    if q.statement:
        return claimed(q, r.statements_by(speaker, q.statement), r)
    hits = _on_topic(q, r.statements_by(speaker, q.topic), r) if q.topic else r.statements_by(speaker)
    if not hits:
        return _none_on_topic(q, speaker, r, limit)
    c = Composer(r)
    hits = _unique(hits)
    # "What else did she say?": the statements not shown already; when there are none, those again, said so
    fresh = [h for h in hits if said_key(h.record.article_id, h.document) not in shown]
    header = "extractive/what_said" if fresh or not shown else "extractive/nothing_else"
    hits = fresh or hits
    first = hits[0].record
    role = role_of(first)
    lines = [render(header, speaker=c.name(first), role=f" ({role})" if role else "",
                    about=f" about {q.topic}" if q.topic else "")]
    lines += [c.listed(h, c.name(first)) for h in hits[:limit]]
    cited = {(x.article_id, x.char_start) for x in c.citations}
    more = [(p, t) for p, t in _reported(speaker, q.topic, r, {x.article_id for x in c.citations})
            if (p.record.article_id, p.record.char_start) not in cited] if len(hits) < limit else []
    if more:
        lines.append(render("extractive/also_reported"))
        lines += [f"- {_as_cited(text)} [{c.cite(p)}]" for p, text in more[:limit - len(hits)]]
    return c.answer("\n".join(lines))


def _none_on_topic(q: Question, speaker: str, r: Retriever, limit: int) -> Answer:
    """No statement of `speaker` on the topic: the sentences that report them on it (the extractor took no statement
    from them), else how many statements of theirs are on other subjects, else that they have none."""
    c = Composer(r)
    reported = _reported(speaker, q.topic, r)
    everything = r.statements_by(speaker) if q.topic else []
    if reported:
        lines = [render("extractive/reported_topic" if everything else "extractive/reported", speaker=speaker,
                        topic=q.topic)]
        lines += [f"- {_as_cited(text)} [{c.cite(p)}]" for p, text in reported[:limit]]
        return c.answer("\n".join(lines))
    if everything:
        count = f"{len(everything)} statement{'s' if len(everything) > 1 else ''}"
        return _not_found(render("extractive/off_topic", speaker=c.name(everything[0].record), count=count,
                                 topic=q.topic))
    return _nobody_named(speaker, r)


def _nobody_named(speaker: str, r: Retriever) -> Answer:
    """No statement of `speaker`: that the articles mention them, else the speakers spelled most like them."""
    if r.mentions(speaker):
        return _not_found(render("extractive/no_statements", speaker=speaker))
    close = r.closest_speakers(speaker)
    return _not_found(render("extractive/no_such_speaker", speaker=speaker, close=", ".join(close)) if close else None)


def _about(q: Question, r: Retriever, limit: int = _LIMIT, exclude: str = "") -> Answer:
    """"What was said about Y?": the statements on Y (as for a what-question's topic), the best of each speaker, best
    first, each line naming its speaker."""
    hits = [h for h in r.search(QUOTES, q.topic, k=_TOPIC_DEPTH) if h.record.speaker_type in ("person", "org")
            and not (exclude and same_person(exclude, h.record.speaker_name))]  # "Who else commented on that?"
    kept = _on_topic(q, hits, r)
    best: dict[str, Hit] = {}
    for h in kept:
        best.setdefault(h.record.speaker_name, h)
    if not best:
        return _not_found()
    c = Composer(r)
    lines = [render("extractive/about", topic=q.topic)]
    lines += [c.listed(h, "") for h in list(best.values())[:limit]]
    return c.answer("\n".join(lines))


def _person(q: Question, r: Retriever) -> Answer:
    """"Who is X?": the role the articles most often give X, cited where an article gives it, and how often X is
    quoted; without a role, that X is quoted but not described."""
    if r.filters.speaker and surname_key(q.speaker) != surname_key(r.filters.speaker):
        return _not_found()  # someone the speaker filter leaves out
    said = r.statements_by(q.speaker)
    if not said:
        return _nobody_named(q.speaker, r)
    c = Composer(r)
    known = r.store.roster().by_name.get(said[0].record.speaker_name.lower())
    role = known.role if known and known.role else ""
    shown = next((h for h in said if role and h.record.speaker_role == role), said[0])
    n = c.cite(r.passage_for(shown))
    articles = len({h.record.article_id for h in said})
    values = dict(speaker=c.name(shown.record), role=role_of(shown.record) if role else "", n=n,
                  count=f"{len(said)} statement{'s' if len(said) > 1 else ''}",
                  articles=f"{articles} article{'s' if articles > 1 else ''}")
    a = c.answer(render("extractive/person" if values["role"] else "extractive/person_unknown", **values))
    a.found = bool(values["role"])
    return a


def _other(q: Question, r: Retriever) -> Answer:
    passages = [p for p in r.passages(q.text) if confidence(q.text, None, p) >= ANSWER_MIN
                and support(q.text, p.document, r.store.lexical(PASSAGES)).holds(TOPIC_SHARE_MIN)]
    if not passages:
        return _not_found()
    c = Composer(r)
    n = c.cite(passages[0])
    return c.answer(render("extractive/passage", sentence=_best_sentence(passages[0].document, q.text), n=n))


def extractive_answer(question: str, retriever: Retriever, exclude_speaker: str = "",
                      shown: frozenset = frozenset()) -> Answer:
    """Answer `question` from the index behind `retriever`; `exclude_speaker`: a who-answer names someone else
    ("Who else said that?"); `shown`: (article id, words) of statements a what-answer leaves out ("What else …?")."""
    q = parse_question(question, retriever.store.roster())
    if not q.text:
        return _not_found()
    if q.kind == "who":
        return _who(q, retriever, exclude_speaker)
    if q.kind == "what":
        first = _what(q, retriever, shown=shown)
        others = [_what(replace(q, speaker=o, others=()), retriever) for o in q.others]  # "What did X and Y say …?"
        return joined([first] + others) if others else first
    if q.kind == "about":
        return _about(q, retriever, exclude=exclude_speaker)
    return {"person": _person}.get(q.kind, _other)(q, retriever)
