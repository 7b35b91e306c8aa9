"""Every article checked at the door: text made safe (surrogates, NFC, controls), fields typed, sizes bounded, JSON read
with limits. Nothing after this module sees a string it could choke on."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace

from .errors import ArticleError, shown_path

__all__ = ["Limits", "JsonNumber", "JsonLimit", "clean_text", "clean_value", "shown_path", "parse_json",
           "text_field", "id_field", "checked", "real_text"]

MB = 1_000_000


@dataclass(frozen=True)
class Limits:
    """How much one file or article may hold (app/config.py fills these from WHOSAID_*; defaults below).

    file_bytes: 10 MB, the issue's default; a news story is 5-50 KB, so this is ~200 long articles in one file.
    article_bytes: 1 MB of UTF-8 text, ~170,000 words: 29 times the longest story in the PolNeAR and BBC corpora
      (34 KB).
      Extraction time grows faster than length for quote-dense text (100 KB of back-to-back quotes: ~7 s), so a
      long article may still be refused by extract_seconds; this bound keeps the refusal cheap for huge ones.
    json_depth: 64 levels; an article record needs 3 (list > object > list of authors).
    number_digits: 100; Python refuses 4,300 with a ValueError, and no article field needs more than ~20.
    extract_seconds: 30 s, the issue's target for the longest extraction of one article.
    """

    file_bytes: int = 10 * MB
    article_bytes: int = 1 * MB
    json_depth: int = 64
    number_digits: int = 100
    extract_seconds: float = 30.0


class JsonLimit(ValueError):
    """A JSON document past one of Limits' bounds (too deep, a number too long, NaN)."""


class JsonNumber(str):
    """A JSON number as its token was written ('3.5', '007', '1e3'): an id stays exactly as written."""

    def value(self) -> int | float:
        return int(self) if re.fullmatch(r"-?\d+", self) else float(self)


# -- text --------------------------------------------------------------------------------------------------------
_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n"})  # line/paragraph separators, NEL: newlines
_BREAK_CHARS = re.compile("[\u2028\u2029\x85]")
_SURROGATES = re.compile("[\ud800-\udfff]")  # lone or paired: the round trip below joins pairs, replaces the rest
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Cc less \t and \n (\r is made \n first)


def clean_text(s: str) -> str:
    """Lone surrogates replaced by U+FFFD (a valid pair joined), line breaks made \\n, NFC, other controls made spaces.

    Controls become spaces, not nothing, so that offsets into the text as written (annotations, citations) hold:
    10 PolNeAR articles carry C1 controls from mis-decoded text."""
    if not s.isascii():
        if _SURROGATES.search(s):
            s = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        if _BREAK_CHARS.search(s):  # translate walks every character: 0.1 s over the BBC corpus's 644 non-ASCII texts
            s = s.translate(_BREAKS)
        if not unicodedata.is_normalized("NFC", s):
            s = unicodedata.normalize("NFC", s)
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub(" ", s)


def clean_value(v):
    """Every string inside a JSON value cleaned; numbers back to numbers (their length was bounded on parsing)."""
    if isinstance(v, JsonNumber):
        return v.value()
    if isinstance(v, str):
        return clean_text(v)
    if isinstance(v, list):
        return [clean_value(x) for x in v]
    if isinstance(v, dict):
        return {clean_text(str(k)): clean_value(x) for k, x in v.items()}
    return v


# -- JSON --------------------------------------------------------------------------------------------------------
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"')
_BRACKET = re.compile(r"[\[\]{}]")


def _depth_ok(raw: str, most: int) -> None:
    if raw.count("[") + raw.count("{") <= most:
        return
    depth = 0
    for m in _BRACKET.finditer(_STRING.sub("", raw)):
        depth += 1 if m.group() in "[{" else -1
        if depth > most:
            raise JsonLimit(f"JSON nested deeper than {most} levels")


def parse_json(raw: str, limits: Limits) -> object:
    """json.loads with bounds: depth, digits per number, no NaN/Infinity; numbers kept as JsonNumber (their text).
    Raises JsonLimit (past a bound) or json.JSONDecodeError (not JSON)."""
    _depth_ok(raw, limits.json_depth)

    def number(token: str) -> JsonNumber:
        digits = sum(c.isdigit() for c in token)
        if digits > limits.number_digits:
            raise JsonLimit(f"a number of {digits:,} digits (more than {limits.number_digits})")
        return JsonNumber(token)

    def constant(token: str):
        raise JsonLimit(f"{token} is not a JSON number")

    try:
        return json.loads(raw, parse_int=number, parse_float=number, parse_constant=constant)
    except RecursionError:  # below the depth bound only if Python's own stack is smaller: still refused by name
        raise JsonLimit("JSON nested too deeply") from None


# -- fields ------------------------------------------------------------------------------------------------------
def text_field(path, rec: dict, key: str, line: int | None) -> str:
    """A record's field as text: a string, or a number as written; absent or null is ''; a list, object or
    true/false is refused by name."""
    v = rec.get(key)
    if v is None:
        return ""
    if isinstance(v, str):  # JsonNumber included: its token text
        return clean_text(v)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    kind = {bool: "true/false", list: "a list", dict: "an object"}.get(type(v), type(v).__name__)
    raise ArticleError(path, f"field {key!r} must be text, not {kind}", line)


def id_field(path, rec: dict, line: int | None) -> str:
    """The id exactly as the file writes it: a string, or a number's own token ("3.5" and 3.5 are the same id,
    "3.50" is another; a CSV cell is already its text)."""
    return text_field(path, rec, "id", line).strip()


# -- the article as a whole --------------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W\d_]{2,}")
_LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters: counted by run, not one match a letter


def real_text(text: str) -> str:
    """'' when `text` reads as an article's words: a word of two letters or more, and letters at least a quarter of
    the characters that aren't spaces (prose is ~80 %, a results table ~40 %); else why not."""
    sample = text[:20_000]
    solid = len("".join(sample.split()))
    letters = sum(map(len, _LETTERS.findall(sample)))
    if not _WORD.search(sample) or letters * 4 < solid:
        return f"too little text to be an article ({letters} letter{'' if letters == 1 else 's'} in {solid} characters)"
    return ""


def checked(a, limits: Limits):
    """The Article with every string cleaned, or ArticleError: text longer than the limit, or not real text."""
    size = len(a.text.encode("utf-8", "surrogatepass"))
    line = a.line
    if size > limits.article_bytes:
        raise ArticleError(a.path, f"text longer than {limits.article_bytes / MB:g} MB ({size / MB:.1f} MB): split "
                                   "it or raise WHOSAID_MAX_ARTICLE_MB", line)
    text = clean_text(a.text)
    why = real_text(text)
    if why:
        raise ArticleError(a.path, why, line)
    extra = clean_value(dict(a.extra or {}))
    if text != a.text and isinstance(extra.get("page_starts"), list):  # a PDF's page offsets, in the cleaned text
        extra["page_starts"] = [len(clean_text(a.text[:s])) for s in extra["page_starts"] if isinstance(s, int)]
    return replace(a, id=clean_text(a.id), title=clean_text(a.title), text=text, source=clean_text(a.source),
                   date=clean_text(a.date), url=clean_text(a.url), place=clean_text(a.place),
                   path=shown_path(a.path), extra=extra)
