"""With CHROMA_HOST set, the same code builds and answers through a Chroma server (`chroma run`)."""
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import answer
from app.config import load_config
from index import Store, rebuild


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_listening(port: int, proc: subprocess.Popen, limit: float = 60.0) -> None:
    """Blocks on connect attempts (each one waits on the socket, not on a timer) until the server accepts."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chroma run exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            continue
    raise TimeoutError("chroma server did not start")


@pytest.fixture
def chroma_server(tmp_path):
    exe = shutil.which("chroma", path=str(Path(sys.executable).parent))
    if not exe:
        pytest.skip("the chroma CLI is not installed")
    port = _free_port()
    proc = subprocess.Popen([exe, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_listening(port, proc)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_build_and_answer_through_a_chroma_server(tmp_path, corpus, chroma_server, embedder):
    cfg = load_config({"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(chroma_server)}, home=tmp_path / "home")
    store = Store(cfg.home, cfg.chroma_host, cfg.chroma_port)
    r = rebuild([corpus], store, embedder)
    assert r.articles == 2
    assert not (tmp_path / "home" / "chroma").exists()  # vectors live on the server
    a = answer("Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?",
               store=store, embedder=embedder)
    assert a.attributions[0].speaker_name == "Vladimir Putin"
    assert "legitimate targets" in a.citations[0].passage


READER = """
import sys, time
from pathlib import Path
from app import answer
from index import Store, get_embedder
home, host, port, stop = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
store, emb = Store(home, host, port), get_embedder()
questions = [line for line in sys.argv[5:]]
while not stop.exists():
    for q in questions:
        try:
            a = answer(q, store=store, embedder=emb)
            print("ok", a.attributions[0].speaker_name if a.found and a.attributions else "-", flush=True)
        except Exception as e:
            print("error", type(e).__name__, str(e).replace("\\n", " "), flush=True)
"""
LIND = "Who said the Quillmoor spillway would hold through the thaw?"


def _read_until(proc, want: str, seen: list[str]) -> None:
    """Lines from a reader until one holds `want` (readline blocks on the pipe; the reader loops without pause)."""
    for line in proc.stdout:
        seen.append(line.strip())
        if want in line:
            return
    raise AssertionError(f"reader ended before {want!r}: {seen[-5:]}")


def test_two_replicas_keep_answering_while_a_third_process_rebuilds(tmp_path, corpus, chroma_server, embedder):
    """Replicas with homes of their own (no shared disk) answer in a loop; the CLI updates the index in place, then
    indexes everything again into a new generation and drops the old one: no question fails, both see the change."""
    from index.state import Manifest

    env = {**__import__("os").environ, "CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(chroma_server),
           "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    store = Store(tmp_path / "builder", "127.0.0.1", chroma_server)
    rebuild([corpus], store, embedder)
    stop = tmp_path / "stop"
    questions = ["Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?", LIND]
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(tmp_path / f"replica{i}"), "127.0.0.1",
                                 str(chroma_server), str(stop), *questions], stdout=subprocess.PIPE, text=True, env=env)
               for i in range(2)]
    seen: list[list[str]] = [[], []]
    cli = [sys.executable, "-m", "app.cli", "--home", str(tmp_path / "cli-home"), "index", "rebuild", str(corpus)]
    try:
        for r, s in zip(readers, seen):
            _read_until(r, "Vladimir Putin", s)
        (corpus / "extra.txt").write_text("Dam holds\n\nTALLBROOK, May 1 — “The Quillmoor spillway will hold through "
                                          "the thaw,” said warden Oskar Lind.\n")
        done = subprocess.run(cli, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        for r, s in zip(readers, seen):
            _read_until(r, "Oskar Lind", s)
        live = store.manifest()  # as if the extraction code had changed: everything is indexed again
        store.write_state(Manifest(**{**live.__dict__, "extractor": "0ld", "articles": {}}))
        done = subprocess.run(cli, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert Store(tmp_path / "x", "127.0.0.1", chroma_server).manifest().generation == live.generation + 1
        for r, s in zip(readers, seen):
            start = len(s)
            _read_until(r, "Oskar Lind", s)
            _read_until(r, "Vladimir Putin", s)
            assert len(s) > start
    finally:
        stop.touch()
        for r in readers:
            rest, _ = r.communicate(timeout=120)
            seen[readers.index(r)] += rest.splitlines()
    errors = [line for s in seen for line in s if line.startswith("error")]
    assert not errors, errors[:5]
    assert all(line.startswith("ok") for s in seen for line in s)


RACER = """
import sys
from index import Store
from index.errors import RebuildRunning
home, port, start = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
lock = Store(home, "127.0.0.1", port).lock()
lock.col.count()  # connected before the start
import time
time.sleep(max(0.0, start - time.time()))  # every racer tries at the same instant
try:
    lock.acquire()
    print("held", flush=True)
    time.sleep(3)
    lock.release()
except RebuildRunning as e:
    print("refused", e, flush=True)
"""


def test_rebuilds_started_at_the_same_instant_on_one_server_let_exactly_one_through(tmp_path, chroma_server):
    import re
    import time

    start = time.time() + 15  # the racers load and connect first, then try together
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(tmp_path / f"h{i}"), str(chroma_server), str(start)],
                               stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)
              for i in range(4)]
    said = [r.communicate(timeout=120)[0].strip() for r in racers]
    assert sorted(s.split()[0] for s in said) == ["held", "refused", "refused", "refused"], said
    assert all(re.search(r"already running \(pid \d+ on .+, started at \d{4}-", s) for s in said if s != "held")
