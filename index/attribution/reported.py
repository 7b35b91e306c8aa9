"""The reported-speech passes: a sentence without a quotation, tried rule by rule from the table; then the
participles ('..., arguing that ...') that hang a statement of their own off any sentence."""
from __future__ import annotations

import re
from dataclasses import replace

from ..clauses import NOUNISH, Found
from ..patterns import DATELINE
from ..cues import PARTICIPLE
from .extent import NOT_CONTENT, NOT_SPEAKER, clause_end
from .participles import VERBISH, clause_subject, participle_reports
from .forms import AND_SAID_QUOTED, BUT_SAID_QUOTED, CLAUSE_SAID_QUOTED, THEN_SAID
from .rules import rule, stage

__all__ = ["participles", "relatives", "reported"]

_MIN_WORDS = 3  # fewer words are a fragment, not a statement
# Statements looked for in one sentence: each try reads the rest of the sentence, so a bound keeps a long line linear.
# A news sentence rarely reports more than two people; 4 is a generous bound, not a tuned figure.
_PER_SENTENCE = 4
# In a sentence a quotation claimed, only 'X said (that) ...' is looked for, its words clear of the quotation:
# 'Sen. Ana Pell said the plan would fail, and called it “a gamble.”' holds two statements.
_PART_OF = re.compile(r"\b(?:of|in|from|at|a|an)\s+$")
_CLAIMED = (rule("indirect-lead"), replace(rule("and-said"), pattern=AND_SAID_QUOTED), replace(rule("but-said"), pattern=BUT_SAID_QUOTED),
            replace(rule("clause-said"), pattern=CLAUSE_SAID_QUOTED))
# Words that open a sentence before its reporting clause: 'But experts note ...', 'While Ana Pell argued that ..., ...'
# (`sub`: a subordinate clause, whose reported words end at its comma).
_OPENER = re.compile(r"""(?: (?:But|And|Yet|So|Still|Even|Instead|Meanwhile|Now|Then|Also|Indeed) \b ,? \s+ )?
    (?P<sub> (?:While|Although|Though|As|When|After|Before|Because|Since|Whereas|Once|Until|Even\s+though|Even\s+as)
             \s+ )?""", re.X)
# Between one statement's words and what may be another's: ', but officials said ...', '; X argued ...'.
_NEXT = re.compile(r"[\s,;:—–-]*(?:(?:and|but|yet|so|while|whereas|although|though)\b\s*)?")


def _roles(rule_name: str, m) -> tuple[str, str, str]:
    """The (speaker, cue, appositive) groups that `m` filled: 'trail' and 'middle' have alternatives."""
    if rule_name == "trail" and m.group("cue1"):
        return "sp1", "cue1", "app1"
    if m.groupdict().get("acc"):
        return ("sp2" if m.groupdict().get("sp2") else "sp"), "acc", "app"
    return "sp", "cue", "app"


_FIRST_VERB = re.compile(rf"(?<!\s)\s+(?:{VERBISH}|[a-z]+s)\b")  # from the first space of a run: linear


def _own_subject(m, sent: str):
    """'The harbour board met the dockers and said ...': the subject ends before its first verb."""
    a, b = m.span("sp")
    first = sent.find(" ", a, b)
    verb = _FIRST_VERB.search(sent, first, b) if first > 0 and not m.groupdict().get("app") else None
    if not verb:
        return m
    spans = {k: m.span(k) for k in ("cue", "content") if m.group(k)} | {"sp": (a, verb.start())}
    return Found(spans, sent)


_FILED = re.compile(DATELINE)


def _spans(ex, rule_name: str, m, start: int) -> list[tuple[int, int]]:
    """The content's spans: to the end of the governed clause ('trail' and 'middle' end where the sentence does);
    'middle' keeps both sides of the attribution and leaves it out. A dateline is no one's words ('BRAMWICK, Sept. 2
    — The city will ..., the mayor said'): the content starts after it."""
    a, b = start + m.start("content"), start + m.end("content")
    a = _FILED.match(ex.text, a, b).end()  # DATELINE is optional: it always matches, maybe empty
    if rule_name == "middle":
        return [(a, start + m.end("head")), (start + m.start("tail"), b)]
    return [(a, b if rule_name == "trail" else clause_end(ex.text, a, b))]


def _overlaps_quoted(ex, spans: list[tuple[int, int]], s) -> bool:
    """Whether reported words found in a sentence a quotation claimed run into a quotation or a statement found."""
    a, b = spans[0][0], spans[-1][1]
    if any(x < b and a < y for x, y in ex.quoted):
        return True
    return any(x < b and a < y for x, y in _taken(ex, s))


