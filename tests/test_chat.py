"""The Gradio chat: answers with escaped, highlighted sources; errors shown in the chat; the page serves offline;
the page's pieces (question checks, the sources panel, exports, the library) without a browser."""
import csv
import json
import shutil
import socket
import urllib.request

import pytest

from app.chat import chat_turn, respond, run_chat
from app.models import Answer, Attribution, Citation
from app.page.guard import MAX_CHARS, not_english
from app.render import answer_bubble, sources_panel
from index import Store, rebuild
from tests.conftest import ROOT


def test_answer_with_sources_and_highlight(sample_home):
    html = respond("Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?", [],
                   home=sample_home)
    assert "Vladimir Putin" in html and "Sources" in html
    assert "<mark class=\"quote\">NATO troops stationed in Ukraine would be considered legitimate targets" in html


def test_article_html_is_shown_as_text(tmp_path, embedder):
    d = tmp_path / "a"
    d.mkdir()
    (d / "x.txt").write_text("Script Night\n\nBRAMWICK, May 4 — <script>alert('x')</script> The festival was calm. "
                             "Organiser Pia Wen said that <b>tickets</b> sold out in an hour.\n")
    rebuild([d], Store(tmp_path / "h"), embedder)
    html = respond("Who said that tickets sold out in an hour?", [], home=tmp_path / "h")
    assert "Pia Wen" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>tickets</b>" not in html


def test_no_index_is_shown_in_the_chat(tmp_path):
    html = respond("Who said anything?", [], home=tmp_path / "none")
    assert "No index at" in html and "whosaid index rebuild PATH" in html


def test_page_serves_without_web_fonts(sample_home):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = run_chat(sample_home, "127.0.0.1", port, block=False)
    try:
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read().decode()
        assert "whosaid" in page
        assert "fonts.googleapis.com" not in page
    finally:
        demo.close()


def test_whosaid_chat_says_ready_only_once_it_answers(sample_home, tmp_path):
    """The CLI prints the URL after the model and the index are loaded, and the page is served by then."""
    import subprocess
    import sys

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "--home", str(sample_home), "chat", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
                            env={**__import__("os").environ, "GRADIO_ANALYTICS_ENABLED": "False"})
    try:
        first = proc.stdout.readline()
        assert "loading the model and the index" in first
        ready = proc.stdout.readline()
        assert f"ready on http://127.0.0.1:{port}" in ready
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read().decode()
        assert "whosaid" in page
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# -- the page's pieces (issue 15) ------------------------------------------------------------------------------------

PUTIN = "Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?"
PAYLOAD = ("<script>alert(1)</script> <img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">x</a> "
           "![t](http://example.invalid/t.png) Ada said “it </mark> works <b>now</b>”.")


def _answer(passage=PAYLOAD, url="javascript:alert(4)", quote="it </mark> works <b>now</b>"):
    c = Citation(1, "a-x", "<i>Title</i>", "src<script>", "2024-01-02", url, passage, 100, 100 + len(passage))
    t = Attribution("Ada", "Ada <b>Lane</b>", quote, "said <u>", [1], speaker_role="<em>mayor</em>")
    return Answer("Ada <b>said</b> it works [1]. <img src=y onerror=alert(5)>", True, [c], [t], question="q")


def test_the_panel_and_the_bubble_show_article_text_as_text():
    a = _answer()
    shown = sources_panel(a, [], 3) + answer_bubble(a, 3, "extractive answer") + respond_html(a)
    for raw in ("<script", "<img", "<b>now", "<b>said", "<b>Lane", "<i>", "<u>", "<em>", "href=\"javascript",
                "</mark> works"):
        assert raw not in shown, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "&lt;/mark&gt;" in shown and "![t](" in shown
    assert '<mark class="quote">it &lt;/mark&gt; works &lt;b&gt;now&lt;/b&gt;</mark>' in shown
    assert '<span class="cite" title="show source 1">[1]</span>' in answer_bubble(a, 3)
    assert 'id="src-3-1"' in shown and "<a " not in sources_panel(a, [], 3)
    assert '<a href="https://example.org/a?x=1&amp;y=&quot;2&quot;"' in sources_panel(
        _answer(url='https://example.org/a?x=1&y="2"'))


def respond_html(a):
    from app.render import answer_html

    return answer_html(a)


