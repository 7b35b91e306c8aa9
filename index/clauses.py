"""Find a reporting clause anywhere in a sentence: the subject before a reporting verb, and what it reports."""
from __future__ import annotations

import re
from bisect import bisect_left

from .cues import ADVERBS, CAPPED_NAME, CUE, NAME, NAME_WORDS, PARTICIPLE, NOT_IN_WORD, QUOTE_CUE, RUN_NAME, WEEKDAYS
from .found import Found
from .prefixes import Prefixes
from .attribution.titles import is_title as _is_title

__all__ = ["Found", "SHARE", "find_report"]

_DET = (r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne|[Aa]nother|[Ss]ome|[Mm]any|[Oo]ther|[Ss]everal|"
        r"[Mm]ost|[Bb]oth|[Tt]hose|[Tt]hese|[Aa]ll|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive)")
# The verb: a reporting verb, or a progressive one ("is telling customers that").
_VERB = re.compile(rf"(?<![\w’'-])(?P<adv>{ADVERBS})(?P<cue>(?:is|are|was|were)\s+(?:{PARTICIPLE}|questioning|telling)"
                   rf"|{CUE})\b(?!\s+(?:to\s+(?:reporters|the\s+press)|with)\b)")
# Before a colon and a quotation, any verb that introduces one ("Cruz continued:").
_VERB_COLON = re.compile(rf"(?<![\w’'-])(?P<adv>{ADVERBS})(?P<cue>{QUOTE_CUE})\b")
# Where a clause starts: punctuation, or a subordinating word.
_BOUNDARY = re.compile(r"[,;:—–]\s*|\s[-–]\s|(?<!\s)\s+(?:but|while|as|because|since|although|though|that|after|before|when|if|"
                       r"where|whereas|until|so)\s+|(?<!\s)\s+and\s+(?=(?:he|she|they|we|I)\s*$)")
_INTRO = re.compile(r"^(?:(?:And|But|So|Yet|Still|Meanwhile|Now|Then|Later|Earlier|First|Also|Instead|However|Indeed|"
                    rf"Separately|Ultimately|Finally|Previously|Last|This|Next|On|In|At)\b(?:\s+(?:{WEEKDAYS}|week|year|month|"
                    r"night|morning|day|time))?,?\s+)+")
_PRONOUN = re.compile(r"^(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|who)$")
_PREP = re.compile(r"\s(?:in|of|for|from|at|with|on|near|by|under|over|outside|inside|across|within)\s")
_NAMED = re.compile(rf"^(?:{_DET}\s+)?(?:[\w’'.&-]+\s+){{0,5}}?{NAME}(?:\s*\([^()]{{1,20}}\))?$")
_NOMINAL = re.compile(rf"^(?:{_DET}\s+|[A-Z][\w’'-]*[’']s?\s+)(?:[\w’'.&-]+\s+){{0,4}}[a-z][\w-]+$")
_PLURAL = re.compile(r"^(?:[A-Za-z][\w’'-]*\s+){0,3}[a-z][\w-]*(?:ers|ors|ists|ants|ents|ics|ans|ysts|ives|ials|ies|ople)$")
_NOT_HEAD = re.compile(r"(?i)\b(?:is|was|are|were|be|been|has|have|had|will|would|can|could|should|may|might|did|does|do|"
                       r"not|it|this|there|which|what|how|why|if|than|to)\b|[’']s?$|\d{4}$")
_TITLE_END = re.compile(r"\b(?:[Ss]ecretary|[Mm]inister|[Dd]irector|[Cc]hairman|[Cc]hair|[Pp]resident|[Gg]overnor|"
                        r"[Ss]peaker|[Ll]eader|[Hh]ead|[Mm]ayor|[Pp]rofessor|[Ff]ounder|[Cc]hief|[Mm]ember|[Aa]uthor)$")
