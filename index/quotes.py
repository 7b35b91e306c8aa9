"""Extract who said what from one article: direct, split, floating, mixed and indirect statements."""
from __future__ import annotations

import re

from .chunk import Sentence, sentences
from .clauses import NOUNISH, Found, find_report
from .marks import CLOSE as _CLOSE
from .marks import quote_spans as _quote_spans
from .marks import two_apostrophes
from .cues import NAME, is_speech_cue
from .patterns import (
    AFTER, ANY_CUE, ASIDE, AS_PUT, CLAUSE, COLON, COLON_INTRO, INVERTED, JUNK_SPEAKER, LATER_AND, LATER_CUE, LEAD,
    LEAD_IN, NAME_VERB, NEW_CLAUSE, OBJECT_OF, OWNER, PART, POSSESSED, SAME_SPEAKER, SAYS_BEFORE, SENTENCE_DONE,
    SIGNED, TITLE_TEXT, TRAILING, VIEW, WHEN, WITH_SUBJECT)
from .speakers import _FUNCTION, _STOP_START, ArticleNames
from .subjects import dateline, subject_before
from .attribution.merge import merged
from .attribution.reported import participles, reported
from .attribution.rules import RULES
from .quote import Quote

__all__ = ["Quote", "extract_quotes"]



# How far before a quotation its lead-in is looked for (~70 words; train figures are the same with 1,000): a bound keeps a
# 50,000-character 'sentence' of quotations linear.
_LEAD_REACH = 400
# A sentence ends and another with words of its own begins (not after 'Mrs.': a title is at most four letters).
_NEXT_SENTENCE = re.compile(r"(?:\b[a-z]{2,}|\b[A-Z][a-z]{4,}|\d)[.!?]\s+\S+\s+\S+")


def _is_statement(content: str) -> bool:
    return len(content.split()) >= 4 or content.rstrip()[-1:] in ",.!?"


def _rule_name(m, default: str) -> str:
    """The rule table's name for the pattern that made `m` ('inverted', 'lead', ...); `default` for others."""
    rx = getattr(m, "re", None)
    return next((r.name for r in RULES if r.pattern is rx), default)


def _span(m: re.Match, name: str, offset: int) -> tuple[int, int] | None:
    return (offset + m.start(name), offset + m.end(name)) if m and m.group(name) else None


