"""Pair quotation marks: the quoted stretches of an article, curly, straight, guillemet, two apostrophes and mixed."""
from __future__ import annotations

import re

__all__ = ["CLOSE", "quote_spans", "two_apostrophes"]

_OPEN, CLOSE = "“«‘", "”»’"
_PAIR = {"“": "”", "«": "»", "‘": "’", '"': '"', "'": "'"}
# Two apostrophes typed for a double quote mark (126 PolNeAR articles): ''Like this,'' he said. An opening pair follows
# a space, a bracket or a dash and comes before a word; a closing pair follows a word or punctuation (in
# "at 'independence,'''" the first apostrophe ends a single quote, the last two the double one).
_OPEN_TWO = re.compile(r"(?:^|(?<=[\s(\[—–-]))''(?=[^\s'])")
_CLOSE_TWO = re.compile(r"(?<=\S)''(?=[\s.,;:!?)\]—–-]|$)")


def two_apostrophes(text: str) -> str:
    """`text` with each two-apostrophe quote mark written as a curly mark and a space (same length, same offsets):
    ''Like this,'' -> ' “Like this,” '."""
    if "''" not in text:
        return text
    return _CLOSE_TWO.sub("” ", _OPEN_TWO.sub(" “", text))


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted stretch, marks excluded; an unclosed paragraph-opening quote
    that the next paragraph continues with another opening mark is one stretch."""
    spans, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        opening = c in _OPEN or (c in "\"'" and (i == 0 or not text[i - 1].isalnum()) and i + 1 < n and not text[i + 1].isspace())
        if c == "”" and text[:i].rstrip(" \t\u202a\u202c")[-1:] in ("", "\n") and i + 1 < n and (
                not text[i + 1].isspace() or "”" in text[i + 1:(text.find("\n", i) + 1 or n + 1) - 1]):
            opening, c = True, "“"  # a paragraph typed to open with a closing mark: '”Fear. I am truly afraid ...”'
        if not opening or (c == "‘" and i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        close = _PAIR[c]
        j = i + 1
        while j < n:
            if c == "“" and text[j] == '"' or c == '"' and text[j] == "”":  # “...," and "...” mixed marks close too
                break
            if c == "“" and text[j] == "“" and text[j - 1] in ",.!?" and (j + 1 == n or text[j + 1].isspace()):
                break  # '“It's unusual,“ said ...': a closing mark typed the wrong way round
            if text[j] == close and (close not in "’'" or j + 1 == n or not text[j + 1].isalpha()):
                break
            if text[j] == "\n":
                rest = text[j:].lstrip()
                if rest[:1] == c and "\n" in text[j:j + 3] and text[i + 1:j].count(close) == 0 and c != "'":
                    j = n - len(rest) + 1  # the next paragraph re-opens the same quote
                    continue
                j = n
                break
            j += 1
        if j < n and j > i + 1:
            spans.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return spans