# Before the reported words: when and where they were said. (Those words run to the sentence end, but a last . ! or
# ?: _content finds where, rather than trying every place in between: issue 18.)
_CONTENT_HEAD = re.compile(r"(?:,?\s+(?:in\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:statement|interview|letter|speech|email|"
                      r"op-ed|post|memo|tweet)|on\s+\w+|last\s+\w+|this\s+\w+|earlier|yesterday|today|recently|"
                      r"privately|publicly|repeatedly),?)*(?:\s+(?:that|how|why|whether|if))?\s+(?=\S)", re.S)
_TITLED_NAME = re.compile(rf"(?<=\s)(?P<title>[a-z]+)\s+{NAME}$")
_AGE_PLACE = re.compile(rf"(?P<name>{RUN_NAME}),\s+(?P<app>(?:\d+,\s+)?(?:of|from)\s+[A-Z][^,]*(?:,\s+[A-Z][^,]*)?|\d+),\s*$")
_QUOTE_MARK = re.compile(r"[“”\"]")
_DASH = re.compile(r"\s[—–-]\s|—")
_PREP_FIRST = re.compile(r"^\s*(?P<prep>to|at|for|with|on|in|about|during|after|before|by|from)\b")
_THAT_SOON = re.compile(r"^\s+(?:at|in|on|during|after|before|while|last|this|earlier|later|yesterday|today|\w+day)\b"
                        r"[^,“”\"]{0,60}?\s(?:that|whether)\s")
_TO_CUES = re.compile(r"(?:vow|promis|pledg|propos|threaten|offer|urg|ask|tell|told)\w*")
# Bare and -s forms that, after a noun phrase, are usually nouns: 'The two states', 'Trump's comments'.
NOUNISH = {"states", "comments", "tweets", "tweet", "claims", "charges", "questions", "answers", "objects", "counters",
           "estimates", "promises", "reports", "notes", "protests", "remarks", "pledges", "vows", "boasts", "jokes",
           "hints", "quips", "calls", "cites", "accounts", "responses", "spoke", "speaks", "speak", "talks about",
           "concerns", "demands", "replies", "concludes"}


def _head(phrase: str) -> str:
    """A noun phrase without what follows its preposition: 'the port in Varrow' -> 'the port'; but not
    'Secretary of State X', nor 'The Ministry of Roads spokesman Ivo Petrak', whose head is the name."""
    prep = _PREP.search(phrase)
    if not prep:
        return phrase
    head, titled = phrase[:prep.start()], _TITLED_NAME.search(phrase)
    if _TITLE_END.search(head) or re.fullmatch(rf"{_DET}", head) \
            or titled and titled.start() > prep.start() and _is_title(titled["title"]):
        return phrase
    return head


_MODIFIER = re.compile(r"(?<=[a-z]s)\s+[a-z]+ing\s")  # a plural noun, then a participle: 'activists clamoring'


def _who(stripped: str, cuts: list[int]) -> tuple[tuple[int, int], None] | None:
    """'Trump, who previously said ...': the name the clause hangs on."""
    if len(cuts) < 2 or stripped[:cuts[-1]].rstrip()[-1:] not in ",-—–":
        return None
    a = cuts[-2]
    b = a + len(stripped[a:cuts[-1]].rstrip(" ,-—–"))
    return ((a, b), None) if re.fullmatch(rf"(?:[\w’'.-]+\s+){{0,4}}?{NAME}", stripped[a:b]) else None


_NAME_RUNS = 2 * (NAME_WORDS - 1)  # runs of spaces in a name: one between two words, two around a particle
_ELEVEN = re.compile(r"\s*(?:\S+\s+){10}\S+")  # a phrase's first eleven words, when it has more than ten


def _aged(stripped: str, scan: Prefixes | None, offset: int) -> re.Match | None:
    """_AGE_PLACE.search(stripped): it ends with a comma and holds at most four, its name at most _NAME_RUNS runs of
    spaces, so with `scan` (stripped = scan.text[offset:...]) it starts near the fourth comma from the end."""
    if not stripped.endswith(","):
        return None
    if scan is None:
        return _AGE_PLACE.search(stripped)
    j = bisect_left(scan.commas, offset + len(stripped))
    fourth = max(scan.commas[j - 4] if j >= 4 else 0, offset)
    return _AGE_PLACE.search(stripped, max(scan.window(fourth, _NAME_RUNS), offset) - offset)


