"""The `whosaid` command: output and exit codes as a user sees them."""
import io
import json
import os
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
    assert set(data) == {"text", "found", "citations", "attributions", "notice", "unverified", "question", "answerer",
                         "llm_reply"}
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


def test_add_and_remove_without_restating_the_corpus(tmp_path, corpus):
    home = str(tmp_path / "h")
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "harbour.txt").write_text(
        "Harbour Talk\n\nPORTLY, June 2 — “The quay will reopen on Monday,” said Harbourmaster Edda Quill.\n")
    code, out = run("--home", home, "index", "rebuild", str(corpus))
    assert code == 0 and "Indexed 2 articles" in out
    code, out = run("--home", home, "index", "add", str(extra))
    assert code == 0 and "Added 1 article (1 new, 0 changed, 0 unchanged)" in out and "holds 3 articles" in out
    code, out = run("--home", home, "index", "add", str(extra / "harbour.txt"))
    assert code == 0 and "(0 new, 0 changed, 1 unchanged)" in out and "holds 3 articles" in out
    (extra / "harbour.txt").write_text(  # a new id now: the path the index recorded still finds the old one
        "Harbour Talk\n\nPORTLY, June 3 — “The quay has reopened,” said Harbourmaster Edda Quill.\n")
    code, out = run("--home", home, "index", "remove", str(extra / "harbour.txt"), "no-such-id")
    assert code == 0 and "Removed 1 article; the index holds 2 articles" in out and "Not in the index: no-such-id" in out
    code, out = run("--home", home, "index", "add", str(extra))
    code, out = run("--home", home, "index", "rebuild", str(extra))
    assert code == 0 and "Indexed 1 article (" in out
    assert "2 articles not in these paths were removed from the index." in out


def test_remove_by_id_and_refusals(tmp_path, corpus, capsys):
    from index import Store

    home = str(tmp_path / "h")
    run("--home", home, "index", "rebuild", str(corpus))
    ids = sorted(Store(home).manifest().articles)
    code, out = run("--home", home, "index", "remove", ids[0])
    assert code == 0 and "Removed 1 article; the index holds 1 article:" in out
    code, _ = run("--home", home, "index", "remove", "nothing-like-it")
    assert code == 1 and "Nothing removed" in capsys.readouterr().err
    code, _ = run("--home", home, "index", "remove", ids[1])
    assert code == 1 and "every article in the index" in capsys.readouterr().err


def test_counts_are_pluralised():
    from app.cli import plural

    assert (plural(1, "article"), plural(2, "article"), plural(0, "quote"), plural(1234, "passage")) == \
        ("1 article", "2 articles", "0 quotes", "1,234 passages")


def test_every_option_has_help():
    import argparse

    from app.cli import _parser

    missing, todo = [], [("whosaid", _parser())]
    while todo:
        name, p = todo.pop()
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo += [(f"{name} {n}", sp) for n, sp in action.choices.items()]
            elif not action.help:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    assert not missing


def test_a_closed_pipe_ends_quietly(tmp_path):
    exe = shutil.which("whosaid", path=str(Path(sys.executable).parent))
    f = tmp_path / "many.jsonl"
    line = "“Line {n} of the harbour log is correct,” said Harbourmaster Edda Quill. "
    f.write_text("".join(json.dumps({"id": f"h{i}", "text": "".join(line.format(n=n) for n in range(40))}) + "\n"
                         for i in range(40)))  # about 1,600 lines of output: more than a pipe holds
    r = subprocess.run(f"'{exe}' quotes '{f}' | head -n 1; exit ${{PIPESTATUS[0]}}", shell=True,
                       executable="/bin/bash", capture_output=True, text=True)
    assert r.stdout.count("\n") == 1 and "Edda Quill" in r.stdout
    assert "Traceback" not in r.stderr and "BrokenPipe" not in r.stderr, r.stderr
    assert r.returncode in (0, 141)

    class Closed(io.StringIO):
        def write(self, s):
            raise BrokenPipeError

    assert main(["quotes", str(f)], out=Closed()) == 141


_LOADED = """
import sys
from app.cli import main
code = main(sys.argv[1:])
print(sorted(m for m in ("torch", "onnxruntime", "index.quotes", "bm25s") if m in sys.modules))
sys.exit(code)
"""


def _fresh_rebuild(home: str, corpus: Path) -> tuple[str, list]:
    """`whosaid index rebuild` as a fresh process: what it printed, and which heavy modules it loaded."""
    root = Path(__file__).resolve().parent.parent
    r = subprocess.run([sys.executable, "-c", _LOADED, "--home", home, "index", "rebuild", "--no-progress",
                        str(corpus)], capture_output=True, text=True, cwd=root,
                       env={**os.environ, "PYTHONPATH": str(root)})
    assert r.returncode == 0, r.stderr[-2000:]
    *printed, loaded = r.stdout.strip().splitlines()
    return "\n".join(printed), json.loads(loaded.replace("'", '"'))


def test_a_fresh_rebuild_loads_only_what_the_change_needs(tmp_path, corpus):
    home = str(tmp_path / "h")
    assert run("--home", home, "index", "rebuild", str(corpus))[0] == 0
    out, loaded = _fresh_rebuild(home, corpus)
    assert "0 changed, 2 unchanged" in out and loaded == []  # nothing changed: no model, no rules, no BM25 made
    bridge = corpus / "kestrelford_bridge.txt"
    bridge.write_text(bridge.read_text() + "\n“The toll booth will close in April,” said county clerk Wenna Dray.\n")
    out, loaded = _fresh_rebuild(home, corpus)
    assert "(1 new, 0 changed, 1 unchanged, 1 removed" in out  # a text file's id is its text's: a new id
    assert loaded == ["index.quotes", "onnxruntime"]  # the rules and the ONNX encoder, not torch
    code, out = run("--home", home, "ask", "Who said the toll booth will close?")
    assert code == 0 and "Wenna Dray" in out  # the next question sees the change, in its words and its vectors
