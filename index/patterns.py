"""The patterns around a quotation: who and which verb come before or after it, and where its clause ends."""
from __future__ import annotations

import re

from .cues import ADVERBS, CUE, CUE_PAST, LEAD_CUE, NAME, PARTICIPLE, QUOTE_CUE, SPEAKER, WEEKDAYS

__all__ = ["APPOSITIVE", "DATELINE", "PARTY", "AFTER", "ANY_CUE", "ASIDE", "AS_PUT", "CLAUSE", "COLON", "COLON_INTRO",
           "INVERTED", "JUNK_SPEAKER", "LATER_AND", "LATER_CUE", "LEAD", "LEAD_IN", "NAMED", "NAME_VERB", "NEW_CLAUSE",
           "OBJECT_OF", "OWNER", "PART", "POSSESSED", "SAME_SPEAKER", "SAYS_BEFORE", "SENTENCE_DONE", "SIGNED", "TITLE_TEXT",
           "TRAILING", "VIEW", "WHEN", "WHEN_TAIL", "WITH_SUBJECT"]

_APP = r"(?:,\s*(?P<app>[^,“”\"]{2,160}(?:,\s*[^,“”\"]{2,80}){0,3}),)?"
# Where the story was filed: 'BRAMWICK, Sept. 2 — ', and without a comma 'BRAMWICK (AP) — ', 'BRAMWICK ― ', 'PORT ELLA - '.
_DATELINE = (r"(?:[A-Z][A-Z .'’-]+,[^—–\n]{0,40}[—–]\s*"
             r"|[A-Z][A-Z.'’]+(?:\s[A-Z][A-Z.'’]+){0,3}(?:\s\([A-Z][A-Za-z]+\))?\s(?:[—–―]|--?)\s+)?")
_NOT_PREP = r"(?!(?:on|in|at|to|for|with|from|by|during|after|before|that|and|but|as|when|while)\b)"
_SUBJECT = rf"(?P<sp>(?:(?:(?>{NAME})|(?!{CUE}\b|(?!retired\b)\w+ed\b){_NOT_PREP}[a-z][\w-]*)\s+){{0,4}}?{SPEAKER})"
_PARTY = r"(?:\s*\([^()]{1,20}\),?)?"  # '(R-Iowa)', '(R-Iowa),'
_SP = rf"(?P<sp>{SPEAKER}){_PARTY}"
AFTER = re.compile(rf"^\s*(?:,\s*)?(?:[—–-]\s*)?(?:(?P<cue1>(?:asked|urged)(?=\s+{NAME}\s*(?:[,.(]|$))|{CUE_PAST})\s+(?P<sp1>(?!of\s)(?:{NAME}\s+(?=(?:[a-z]+\s+){{1,3}}{NAME}))?(?:{_NOT_PREP}[a-z][\w-]*\s+){{0,4}}{SPEAKER}){_PARTY}"
                    rf"(?:,\s*(?P<app1>[^,“”\"]{{2,160}}?)(?:,|(?=\.\s)|(?=\.$)))?|{_SUBJECT}{_PARTY}{_APP}\s+{ADVERBS}(?P<cue>{QUOTE_CUE}))\b(?!\s+that\b)")
INVERTED = re.compile(rf"(?:^|(?<=[\s(—–-]))(?P<cue>Said|Says|Added|Adds|Asked(?!\s+an?\s)|Asks|Wrote|Writes|Tweeted)\s+{_SP}{_APP}"
                       rf"(?P<rest>(?<=,)\s*|\s*[,:]\s*)$")
COLON = re.compile(rf"^{_DATELINE}{_SP}(?P<cue>\s*:)(?P<rest>\s*)$")
_MOD = r"(?:\s+(?:in\s+a\s+statement|in\s+an\s+interview|(?:in|on|at)\s+(?:the|a|an|his|her|its|their)\s+\w+|on\s+\w+|at\s+\w+|last\s+\w+|of\s+\w+|about\s+\w+|in\s+\w+))?"
_WHEN_WORD = (rf"(?:{WEEKDAYS}|January|February|March|April|June|July|August|September|October|November|December|"
              r"Today|Yesterday)")  # not 'May', which is also a name
