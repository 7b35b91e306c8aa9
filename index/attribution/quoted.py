"""The quotation pass: each pair of quote marks attributed by the first of the table's 'direct' rules that fits it (a
cue after it, a lead-in before it, a signature, a colon), direct or mixed; else left floating for the merge."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..chunk import Sentence
from ..clauses import NOUNISH, Found, find_report
from ..cues import is_speech_cue
from ..marks import CLOSE
from ..subjects import subject_before
from ..patterns import (
    AFTER, ANY_CUE, AS_PUT, CLAUSE, COLON, COLON_INTRO, INVERTED, JUNK_SPEAKER, LATER_AND, LATER_CUE, LEAD, LEAD_IN,
    NEW_CLAUSE, PART, POSSESSED, SAYS_BEFORE, SENTENCE_DONE, SIGNED, WHEN)
from .rules import RULES, stage
from .titles import FUNCTION_WORDS as _FUNCTION

__all__ = ["quotations"]

# How far before a quotation its lead-in is looked for (~70 words; train figures are the same with 1,000): a bound keeps
# a 50,000-character 'sentence' of quotations linear.
_LEAD_REACH = 400
_ENDS = ",.!?—-" + CLOSE + '"'  # what may follow a quotation's last word before its cue


@dataclass
class Quotation:
    """Quotation `k` of the article (text[a:b], marks excluded), the statement's spans so far, and its sentence."""

    k: int
    a: int
    b: int
    group: list[tuple[int, int]]
    sent: Sentence
    lead_at: int  # where the lead-in looked at starts: the sentence's start, at most _LEAD_REACH back
    lead: str  # text[lead_at:a - 1]
    opening: int  # where the sentence's words start, a dateline left out


def _quotation(ex, k: int) -> Quotation:
    a, b = ex.quoted[k]
    sent = ex._sentence_at(a - 1)
    lead_at = min(max(sent.start, a - 1 - _LEAD_REACH), a - 1)
    lead = ex.text[lead_at:a - 1]
    return Quotation(k, a, b, [(a, b)], sent, lead_at, lead, lead_at + LEAD_IN.match(lead).end())


def _is_statement(content: str) -> bool:
    return len(content.split()) >= 4 or content.rstrip()[-1:] in ",.!?"


def _rule_name(m, default: str) -> str:
    """The rule table's name for the pattern that made `m` ('inverted', 'lead', ...); `default` for others."""
    rx = getattr(m, "re", None)
    return next((r.name for r in RULES if r.pattern is rx), default)


def _claim(ex, q: Quotation, used: set[int]) -> None:
    used.add(q.sent.start)
    ex.claimed = q.group[-1][1] + 1


# --- rule 'after-quote': '“...,” said X' ----------------------------------------------------------------------------
def _cue_after(ex, q: Quotation) -> re.Match | None:
    """The cue and speaker right after the closing mark, unless they belong to the next quotation or sentence."""
    after = ex.text[q.b + 1:q.b + 200].split("\n")[0]
    m = AFTER.match(after)
    last = ex.text[q.b - 1]
    if not m or last == "." and re.match(r"\s*[,:]\s*[“\"]", after[m.end():]):
        return None  # '“... brought.” He added, “...”': the cue introduces the next quote
    if last in ".?!" and (not m["cue1"] and NEW_CLAUSE.match(after, m.end()) or SAYS_BEFORE.search(q.lead)):
        return None  # '“... escapades.” The agency said ...', 'Hayek said, “... overlook.” The star recalled'
    done = SENTENCE_DONE.match(after[m.end():])
    lead_in = re.search(r"[A-Za-z]{2}", ex.text[q.opening:q.a - 1])
    if not (ex.text[q.b - 1:q.b + 2].strip()[:1] in _ENDS or m["cue1"] or done):
        return None
    if not (len(ex.text[q.a:q.b].split()) >= 4 or not lead_in or done):
        return None  # not '“This Week,” Carson said the ...'
    return m


