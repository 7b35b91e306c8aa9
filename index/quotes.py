"""Extract who said what from one article: direct, split, floating, mixed and indirect statements."""
from __future__ import annotations

import re
from bisect import bisect_right

from .attribution.merge import merged
from .attribution.pronouns import inside
from .attribution.quoted import quotations
from .attribution.asked import asked_by
from .attribution.relative_object import relative_objects
from .attribution.quoted_clauses import and_quotes, relative_quotes
from .attribution.shares import share_sayings
from .attribution.reported import participles, relatives, reported
from .attribution.titles import DETERMINERS as _STOP_START
from .attribution.titles import FUNCTION_WORDS as _FUNCTION
from .attribution.titles import is_title, split_title
from .chunk import Sentence, sentences
from .clauses import SHARE
from .cues import ADVERBS, CUE, NAME, is_speech_cue
from .marks import CLOSE as _CLOSE
from .marks import quote_spans as _quote_spans
from .marks import two_apostrophes
from .patterns import (
    AFTER, ANY_CUE, ASIDE, NAME_VERB, OBJECT_OF, OWNER, SAME_SPEAKER, TITLE_TEXT, TRAILING, VIEW, WHEN, WHEN_TAIL, WITH_SUBJECT)
from .quote import Quote
from .speakers import ArticleNames
from .subjects import dateline, subject_before

__all__ = ["Quote", "extract_quotes"]

# A verb just before a speaker, which makes the speaker its object ('defending the group', 'praised Saddam Hussein'); not
# an adjective after an article ('the embattled Ana Pell'). The rules whose speaker may be such an object:
_VERB_BEFORE = re.compile(r"(?<![Tt]he\s)(?<![Aa]\s)(?<![Aa]n\s)(?<![\w’'-])[a-z]{3,}(?:ed|ing)\s+$")
_OBJECT_RULES = ("lead", "clause-report", "indirect-lead")
_SUBJECT_PRONOUN = re.compile(r"(?<![\w’'-])(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)(?![\w’'-])")
# An aside that reports a statement of its own (', who also said that the pier ...'): another attribution between two
# quotations, though ASIDE leaves asides out.
_REPORTED_ASIDE = re.compile(rf"\bwho\s+{ADVERBS}(?:{CUE})\s+that\b")
# A sentence ends and another with words of its own begins (not after 'Mrs.': a title is at most four letters).
_NEXT_SENTENCE = re.compile(r"(?:\b[a-z]{2,}|\b[A-Z][a-z]{4,}|\d)[.!?]\s+\S+\s+\S+")


def _span(m: re.Match, name: str, offset: int) -> tuple[int, int] | None:
    return (offset + m.start(name), offset + m.end(name)) if m and m.group(name) else None


_PARTY_END = re.compile(r"(?<!\s)\s*\([^()]{1,20}\)$")  # 'Gov. Ivo Kassel (R-OH)': the name before its party
_CLAUSE_AFTER = re.compile(r"\s*(?:[a-z]+ly\s+)?$")  # between a subject and its verb: nothing, or an adverb


def _object_of(text: str, speaker: tuple[int, int], cue: tuple[int, int] | None) -> bool:
    """Whether the speaker is a preposition's object ('a rally for Ana Pell, who said'); not after 'after' or 'before'
    with the verb right behind it: 'hours after Ana Pell said ...' is a clause, Ana Pell its subject."""
    m = OBJECT_OF.search(text, max(0, speaker[0] - 40), speaker[0])
    if m and cue and m.group().split()[0] in ("after", "before") and _CLAUSE_AFTER.match(text[speaker[1]:cue[0]]):
        return False
    return bool(m)


# An adverb the speaker's last word can't be: 'The Varrow Gazette first reported' is the Gazette's report.
_ADVERB_END = re.compile(r"(?<=\w)\s+(?:first|also|later|then|again|recently|previously|once|often|earlier|still|already|even|"
                         r"initially|just|now|never|publicly|privately|repeatedly|quickly|flatly|simply|further)$")


def _undated(written: str, cue: str) -> str:
    """A source without when it came out: 'according to a poll released Thursday' -> 'a poll'."""
    tail = WHEN_TAIL.search(written) if cue == "acc" else None
    return written[:tail.start()] if tail and tail.start() > 0 else written


