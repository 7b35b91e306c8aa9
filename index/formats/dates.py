"""Dates as the sources write them, made ISO 8601 (YYYY-MM-DD) where a year is given; datelines read."""
from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

__all__ = ["iso_date", "parse_dateline", "with_year"]

_MONTH = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'’\- ]+(?:,\s*[A-Z][A-Za-z.'’\- ]+)?),\s+" + _MONTH + r"\s+(?P<day>\d{1,2})"
    r"(?:,\s*(?P<year>\d{4}))?\s*(?:\([^)]*\)\s*)?[—–-]{1,2}\s"
)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_MONTH_FIRST = re.compile(r"^" + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b",
                          re.I)
_DAY_FIRST = re.compile(r"^" + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b",
                        re.I)
_NUMERIC = re.compile(r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:$|[T\s])")


def _ymd(year: int, month: int, day: int) -> str:
    try:
        return datetime(year, month, day).strftime("%Y-%m-%d")
    except ValueError:
        return ""


def iso_date(value: str) -> str:
    """'October 4, 2016', '4 Oct 2016', '2016-10-04T12:00:00Z', 'Tue, 04 Oct 2016 12:00:00 GMT', '2016/10/04'
    -> '2016-10-04'; a date without a year, or one not understood, is returned as written."""
    text = (value or "").strip()
    if not text:
        return ""
    m = _NUMERIC.match(text)
    if m:
        return _ymd(int(m["year"]), int(m["month"]), int(m["day"])) or text
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        m = pattern.match(text)
        if m:
            return _ymd(int(m["year"]), _MONTHS[m["month"][:3].lower()], int(m["day"])) or text
    try:
        return parsedate_to_datetime(text).strftime("%Y-%m-%d")  # RFC 2822, as feeds and mail write it
    except (TypeError, ValueError, IndexError):
        return text


def parse_dateline(text: str) -> tuple[str, str]:
    """'MOSCOW, September 5 — ...' gives ('Moscow', 'September 5'); with a year, an ISO date."""
    m = _DATELINE.match(text)
    if not m:
        return "", ""
    place = m["place"].strip().title()
    month, day = m["month"], int(m["day"])
    if m["year"]:
        return place, _ymd(int(m["year"]), _MONTHS[month[:3].lower()], day) or f"{month} {day}, {m['year']}"
    return place, f"{month} {day}"


def with_year(dateline_date: str, known: str) -> str:
    """A dateline's 'September 5' with the year of `known` (the file's metadata: an ISO date, or a year):
    '2016-09-05'. A December dateline on a January date is the year before. Without a usable `known`, as written."""
    m = re.match(_MONTH + r"\s+(?P<day>\d{1,2})$", dateline_date or "")
    y = re.match(r"(\d{4})(?:-(\d{2}))?", known or "")
    if not m or not y:
        return dateline_date
    month, year = _MONTHS[m["month"][:3].lower()], int(y[1])
    if month == 12 and y[2] == "01":
        year -= 1
    return _ymd(year, month, int(m["day"])) or dateline_date