def after_quote(ex, q: Quotation, used: set[int]) -> int | None:
    m = _cue_after(ex, q)
    if m is None:
        return None
    names = ("sp1", "cue1", "app1") if m.group("cue1") else ("sp", "cue", "app")
    k = ex._continue(ex.quoted, q.k, q.group, q.b + 1 + m.end())  # '"...," X said, "..."'
    kind = "direct"
    if re.search(r"[A-Za-z]{2}", ex.text[q.opening:q.a - 1]) and not q.lead.rstrip().endswith(":"):
        kind, q.group[0] = "mixed", (q.opening, q.b)  # a lead-in belongs to the statement
        ex._close(q.group)
    if ex._add(m, q.b + 1, q.group, kind, *names, rule="after-quote"):
        _claim(ex, q, used)
    return k


# --- rules 'inverted', 'as-put', 'colon-name', 'lead', 'part' (and a clause's report): a lead-in ---------------------
def _last_lead(lead: str) -> re.Match | None:
    """The last 'X said' of the lead-in that is a verb: not 'his remarks', 'Orlen’s tweet'."""
    found = None
    for m in LEAD.finditer(lead):
        if not (m["cue"].lower() in NOUNISH and POSSESSED.match(m["sp"])):
            found = m
    return found


def _lead_match(ex, q: Quotation):
    """The lead-in rules in the table's order: 'Said X,', 'As X put it,', 'X:' opening a paragraph, 'X said ...', then
    '..., saying', then a clause's report ('Pam Bondi, the attorney general, vowed to go after “anyone who ...”')."""
    lead = q.lead
    m = INVERTED.search(lead) or AS_PUT.search(lead) or (ex._last_char(q.lead_at, " ") in "\n" and COLON.match(lead)) \
        or _last_lead(lead)
    if m is None or not is_speech_cue(m["cue"]) or m["sp"].split()[0].lower() in _FUNCTION or WHEN.search(m["sp"]):
        m = PART.match(lead)
    elif JUNK_SPEAKER.search(m["sp"]):
        m = PART.match(lead) or m
    if m is None:
        m = find_report(ex.text[q.lead_at:q.b], quoted=True)
        m = m if m and m.start("content") <= q.a - 1 - q.lead_at else None
    return m


def _content_start(ex, q: Quotation, m):
    """Where the statement's words start (and the match, its cue moved to a later one): after the cue, or after the
    last participle or 'and said' before the quotation ('... denied it, explaining that he was “taking a day off.”')."""
    start = q.lead_at + m.end()
    if m.re is LEAD and re.match(r"\W*[“\"]", ex.text[q.opening:q.lead_at + m.start()]) and "," in m["rest"]:
        start = max(q.opening, ex.claimed)  # '“If ...” by X, Clinton said, “we would ...”': the whole sentence
    later = max([*LATER_CUE.finditer(ex.text, start, q.a - 1), *LATER_AND.finditer(ex.text, start, q.a - 1)],
                key=lambda x: x.start(), default=None)
    if later:
        start = later.end()
        m = Found({"sp": m.span("sp"), "cue": (later.start("cue") - q.lead_at, later.end("cue") - q.lead_at)}
                  | ({"app": m.span("app")} if m.groupdict().get("app") else {}), ex.text[q.lead_at:q.a])
    return start, m


def _trailing(ex, group: list[tuple[int, int]]) -> str:
    """The words after the last quotation to the sentence's end, up to the clause before another cue:
    '... “the wind is at our backs” despite his loss', not '... “a prayer” for the nominee but did not suggest'."""
    end = ex._sentence_end(group[-1][1])
    trailing = ex.text[group[-1][1] + 1:end]
    if ex.text[group[-1][1] - 1:group[-1][1]] in (".", "!", "?") and re.match(r"\s+[A-Z]", trailing):
        return ""  # '“... presidency.” He added that ...': the next sentence, which the splitter did not cut off
    other = ANY_CUE.search(trailing)
    if other:
        cuts = [c.start() for c in CLAUSE.finditer(trailing[:other.start()])]
        if cuts:
            trailing = trailing[:cuts[-1]]
        elif not re.search(r"\w", trailing[:other.start()]):
            trailing = ""  # '“...,” adding ...': the next cue follows at once (otherwise it is inside)
    stop = _NEW_VERB.search(trailing)
    return trailing[:stop.start()] if stop else trailing