def _taken(ex, s) -> list[tuple[int, int]]:
    """The stretches of sentence `s` that statements found hold: their words, and the words before a colon that
    introduce a quotation ('X responded with a phrase of his own: “...”')."""
    return [span for _, p in ex.pending if s.start <= p["spans"][0][0] < s.end
            for span in (*p["spans"], *([p["intro"]] if p.get("intro") else []))]


def _statement(ex, rules, s, at: int, piece: str, sub: bool) -> int | None:
    """The first rule of `rules` that finds a statement in `piece` (the sentence `s` from `at` on): where its words end
    (in `piece`), or None. `sub`: the piece opens with a subordinate clause ('While X argued that ..., Y ...'), whose
    words end at its comma."""
    claimed = s.start in ex.used
    for rule in rules:
        m = rule.match(piece)
        if not m or len(m.group("content").split()) < _MIN_WORDS or _PARTICIPLE_FIRST.match(m.group("content")):
            continue  # 'X said Tuesday, noting that ...': the participle's clause is a statement of its own
        if rule.name == "clause-report":
            if NOT_CONTENT.match(m["content"]) or NOT_SPEAKER.search(m["sp"]):
                continue  # 'the states that will vote', 'a Republican and declared'
        elif m.groupdict().get("cue") in NOUNISH:
            continue
        if rule.name == "and-said":
            m = _own_subject(m, piece)
        spans = _spans(ex, rule.name, m, at)
        comma = piece.find(", ") if sub else -1
        if m.start("content") < comma and len(piece[m.start("content"):comma].split()) >= _MIN_WORDS:
            spans[-1] = (spans[-1][0], min(spans[-1][1], at + comma))
        if claimed and _overlaps_quoted(ex, spans, s):
            spans = _before_quoted(ex, spans, s)  # 'Ana Pell argued that ..., adding that “...”': her words end there
        if claimed and (not spans or _overlaps_quoted(ex, spans, s) or NOT_CONTENT.match(m["content"])
                        or m["content"].rstrip().endswith(":")):
            continue  # 'The committee said about its plan:¶“...”' introduces the quotation
        kind = "mixed" if any(ch in ex.text[spans[0][0]:spans[-1][1]] for ch in "“”\"") else "indirect"
        if ex._add(m, at, spans, kind, *_roles(rule.name, m), rule=rule.name):  # 'trail', 'middle': the rest is theirs
            return len(piece) if rule.name in ("trail", "middle") else spans[-1][1] - at
    return None


_PARTICIPLE_FIRST = re.compile(rf"(?:{PARTICIPLE})\b")
_BOUNDARY = re.compile(r"[,:;]\s|\s[—–-]{1,2}\s|—")  # where a clause before a quotation may end


def _before_quoted(ex, spans: list[tuple[int, int]], s) -> list[tuple[int, int]] | None:
    """Reported words that run into a quotation (or a statement found), cut at the last clause boundary before it:
    'Ivo Brant argued that the pier was safe, adding that “...”' -> 'the pier was safe'; None when fewer than three
    words are left."""
    a, b = spans[0][0], spans[-1][1]
    starts = [x for x, y in ex.quoted if x < b and a < y]
    starts += [x for x, y in _taken(ex, s) if x < b and a < y]
    first = max(a, min(starts) - 1)
    cut = None
    for m in _BOUNDARY.finditer(ex.text, a, first):
        cut = m.start()
    if cut is None or len(ex.text[a:cut].split()) < _MIN_WORDS:
        return None
    return [(a, cut)]


def reported(ex, used: set[int]) -> None:
    """Each sentence: the first rule of the 'reported' stage whose match has a content of three words or more and a
    speech cue (in a sentence a quotation claimed, `used`: their starts, 'X said ...' only); then the same in what
    follows its words ('..., but officials said ...'), and past an opening 'But' or 'While' when nothing matched."""
    ex.used = used
    for s in ex.sents:
        rules = _CLAIMED if s.start in used else stage("reported")
        pos, sent = 0, ex.text[s.start:s.end]
        for _ in range(_PER_SENTENCE):
            end = _statement(ex, rules, s, s.start + pos, sent[pos:], False)
            if end is None:
                opener = _OPENER.match(sent, pos)
                if opener.end() > pos:
                    at = opener.end()
                    end = _statement(ex, rules, s, s.start + at, sent[at:], bool(opener["sub"]))
                    end = None if end is None else end + at - pos
            if end is None or end <= 0:
                break
            end += _then_said(ex, s, pos + end)
            pos = _NEXT.match(sent, pos + end).end()
            if pos >= len(sent):
                break