_NOT_SUBJECT = r"(?!(?i:and|but|as|so|then|when|while|if|because|after|before|since|in|on|at|for|with)\s)"
_SUBORDINATE = "".join(rf"(?<!\b{w}\s)" for v in ("as", "when", "while", "if", "after", "before", "since", "because", "until")
                       for w in (v, v.title()))
LEAD = re.compile(rf"(?:^|(?<=[\s,;(—–-])){_SUBORDINATE}{_NOT_SUBJECT}(?!{_WHEN_WORD}\b)(?!\S+[’']s?\s+{LEAD_CUE}){_SP}{_APP}(?:\s+[a-z]+\b[^,“”\"]{{0,80}}?,?\s+(?:and|but|before|after|while))?\s+{ADVERBS}(?P<cue>{LEAD_CUE}|{PARTICIPLE}){_MOD}\b(?P<rest>\s*[:,]?\s*(?:that\s+)?)")
_MEDIUM = r"(?:statement|release|ad|video|tweet|post|letter|email|memo|headline|clip|report)s?"
# PART's gate (issue 18): a participle cue ahead, before any quotation mark. Every match has one, so the gate changes no
# match; without it, a long run of capitalised words and no cue was rescanned for each way of reading a name (quadratic).
_PART_AHEAD = rf"(?=[^“”\"]*?(?:,|(?<!\s)\s+by|(?<!\s)\s+{_MEDIUM})\s+(?:{PARTICIPLE})\b)"
PART = re.compile(rf"^{_DATELINE}(?:[^,“”\"]{{0,60}},\s+)?{_PART_AHEAD}{_SUBJECT}{_APP}\s+[^“”\"]*?(?:,|\s+by|\s+{_MEDIUM})\s+(?P<cue>{PARTICIPLE})\b"
                   rf"(?P<rest>\s*[:,]?\s*(?:that\s+)?)")
SENTENCE_DONE = re.compile(rf"\s*(?:[.!?]|$|(?:in|on|at|during|after|before|while|last|this|{WEEKDAYS})\b"
                            r"[^,;“”\"]*[.!?]\s*$)")
LEAD_IN = re.compile(rf"^{_DATELINE}\W*")
WHEN = re.compile(rf"\b{_WHEN_WORD}$")
# When a source was published, after it: 'according to a poll released on Thursday' (the source is 'a poll').
WHEN_TAIL = re.compile(rf"(?<!\s)(?:\s+(?:released|published|issued|out|filed))?(?:\s+(?:on|in|last|this|late|early))?\s+{_WHEN_WORD}$")
ANY_CUE = re.compile(rf"\b(?:{QUOTE_CUE}|{PARTICIPLE}|according\s+to)\b")
CLAUSE = re.compile(r",\s|;|\s[—–-]\s|—|\s(?:but|and|though|although|while|as|after|before|when|which|who)\s")
COLON_INTRO = re.compile(rf"(?:Here[’']s\s+|Here\s+is\s+|^(?!Here)|[—–-]\s+)(?P<sp>{NAME}(?:\s+and\s+{NAME})?)(?:\s+(?:in|on|at)\s+[^:“”\"]{{1,40}})?\s*$")
# Not who spoke: a clause cut short ('his campaign and'), or the medium ('a statement saying').
JUNK_SPEAKER = re.compile(rf"\s(?:and|that|of|to|from|has|have|had|is|was|after|later)$|\b{_MEDIUM}$")
# Others' views between two quotations; not the nouns 'think tank', 'a TV show', nor 'showed off'.
VIEW = re.compile(r"\b(?:agree[sd]?|disagree[sd]?|(?<!\b[Tt]he\s)(?<!\b[Aa]\s)(?<!\bTV\s)shows?(?!\s+off)|showed(?!\s+off)|"
                  r"thinks?(?!\s+tanks?)|thought|believes?|believed)\b")
