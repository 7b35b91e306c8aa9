"""Answers to a claim ("Did X say …?"): "Yes." with the statement, the closest statement, or the statement the claim
changes a detail of."""
from __future__ import annotations

from dataclasses import replace

from index import surname_key
from index.store import PASSAGES

from .compose import Composer
from .link import named_in_full
from .models import Answer
from .polarity import negation_differs
from .prompts import render
from .question import Question
from .retrieve import Hit, Retriever
from .statements import COVERED_MIN, SUPPORT_CANDIDATES
from .support import lacking, support
from .supported import Contradicted, supported

__all__ = ["claimed", "contradicted", "yes_or_closest"]


def claimed(q: Question, hits: list[Hit], r: Retriever) -> Answer:
    """"Did X say <claim>?": "Yes" with the statement that holds the claim's words (COVERED_MIN of them by rarity);
    a statement that supports it only in other words is shown as the closest, without a yes (support is meaning and
    words, not logic: X may have said the opposite); else the articles don't say."""
    named = tuple(k for k in named_in_full(q.text, q.mentions) if k != surname_key(q.speaker))
    verdict = supported(q.statement, hits[:SUPPORT_CANDIDATES], r, named=named)
    if verdict.contradicted:
        return contradicted(verdict.contradicted, Composer(r))
    if not verdict.passing:
        return Answer(render("extractive/not_claimed", speaker=q.speaker), False)
    return yes_or_closest(q.statement, verdict.passing[0][0], r, Composer(r), q.when)


def contradicted(against: Contradicted, c: Composer) -> Answer:
    """The articles don't say it: the statement the claim retells with a detail changed, cited, and the detail."""
    line = c.statement(against.quote)
    text = render("extractive/contradicted", theirs=against.swap.statement, yours=against.swap.claim, line=line)
    return replace(c.answer(text), found=False)


def yes_or_closest(claim: str, best: Hit, r: Retriever, c: Composer, when: bool = False) -> Answer:
    """"Yes" with a statement that holds the claim's words (COVERED_MIN of them by rarity; for "When did X say …?" the
    statement with its date, no "Yes"); else the statement shown as the closest the articles come, without a yes."""
    held = support(claim, best.document, r.store.lexical(PASSAGES)).share >= COVERED_MIN and not lacking(
        claim, best.document) and not negation_differs(claim, best.document)  # every content word, none negated apart
    name = ("extractive/when" if when else "extractive/yes") if held else "extractive/closest"
    return c.answer(render(name, line=c.statement(best)))