def _then_said(ex, s, at: int) -> int:
    """'X tweeted a photograph and said (that) ...' after X's statement ends at `at` (in sentence `s`): the second
    statement, X's too; how far its words run past `at` (0 when there is none)."""
    rest = ex.text[s.start + at:s.end]
    m = THEN_SAID.match(rest)
    prev = ex.pending[-1][1] if ex.pending else None
    if not m or not prev or not prev.get("speaker_span") or len(m["content"].split()) < _MIN_WORDS \
            or _PARTICIPLE_FIRST.match(m["content"]) or NOT_CONTENT.match(m["content"]):
        return 0
    base = s.start + at
    a, b = base + m.start("content"), base + m.end("content")
    spans = [(a, clause_end(ex.text, a, b))]
    if _overlaps_quoted(ex, spans, s):
        return 0  # the lead-in of a quotation, which the quotation pass attributed
    found = Found({"sp": prev["speaker_span"], "cue": (base + m.start("cue"), base + m.end("cue")),
                   "content": spans[0]}, ex.text)
    return spans[0][1] - base if ex._add(found, 0, spans, "indirect", rule="and-said") else 0


def _speaker(ex, mine: list[dict], comma: int, start: int) -> tuple[int, int] | None:
    """Who a participle's statement is by: the speaker of the sentence's statement before it, else its subject."""
    before = [p for p in mine if p.get("speaker_span") and p["spans"][0][0] < comma]
    if before:
        return before[-1]["speaker_span"]
    sp = clause_subject(ex.text, start, comma, ex.quoted)
    return sp if sp and not NOT_SPEAKER.search(ex.text[sp[0]:sp[1]]) else None


def participles(ex) -> None:
    """'X said A, adding that B': B is a statement of its own by X (or by the sentence's subject), and A ends at
    the comma. Not inside a quotation or a quoted statement."""
    for s in ex.sents:
        sent = ex.text[s.start:s.end]
        for m in participle_reports(sent):
            a = s.start + m.start("content")
            b = clause_end(ex.text, a, s.start + m.end("content"))
            that = "that" in sent[m.end("cue"):m.start("content")].split()  # 'saying that about 500 boats ...'
            if not that and NOT_CONTENT.match(m["content"]) or any(x < b and a < y for x, y in ex.quoted):
                continue
            mine = [p for _, p in ex.pending if p.get("spans") and s.start <= p["spans"][0][0] < s.end]
            if any(p["spans"][-1][0] < b and a < p["spans"][-1][1] and p["kind"] != "indirect" for p in mine):
                continue
            comma = s.start + m.start()
            for p in mine:
                x, y = p["spans"][-1]
                if x < comma < y and len(ex.text[x:comma].split()) >= _MIN_WORDS:
                    p["spans"][-1] = (x, comma)
            sp = _speaker(ex, mine, comma, s.start)
            if sp:
                found = Found({"sp": (sp[0] - s.start, sp[1] - s.start), "cue": m.span("cue"),
                               "content": m.span("content")}, sent)
                ex._add(found, s.start, [(a, b)], "indirect", rule="participle")


def relatives(ex) -> None:
    """'Ivo Brant, who said the wall would hold, voted ...': the relative clause's statement, by the noun it hangs
    on, beside the sentence's own; not inside a quotation."""
    relative, mine = rule("relative"), []
    for s in ex.sents:
        sent = ex.text[s.start:s.end]
        for m in relative.pattern.finditer(sent):
            a, b = s.start + m.start("content"), s.start + m.end("content")
            if len(m["content"].split()) < _MIN_WORDS or NOT_CONTENT.match(m["content"]) \
                    or any(x < b and a < y for x, y in ex.quoted) or _PART_OF.search(sent, 0, m.start("sp")) \
                    and m["sp"][:1].isupper():
                continue  # 'a Hispanic Republican who', 'a lawyer of Philadelphia, who': the name is not the noun
            spans = [(a, clause_end(ex.text, a, b))]
            if ex._add(m, s.start, spans, "indirect", "sp", "cue" if m["cue"] else "cue_", rule="relative"):
                mine.append(ex.pending[-1])
    taken = {tuple(p["spans"]) for _, p in mine}  # the same words found by a reported rule: the relative's speaker
    ex.pending = [x for x in ex.pending if x[1].get("rule") == "relative" or tuple(x[1]["spans"]) not in taken]