def _cuts(stripped: str, scan: Prefixes | None, offset: int) -> list[int]:
    """Where stripped's clauses start (0, then the ends of _BOUNDARY's matches); with `scan` (stripped is
    scan.text[offset:...]), the last four only."""
    found, first, begin = None, [], offset
    if scan and stripped:
        if offset and stripped[0].isspace():  # no space before it here, unlike in the sentence: matched on its own
            m = _BOUNDARY.match(stripped)
            first, begin = ([m.end()] if m else []), offset + (m.end() if m else 1)
        found = scan.ends(offset + len(stripped), begin)
    if found is None:
        return [0] + [m.end() for m in _BOUNDARY.finditer(stripped)]
    return ([0] + first + [e - offset for e in found])[-4:]


def _subject(pre: str, scan: Prefixes | None = None, offset: int = 0):
    """(speaker span, appositive span) of the subject that `pre` ends with, or None. `scan`: the sentence `pre` is a
    piece of, from `offset` on."""
    stripped = pre.rstrip()
    aged = _aged(stripped, scan, offset)
    if aged and (aged.start() == 0 or stripped[aged.start() - 1] in " \n"):  # 'Cory James, 22, of Flint, Mich., said'
        intro = _INTRO.match(stripped[aged.start():aged.end("name")])
        return (aged.start() + (intro.end() if intro else 0), aged.end("name")), aged.span("app")
    cuts = _cuts(stripped, scan, offset)
    app = None
    if stripped.endswith(",") and len(cuts) >= 3:  # 'Hiro Aida, a journalist, said' / 'his wife, aide Huma Abedin, said'
        a, b = cuts[-2], len(stripped) - 1
        inner = stripped[a:b].strip()
        head_a, head_b = cuts[-3], cuts[-3] + len(stripped[cuts[-3]:cuts[-2]].rstrip(" ,"))
        if re.match(r"(?:a|an|the|who|[a-z]+\s+of|[A-Z]\w*[’']s)\b", inner) or not re.search(rf"{NAME}$", inner):
            a, b, app = head_a, head_b, (a, b)
    else:
        a, b = cuts[-1], len(stripped)
    intro = _INTRO.match(stripped[a:b])
    if intro:
        a += intro.end()
    while a < b and stripped[a].isspace():
        a += 1
    phrase = stripped[a:b]
    eleven = _ELEVEN.match(phrase)
    if eleven:  # 'Republican activists clamoring to block X from Y say': the head, if it has ten words or fewer
        modified = _MODIFIER.search(phrase, 0, eleven.end() + 1)
        phrase = phrase[:modified.start()] if modified else ""
    if not phrase:
        return None
    if phrase == "who":
        return _who(stripped, cuts)
    if _PRONOUN.match(phrase):
        return (a, b), app
    if " and " in phrase and (re.match(_DET + r"\s", phrase) or len(phrase.split()) > 6):
        a += phrase.rindex(" and ") + 5  # 'The port lost money and Varga says'
        phrase = stripped[a:b]
    phrase = _head(phrase)
    b = a + len(phrase)
    if _NOT_HEAD.search(phrase):
        return None
    if _NAMED.match(phrase) or _NOMINAL.match(phrase) or _PLURAL.match(phrase):
        return (a, b), app
    return None