# After a quotation, the subject's next verb or a semicolon ends the statement's words: '... “a disgrace” and
# threatened to close the pier', '... “a toll road”; the board disagreed'. (?<!\s): linear on a run of spaces.
_NEW_VERB = re.compile(r"(?<!\s)\s*;\s|(?<!\s)\s+and\s+(?:also\s+|then\s+|later\s+)?[a-z]{3,}ed\b")



def _lead_kind(ex, q: Quotation, m, start: int, trailing: str) -> str:
    """'direct', or 'mixed' with the unquoted words joined to the statement's spans."""
    kind = "direct"
    if re.search(r"\w", ex.text[start:q.a - 1]):
        kind, q.group[0] = "mixed", (start, q.group[0][1])
        ex._close(q.group)
    elif re.search(r"\w", trailing):  # 'saying that “bombastic comments” do more harm': marks and all
        kind, q.group[0] = "mixed", (q.a - 1, q.group[0][1])
    head = ex.text[q.opening:q.lead_at + m.start("sp")]
    if m.re is LEAD and "," in m["rest"] and re.fullmatch(r"[^“”\"\n]*\w[^“”\"\n]*,\s*", head) \
            and not ANY_CUE.search(head) and ex.text[q.a:q.a + 1].islower():  # 'Sooner or later, X said, “it ...”'
        q.group.insert(0, (q.opening, q.opening + len(head.rstrip(", "))))
        kind = "mixed"
    return kind


# 'what X called “...”' is a relative clause ('which' and 'whom' clauses sit inside others' reported words too often).
_RELATIVE_WORD = re.compile(r"\bwhat\s+$")


def lead_in(ex, q: Quotation, used: set[int]) -> int | None:
    m = _lead_match(ex, q)
    if not m:
        return None
    k = ex._continue(ex.quoted, q.k, q.group, own=True)  # 'X said "..." ... "...," X said.' is two
    start, m = _content_start(ex, q, m)
    trailing = _trailing(ex, q.group)
    relative = _RELATIVE_WORD.search(ex.text, max(0, q.lead_at + m.start("sp") - 8), q.lead_at + m.start("sp"))
    if relative:  # 'what Ivo Brant called “a disgrace”': the relative clause, which ends with its quotation
        start, trailing = relative.start(), ""
    introduced = q.lead.rstrip().endswith(":") and not re.search(r"\w", trailing)
    if introduced:  # 'X responded with a phrase of his own: “...”': the quotation alone, direct
        kind = "direct"
    else:
        if re.search(r"\w", trailing):
            q.group[-1] = (q.group[-1][0], q.group[-1][1] + 1 + len(trailing.rstrip()))
        kind = _lead_kind(ex, q, m, start, trailing)
    if ex._add(m, q.lead_at, q.group, kind, rule=_rule_name(m, "clause-report")):
        _claim(ex, q, used)
        if introduced:
            ex.pending[-1][1]["intro"] = (start, q.a - 1)  # the words before the colon: no reported statement of their own
    return k


# --- rules 'signed' ('“...” ― X') and 'colon' ('Here’s X in 1992: “...”'), then a floating quotation ------------------
def signed(ex, q: Quotation, used: set[int]) -> int | None:
    m = SIGNED.match(ex.text, q.b + 1)  # '“...” ― Sonya Herridge', '"..."¶¶- Clinton.'
    return q.k if m and ex._add(m, 0, q.group, "direct", cue="dash", rule="signed") else None


_ACCORDING_COLON = re.compile(r"(?:^|(?<=[\s,;(]))(?P<acc>[Aa]ccording\s+to)\s+(?P<sp>[^,:;“”\"\n]{2,80}?)\s*$")


