"""Article payloads through the chat's HTML in a real browser (Debian's chromium, driven by selenium, as the browser
tests do): each payload sits in an article's quote and passage; its question is asked, and nothing may run or load
(`window.__xss` never set, no alert, no request to the payload server, none leaving 127.0.0.1).
Usage: bench/stress/xss.py [--articles 10]"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import main_of, ROOT, Tally, rebuild, start_chat, stop  # noqa: E402
from corpus import write_corpus  # noqa: E402

# (kind, payload with {L} for the listener's address). Each must neither run nor load.
PAYLOADS = [  # attributes in single quotes: a straight double quote would end the statement's quotation
    ("script", "<script>window.__xss=1;alert('script')</script>"),
    ("img onerror", "<img src=x onerror='window.__xss=1;alert(1)'>"),
    ("svg onload", "<svg onload='window.__xss=1'><circle r=5 /></svg>"),
    ("iframe", "<iframe src='{L}/frame' onload='window.__xss=1'></iframe>"),
    ("style", "<style>@import url({L}/style.css); body {{ background: url({L}/bg.png) }}</style>"),
    ("meta refresh", "<meta http-equiv='refresh' content='0;url={L}/meta'>"),
    ("base", "<base href='{L}/base/'><img src='relative.png'>"),
    ("object", "<object data='{L}/object'></object><embed src='{L}/embed'>"),
    ("javascript: link", "<a href='javascript:window.__xss=1'>open the report</a>"),
    ("markdown links", "[the report](javascript:window.__xss=1) ![chart]({L}/md.png) [site]({L}/md-link)"),
    ("</mark>", "</mark><img src='{L}/mark.png'><mark>"),
]
SPEAKERS = ["Halldora Pennick", "Casimir Oduya", "Brennagh Stolt", "Ivo Marchetti-Lund", "Philippa Dravec",
            "Taavi Ormerod", "Lucinda Akerholm", "Benedek Faraway", "Solveig Mbatha", "Quentin Ashgrove",
            "Marisol Tennant"]
ITEMS = ["beetroot", "copper kettles", "wool blankets", "glass floats", "rye bread", "oak barrels", "tin lanterns",
         "linen sails", "clay pipes", "honey jars", "rope ladders"]


def payload_articles(folder: Path, listener: str) -> list[tuple[str, str, str, str]]:
    """One article per payload, the payload inside its quote; returns (kind, payload, speaker, question)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for (kind, raw), who, item in zip(PAYLOADS, SPEAKERS, ITEMS):
        payload = raw.format(L=listener)
        (folder / f"payload-{len(out)}.txt").write_text(
            f"Market news from Skelby\n\nSKELBY, June 3 — Traders met on Monday. “The price of {item} {payload} "
            f"has fallen by half since spring,” said {who}, who runs the harbour market.\n", encoding="utf-8")
        out.append((kind, payload, who, f"Who said the price of {item} had fallen by half?"))
    return out


def run(work: Path, articles: int = 10, only: int | None = None) -> Tally:
    """`only`: ask that many payloads (the fast test asks a few)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("WHOSAID_BROWSER_WAIT", "60")  # an answer not shown by then fails its trial
    from tests.browser import Listener, Page, missing

    tally = Tally("XSS payloads in the browser")
    if missing():
        tally.failures.append(f"not run: {missing()}")
        return tally
    listener = Listener()
    cases = payload_articles(work / "articles" / "payloads", listener.url)[:only]
    write_corpus(work / "articles" / "feed", articles)
    home = work / "home"
    rebuild(home, work / "articles")
    proc, url = start_chat(home)
    page = Page(url)
    try:
        for kind, payload, who, question in cases:
            tally.trial(*_one(page, listener, kind, payload, who, question))
    finally:
        page.close()
        stop(proc)
        listener.close()
    tally.figures = {"payloads": len(cases)}
    return tally


def _one(page, listener, kind: str, payload: str, who: str, question: str) -> tuple[bool, str]:
    try:
        answer = page.ask(question, who)
        panel = page.panel()
        page.collect()
        ran = page.js("return [window.__xss, window.__alerts.length]")
        away = [u for u in page.requests if u.startswith(listener.url) or (urlparse(u).scheme in (
            "http", "https", "ws", "wss", "ftp") and urlparse(u).hostname != "127.0.0.1")]
        live = page.css("script, iframe, object, embed, svg[onload], img[onerror], meta, base, style", panel) + \
            page.css("a[href^='javascript'], img[src^='http']", answer) + page.css("a[href^='javascript']", panel)
        shown = payload.split(">")[0][:20] in panel.text or kind == "markdown links"
        ok = ran == [0, 0] and not listener.hits and not away and not live and shown
        return ok, (f"{kind}: ran {ran}, loaded {listener.hits[:3]}, requests away {away[:3]}, live elements "
                    f"{[e.tag_name for e in live][:3]}, shown as text {shown}")
    except Exception as e:  # noqa: BLE001 - a payload that breaks the page fails its trial
        return False, f"{kind}: {type(e).__name__}: {str(e)[:200]}"


def main() -> int:
    return main_of(run, __doc__, "xss", {"articles": 10}, need_tries=True)


if __name__ == "__main__":
    sys.exit(main())