# Subjects _subject leaves out: a share of a group ('Just 28 percent of voters'), a clause's subject before a second verb
# ('Trump had welcomed the vote and said'), the noun a relative clause hangs on ('Hawkins and others who want a ban said').
SHARE = re.compile(r"""(?:^|(?<=[\s,;:—–-])) (?P<sp>
    (?i: (?:just|only|about|nearly|almost|over|roughly|more\s+than|fewer\s+than|less\s+than|just\s+shy\s+of) \s+ )?
    (?: (?:\d+(?:\.\d+)?|[A-Z]?[a-z]+(?:-[a-z]+)?) \s*(?:percent|%) | (?:\d+|[A-Z]?[a-z]+) \s+(?:in|out\s+of)\s+(?:\d+|ten|[a-z]+)
      | [Tt]hose \s+ (?:surveyed|polled|questioned|interviewed|asked)
      | (?i: (?:a|one|two) [\s-] (?:third|quarter|fifth)s? | half | (?:a\s+)?(?:majority|plurality|minority) | most )
      | [Tt]hose \s+ (?:over|under|aged|older\s+than|younger\s+than) \s+ \d+ )
    (?: \s+of\s+[^,;:“”"]{2,60}? )? ) \s*$""", re.X)
# A share's qualifier ('More than six in 10'): its 'than' is no sign of a clause, as it is in _NOT_HEAD.
_QUALIFIER = re.compile(r"^(?i:more|fewer|less)\s+than\s+")
# The leading non-word characters are taken at once ((?>...), issue 18): a subject starting with one of them (', -) is
# found as well after them, and giving them back one by one was quadratic on a run of them.
_COORDINATED = re.compile(rf"^(?>\W*)(?:{_INTRO.pattern[1:]})?(?P<sp>(?:{_DET}\s+)?(?:[\w’'.&-]+\s+){{0,4}}?{NAME}|[Hh]e|[Ss]he|[Tt]hey|"
                          rf"{_DET}\s+[a-z][\w-]+(?:\s+[a-z][\w-]+)?)\s+(?:has\s+|had\s+|also\s+|have\s+)?[a-z]+(?:ed|s)\b"
                          r"[^“”\";]{0,160}?\s(?:and|but)\s+$")
# A first word, plural or name that starts inside a word never starts the match (issue 18): one a character earlier
# matches too, so the result is the same, and a long word is no longer scanned from each of its characters (quadratic).
# The name has at most NAME_WORDS words.
_RELATIVE = re.compile(rf"(?P<sp>(?:{_DET}\s+)?(?:(?<![\w’'.&-])[\w’'.&-]+\s+){{0,3}}?(?:{NOT_IN_WORD}{CAPPED_NAME}|(?<![a-z])[a-z][\w-]+s))(?:\s+and\s+others)?\s+"
                       r"(?:who|that)\s+[^,;“”\"]{3,80}?\s*$")


def _start(rx: re.Pattern, pre: str, scan: Prefixes | None) -> int | None:
    """Where a search of `pre` (a prefix of scan.text) for rx can start; None when rx can't match it. SHARE holds at
    most 39 runs of spaces (qualifier 3, share 3, 'of' 2, its words 30, the end 1); _RELATIVE ends with 'who' or
    'that' and at most 41 runs (its words 40, the end 1), and before them at most 45 (determiner 1, words 3, name
    _NAME_RUNS, 'and others' 2, a space 1)."""
    if scan is None or rx is _COORDINATED:
        return 0
    if rx is SHARE:
        start = scan.window(len(pre), 39, stops=True)
        return start if scan.holds_share(start, len(pre)) else None
    j = bisect_left(scan.who, scan.words_before(len(pre), 43))
    return scan.window(scan.who[j], 45, stops=True) if j < len(scan.who) and scan.who[j] < len(pre) else None


def _other_subject(pre: str, scan: Prefixes | None = None) -> tuple[tuple[int, int], None] | None:
    """A subject _subject does not take: a share of a group, a coordinated verb's subject, a relative clause's noun."""
    for rx in (SHARE, _COORDINATED, _RELATIVE):
        start = _start(rx, pre, scan)
        m = rx.search(pre, start) if start is not None else None
        if m and not _NOT_HEAD.search(_QUALIFIER.sub("", m["sp"]) if rx is SHARE else m["sp"]):
            return m.span("sp"), None
    return None