_CLAUSE_OPENS = re.compile(r"[,;—–]\s*|\s-\s")  # 'When Wallace died in 1998, President Clinton released a statement:'
_VERB_AFTER = re.compile(r"\s+(?:[a-z]+ly\s+)?[a-z]{3,}")  # the subject's verb: 'Cruz called them on it:'


def _intro_subject(ex, start: int, colon: int) -> Found | None:
    """The subject of the sentence that introduces a quotation with a colon, when a verb follows it and no reporting
    verb was found ('Cruz called them on it:', 'Ana Pell went so far as to say:'); the colon is its cue."""
    clause = max([start, *(m.end() for m in _CLAUSE_OPENS.finditer(ex.text, start, colon))])
    sp = subject_before(ex.text, clause, colon, ex.quoted)
    if sp is None or len(ex.text[clause:sp[0]].split()) > 4 or not ex.text[sp[0] - 1:sp[0]].isspace() and sp[0] > clause or not _VERB_AFTER.match(ex.text, sp[1], colon) \
            or ex.text[sp[0]:sp[1]].split()[-1].lower() not in ex.names.surnames:
        return None  # 'Each election cycle, ...', 'Why not just say:': a word opening the sentence, no one the article names
    return Found({"sp": (sp[0] - start, sp[1] - start), "cue": (colon - start, colon - start + 1)},
                 ex.text[start:colon + 1])


def after_colon(ex, q: Quotation, used: set[int]) -> int | None:
    """'The committee said about its platform:¶¶“...”', 'Here’s Clinton in 1992: “...”'."""
    before = ex.text[:q.a - 1].rstrip()
    if ex._last_char(q.a - 1) != ":" or not before.endswith(":") or not _is_statement(ex.text[q.a:q.b]):
        return None
    colon = len(before) - 1
    s0 = ex._sentence_at(colon)
    if s0.start > colon:
        return None
    intro = ex.text[s0.start:colon]
    m = COLON_INTRO.search(intro)
    acc = _ACCORDING_COLON.search(intro)
    if acc:  # 'According to the Halvard Courier: “...”'
        m = Found({"sp": acc.span("sp"), "cue": acc.span("acc")}, intro)
    elif m:
        m = Found({"sp": m.span("sp"), "cue": (colon - s0.start, colon - s0.start + 1)}, ex.text[s0.start:colon + 1])
    else:
        m = find_report(intro, quoted=True, colon=True) or _intro_subject(ex, s0.start, colon)
        if m is None or m.start("cue") > len(intro):
            return None
    ex._continue(ex.quoted, q.k, q.group, own=True)
    if ex._add(m, s0.start, q.group, "direct", rule="colon"):
        used.add(s0.start)
        ex.claimed = q.group[-1][1] + 1
        return q.k
    return None


def floating(ex, q: Quotation, used: set[int]) -> int:
    """A quotation no rule attributed, standing as a sentence: it may inherit a speaker when merged."""
    if ex._last_char(q.a - 1) in ("", ".", "!", "?", "\n", *CLOSE, '"') and _is_statement(ex.text[q.a:q.b]):
        ex.pending.append((q.a, {"floating": True, "spans": [(q.a, q.b)]}))
    return q.k


# Each 'direct' rule of the table and the pass that applies it; the passes run in the table's order.
_PASS_OF = {"after-quote": after_quote, "inverted": lead_in, "as-put": lead_in, "colon-name": lead_in, "lead": lead_in,
            "part": lead_in, "signed": signed, "colon": after_colon}
PASSES = (*dict.fromkeys(_PASS_OF[r.name] for r in stage("direct")), floating)


def quotations(ex) -> set[int]:
    """Every quotation attributed by the first pass that takes it; returns the starts of the sentences they claim.
    A pass returns the index of the last quotation it joined to the statement, or None to let the next one try."""
    used: set[int] = set()
    k = 0
    while k < len(ex.quoted):
        q = _quotation(ex, k)
        k = next(n for n in (p(ex, q, used) for p in PASSES) if n is not None) + 1
    return used
