"""Stop in a real browser while an LLM answer streams: the answer stops growing, the model's stream is closed by the
client before its end (the scripted server sees the write fail), and the next question is answered."""
from __future__ import annotations

import pytest

from tests.browser import WAIT, Page
from tests.test_browser import PUTIN, need_chromium, start_chat, stop_chat

pytestmark = pytest.mark.browser

TIKHY = "What did Georgy Tikhy say?"
# ~315 tokens, one every 0.2 s: about a minute in full
SLOW = ('Russian President Vladimir Putin warned that such troops would be "legitimate targets for the Russian '
        'military" [1]. ' + "He repeated the warning [1]. " * 60)
PAUSE = 0.2
TIKHY_ANSWER = ("Georgy Tikhy said that negotiations about deploying international forces on Ukrainian soil are "
                "limited to members of this alliance [1].")


def scripted(body: dict):
    """The slow stream for the Putin question; for the follow-up, its rewrite (the question as it is) and a quick
    answer."""
    prompt = "\n".join(m["content"] for m in body.get("messages", []))
    if prompt.startswith("Rewrite the last question"):  # the rewrite (streamed, like the answer)
        return TIKHY
    return {"text": SLOW, "slow": PAUSE} if PUTIN in prompt else TIKHY_ANSWER


@pytest.fixture
def stop_page(request, llm_server):
    need_chromium()
    home = request.getfixturevalue("sample_home")
    llm_server.replies = [scripted]
    proc, url = start_chat(home, {"OPENAI_BASE_URL": llm_server.url, "OPENAI_API_KEY": "test",
                                  "WHOSAID_LLM_MODEL": "scripted", "WHOSAID_ANSWERER": "llm"})
    try:
        page = Page(url)
        try:
            yield page
            page.assert_clean(expected=("BodyStreamBuffer was aborted",))  # the stream Stop cut
        finally:
            page.close()
    finally:
        stop_chat(proc)


def words(text: str) -> str:
    return " ".join(text.split())


def test_stop_ends_a_streaming_answer_and_closes_the_models_stream(stop_page, llm_server):
    from selenium.webdriver.common.keys import Keys

    page = stop_page
    page.css("#question textarea")[0].send_keys(PUTIN, Keys.ENTER)
    page.wait(lambda: page.bot_messages() and "Vladimir Putin warned" in page.bot_messages()[-1].text)
    assert not llm_server.disconnected.is_set()
    page.css("#stop")[0].click()

    assert llm_server.disconnected.wait(WAIT), f"Stop did not close the model's stream: {llm_server.streams}"
    stream = llm_server.streams[0]
    assert stream["closed_by_client"] and not stream["finished"] and 0 < stream["sent"] < stream["total"]
    stopped = page.bot_messages()[-1].text
    assert words(stopped).startswith("Russian President Vladimir Putin warned")
    assert words(SLOW).startswith(words(stopped))  # the streamed words, not a fallback answer
    assert not page.css("#chat .answer")  # the stopped turn was not finished
    page.shot("stopped")

    answer = page.ask(TIKHY, "Georgy Tikhy")  # the page is usable again: the next question is answered
    assert "[1]" in answer.text
    page.wait_css("#sources-panel .sources", "Georgy Tikhy")
    assert page.bot_messages()[0].text == stopped  # the stopped answer did not grow meanwhile
    assert len(llm_server.streams) == 3 and all(s["finished"] for s in llm_server.streams[1:])  # rewrite, answer
    assert llm_server.streams[0]["sent"] == stream["sent"] < stream["total"]
