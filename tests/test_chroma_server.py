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
