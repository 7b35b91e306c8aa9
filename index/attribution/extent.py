"""Where reported words end: the clause the cue governs, not the rest of the sentence (as PolNeAR's annotators mark it)."""
from __future__ import annotations

import re

__all__ = ["CLAUSE_END", "NOT_CONTENT", "NOT_SPEAKER", "clause_end"]

# A new clause that the reporting verb does not govern: '; ...', ', but ...', ', while ...', ', and has championed ...',
# ', compared with ...', ', putting them ...'.
CLAUSE_END = re.compile(r"""
    (?<!\s)\s*;\s                 # (?<!\s): a match starts where its spaces do, not inside them (linear)
  | ,\s+(?:but|while|whereas|compared\s+(?:to|with)|putting|prompting|leaving|sparking|even\s+as|
           referring|highlighting|according\s+to|citing)\b
  | ,\s+and\s+(?:(?:has|have|had|is|was|are|were|will|would|also|then|later)\b|[a-z]+ed\b)
  | (?<!\s)\s+and\s+(?:(?:has|have|had)\s+[a-z]+ed|said|says)\b
  | (?<!\s),?\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+)?(?:added|adds|noted|argued|insisted|warned|explained|
                                                      stressed|predicted|acknowledged|conceded)\b   # 'and added, “...”'
  | (?<!\s),?\s+and\s+(?=(?:[^\s,;“”"]+\s+){1,6}?(?:has\s+|have\s+)?(?:said|says|say)\b)  # ', and other leaders said': another's report
  | (?<!\s)\s+and\s+[a-z]{3,}ed\s+(?=the\b|an?\b|his\b|her\b|their\b|its\b|[A-Z])
  | \s[—–-]\s(?![^—–\n]{1,80}?\s[—–-]\s) | \s--\s(?![^\n]{1,80}?\s--\s)    # not '- around 166,000 in April -'
""", re.X)
# Words that never open what someone said: the cue was a noun or a relative clause's verb ('pledged delegates',
# 'the states that will vote'), or its object is a place or a time ('insisted Thursday during a tour').
NOT_CONTENT = re.compile(r"""^(?:is|was|are|were|has|have|had|will|would|can|could|should|did|does|do|than|delegates|
    in|on|at|about|during|for|from|with|of|by|after|before|since|until|into|over|through|across|[—–-]|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b""", re.X)
# Not who spoke: a phrase cut short ('a Republican and', 'a host of'), or a word opening a sentence ('Now', 'That’s').
NOT_SPEAKER = re.compile(r"\s(?:and|of|who|that|which|to|from|the)$|^(?:What[’']s|That[’']s|It[’']s|Now|Then|Still|So|Here|There)$")


_DASH = re.compile(r"\s(?:[—–-]|--)\s")


def clause_end(text: str, a: int, b: int, min_words: int = 3) -> int:
    """The end of the reported words that run from `a` to at most `b`: the first new clause after three words."""
    for m in CLAUSE_END.finditer(text, a, b):
        if _DASH.fullmatch(m.group()) and len(_DASH.findall(text, a, m.start())) % 2:
            continue  # the dash closing an aside: '- about 40 boats in May -'
        if len(text[a:m.start()].split()) >= min_words:
            return m.start()
    return b
