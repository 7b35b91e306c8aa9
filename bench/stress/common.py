"""What the stress scripts share: the `whosaid` CLI as a subprocess, a forced full rebuild, a chat server, and the
tried / passed / failed tally each script prints."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser import start_chat as _start_chat, stop_chat as stop  # noqa: E402,F401 (stop: re-exported)

ENV = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
for _name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "WHOSAID_ANSWERER", "WHOSAID_AUTH", "CHROMA_HOST"):
    ENV.pop(_name, None)


@dataclass
class Tally:
    """One test of the battery: how many trials, and why each failed one failed."""

    name: str
    tried: int = 0
    passed: int = 0
    failures: list[str] = field(default_factory=list)
    figures: dict = field(default_factory=dict)  # what was measured (sizes, latencies), printed beside the counts

    def trial(self, ok: bool, why: str = "") -> bool:
        self.tried += 1
        self.passed += bool(ok)
        if not ok:
            self.failures.append(why or "failed")
        return ok

    @property
    def failed(self) -> int:
        return self.tried - self.passed

    def line(self) -> str:
        extra = "  " + ", ".join(f"{k} {v}" for k, v in self.figures.items()) if self.figures else ""
        return f"{self.name:<34}{self.tried:>6}{self.passed:>8}{self.failed:>8}{extra}"

    def report(self) -> "Tally":
        print(f"{'test':<34}{'tried':>6}{'passed':>8}{'failed':>8}", flush=True)
        print(self.line(), flush=True)
        for why in self.failures[:10]:
            print(f"    failed: {why}", flush=True)
        return self


def whosaid(home: Path, *args: str, timeout: float = 1800) -> subprocess.CompletedProcess:
    """`whosaid --home HOME ARGS...` run to its end."""
    return subprocess.run([sys.executable, "-m", "app.cli", "--home", str(home), *args], capture_output=True,
                          text=True, cwd=ROOT, env=ENV, timeout=timeout)


def start_whosaid(home: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "app.cli", "--home", str(home), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)


def rebuild(home: Path, corpus: Path, timeout: float = 1800) -> subprocess.CompletedProcess:
    done = whosaid(home, "index", "rebuild", str(corpus), "--no-progress", timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"rebuild failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return done


def counts(home: Path) -> dict:
    """What the live index holds, as a reader in another process reads it: catalog counts and records per kind."""
    from index import Store

    store = Store(home)
    m = store.manifest()
    return {**{k: m.counts[k] for k in ("articles", "chunks", "quotes")},
            **{f"stored_{k}": store._chroma("count", store.collection(k).count) for k in ("passages", "quotes",
                                                                                          "contexts")}}


def agrees(home: Path) -> tuple[bool, str]:
    """`whosaid index check` says the store and the manifest agree."""
    done = whosaid(home, "index", "check")
    return done.returncode == 0, (done.stdout + done.stderr).strip()[-400:]


def force_full(home: Path) -> None:
    """Make the next rebuild a full one, as a changed extractor would: the live manifest says another extractor
    made it (the records stay as they are)."""
    from index import Store

    store = Store(home)
    live = store.manifest()
    live.extractor = "an-older-extractor"
    store.write_state(live)


def home_size(home: Path) -> int:
    from index.tidy import disk_size

    return disk_size(home)


def start_chat(home: Path, *extra: str, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """`whosaid chat` on a free port, in this battery's environment (tests/browser.py starts it)."""
    return _start_chat(home, env, extra=extra, base=ENV)


def save(tally: Tally, out: Path | None) -> None:
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"name": tally.name, "tried": tally.tried, "passed": tally.passed,
                                   "failed": tally.failed, "figures": tally.figures, "failures": tally.failures},
                                  indent=2))


def main_of(run, doc: str, prefix: str, options: dict[str, int], need_tries: bool = False) -> int:
    """A stress script's command line: `--NAME N` for each option (in `run`'s argument order after the work folder)
    and `--out FILE`; runs in a temporary folder, prints the tally, saves it; 0 only when nothing failed."""
    p = argparse.ArgumentParser(description=doc)
    for name, default in options.items():
        p.add_argument(f"--{name}", type=int, default=default)
    p.add_argument("--out", type=Path, default=None, help="write the tally as JSON here")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix=f"whosaid-{prefix}-") as work:
        tally = run(Path(work), *(getattr(args, name) for name in options)).report()
    save(tally, args.out)
    return 0 if tally.failed == 0 and (tally.tried or not need_tries) else 1


def wait_file(path: Path, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
