"""PDF articles through pypdf: the text page by page, with where each page starts, so citations give "p. 3"."""
from __future__ import annotations

import io
import re
from pathlib import Path

from ..errors import ArticleError
from .base import Article, content_id, need, one_article
from .dates import iso_date, parse_dateline

__all__ = ["read", "parse", "unwrap"]

_END = re.compile(r"[.!?:;”\"’']\s*$")


def unwrap(page: str) -> str:
    """A page's lines joined into paragraphs: a line break inside a sentence would end it for the chunker.

    A line ends a paragraph when it is blank, clearly shorter than the page's longest (a paragraph's last line,
    a heading), or ends a sentence a little short of it; a word hyphenated across lines is joined."""
    lines = [ln.rstrip() for ln in page.splitlines()]
    full = max((len(ln) for ln in lines), default=0)
    out: list[str] = []
    for ln in lines:
        if not ln.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        if out and out[-1] != "":
            prev = out[-1]
            if prev.endswith("-") and prev[-2:-1].isalpha() and ln[:1].islower():
                out[-1] = prev[:-1] + ln.strip()
                continue
            if len(prev) >= 0.7 * full and not (_END.search(prev) and len(prev) < 0.9 * full):
                out[-1] = prev + " " + ln.strip()
                continue
        out.append(ln.strip())
    return "\n\n".join(p for p in out if p)


def _pages(reader) -> tuple[str, list[int]]:
    """The whole text, and the offset where each page's text begins."""
    text, starts = "", []
    for page in reader.pages:
        body = unwrap(page.extract_text() or "")
        if text and body:
            text += "\n\n"
        starts.append(len(text))
        text += body
    return text, starts


def _meta(reader) -> tuple[str, str]:
    info = reader.metadata or {}
    title = str(info.get("/Title") or "").strip()
    try:
        made = reader.metadata.creation_date if reader.metadata else None
    except (ValueError, TypeError):
        made = None
    return title, made.strftime("%Y-%m-%d") if made else ""


def parse(origin: str | Path, data: bytes, url: str = "") -> Article:
    pypdf = need("pypdf", "read PDF")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ArticleError(origin, "encrypted PDF")
        text, starts = _pages(reader)
        title, made = _meta(reader)
    except pypdf.errors.PyPdfError as e:
        raise ArticleError(origin, f"not a readable PDF ({e})") from None
    if not text.strip():
        raise ArticleError(origin, "no text in the PDF (a scan needs OCR first)")
    first, _, rest = text.partition("\n\n")
    place, dateline_date = parse_dateline(text) if parse_dateline(text)[0] else parse_dateline(rest)
    return Article(id=content_id(text), title=title or first[:80], text=text, date=dateline_date or iso_date(made),
                   url=url, place=place, path=str(origin), extra={"page_starts": starts})


read = one_article(parse)  # one file, one article
