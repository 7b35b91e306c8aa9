"""A weak or slow model never holds the user: bounded tokens and time, the real cause in the notice, templates without
a system role, follow-ups resolved without the model, and only checked replies shown as the model's answer."""
import os
import signal
import subprocess
import sys
import time

import pytest

from app import answer
from app.cli import main
from app.llm import LLM
from tests.conftest import ROOT, SECRET_KEY

WHO = "Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?"
RIGHT = 'Russian President Vladimir Putin warned that such troops would be "legitimate targets for the Russian military" [1].'
UNCHECKED = "The language model's answer could not be checked against the sources; showing the extractive answer."
RAMBLE = " ".join(["and the troops would be"] * 60)


def ask(home, embedder, llm, question=WHO, **kw):
    return answer(question, home=home, embedder=embedder, answerer="llm", llm=llm, **kw)


def test_every_request_is_bounded_in_tokens(sample_home, llm_server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", llm_server.url)
    monkeypatch.setenv("WHOSAID_LLM_MAX_TOKENS", "77")
    llm_server.replies = ["What did Vladimir Putin say?", RIGHT]
    history = [{"role": "user", "content": WHO}, {"role": "assistant", "content": RIGHT}]
    a = answer("What else did he say?", home=sample_home, answerer="llm", history=history)
    rewrite, final = (r["body"] for r in llm_server.requests)
    assert rewrite["max_tokens"] == 48 and final["max_tokens"] == 77  # the rewrite is one short question
    assert a.answerer == "llm" and a.question == "What did Vladimir Putin say?"


def test_a_model_still_writing_at_the_deadline_is_stopped_not_retried(sample_home, embedder, llm, llm_server):
    llm_server.replies = [{"text": RIGHT + RAMBLE, "slow": 0.2}]  # the fixture's budget is 1 s
    a = ask(sample_home, embedder, llm)
    assert a.notice == "The language model failed: the model did not finish within 1 s; showing the extractive answer."
    assert a.answerer == "extractive" and "Vladimir Putin" in a.text
    assert len(llm_server.requests) == 1  # no retry queued behind the abandoned generation
    assert llm_server.disconnected.wait(5)  # and the server was told: the stream was closed
    assert 0 < llm_server.streams[0]["sent"] < llm_server.streams[0]["total"]


def test_the_servers_own_reason_is_in_the_notice(sample_home, embedder, llm, llm_server):
    llm_server.replies = [{"status": 400, "message": f"context length exceeded; key {SECRET_KEY}"}]
    a = ask(sample_home, embedder, llm)
    assert a.notice == ("The language model failed: the server rejected the request (HTTP 400: context length "
                        "exceeded; key ***); showing the extractive answer.")
    assert len(llm_server.requests) == 1  # a 400 is not retried


@pytest.mark.parametrize("rejection", [{"status": 500, "message": "System role not supported"}, {"text": ""}],
                         ids=["http-500", "empty-stream"])
def test_a_template_without_a_system_role_gets_the_instructions_in_the_user_turn(sample_home, embedder, llm_server,
                                                                                 rejection):
    def template(body):
        return rejection if any(m["role"] == "system" for m in body["messages"]) else RIGHT

    llm_server.replies = [template]
    first = ask(sample_home, embedder, LLM("no-system", llm_server.url, SECRET_KEY, timeout=5, retries=1))
    assert first.answerer == "llm" and first.text == RIGHT and not first.notice
    rejected, folded = (r["body"]["messages"] for r in llm_server.requests)
    assert [m["role"] for m in rejected] == ["system", "user"] and [m["role"] for m in folded] == ["user"]
    assert folded[0]["content"].startswith(rejected[0]["content"]) and WHO in folded[0]["content"]
    again = ask(sample_home, embedder, LLM("no-system", llm_server.url, SECRET_KEY, timeout=5, retries=1))
    assert again.text == RIGHT and [m["role"] for m in llm_server.requests[2]["body"]["messages"]] == ["user"]


@pytest.mark.parametrize("reply", [
    RAMBLE, "text text text text text",
    'Cite every claim with the number of the source it comes from, like [2]. Vladimir Putin warned [1].',
    '<source n="1" title="Coalition of the willing">Russian President Vladimir Putin warned [1]</source>',
    'Georgy Tikhy said the coalition would decide [1].',
], ids=["ramble", "no-citation", "echoed-rules", "echoed-fence", "wrong-speaker"])
def test_a_reply_no_source_supports_gives_the_extractive_answer(sample_home, embedder, llm_server, reply):
    llm_server.replies = [reply]
    a = ask(sample_home, embedder, LLM("scripted-model", llm_server.url, SECRET_KEY, timeout=30))  # time to read it
    assert a.answerer == "extractive" and a.notice == UNCHECKED and a.llm_reply == reply.strip()
    assert a.attributions[0].speaker_name == "Vladimir Putin" and "legitimate targets" in a.citations[0].passage


def test_a_failed_rewrite_still_resolves_the_follow_up(sample_home, embedder, llm, llm_server):
    llm_server.replies = [{"hang": True}, 'Putin warned that troops would be "legitimate targets for the Russian '
                                          'military" [1].']
    history = [{"role": "user", "content": WHO}, {"role": "assistant", "content": RIGHT}]
    a = ask(sample_home, embedder, llm, question="What else did he say?", history=history)
    assert a.question == "What else did Vladimir Putin say?" and a.answerer == "llm" and not a.notice
    assert "Question: What else did Vladimir Putin say?" in llm_server.prompts()[1]


def test_a_malformed_base_url_is_a_clear_configuration_error(sample_home, monkeypatch, capsys):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://[::1")
    assert main(["ask", "--home", str(sample_home), "--answerer", "llm", WHO]) == 1
    err = capsys.readouterr().err
    assert "OPENAI_BASE_URL must be a server address such as http://localhost:8000/v1, not 'http://[::1'" in err
    assert "Traceback" not in err and "InvalidURL" not in err


def test_ctrl_c_in_the_cli_closes_the_models_stream(sample_home, llm_server):
    llm_server.replies = [{"text": RIGHT + RAMBLE, "slow": 0.2}]
    env = {**os.environ, "OPENAI_BASE_URL": llm_server.url, "WHOSAID_LLM_MODEL": "scripted-model",
           "WHOSAID_LLM_TIMEOUT": "120", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "--home", str(sample_home), "ask", "--answerer", "llm",
                             WHO], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(1500):  # until the model has begun writing (bounded: 300 s on busy cores)
            if llm_server.streams and llm_server.streams[0]["sent"] >= 2 or proc.poll() is not None:
                break
            time.sleep(0.2)
        assert llm_server.streams and proc.poll() is None, proc.stderr.read() if proc.poll() is not None else ""
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130 and "whosaid: interrupted" in err and "Traceback" not in err, (out, err)
    assert out.startswith("Russian President") and llm_server.disconnected.wait(5)
    assert not llm_server.streams[0]["finished"]


def test_the_models_refusal_is_kept_but_not_as_cover_for_a_ramble(sample_home, embedder, llm_server):
    roomy = LLM("scripted-model", llm_server.url, SECRET_KEY, timeout=30)
    llm_server.replies = ["The indexed articles don’t say.", "The indexed articles don't say. " + RAMBLE]
    refused = ask(sample_home, embedder, roomy)
    assert not refused.found and refused.text == "The indexed articles don't say." and refused.answerer == "llm"
    rambled = ask(sample_home, embedder, roomy)
    assert rambled.answerer == "extractive" and rambled.notice == UNCHECKED and "Vladimir Putin" in rambled.text