class _Extractor:
    def __init__(self, text: str, article_id: str, sents: list[Sentence] | None = None):
        self.text, self.article_id = two_apostrophes(text), article_id
        self.names = ArticleNames(self.text)
        self.sents = sentences(text) if sents is None else sents
        self.pending: list[tuple[int, dict]] = []
        self.claimed = 0  # the end of the last quoted statement found
        self.quoted: list[tuple[int, int]] = []  # the quoted stretches (start, end), marks excluded

    def _sentence_at(self, pos: int):
        for s in self.sents:
            if s.start <= pos < s.end or pos < s.start:
                return s
        return self.sents[-1]

    def _add(self, m: re.Match, offset: int, spans, kind: str, sp="sp", cue="cue", app="app", rule: str = "") -> bool:
        """Record a candidate; speakers are resolved later, in reading order."""
        cue_text = m.group(cue)
        written = m.group(sp).strip()
        apposed = (m.groupdict().get(app) or "").strip()
        if (written.split()[0].lower() in _STOP_START or OWNER.search(written)) and re.search(rf"\b{NAME}$", apposed) \
                and len(re.findall(r"\b[A-Z]", apposed)) >= 2 and apposed.split()[0].lower() not in _FUNCTION:  # 'Her deputy, commissioner Lena Morrow, vowed'
            written, sp, apposed = apposed, app, ""
        if not is_speech_cue(cue_text) or written.split()[0].lower() in _FUNCTION or WHEN.search(written):
            return False
        speaker_span, cue_span = _span(m, sp, offset), _span(m, cue, offset)
        if speaker_span and any(x <= speaker_span[0] < y for x, y in self.quoted):
            return False  # a speaker is never inside someone's quoted words
        verb = re.search(r"(?<=\b[A-Z][a-z])[a-z]*\s+[a-z]+ed$", written)
        if verb and speaker_span:  # 'the Harbour Council issued (a statement calling)': the subject ends before its verb
            cut = verb.group(0).index(" ")
            written, speaker_span = written[:verb.start() + cut], (speaker_span[0], speaker_span[1] - len(verb.group(0)) + cut)
        if speaker_span and cue != "acc" and (OBJECT_OF.search(self.text[max(0, speaker_span[0] - 40):speaker_span[0]])
                                              or NAME_VERB.match(written) or NAME_VERB.match(apposed)
                                              or dateline(self.text, *speaker_span)):
            subject = self._subject_before(speaker_span[0], cue_span)  # 'Cory James, 22, of Flint, Mich., said'
            if subject and re.fullmatch(r"\s+of\s+", self.text[subject[1]:speaker_span[0]]):
                subject = (subject[0], speaker_span[1])  # 'Speaker of the House Rep. Paul Ryan said': one title
            if subject:
                speaker_span, written, apposed = subject, self.text[subject[0]:subject[1]], ""
        w = cue_span and cue_text.split()[0].endswith("ing") and WITH_SUBJECT.search(self.text, max(0, cue_span[0] - 120), cue_span[0])
        if w:  # '..., with Donald Trump tweeting that ...': the participle's own subject
            speaker_span, written, apposed = w.span("sp"), w["sp"], ""
        self.pending.append((spans[0][0], dict(
            written=written, cue=cue_text if cue != "acc" else "according to", kind=kind, spans=list(spans),
            speaker_span=speaker_span, cue_span=cue_span, app=apposed, rule=rule)))
        return True

    def _subject_before(self, at: int, cue: tuple[int, int] | None) -> tuple[int, int] | None:
        s = self._sentence_at(at)
        return subject_before(self.text, s.start, cue[0] if cue and cue[0] > s.start else at, self.quoted)

    def _trim(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Reported words end where a trailing clause about something else starts: '..., where he trails'."""
        a, b = spans[-1]
        part = self.text[a:b]
        quoted = max(part.rfind(c) for c in "“”\"")
        cut = TRAILING.search(part, quoted + 1)
        if cut and len(part[:cut.start()].split()) >= 3:
            return [*spans[:-1], (a, a + cut.start())]
        return spans

    def _continue(self, spans: list[tuple[int, int]], k: int, group: list[tuple[int, int]], after: int = 0,
                  own: bool = False) -> int:
        """Quotes that open a sentence later in the same paragraph join the statement, unless another
        attribution comes between."""
        while k + 1 < len(spans):
            between = self.text[max(group[-1][1], after):spans[k + 1][0] - 1]
            own_cue = own and AFTER.match(self.text[spans[k + 1][1] + 1:spans[k + 1][1] + 120])
            said = SAME_SPEAKER.sub("", ASIDE.sub("", between))  # ', adding that ...', 'when asked', 'after Rubio spoke'
            if "\n" in between or len(between) > 300 or ANY_CUE.search(said) or VIEW.search(said) or own_cue \
                    or _NEXT_SENTENCE.search(between) \
                    or between.strip() and between.rstrip()[-1] not in ".!?:;,—-(" + _CLOSE + '"':
                break
            k += 1
            group.append(spans[k])
        return k

    def _close(self, group: list[tuple[int, int]]) -> None:
        """A mixed statement keeps its closing quote mark, so its quoted words read as quoted."""
        a, b = group[-1]
        if self.text[b:b + 1] in (*_CLOSE, '"', "'") and b < len(self.text):
            group[-1] = (a, b + 1)

    def _last_char(self, end: int, blank: str | None = None) -> str:
        """The last character before `end` that is not blank (`blank`: the characters skipped; whitespace if None)."""
        at = end
        while at > 0 and (self.text[at - 1] in blank if blank is not None else self.text[at - 1].isspace()):
            at -= 1
        return self.text[at - 1:at]

    def _sentence_end(self, pos: int) -> int:
        """Where the sentence holding `pos` ends, its final punctuation and marks left out."""
        s = self._sentence_at(pos)
        end = max(s.end, pos)
        while end > pos and self.text[end - 1] in " \n":
            end -= 1
        return end

    def _title(self, a: int, b: int) -> bool:
        """A show or book named in quote marks: 'on CNN’s “State of the Union” Sunday'."""
        return bool(TITLE_TEXT.match(self.text[a:b]) and re.search(r"(?:[’']s|\bon|\bof)\s+\W?$", self.text[max(0, a - 8):a]))

    def marks(self) -> None:
        """The quoted stretches, pairs of marks around a show's or a book's title left out."""
        self.quoted = self.names.quoted = [(a, b) for a, b in _quote_spans(self.text) if not self._title(a, b)]

    def direct(self) -> set[int]:
        """Quoted statements; returns the sentence starts they claim."""
        used: set[int] = set()
        spans = self.quoted
        k = 0
        while k < len(spans):
            a, b = spans[k]
            group = [(a, b)]
            sent = self._sentence_at(a - 1)
            lead_at = min(max(sent.start, a - 1 - _LEAD_REACH), a - 1)
            lead = self.text[lead_at:a - 1]
            after = self.text[b + 1:b + 200].split("\n")[0]
            m = AFTER.match(after)
            if m and self.text[b - 1] == "." and re.match(r"\s*[,:]\s*[“\"]", after[m.end():]):
                m = None  # '“... brought.” He added, “...”': the cue introduces the next quote
            if m and self.text[b - 1] in ".?!" and not m["cue1"] and NEW_CLAUSE.match(after, m.end()):
                m = None  # '... “escapades.” The agency said North Korea had ...': the cue starts its own statement
            if m and self.text[b - 1] in ".?!" and SAYS_BEFORE.search(lead):
                m = None  # 'Hayek said, “... overlook.” The star then recalled ...': the quote is already introduced
            lead_in = re.search(r"[A-Za-z]{2}", lead[LEAD_IN.match(lead).end():])
            if m and (self.text[b - 1:b + 2].strip()[:1] in ",.!?—-" + _CLOSE + '"' or m["cue1"]
                      or SENTENCE_DONE.match(after[m.end():])) \
                    and (len(self.text[a:b].split()) >= 4 or not lead_in or SENTENCE_DONE.match(after[m.end():])):  # not “This Week,” Carson said the
                names = ("sp1", "cue1", "app1") if m.group("cue1") else ("sp", "cue", "app")
                k = self._continue(spans, k, group, b + 1 + m.end())  # "...," X said, "..."
                kind, opening = "direct", lead_at + LEAD_IN.match(lead).end()
                if re.search(r"[A-Za-z]{2}", self.text[opening:a - 1]) and not lead.rstrip().endswith(":"):
                    kind, group[0] = "mixed", (opening, b)  # a lead-in belongs to the statement
                    self._close(group)
                if self._add(m, b + 1, group, kind, *names, rule="after-quote"):
                    used.add(sent.start)
                    self.claimed = group[-1][1] + 1
                k += 1
                continue
            m = INVERTED.search(lead) or AS_PUT.search(lead) or (self._last_char(lead_at, " ") in "\n" and COLON.match(lead)) or None
            if m is None:
                found = None
                for m in LEAD.finditer(lead):
                    if m["cue"].lower() in NOUNISH and POSSESSED.match(m["sp"]):
                        continue  # 'his remarks', 'Orlen’s tweet': nouns, not verbs
                    found = m
                m = found
            if m is None or not is_speech_cue(m["cue"]) or m["sp"].split()[0].lower() in _FUNCTION or WHEN.search(m["sp"]):
                m = PART.match(lead)
            elif JUNK_SPEAKER.search(m["sp"]):
                m = PART.match(lead) or m
            if m is None:  # 'Pam Bondi, the attorney general, vowed to go after “anyone who ...”'
                m = find_report(self.text[lead_at:b], quoted=True)
                m = m if m and m.start("content") <= a - 1 - lead_at else None
            if m:
                k = self._continue(spans, k, group, own=True)  # 'X said "..." ... "...," X said.' is two
                start = lead_at + m.end()
                opening = lead_at + LEAD_IN.match(lead).end()
                if m.re is LEAD and re.match(r"\W*[“\"]", self.text[opening:lead_at + m.start()]) and "," in m["rest"]:
                    start = max(opening, self.claimed)  # '“If ...” by X, Clinton said, “we would ...”': the whole sentence
                later = max([*LATER_CUE.finditer(self.text, start, a - 1), *LATER_AND.finditer(self.text, start, a - 1)],
                            key=lambda x: x.start(), default=None)
                if later:  # '... denied the notion, explaining that he was “taking a day off.”': from the last cue
                    start = later.end()
                    m = Found({"sp": m.span("sp"), "cue": (later.start("cue") - lead_at, later.end("cue") - lead_at)}
                              | ({"app": m.span("app")} if m.groupdict().get("app") else {}), self.text[lead_at:a])
                end = self._sentence_end(group[-1][1])
                trailing = self.text[group[-1][1] + 1:end]
                other = ANY_CUE.search(trailing)
                if other:  # '... “a prayer” for the nominee but did not suggest ...': up to the next clause
                    cuts = [c.start() for c in CLAUSE.finditer(trailing[:other.start()])]
                    if cuts:
                        trailing = trailing[:cuts[-1]]
                    elif not re.search(r"\w", trailing[:other.start()]):
                        trailing = ""  # '“...,” adding ...': the next cue follows at once (otherwise it is inside)
                if re.search(r"\w", trailing):
                    group[-1] = (group[-1][0], group[-1][1] + 1 + len(trailing.rstrip()))  # '... “the wind is at our backs” despite his loss'
                kind = "direct"
                if re.search(r"\w", self.text[start:a - 1]):
                    kind, group[0] = "mixed", (start, group[0][1])
                    self._close(group)
                elif re.search(r"\w", trailing):  # 'saying that “bombastic comments” do more harm': marks and all
                    kind, group[0] = "mixed", (a - 1, group[0][1])
                head = self.text[opening:lead_at + m.start("sp")]
                if m.re is LEAD and "," in m["rest"] and re.fullmatch(r"[^“”\"\n]*\w[^“”\"\n]*,\s*", head) \
                        and not ANY_CUE.search(head) and self.text[a:a + 1].islower():  # 'Sooner or later, X said, “it ...”'
                    group.insert(0, (opening, opening + len(head.rstrip(", "))))
                    kind = "mixed"
                if self._add(m, lead_at, group, kind, rule=_rule_name(m, "clause-report")):
                    used.add(sent.start)
                    self.claimed = group[-1][1] + 1
                k += 1
                continue
            m = SIGNED.match(self.text, b + 1)
            if m and self._add(m, 0, group, "direct", cue="dash", rule="signed"):  # '“...” ― Sonya Herridge', '"..."¶¶- Clinton.'
                k += 1
                continue
            if self._after_colon(a, b, spans, k, group, used):
                k += 1
                continue
            if self._last_char(a - 1) in ("", ".", "!", "?", "\n", *_CLOSE, '"') and _is_statement(self.text[a:b]):
                self.pending.append((a, {"floating": True, "spans": [(a, b)]}))  # may inherit a speaker
            k += 1
        return used

    def _after_colon(self, a: int, b: int, spans, k: int, group, used: set[int]) -> bool:
        """'The committee said about its platform:¶¶“...”', 'Here’s Clinton in 1992: “...”'."""
        if self._last_char(a - 1) != ":":
            return False
        before = self.text[:a - 1].rstrip()
        if not before.endswith(":") or not _is_statement(self.text[a:b]):
            return False
        colon = len(before) - 1
        s0 = self._sentence_at(colon)
        if s0.start > colon:
            return False
        intro = self.text[s0.start:colon]
        m = COLON_INTRO.search(intro)
        if m:
            m = Found({"sp": m.span("sp"), "cue": (colon - s0.start, colon - s0.start + 1)}, self.text[s0.start:colon + 1])
        else:
            m = find_report(intro, quoted=True, colon=True)
            if m is None or m.start("cue") > len(intro):
                return False
        self._continue(spans, k, group, own=True)
        if self._add(m, s0.start, group, "direct", rule="colon"):
            used.add(s0.start)
            self.claimed = group[-1][1] + 1
            return True
        return False

    def run(self) -> list[Quote]:
        """The passes, in order: marks paired -> quotations attributed (direct and mixed) -> reported speech ->
        participles -> speakers resolved and statements merged."""
        if not self.sents:
            return []
        self.marks()
        used = self.direct()
        reported(self, used)
        participles(self)
        return merged(self)


def extract_quotes(text: str, article_id: str = "", sents: list[Sentence] | None = None) -> list[Quote]:
    """Every attribution in `text`, in reading order (`sents`: its sentences, if already split)."""
    return _Extractor(text, article_id, sents).run()
