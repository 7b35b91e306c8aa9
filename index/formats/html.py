"""Web pages, saved or fetched: the main text and its title, author, date and address, through trafilatura."""
from __future__ import annotations

from pathlib import Path

from ..errors import ArticleError
from .base import Article, content_id, need, one_article, url_id
from .dates import iso_date, parse_dateline

__all__ = ["read", "parse"]


def _text(doc: dict, title: str) -> str:
    """The extracted paragraphs, without the headline the page repeats above the story."""
    text = (doc.get("text") or "").strip()
    head, _, rest = text.partition("\n")
    if title and head.strip() == title.strip() and rest.strip():
        text = rest.strip()
    return text


def parse(origin: str | Path, page: bytes | str, url: str = "") -> Article:
    """One page as an Article (navigation, footers and scripts dropped; the story's own characters kept).

    `origin` names the page in errors (its file or address); `url`, where it was fetched from, is the article's
    address unless the page names a canonical one."""
    trafilatura = need("trafilatura", "read HTML")
    found = trafilatura.bare_extraction(page, url=url or None, with_metadata=True, include_comments=False,
                                        date_extraction_params={"original_date": True})
    if found is None:
        raise ArticleError(origin, "no article text found in the page")
    doc = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    title = (doc.get("title") or "").strip()
    text = _text(doc, title)
    if not text:
        raise ArticleError(origin, "no article text found in the page")
    place, dateline_date = parse_dateline(text)
    address = (doc.get("url") or url or "").strip()
    extra = {"author": doc["author"]} if doc.get("author") else {}
    return Article(id=url_id(address) if address else content_id(text), title=title or text.splitlines()[0][:80],
                   text=text, source=(doc.get("sitename") or "").strip(),
                   date=iso_date(doc.get("date") or "") or dateline_date, url=address, place=place,
                   path=str(origin), extra=extra)


read = one_article(parse)  # one file, one article