def test_a_split_quote_is_highlighted_in_every_piece(sample_home):
    html = respond("Who said the results are clear and they will publish every patient-level table?", [],
                   home=sample_home)
    assert "Miriam Soutar" in html
    assert '<mark class="quote">The results are clear,</mark>' in html
    assert '<mark class="quote">and we will publish every patient-level table at the Northmarch' in html
    assert '<span class="speaker">Soutar</span> <span class="cue">said</span>' in html


def test_empty_input_is_ignored_by_the_page_and_answered_with_a_hint_by_respond(sample_home):
    from app.page.ask_tab import page_turn

    assert "Ask who said something" in respond("   ", [], home=sample_home)
    out = list(page_turn("  ", [], [], "extractive", "", "", "", "", home=sample_home))
    assert out == [({"__type__": "update"},) * 4]  # gr.skip() for every output: no bubble, nothing kept


def test_a_question_in_another_language_is_told_english(sample_home):
    html = respond("Qui a dit que les troupes de l'OTAN seraient des cibles légitimes ?", [], home=sample_home)
    assert "whosaid answers questions in English" in html
    assert not_english("¿Quién dijo que el puente podría fallar?") and not_english("Кто сказал, что?")
    assert not not_english(PUTIN) and not not_english("Putin?")
    for f in (ROOT / "tests" / "questions").glob("*.jsonl"):  # no question of ours is taken for another language
        assert not [q for q in map(json.loads, f.read_text().splitlines()) if not_english(q["question"])]


