"""pysbd's English sentence segmenter, finding the same sentences with less CPU (it was half of extraction's).

Two costs of pysbd 0.3.4 removed, its rules untouched (tests/test_segmenter.py compares both on varied text):
- after splitting, pysbd finds each sentence's offsets with a regular expression made of that sentence (compiled
  once per sentence, as no two are alike); here the same search is made with `str.find`;
- its rules are ~2,000 patterns formatted at run time (an abbreviation's rules per abbreviation the text holds),
  compiled through `re`'s cache of 512, which it overflows: each was compiled again and again. The cache is raised
  to `_RE_CACHE` for the process (pysbd's patterns are a bounded set; the cache only keeps compiled patterns).
Measured on 300 BBC articles, CPU: sentence splitting 2.8 -> 1.7 s, all extraction 5.2 -> 3.7 s (bench/RESULTS.md,
2026-12-01).
"""
from __future__ import annotations

import re

import pysbd
from pysbd.utils import TextSpan

__all__ = ["Segmenter"]

_RE_CACHE = 4096  # distinct patterns pysbd used on 300 BBC articles: ~1,900 (re keeps 512 by default)


def _raise_re_cache() -> None:
    if getattr(re, "_MAXCACHE", _RE_CACHE) < _RE_CACHE:  # CPython's private knob: elsewhere nothing changes
        re._MAXCACHE = _RE_CACHE


class Segmenter(pysbd.Segmenter):
    """pysbd.Segmenter(language="en", clean=False, char_span=True), the same spans."""

    def __init__(self) -> None:
        super().__init__(language="en", clean=False, char_span=True)
        _raise_re_cache()

    def sentences_with_char_spans(self, sentences):
        """As pysbd's: each sentence with its trailing white space, at its first occurrence (re.finditer's: not
        overlapping the previous occurrence tried) that ends after the previous sentence's span."""
        spans, prior = [], 0
        for sent in sentences:
            found = _first_after(self.original_text, sent, prior)
            if found is not None:
                spans.append(found)
                prior = found.end
        return spans


def _first_after(text: str, sent: str, prior: int) -> TextSpan | None:
    r"""The first match of pysbd's `re.escape(sent) + r"\s*"` in `text` ending after `prior` (`re`'s \s is
    `str.isspace`), found with `str.find`."""
    if not sent:  # the pattern alone would match empty strings: pysbd's own search
        m = next((m for m in re.finditer(r"\s*", text) if m.end() > prior), None)
        return TextSpan(m.group(), *m.span()) if m else None
    pos = 0
    while (start := text.find(sent, pos)) >= 0:
        end = start + len(sent)
        while end < len(text) and text[end].isspace():
            end += 1
        if end > prior:
            return TextSpan(text[start:end], start, end)
        pos = end  # re.finditer goes on after the match, never inside it
    return None
