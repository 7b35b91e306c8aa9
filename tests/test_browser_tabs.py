"""The Speakers, Quotes and Library tabs in a real browser, and the page on a phone (390×844, no sideways scroll)."""
from __future__ import annotations

import csv
import io
import shutil
import urllib.request

import pytest

from index import Store
from tests.browser import Page
from tests.test_browser import (PUTIN, chat_home, chat_url, listener, need_chromium, page,  # noqa: F401
                                start_chat, stop_chat)

pytestmark = pytest.mark.browser

NEW_ARTICLE = ("Harbour Lights Return to Bramwick\n\nBRAMWICK, June 9 — The harbour lights will shine again this "
               "summer after a two-year repair. “We have waited long enough for this, and the whole town will see "
               "it on Saturday,” said harbourmaster Oskar Lindqvist.\n")


def test_speakers_tab_lists_tikhy_shows_his_statement_and_asks_about_him(page):
    page.tab("Speakers")
    page.wait_css("#speakers-table [role=gridcell]", "Agathe Mollrey")
    page.type("#speaker-search textarea", "tikhy")
    page.wait_css("#speakers-table [role=gridcell]", "Georgy Tikhy").click()
    said = page.wait_css("#speaker-statements .st", "Coalition of the willing")
    assert "negotiations about deploying international forces" in " ".join(m.text for m in page.css("mark.quote", said))
    assert "Tikhy" in " ".join(s.text for s in page.css(".speaker", said))
    page.shot("speakers")
    page.wait_css("#speaker-ask", "What did Georgy Tikhy say?").click()
    page.last_answer(0, "Georgy Tikhy")
    assert page.css("button[role=tab][aria-selected=true]")[0].text == "Ask"


def _exported(page, name: str) -> list[dict]:
    link = page.wait_css(f"#quotes-export a[download='{name}']")
    with urllib.request.urlopen(link.get_attribute("href"), timeout=60) as r:
        return list(csv.DictReader(io.StringIO(r.read().decode("utf-8"))))


def test_quotes_tab_filters_and_exports_a_csv_whose_rows_match_the_index(page, chat_home):
    page.tab("Quotes")
    page.wait_css("#quotes-note", "statements")
    page.type("#quotes-speaker textarea", "mollrey", enter=True)
    page.wait_css("#quotes-note", "3 statements")
    cells = [c.text for c in page.css("#quotes-table [role=gridcell]")]
    assert "Agathe Mollrey" in cells and "Henrike Dallow" not in cells
    page.shot("quotes")
    page.css("#export-csv")[0].click()
    rows = _exported(page, "whosaid-quotes.csv")
    records = {r["id"]: r for r in Store(chat_home).every("quotes")}
    wanted = {i for i, r in records.items() if "mollrey" in (r["metadata"]["speaker_name"] or "").lower()}
    assert {r["id"] for r in rows} == wanted and len(rows) == 3
    for row in rows:
        m = records[row["id"]]["metadata"]
        assert row["words"] == records[row["id"]]["document"] and row["article_id"] == m["article_id"]
        assert (row["speaker"], row["role"], row["cue"], row["kind"], row["article"], row["date"], row["source"]) == \
            (m["speaker_name"], m["speaker_role"], m["cue"], m["kind"], m["title"], m["date"], m["source"])
    page.type("#quotes-source textarea", "Whosaid Sample Wire")
    page.type("#quotes-speaker textarea", "", enter=False)
    page.type("#quotes-since textarea", "2025-06-01")
    page.type("#quotes-until textarea", "2025-06-30")
    page.type("#quotes-text textarea", "strike", enter=True)
    page.wait(lambda: page.css("#quotes-table [role=gridcell]") and all(
        "strike" in r.text.lower() for r in page.css("#quotes-table [role=row]")[1:]))
    page.wait_css("#quotes-note", "statement")


PROGRESS_WATCH = """window.__progress = [];
new MutationObserver(function () {
  document.querySelectorAll('.progress-text, .progress-level-inner, .meta-text, .eta-bar').forEach(function (e) {
    var t = (e.textContent || '').trim(); if (t && window.__progress.indexOf(t) < 0) window.__progress.push(t);
  });
}).observe(document.body, {subtree: true, childList: true, characterData: true});"""


@pytest.fixture
def library_url(sample_home, tmp_path):
    """A chat over a copy of the sample index, for the tests that change it."""
    need_chromium()
    home = tmp_path / "home"
    shutil.copytree(sample_home, home)
    proc, url = start_chat(home)
    yield url
    stop_chat(proc)


def test_library_adds_a_file_with_progress_lists_refusals_and_removes_it(library_url, tmp_path):
    files = tmp_path / "upload"
    files.mkdir()
    (files / "harbour-lights.txt").write_text(NEW_ARTICLE)
    (files / "notes.bin").write_bytes(b"\x00\x01 not an article")
    (files / "empty.txt").write_text("")
    page = Page(library_url)
    try:
        page.tab("Library")
        page.wait_css("#library-table [role=gridcell]", "Coalition of the willing")
        page.css("#library-files input[type=file]")[0].send_keys("\n".join(str(p) for p in sorted(files.iterdir())))
        for name in ("harbour-lights.txt", "notes.bin", "empty.txt"):
            page.wait_css(f"#library-files td.filename[aria-label='{name}']")
        page.js(PROGRESS_WATCH)
        page.css("#library-add")[0].click()
        report = page.wait_css("#library-report", "Indexed 1 new")
        assert "notes.bin: not an article file" in report.text and "empty.txt: empty file" in report.text
        seen = page.js("return window.__progress")  # the rebuild's tqdm bar, as Gradio showed it
        assert any(t.startswith("Indexing") for t in seen), seen
        page.wait_css("#library-table [role=gridcell]", "Harbour Lights Return to Bramwick")
        page.shot("library")
        page.wait_css("#library-table [role=gridcell]", "Harbour Lights Return to Bramwick").click()
        page.wait(lambda: page.css("#library-remove-id textarea")[0].get_attribute("value").startswith("a-"))
        page.css("#library-remove")[0].click()
        page.wait_css("#library-report", "Removed a-")
        page.wait(lambda: "Harbour Lights" not in page.css("#library-table")[0].text)
        page.assert_clean()
    finally:
        page.close()


def test_a_phone_scrolls_no_tab_sideways(chat_url, listener):
    page = Page(chat_url)
    try:
        page.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        page.open()
        page.ask(PUTIN, "Vladimir Putin")
        page.wait_css("#sources-panel #src-0-1")
        for tab, ready in (("Ask", "#sources-panel #src-0-1"), ("Speakers", "#speakers-table [role=gridcell]"),
                           ("Quotes", "#quotes-table [role=gridcell]"), ("Library", "#library-table [role=gridcell]")):
            page.tab(tab)
            page.wait_css(ready)
            width = page.js("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert width[0] <= width[1], (tab, width)
            page.shot(f"phone-{tab.lower()}")
        page.assert_clean(listener)
    finally:
        page.close()
