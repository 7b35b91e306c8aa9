"""Articles from web addresses the user gave: fetched with httpx (bounded in time, size and redirects), then read."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass

from .errors import ArticleError
from .formats import Article, read_bytes
from .formats.base import MissingExtra, need
from .formats.feed import looks_like_feed

__all__ = ["is_url", "fetch", "load_url", "follow_link", "Page", "LIMIT", "TIMEOUT", "MAX_REDIRECTS"]

LIMIT = 20 * 1024 * 1024  # bytes: larger than any article page or PDF worth indexing
TIMEOUT = 20.0  # seconds to connect, and between two reads; a whole fetch gets 3 times that
MAX_REDIRECTS = 5
_AGENT = "whosaid/0.1 (+article indexer; fetches only the addresses its user gives)"

_KINDS = {
    "text/html": "html", "application/xhtml+xml": "html", "application/rss+xml": "feed",
    "application/atom+xml": "feed", "application/rdf+xml": "feed", "application/xml": "xml", "text/xml": "xml",
    "application/pdf": "pdf", "text/plain": "text", "text/markdown": "text", "application/json": "json",
    "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "text/csv": "csv",
}


def is_url(value) -> bool:
    return isinstance(value, str) and re.match(r"https?://[^\s/]+", value, re.I) is not None


@dataclass
class Page:
    url: str  # where it was found, after redirects
    data: bytes
    content_type: str  # the media type alone: "text/html"


def _read(response, url: str, limit: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ArticleError(url, f"too large ({int(declared):,} bytes; the limit is {limit:,})")
    data = bytearray()
    for chunk in response.iter_bytes():
        data += chunk
        if len(data) > limit:
            raise ArticleError(url, f"too large (over {limit:,} bytes)")
        if time.monotonic() > deadline:
            raise ArticleError(url, "too slow (the page did not arrive in time)")
    return bytes(data)


def fetch(url: str, limit: int = LIMIT, timeout: float = TIMEOUT, max_redirects: int = MAX_REDIRECTS) -> Page:
    """GET `url`: an ArticleError naming it for a timeout, an HTTP error, too many redirects, a body over `limit`
    bytes, or a content type that holds no article."""
    httpx = need("httpx", "fetch web pages")
    try:
        with httpx.Client(follow_redirects=True, max_redirects=max_redirects, timeout=timeout,
                          headers={"User-Agent": _AGENT}) as client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise ArticleError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind not in _KINDS:
                raise ArticleError(url, f"content type {kind or 'unknown'} holds no article "
                                        "(expected a web page, a feed, a PDF, text, JSON or CSV)")
            return Page(str(response.url), _read(response, url, limit, time.monotonic() + 3 * timeout), kind)
    except httpx.TooManyRedirects:
        raise ArticleError(url, f"more than {max_redirects} redirects") from None
    except httpx.TimeoutException:
        raise ArticleError(url, f"timed out (no answer within {timeout:g} s)") from None
    except httpx.HTTPError as e:
        raise ArticleError(url, f"can't be fetched ({type(e).__name__}: {e})") from None


def _kind(page: Page) -> str:
    kind = _KINDS[page.content_type]
    if kind == "xml":
        return "feed" if looks_like_feed(page.data) else "html"
    if kind == "html" and looks_like_feed(page.data):
        return "feed"  # a feed served as text/html
    return kind


def follow_link(link: str) -> Article:
    """The article on the page a feed entry links to."""
    articles, problems = load_url(link)
    if not articles:
        raise problems[0] if problems else ArticleError(link, "no article on the page")
    return articles[0]


def load_url(url: str, follow: bool = False) -> tuple[list[Article], list[ArticleError]]:
    """The articles at `url` (a page, a feed, with `follow` each entry's page too, a PDF, a text or data file)."""
    try:
        page = fetch(url)
    except ArticleError as e:
        return [], [e]
    except MissingExtra as e:
        return [], [ArticleError(url, str(e))]
    articles, problems = read_bytes(url, page.data, _kind(page), url=page.url,
                                    follow=follow_link if follow else None)
    for a in articles:
        a.url = a.url or page.url
    return articles, problems