def _report_subject(pre: str, scan: Prefixes | None = None):
    """The subject before a reporting verb (`pre`: the sentence up to it, `scan`: the sentence): _subject's, another
    kind, or the subject after the last 'and' ('... program and Trump says ...'); None when there is none."""
    subject = _subject(pre, scan) or _other_subject(pre, scan)
    last_and = scan.last_and(len(pre)) if scan else pre.rfind(" and ")
    if subject is None and last_and >= 0:
        cut = last_and + 5
        subject = _subject(pre[cut:], scan, cut)
        if subject:
            (sa, sb), app = subject
            subject = (sa + cut, sb + cut), app and (app[0] + cut, app[1] + cut)
    return subject


_THREE_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S")


def _content(rest: str, pos: int = 0) -> Found | None:
    """What `(?P<content>\\S.*?)[.!?]?$` takes after _CONTENT_HEAD: up to the end, or to a last . ! ? or line break."""
    head = _CONTENT_HEAD.match(rest, pos)
    if not head:
        return None
    a, n = head.end(), len(rest)
    ends = [n] + [n - 1] * (rest[-1] in ".!?\n") + [n - 2] * (n > 1 and rest[-1] == "\n" and rest[-2] in ".!?")
    return Found({"content": (a, min(e for e in ends if e > a))}, rest)


def _few_words(m: Found | None) -> bool:
    """No content, or one of fewer than three words."""
    return not m or not _THREE_WORDS.match(m.string, *m.span("content"))


def _content_after(rest: str, cue_word: str, pre: str, subject) -> Found | None:
    """The reported words after the cue (`rest`: the sentence after it), or None: 'said at a rally on Monday that
    ...'; not a verb's prepositional object; a clause between dashes ends at the dash."""
    prep = _PREP_FIRST.match(rest)
    m = _THAT_SOON.match(rest)
    if m:  # 'said at a rally on Monday that ...'
        m = _content(rest, m.end() - 1)
    elif prep and not (prep["prep"] == "to" and _TO_CUES.match(cue_word)) and not re.match(r"talk|point", cue_word):
        return None
    else:
        m = _content(rest)
    if _few_words(m):
        return None
    (sa, sb), _ = subject
    if pre[:sa].rstrip()[-1:] in ("—", "–", "-") or re.search(r"\s[—–-]\s|—", pre[sb:]):  # a clause between dashes
        dash = _DASH.search(rest, *m.span("content"))  # '- who said the pier was safe - resigned'
        if dash:
            m = _content(rest[:dash.start()] + ".")
            if _few_words(m):
                return None
    return m


def find_report(sent: str, quoted: bool = False, colon: bool = False) -> Found | None:
    """The first '<subject> <reporting verb> <content>' in `sent`; `quoted`: content may hold quote marks;
    `colon`: `sent` introduces a quotation after a colon, so the verb needs no content of its own."""
    scan, quote = None, _QUOTE_MARK.search(sent)  # scan: the sentence read once for all its cues (issue 18)
    first_quote = quote.start() if quote else len(sent)
    for v in (_VERB_COLON if colon else _VERB).finditer(sent):
        if v["cue"].lower() in NOUNISH and not re.match(r"\s+that\s", sent[v.end("cue"):]) \
                and not (colon and not sent[v.end("cue"):].strip()):  # 'The Times reports:¶¶"..."'
            continue
        pre = sent[:v.start("adv")]
        if not pre.strip() or (not quoted and first_quote < len(pre)):
            continue
        scan = scan or Prefixes(sent, _BOUNDARY)
        subject = _report_subject(pre, scan)
        if subject is None:
            continue
        (sa, sb), app = subject
        spans = {"sp": (sa, sb), "cue": (v.start("cue"), v.end("cue"))} | ({"app": app} if app else {})
        if colon:
            return Found(spans | {"content": (len(sent), len(sent))}, sent)
        rest = sent[v.end("cue"):]
        m = _content_after(rest, v["cue"].split()[-1], pre, subject)
        if m:
            return Found(spans | {"content": (v.end("cue") + m.start("content"), v.end("cue") + m.end("content"))},
                         sent)
    return None
