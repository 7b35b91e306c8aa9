"""The Gradio chat: answers with escaped, highlighted sources; errors shown in the chat; the page serves offline."""
import socket
import urllib.request

from app.chat import respond, run_chat
from index import Store, rebuild


def test_answer_with_sources_and_highlight(sample_home):
    html = respond("Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?", [],
                   home=sample_home)
    assert "Vladimir Putin" in html and "Sources" in html
    assert "<mark>NATO troops stationed in Ukraine would be considered legitimate targets" in html


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

    from tests.conftest import ROOT

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