# A quotation typed with two apostrophes that ends its sentence ('... the deal.'' Mr. Brant said ...'): the sentence
# splitter reads on past it; in the text with curly marks (marks.two_apostrophes), the next sentence starts after it.
_CLOSED_END = re.compile(r"(?<=[.?!]”)\s+(?=[A-Z“])")


def _closed_apart(text: str, sents: list[Sentence]) -> list[Sentence]:
    """`sents`, each split after a quotation typed with two apostrophes that closes a sentence inside it."""
    if "”" not in text:
        return sents
    out = []
    for s in sents:
        start = s.start
        for m in _CLOSED_END.finditer(text, s.start, s.end):
            out.append(Sentence(start, m.start()))
            start = m.end()
        out.append(Sentence(start, s.end))
    return out


class _Extractor:
    def __init__(self, text: str, article_id: str, sents: list[Sentence] | None = None):
        self.text, self.article_id = two_apostrophes(text), article_id
        self.names = ArticleNames(self.text)
        self.sents = _closed_apart(self.text, sentences(text) if sents is None else sents)
        self._ends = [s.end for s in self.sents]
        self.names.starts = [s.start for s in self.sents]
        self.pending: list[tuple[int, dict]] = []
        self.claimed = 0  # the end of the last quoted statement found
        self.quoted: list[tuple[int, int]] = []  # the quoted stretches (start, end), marks excluded
        self.used: set[int] = set()  # the starts of the sentences a quotation claimed

    def _sentence_at(self, pos: int):
        """The sentence holding `pos`, else the first after it, else the last: a binary search over their ends."""
        i = bisect_right(self._ends, pos)
        return self.sents[i] if i < len(self.sents) else self.sents[-1]

    def _add(self, m: re.Match, offset: int, spans, kind: str, sp="sp", cue="cue", app="app", rule: str = "") -> bool:
        """Record a candidate; speakers are resolved later, in reading order."""
        cue_text = m.group(cue)
        written = m.group(sp).strip()
        apposed = (m.groupdict().get(app) or "").strip()
        if (written.split()[0].lower() in _STOP_START or OWNER.search(written)) and re.search(rf"\b{NAME}$", _PARTY_END.sub("", apposed)) \
                and len(re.findall(r"\b[A-Z]", apposed)) >= 2 and apposed.split()[0].lower() not in _FUNCTION:  # 'Her deputy, commissioner Lena Morrow, vowed'
            written, sp, apposed = apposed, app, written if OWNER.search(written) else ""  # the owned role: a role
        dated, written = written, _ADVERB_END.sub("", _undated(written, cue))
        function = written.split()[0].lower() in (_FUNCTION if cue != "acc" or kind != "indirect" else ("which", "whom", "what"))
        if not is_speech_cue(cue_text) or function and not SHARE.fullmatch(written) \
                or WHEN.search(written):  # 'about half of voters' is someone, 'about' alone is not; 'according to early returns' is
            return False
        speaker_span, cue_span = _span(m, sp, offset), _span(m, cue, offset)
        if speaker_span and written != dated:
            speaker_span = (speaker_span[0], speaker_span[0] + len(written))
        if speaker_span and inside(self.quoted, speaker_span[0]):
            return False  # a speaker is never inside someone's quoted words
        verb = re.search(r"(?<=\b[A-Z][a-z])[a-z]*\s+[a-z]+ed$", written)
        if verb and speaker_span:  # 'the Harbour Council issued (a statement calling)': the subject ends before its verb
            cut = verb.group(0).index(" ")
            written, speaker_span = written[:verb.start() + cut], (speaker_span[0], speaker_span[1] - len(verb.group(0)) + cut)
        if speaker_span and cue != "acc" and rule not in ("relative", "relative-object", "relative-quoted", "and-quoted", "asked-by", "share-saying") and (_object_of(self.text, speaker_span, cue_span)
                                              or NAME_VERB.match(written) or NAME_VERB.match(apposed)
                                              or dateline(self.text, *speaker_span)):
            subject = self._titled_last(m, app, offset) if apposed else None
            subject = subject or self._subject_before(speaker_span[0], cue_span)  # 'Cory James, 22, of Flint, Mich., said'
            if subject and re.fullmatch(r"\s+of\s+", self.text[subject[1]:speaker_span[0]]):
                subject = (subject[0], speaker_span[1])  # 'Speaker of the House Rep. Paul Ryan said': one title
            if subject:
                speaker_span, written, apposed = subject, self.text[subject[0]:subject[1]], ""
        if speaker_span and rule in _OBJECT_RULES and not re.search(r"[’']s?$", written):
            subject = self._verb_subject(speaker_span)  # 'She was defending the group ..., but admitted'
            if subject:
                speaker_span, written, apposed = subject, self.text[subject[0]:subject[1]], ""
        if speaker_span and rule == "lead" and cue_text.split()[0].endswith("ing") \
                and written.split()[0].lower() in _STOP_START:  # 'Ana Pell opened their debate saying': hers
            subject = self._subject_before(speaker_span[0], cue_span)
            if subject and subject[1] <= speaker_span[0]:
                speaker_span, written, apposed = subject, self.text[subject[0]:subject[1]], ""
        w = cue_span and cue_text.split()[0].endswith("ing") and WITH_SUBJECT.search(self.text, max(0, cue_span[0] - 120), cue_span[0])
        if w:  # '..., with Donald Trump tweeting that ...': the participle's own subject
            speaker_span, written, apposed = w.span("sp"), w["sp"], ""
        self.pending.append((spans[0][0], dict(
            written=written, cue=cue_text if cue != "acc" else "according to", kind=kind, spans=list(spans),
            speaker_span=speaker_span, cue_span=cue_span, app=apposed, rule=rule)))
        return True

    def _titled_last(self, m: re.Match, app: str, offset: int) -> tuple[int, int] | None:
        """'in Berea, OH, after winning Ohio, Gov. Ivo Kassel (R-OH), said': a title and a full name (and a party)
        closing the words between a preposition's object and the cue are the subject."""
        a, b = offset + m.start(app), offset + m.end(app)
        start = a + self.text[a:b].rfind(",") + 1
        start += len(self.text[start:b]) - len(self.text[start:b].lstrip())
        core = _PARTY_END.sub("", self.text[start:b])
        role, name = split_title(core)
        if role and core.startswith(role) and all(is_title(w) for w in role.split()) and len(name.split()) >= 2:
            return start, b
        return None

    def _verb_subject(self, speaker: tuple[int, int]) -> tuple[int, int] | None:
        """A speaker right after a verb is its object ('he sounded a rare note ..., saying', 'praised Saddam Hussein
        ...; and declared'): the statement is the sentence's subject's, a name or a pronoun before that verb."""
        s = self._sentence_at(speaker[0])
        verb = _VERB_BEFORE.search(self.text, s.start, speaker[0])
        if not verb:
            return None
        name = subject_before(self.text, s.start, verb.start(), self.quoted)
        if name and self.text[name[0]:name[1]].split()[-1].lower() not in self.names.surnames:
            name = None  # 'Even', 'Such': a word opening the sentence, no one the article names
        pronoun = next((p.span() for p in _SUBJECT_PRONOUN.finditer(self.text, s.start, verb.start())
                        if not inside(self.quoted, p.start())), None)
        found = [x for x in (name, pronoun) if x]
        return min(found) if found else None

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
            if "\n" in between or _REPORTED_ASIDE.search(between) or len(between) > 300 or ANY_CUE.search(said) or VIEW.search(said) or own_cue \
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

    def run(self) -> list[Quote]:
        """The passes, in order: marks paired -> quotations attributed, direct and mixed (`attribution/quoted.py`,
        the table's 'direct' rules) -> reported speech (its 'reported' rules) -> participles, relative clauses and
        questions asked by someone (its 'after' rules) ->
        speakers resolved and statements merged (`attribution/merge.py`)."""
        if not self.sents:
            return []
        self.marks()
        used = quotations(self)
        reported(self, used)
        participles(self)
        relatives(self)
        relative_objects(self)
        relative_quotes(self)
        and_quotes(self)
        asked_by(self)
        share_sayings(self)
        return merged(self)


def extract_quotes(text: str, article_id: str = "", sents: list[Sentence] | None = None) -> list[Quote]:
    """Every attribution in `text`, in reading order (`sents`: its sentences, if already split)."""
    return _Extractor(text, article_id, sents).run()
