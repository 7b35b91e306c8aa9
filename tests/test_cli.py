"""The `whosaid` command: output and exit codes as a user sees them."""
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from app.cli import main


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_ask_prints_speaker_markers_and_sources(sample_home):
    code, out = run("ask", "--home", str(sample_home), "Who warned that NATO troops in Ukraine would be legitimate targets?")
    assert code == 0
    assert "Vladimir Putin" in out and "[1]" in out
    assert "Sources:" in out and "legitimate targets" in out.split("Sources:")[1]


def test_ask_json_is_the_answer(sample_home):
    code, out = run("--home", str(sample_home), "ask", "--json", "What did Georgy Tikhy say?")
    data = json.loads(out)
    assert code == 0 and data["found"] is True
    assert set(data) == {"text", "found", "citations", "attributions", "notice", "unverified", "question", "answerer"}
    assert data["attributions"][0]["speaker_name"] == "Georgy Tikhy"
    c = data["citations"][0]
    assert {"n", "article_id", "title", "source", "date", "url", "passage", "char_start", "char_end"} <= set(c)


def test_unanswerable_exits_zero_and_says_so(sample_home):
    code, out = run("ask", "--home", str(sample_home), "Who said the moon is made of green cheese?")
    assert code == 0 and "don't say" in out and "Sources:" not in out


def test_index_status(sample_home):
    code, out = run("index", "status", "--home", str(sample_home))
    assert code == 0
    for label in ("Index:", "Built:", "Articles:", "Passages:", "Quotes:"):
        assert label in out
    assert str(sample_home) in out


def test_no_index_message_and_exit_code(tmp_path, capsys):
    code, out = run("ask", "--home", str(tmp_path / "none"), "Who said anything?")
    assert code == 1
    assert f"No index at {tmp_path / 'none'}: run `whosaid index rebuild PATH`" in capsys.readouterr().err
    code, _ = run("index", "status", "--home", str(tmp_path / "none"))
    assert code == 1


def test_rebuild_reports_indexed_and_refused(tmp_path, corpus):
    (corpus / "broken.jsonl").write_text("{oops\n")
    code, out = run("index", "rebuild", str(corpus), "--home", str(tmp_path / "h"))
    assert code == 0
    assert "Indexed 2 articles" in out and "broken.jsonl line 1: malformed JSON" in out


def test_quotes_command(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Harbour Talk\n\nPORTLY, June 2 — “The quay will reopen on Monday,” said Harbourmaster Edda Quill.\n")
    code, out = run("quotes", str(f))
    assert code == 0 and "Edda Quill" in out and "The quay will reopen on Monday" in out


def test_console_script_exits_non_zero_with_the_message(tmp_path):
    exe = shutil.which("whosaid", path=str(Path(sys.executable).parent))
    assert exe, "the whosaid console script is not installed"
    r = subprocess.run([exe, "--home", str(tmp_path / "none"), "ask", "Who said it?"], capture_output=True, text=True)
    assert r.returncode == 1 and "No index at" in r.stderr and "Traceback" not in r.stderr
