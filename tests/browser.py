"""A headless chromium driven by selenium, as the browser tests and bench/stress/xss.py use it (one place for where
it is, its flags and the driver): a page helper with an alert trap, and a listener that must get no request.
Imports no pytest, so the stress battery can use it."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
         "--disable-component-update --disable-sync --disable-dev-shm-usage").split()
SHOTS = ROOT / "bench" / "out" / "screenshots"
WAIT = float(os.environ.get("WHOSAID_BROWSER_WAIT", 120))  # seconds an explicit wait may take on a busy machine (never asserted on)
TRAP = """window.__alerts = []; window.__xss = 0;
window.alert = function (m) { window.__alerts.push(String(m)); };
window.confirm = function (m) { window.__alerts.push(String(m)); return false; };
window.prompt = function (m) { window.__alerts.push(String(m)); return null; };"""


def missing() -> str:
    """What is missing to drive chromium ('' when nothing is)."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        return "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    return ""


def driver(width: int = 1280, height: int = 1000, logs: bool = False):
    """A fresh headless chromium with its own profile (`logs`: keep the console and network logs)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={tempfile.mkdtemp(prefix='whosaid-chromium-')}",
                         f"--window-size={width},{height}"]:
        opts.add_argument(flag)
    if logs:
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_chat(home: Path, env: dict | None = None, *, extra: tuple[str, ...] = (),
               base: dict | None = None) -> tuple[subprocess.Popen, str]:
    """`whosaid chat` on a free port (`extra`: more options; `env`: more environment variables over `base`, default
    this process's); returns (process, url) once it prints that it is ready."""
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "--home", str(home), "chat", "--port", str(free_port()),
                             *extra], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
                            env={**(os.environ if base is None else base), "GRADIO_ANALYTICS_ENABLED": "False",
                                 "HF_HUB_OFFLINE": "1", **(env or {})})
    for line in proc.stdout:
        if "ready on" in line:
            return proc, line.split("ready on", 1)[1].strip()
    proc.wait(timeout=30)
    raise RuntimeError(f"whosaid chat exited ({proc.returncode}) without saying it was ready")


def stop_chat(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)


class Listener:
    """A local HTTP server that must receive no request: every payload points at it."""

    def __init__(self):
        self.hits: list[str] = []
        hits = self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Page:
    """A fresh headless chromium on the chat, with an alert trap installed before any script of the page runs."""

    def __init__(self, url: str, width: int = 1280, height: int = 1000):
        self.d = driver(width, height, logs=True)
        self.d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
        self.d.execute_cdp_cmd("Network.enable", {})
        self.url, self.requests, self.console = url, [], []
        self.open()

    def open(self):
        self.d.get(self.url)
        self.wait_css("#question textarea")

    def wait(self, condition, timeout: float = WAIT):
        from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait

        try:  # an element the page re-rendered while it was read: read again
            return WebDriverWait(self.d, timeout, poll_frequency=0.2,
                                 ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: condition())
        except TimeoutException:
            self.shot("timed-out")  # what the page showed, for a person to look at
            raise

    def css(self, selector: str, root=None):
        from selenium.webdriver.common.by import By

        return (root or self.d).find_elements(By.CSS_SELECTOR, selector)

    def wait_css(self, selector: str, text: str = ""):
        """The first element matching `selector` whose text holds `text`."""
        def found():
            return next((e for e in self.css(selector) if text in e.text), None)
        return self.wait(found)

    def js(self, script: str, *args):
        return self.d.execute_script(script, *args)

    def type(self, selector: str, text: str, enter: bool = False):
        from selenium.webdriver.common.keys import Keys

        box = self.wait_css(selector)
        box.send_keys(Keys.CONTROL, "a")  # not clear(): it fires no input event, and the page would not know
        box.send_keys(Keys.DELETE)
        box.send_keys(text, *([Keys.ENTER] if enter else []))

    def tab(self, name: str):
        from selenium.webdriver.common.by import By

        self.wait(lambda: any(b.text == name for b in self.d.find_elements(By.CSS_SELECTOR, "button[role=tab]")))
        next(b for b in self.css("button[role=tab]") if b.text == name).click()

    def bot_messages(self):
        return self.css("#chat [data-testid=bot]")

    def user_messages(self):
        return self.css("#chat [data-testid=user]")

    def ask(self, question: str, wait_for: str = ""):
        """Type `question`, press Enter; returns the new answer once it is finished (its meta line is shown)."""
        from selenium.webdriver.common.keys import Keys

        before = len(self.css("#chat .answer"))
        box = self.css("#question textarea")[0]
        box.send_keys(question)
        box.send_keys(Keys.ENTER)
        return self.last_answer(before, wait_for)

    def last_answer(self, before: int, wait_for: str = ""):
        self.wait(lambda: len(self.css("#chat .answer")) > before and wait_for in self.css("#chat .answer")[-1].text)
        return self.css("#chat .answer")[-1]

    def panel(self):
        return self.css("#sources-panel .sources")[0]

    def shot(self, name: str):
        """The whole page (not only the window) as bench/out/screenshots/NAME.png, for a person to look at."""
        import base64

        SHOTS.mkdir(parents=True, exist_ok=True)
        size = self.d.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        png = self.d.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})["data"]
        (SHOTS / f"{name}.png").write_bytes(base64.b64decode(png))

    def collect(self):
        """The requests the page made and its console messages, so far."""
        for entry in self.d.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            if msg.get("method") == "Network.requestWillBeSent":
                self.requests.append(msg["params"]["request"]["url"])
        self.console += self.d.get_log("browser")

    def assert_clean(self, listener: Listener | None = None, expected: tuple[str, ...] = ()):
        """Nothing ran (alert trap), nothing loaded (listener), no request left 127.0.0.1, no console error
        (but those holding one of `expected`: Stop aborts Gradio's own stream on purpose)."""
        self.collect()
        assert self.js("return window.__alerts") == [] and self.js("return window.__xss") == 0
        if listener is not None:
            assert listener.hits == []
        away = [u for u in self.requests if urlparse(u).scheme in ("http", "https", "ws", "wss", "ftp")
                and urlparse(u).hostname != "127.0.0.1"]
        assert away == [], away
        errors = [e for e in self.console if e["level"] == "SEVERE" and not any(x in e["message"] for x in expected)]
        assert errors == [], errors

    def close(self):
        self.d.quit()
