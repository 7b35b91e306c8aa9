"""The chat's optional login (`whosaid chat --auth USER:PASSWORD` or WHOSAID_AUTH), in a real browser: a login form
first, a wrong password refused, the right one reaches the chat; and a warning when served beyond 127.0.0.1 without."""
from __future__ import annotations

import io

import pytest

from app.cli import main
from tests.browser import WAIT, driver
from tests.test_browser import need_chromium, start_chat, stop_chat

PUTIN = "Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?"


@pytest.fixture(scope="module")
def browser():
    need_chromium()
    d = driver()
    yield d
    d.quit()


def _wait(d, condition):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(d, WAIT, poll_frequency=0.2, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda _: condition())


def _login(d, user: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    boxes = _wait(d, lambda: [e for e in d.find_elements(By.CSS_SELECTOR, "input") if e.is_displayed()][:2] or None)
    assert len(boxes) == 2 and boxes[1].get_attribute("type") == "password"
    for box, text in zip(boxes, (user, password)):
        box.clear()
        box.send_keys(text)
    next(b for b in d.find_elements(By.CSS_SELECTOR, "button") if b.text.strip().lower() == "login").click()


@pytest.mark.browser
def test_the_chat_asks_for_a_login_refuses_a_wrong_password_and_answers_after_the_right_one(browser, sample_home):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    proc, url = start_chat(sample_home, env={"WHOSAID_AUTH": "reader:correct-horse"})
    try:
        browser.get(url)
        _wait(browser, lambda: "This whosaid chat asks for a login." in browser.find_element(By.TAG_NAME, "body").text)
        assert not browser.find_elements(By.CSS_SELECTOR, "#question textarea")
        _login(browser, "reader", "wrong-horse")
        _wait(browser, lambda: "incorrect" in browser.find_element(By.TAG_NAME, "body").text.lower())
        assert not browser.find_elements(By.CSS_SELECTOR, "#question textarea")
        _login(browser, "reader", "correct-horse")
        box = _wait(browser, lambda: browser.find_elements(By.CSS_SELECTOR, "#question textarea")[0]
                    if browser.find_elements(By.CSS_SELECTOR, "#question textarea") else None)
        box.send_keys(PUTIN, Keys.ENTER)
        _wait(browser, lambda: any("Vladimir Putin" in a.text for a in browser.find_elements(By.CSS_SELECTOR,
                                                                                           "#chat .answer")))
    finally:
        stop_chat(proc)


def test_serving_beyond_localhost_without_a_login_warns_and_with_one_does_not(monkeypatch, capsys, tmp_path):
    served = []
    monkeypatch.setattr("app.chat.run_chat", lambda *a, **k: served.append(k.get("auth")))
    monkeypatch.delenv("WHOSAID_AUTH", raising=False)
    assert main(["--home", str(tmp_path), "chat", "--host", "0.0.0.0"], out=io.StringIO()) == 0
    assert "served on 0.0.0.0 without a login" in capsys.readouterr().err
    assert main(["--home", str(tmp_path), "chat", "--host", "0.0.0.0", "--auth", "ana:pw:with:colons"],
                out=io.StringIO()) == 0
    assert "without a login" not in capsys.readouterr().err
    assert served == [None, ("ana", "pw:with:colons")]
    assert main(["--home", str(tmp_path), "chat", "--auth", "no-colon"], out=io.StringIO()) == 1
    assert "USER:PASSWORD" in capsys.readouterr().err
