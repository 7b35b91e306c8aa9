"""Concurrent chat clients: N clients at once, each asking 5 questions through a running `whosaid chat`'s Gradio
HTTP API (gradio_client, one session each, as a browser tab has); every answer must name its speaker (0 errors).
Usage: bench/stress/clients.py [--clients 32] [--questions 5] [--articles 40]"""
from __future__ import annotations

import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import main_of, Tally, rebuild, start_chat, stop  # noqa: E402
from corpus import SENTINELS, write_corpus  # noqa: E402


def _text(chat) -> str:
    """The last bot message of the chatbot value, as text (Gradio gives content as a list of parts)."""
    content = chat[-1]["content"] if chat else ""
    if isinstance(content, list):
        return " ".join(str(part.get("text", "")) if isinstance(part, dict) else str(part) for part in content)
    return str(content)


def client(url: str, n: int, questions: int, auth: tuple[str, str] | None = None) -> list[tuple[bool, str, float]]:
    """One client's session: `questions` sentinel questions in turn; (ok, why, seconds) for each."""
    from gradio_client import Client

    out = []
    try:
        c = Client(url, verbose=False, auth=auth)
    except Exception as e:  # noqa: BLE001 - a refused connection is an error of this client's every question
        return [(False, f"client {n}: could not connect: {e}", 0.0)] * questions
    for q in range(questions):
        who, _, question = SENTINELS[(n + q) % len(SENTINELS)]
        t = time.perf_counter()
        try:
            c.predict(question, api_name="/_take")
            chat, _panel = c.predict("extractive", "", "", "", "", api_name="/partial")
            shown = _text(chat)
            out.append((who in shown and "Error" not in shown, f"client {n}: {question!r} -> {shown[:160]!r}",
                        time.perf_counter() - t))
        except Exception as e:  # noqa: BLE001
            out.append((False, f"client {n}: {question!r} -> {type(e).__name__}: {e}", time.perf_counter() - t))
    return out


def ask_all(url: str, clients: int, questions: int, tally: Tally, auth=None) -> Tally:
    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = [r for rs in pool.map(lambda n: client(url, n, questions, auth), range(clients)) for r in rs]
    for ok, why, _ in results:
        tally.trial(ok, why)
    times = sorted(s for _, _, s in results)
    tally.figures = {"clients": f"{clients} x {questions}", "p50": f"{statistics.median(times):.1f} s",
                     "p95": f"{times[int(0.95 * (len(times) - 1))]:.1f} s", "wall": f"{time.perf_counter() - t:.0f} s"}
    return tally


def run(work: Path, clients: int = 32, questions: int = 5, articles: int = 40) -> Tally:
    home = work / "home"
    rebuild(home, write_corpus(work / "a", articles))
    proc, url = start_chat(home)
    try:
        return ask_all(url, clients, questions, Tally(f"{clients} concurrent chat clients"))
    finally:
        stop(proc)


def main() -> int:
    return main_of(run, __doc__, "clients", {"clients": 32, "questions": 5, "articles": 40})


if __name__ == "__main__":
    sys.exit(main())