def test_a_question_over_2000_characters_is_refused(sample_home):
    html = respond("Who said " + "very " * (MAX_CHARS // 5), [], home=sample_home)
    assert "up to 2,000 characters" in html and "Sources" not in html


def test_llm_asked_for_but_not_configured_says_so_and_answers_extractively(sample_home):
    html = respond(PUTIN, [], home=sample_home, answerer="llm")
    assert "No language model is configured" in html and "could not connect" not in html.lower()
    assert "Vladimir Putin" in html


def test_the_page_turn_keeps_answers_for_follow_ups_and_shows_the_question_as_text(sample_home):
    from app.page.ask_tab import page_turn

    *_, (messages, panel, _, kept) = page_turn("What did Georgy Tikhy say?", [], [], "extractive", "", "", "", "",
                                               home=sample_home)
    assert 'id="src-0-1"' in panel and "negotiations about deploying" in panel and kept[0][1]["found"]
    json.dumps(kept)  # kept in the browser's storage as JSON
    *_, (messages, panel, _, kept) = page_turn("What else did he say? <b>x</b>", messages, kept, "extractive",
                                               "", "", "", "", home=sample_home)
    assert messages[2]["content"] == "What else did he say? &lt;b&gt;x&lt;/b&gt;"
    assert "Georgy Tikhy" in messages[3]["content"] and 'class="answer t-1"' in messages[3]["content"]
    assert len(messages) == 4 and len(kept) == 2


def test_chat_turn_still_keeps_answer_objects(sample_home):
    *_, (shown, kept) = chat_turn(PUTIN, [], [], home=sample_home)
    assert "Vladimir Putin" in shown and isinstance(kept[0][1], Answer)


def _index_rows(home, who: str) -> dict:
    return {r["id"]: r for r in Store(home).every("quotes") if who in (r["metadata"]["speaker_name"] or "").lower()}


def test_exported_csv_and_json_rows_match_the_index(sample_home, tmp_path):
    from app.ask import open_store
    from app.page.quotes_tab import export_quotes, filter_quotes, quote_rows
    from app.page.records import records_of

    rows = filter_quotes(quote_rows(records_of(open_store(sample_home))), speaker="mollrey")
    want = _index_rows(sample_home, "mollrey")
    with export_quotes(rows, "csv", tmp_path).open(newline="", encoding="utf-8") as f:
        from_csv = list(csv.DictReader(f))
    from_json = json.loads(export_quotes(rows, "json", tmp_path).read_text())
    for got in (from_csv, from_json):
        assert sorted(r["id"] for r in got) == sorted(want) and len(got) == 3
        for r in got:
            m = want[r["id"]]["metadata"]
            assert (r["speaker"], r["role"], r["cue"], r["words"], r["kind"], r["article"], r["date"], r["source"],
                    r["article_id"]) == (m["speaker_name"], m["speaker_role"], m["cue"], want[r["id"]]["document"],
                                         m["kind"], m["title"], m["date"], m["source"], m["article_id"])
    dated = quote_rows(records_of(open_store(sample_home)))
    june = filter_quotes(dated, source="whosaid sample wire", since="2025-06-01", until="2025-06-30", text="strike")
    assert june and all("strike" in r["words"].lower() and r["day"] == 20250612 for r in june)
    with pytest.raises(Exception, match="date like"):
        filter_quotes(dated, since="June")


def test_speakers_and_their_statements(sample_home):
    from app.ask import open_store
    from app.page.records import records_of
    from app.page.speakers_tab import question_about, speaker_rows, statements_html

    records = records_of(open_store(sample_home))
    assert [r[0] for r in speaker_rows(records, "TIKHY")] == ["Georgy Tikhy"]
    html = statements_html(records, "Georgy Tikhy")
    assert "1 statement" in html and '<mark class="quote">negotiations about deploying' in html
    assert question_about("Georgy Tikhy", " the coalition? ") == "What did Georgy Tikhy say about the coalition?"


def test_library_adds_files_lists_refusals_and_removes(sample_home, tmp_path):
    from app.page.library_tab import add_articles, article_rows, remove_article
    from app.page.records import Records

    home = tmp_path / "home"
    shutil.copytree(sample_home, home)
    store = Store(home)
    up = tmp_path / "up"
    up.mkdir()
    (up / "lights.txt").write_text("Harbour Lights Return\n\nBRAMWICK, June 9 — “We have waited long enough for "
                                   "this, and the whole town will see it,” said harbourmaster Oskar Lindqvist.\n")
    (up / "notes.bin").write_bytes(b"\x00\x01")
    (up / "empty.txt").write_text("")
    report = add_articles(sorted(str(p) for p in up.iterdir()), store)
    assert "Indexed 1 new" in report and "holds 6 articles" in report
    assert "<b>notes.bin</b>: not an article file" in report and "<b>empty.txt</b>: empty file" in report
    rows = article_rows(Records(store))
    new = next(r for r in rows if r[1] == "Harbour Lights Return")
    assert (home / "library" / "lights.txt").exists()
    assert "Not indexed" in add_articles([str(up / "notes.bin")], store)
    assert "Indexed 1 new" in _add_served(store, tmp_path)
    assert f"Removed {new[0]}" in remove_article(new[0], store)
    assert "No article" in remove_article("a-nothing", store)
    assert all(r[0] != new[0] for r in article_rows(Records(store)))


def _add_served(store, tmp_path) -> str:
    """An article added by its web address (served on 127.0.0.1: nothing leaves the machine)."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from app.page.library_tab import add_articles

    site = tmp_path / "site"
    site.mkdir()
    (site / "story.txt").write_text("Ferry Fares Rise\n\nBRAMWICK, July 1 — “Nobody asked the islanders about "
                                    "this increase at all,” said councillor Maren Holt.\n")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        return add_articles([], store, urls=f"http://127.0.0.1:{server.server_port}/story.txt\n")
    finally:
        server.shutdown()
        server.server_close()


def test_the_page_streams_an_llm_answer_and_names_the_model(sample_home, llm_server, monkeypatch):
    from app.page.ask_tab import page_turn
    from app.page.guard import llm_state
    from app.config import load_config

    monkeypatch.setenv("OPENAI_BASE_URL", llm_server.url)
    monkeypatch.setenv("WHOSAID_LLM_MODEL", "scripted-model")
    llm_server.replies = ['Russian President Vladimir Putin warned that such troops would be "legitimate targets '
                          'for the Russian military" [1].']
    assert llm_state(load_config(home=sample_home)) == f"scripted-model at {llm_server.url}"
    shown = [m[-1]["content"] for m, *_ in page_turn(PUTIN, [], [], "llm", "", "", "", "", home=sample_home)
             if isinstance(m, list)]
    growing = [s for s in shown if s.startswith("<div>")]
    assert len(growing) >= 3 and all(len(a) < len(b) for a, b in zip(growing, growing[1:]))  # token by token
    assert 'class="answer t-0"' in shown[-1] and "llm answer · no filters" in shown[-1]
    assert '<span class="cite" title="show source 1">[1]</span>' in shown[-1]


def test_the_chat_takes_the_configured_question_length():
    from app.config import Config
    from app.page.guard import check

    refusal = check("Who said " + "very " * 20 + "much?", None, Config(home="unused", max_question_chars=40)).refusal
    assert "up to 40 characters" in refusal
