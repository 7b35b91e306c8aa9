"""The chat in a real browser (Debian's chromium, driven by selenium) against a real `whosaid chat` on a free port:
the Ask tab answers with its sources beside it, and nothing an article or a question holds runs or loads."""
from __future__ import annotations

from pathlib import Path

import pytest

from index import Store, rebuild
from tests.browser import Listener, Page, free_port, missing, start_chat, stop_chat  # noqa: F401 (re-exported)
from tests.conftest import ROOT, SAMPLE

pytestmark = pytest.mark.browser

PUTIN = "Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?"


def xss_article(listener: str) -> str:
    """An article whose text holds every payload of the issue (and a statement to ask about)."""
    return (f"Script Night at the Bramwick Festival\n\n"
            f"BRAMWICK, May 4 — <script>window.__xss=1;alert('script')</script> The festival was calm. "
            f"Organiser Pia Wen said that <b>tickets</b> sold out in an hour <img src=x onerror=\"window.__xss=1;"
            f"alert('img')\"> and <img src=\"{listener}/article.png\">.\n\n"
            f"“Prices </mark> rose <mark>fast, and <a href='javascript:alert(3)'>click here</a>,” "
            f"said Ilya Brandt, the festival treasurer. ![tracker]({listener}/markdown.png) "
            f"<iframe src=\"{listener}/frame\"></iframe> <a href=\"http://example.invalid/away\">away</a>\n")


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


def need_chromium() -> None:
    if missing():
        pytest.skip(missing())


@pytest.fixture(scope="module")
def chat_home(tmp_path_factory, embedder, listener) -> Path:
    """An index of the sample articles and one article full of payloads."""
    need_chromium()
    extra = tmp_path_factory.mktemp("xss-articles")
    (extra / "script-night.txt").write_text(xss_article(listener.url))
    home = tmp_path_factory.mktemp("browser-index")
    rebuild([SAMPLE, extra], Store(home), embedder)
    return home


@pytest.fixture(scope="module")
def chat_url(chat_home):
    proc, url = start_chat(chat_home)
    yield url
    stop_chat(proc)


@pytest.fixture
def page(chat_url, listener):
    p = Page(chat_url)
    yield p
    try:
        p.assert_clean(listener)
    finally:
        p.close()


def test_putin_answer_names_him_and_highlights_his_words_in_the_sources_panel(page):
    answer = page.ask(PUTIN, "Vladimir Putin")
    assert "[1]" in [c.text for c in page.css(".cite", answer)]
    source = page.wait_css("#sources-panel #src-0-1")
    marked = " ".join(m.text for m in page.css("mark.quote", source))
    assert "NATO troops stationed in Ukraine would be considered legitimate targets" in marked
    assert "Vladimir Putin" in " ".join(s.text for s in page.css(".speaker", source))
    assert "warned" in " ".join(s.text for s in page.css(".cue", source))
    page.shot("ask")


def test_tikhy_and_a_follow_up_without_an_llm(page):
    answer = page.ask("What did Georgy Tikhy say?", "Georgy Tikhy")
    assert "[1]" in answer.text
    marked = " ".join(m.text for m in page.css("#sources-panel mark.quote"))
    assert "negotiations about deploying international forces" in marked
    answer = page.ask("What else did he say?", "Tikhy")
    assert "Georgy Tikhy" in answer.text
    page.wait_css("#sources-panel .sources[data-turn='1'] .asked", "What else did Georgy Tikhy say?")


def test_a_quote_split_by_its_attribution_is_highlighted_in_all_its_pieces(page):
    page.ask("Who said the results are clear and they will publish every patient-level table?", "Miriam Soutar")
    marks = [m.text for m in page.css("#sources-panel mark.quote")]
    assert any(m.startswith("The results are clear") for m in marks)
    assert any(m.startswith("and we will publish every patient-level table") for m in marks)


def test_an_example_click_sends_and_a_cite_click_scrolls_the_panel(page):
    next(b for b in page.css(".example") if "loaded lorry" in b.text).click()
    page.last_answer(0, "Henrike Dallow")
    answer = page.ask("What did Agathe Mollrey say?", "Agathe Mollrey")
    page.wait_css("#sources-panel #src-1-2")
    panel = page.panel()
    page.js("arguments[0].scrollTop = 0", panel)
    next(c for c in page.css(".cite", answer) if c.text == "[2]").click()
    page.wait(lambda: page.js("var p = arguments[0], s = document.getElementById('src-1-2');"
                              "return Math.abs(s.getBoundingClientRect().top - p.getBoundingClientRect().top) < 40;",
                              panel))
    first = page.css("#chat .answer")[0]  # [1] of the first answer: the panel shows that answer's sources again
    page.css(".cite", first)[0].click()
    page.wait_css("#sources-panel .sources[data-turn='0'] #src-0-1", "Henrike Dallow")


def test_empty_input_is_ignored_and_the_conversation_is_kept_on_reload(page):
    from selenium.webdriver.common.keys import Keys

    page.css("#question textarea")[0].send_keys("   ", Keys.ENTER)
    page.ask(PUTIN, "Vladimir Putin")
    assert len(page.user_messages()) == 1 and len(page.bot_messages()) == 1
    page.open()
    page.wait_css("#chat .answer", "Vladimir Putin")
    page.wait_css("#sources-panel #src-0-1", "Coalition of the willing")
    page.css("#new-conversation")[0].click()
    page.wait(lambda: not page.css("#chat .answer"))
    page.css("#stop")[0].click()  # with nothing streaming: no error, and the next question is answered
    page.ask("What did Georgy Tikhy say?", "Georgy Tikhy")


def test_a_question_is_shown_as_text_and_runs_nothing(page, listener):
    question = (f"<b>bold</b> <img src=x onerror=\"window.__xss=1;alert(1)\"> <img src=\"{listener.url}/q.png\"> "
                f"<script>alert(2)</script> ![t]({listener.url}/q-md.png) Who said the festival was calm?")
    page.ask(question)
    shown = page.user_messages()[-1]
    assert "<b>bold</b>" in shown.text and "<script>alert(2)</script>" in shown.text
    assert not page.css("img, b, script", shown)


def test_article_payloads_are_inert_in_the_answer_the_panel_and_every_tab(page):
    page.ask("Who said that tickets sold out in an hour?", "Pia Wen")
    panel = page.panel()
    assert "<script>window.__xss=1;alert('script')</script>" in panel.text
    assert "onerror=" in panel.text and "</mark>" in panel.text and "![tracker](" in panel.text
    assert not page.css("img, script, iframe", panel) and not page.css("a[href^='javascript']", panel)
    page.ask("Who said prices rose fast?", "Ilya Brandt")
    assert any("</mark>" in m.text for m in page.css("#sources-panel mark.quote"))
    assert not page.css("#sources-panel a")  # the article has no http(s) url: no link, and none from its text
    page.tab("Speakers")
    page.type("#speaker-search textarea", "Brandt")
    page.wait_css("#speakers-table [role=gridcell]", "Ilya Brandt").click()
    said = page.wait_css("#speaker-statements .st", "click here")
    assert not page.css("img, script, iframe, a", said)
    page.tab("Quotes")
    page.type("#quotes-speaker textarea", "Brandt", enter=True)
    page.wait_css("#quotes-table [role=gridcell]", "click here")
    assert not page.css("#quotes-table img, #quotes-table iframe, #quotes-table a[href^='javascript']")
    page.tab("Library")
    page.wait_css("#library-table [role=gridcell]", "Script Night")