SAME_SPEAKER = re.compile(rf"^\s*(?:,\s*)?(?:{PARTICIPLE})\s+(?=(?:that\s+)?\w+\s+\w+\s+\w)|\b(?:according\s+to|when\s+asked|(?:was|were)\s+asked)\b")
ASIDE = re.compile(r"\b(?:who|where|after|when|before|while|during\s+which|as)\b(?:[^.“”\"]|"
                   + "|".join(rf"(?<=\b{t})\." for t in ("Mr", "Mrs", "Ms", "Dr", "Sen", "Sens", "Rep", "Reps", "Gov", "Gen")) + ")*")
TITLE_TEXT = re.compile(r"^(?:[A-Z0-9][\w’'.:-]*|of|the|a|an|and|in|on|with|for|to|at)(?:\s+(?:[A-Z0-9][\w’'.:-]*|of|the|a|an|"
                         r"and|in|on|with|for|to|at)){0,7},?$")
SIGNED = re.compile(rf"[ \t\xa0]*(?:\n\n?[ \t\xa0]*)?(?P<dash>[―—–-]{{1,2}})[ \t\xa0]*(?P<sp>{NAME})(?:,[^\n“”\"]{{1,80}})?\.?[ \t\xa0]*(?:\n|$)")
OWNER = re.compile(r"[’']s?\s+[a-z]")  # 'Sanders's campaign manager, Jeff Weaver, said'
TRAILING = re.compile(r",\s+(?:where|which|whom|whose|referring|according\s+to|citing)\b|\s[—–]\s|\s--\s")
OBJECT_OF = re.compile(r"\b(?:[Oo]f|[Ii]n|[Aa]t|[Ff]rom|to|with|against|near|outside|for|by|about|on|into|over|during|after|before)"
                        r"\s+(?:the\s+|an?\s+)?$")
NAME_VERB = re.compile(rf"{NAME}\s+(?:(?:has|had|have|was|also|then|later)\s+)?(?:[a-z]+ed|went|took|made|gave|met|spoke|ran|came)\b")
NAMED = re.compile(rf"(?<![\w’'.-]){NAME}")
LATER_CUE = re.compile(rf"(?:,\s+|\s(?:before|after|while|by)\s+)(?P<cue>{PARTICIPLE})\b(?:\s*,)?\s*(?:that\s+)?")
LATER_AND = re.compile(rf"\s(?:and|but)\s+{ADVERBS}(?P<cue>{CUE_PAST})\b(?:\s*,)?\s*(?:that\s+)?")  # '..., and said ...'
WITH_SUBJECT = re.compile(rf"\bwith\s+(?P<sp>{NAME}|(?:[a-z]+\s+){{0,3}}{NAME})\s+{ADVERBS}$")  # 'with Sen. X calling it'
POSSESSED = re.compile(r"(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s|.*[’']s?$")
# After 'X said': the start of what X said rather than when or where ('said North Korea had', 'said it would').
NEW_CLAUSE = re.compile(rf"\s+(?:(?!(?:{_WHEN_WORD}|May)\b)[A-Z]|(?:it|he|she|they|we|I)\s)")
SAYS_BEFORE = re.compile(rf"\b(?:{QUOTE_CUE}|{PARTICIPLE})\s*[,:]\s*$")
AS_PUT = re.compile(rf"(?:^|(?<=[\s,;(—–~-]))[Aa]s\s+{_SP}{_APP}\s+(?P<cue>put\s+it|puts\s+it|reported|wrote|noted|explained|said)"
                     rf"(?P<rest>\s*[,:]\s*)$")  # 'As Vulture put it, “...”'
# Named pieces for the rule table (attribution/rules.py).
APPOSITIVE, DATELINE, PARTY = _APP, _DATELINE, _PARTY
