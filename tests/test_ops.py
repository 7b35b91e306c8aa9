"""Operations under stress, the fast subset of bench/stress (issue 18): kill -9 mid-rebuild, two rebuilds at once,
the home's size over rebuilds, concurrent chat clients, `index check` and its repair, the lock a killed rebuild
leaves. The full figures: `make stress`."""
from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from index import Store, rebuild
from tests.conftest import ROOT, CountingEmbedder

sys.path.insert(0, str(ROOT / "bench" / "stress"))
import clients as stress_clients  # noqa: E402
import disk as stress_disk  # noqa: E402
import kill9 as stress_kill9  # noqa: E402
import two_rebuilds as stress_two  # noqa: E402

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _cli(home: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--home", str(home), *args], out=out)
    return code, out.getvalue()


def _no_failures(tally) -> None:
    assert tally.tried and tally.failed == 0, tally.failures


def test_kill_9_at_random_moments_leaves_an_answering_index_and_the_next_rebuild_is_whole(tmp_path):
    _no_failures(stress_kill9.run(tmp_path, trials=3, articles=6))


def test_two_rebuilds_at_once_one_is_refused_with_pid_and_start_and_the_store_agrees(tmp_path):
    _no_failures(stress_two.run(tmp_path, trials=1, racers=6, articles=6))


def test_rebuilds_in_place_or_full_killed_or_not_keep_the_home_near_a_fresh_builds_size(tmp_path):
    _no_failures(stress_disk.run(tmp_path, rebuilds=4, articles=6, plan=("update", "back", "killed update",
                                                                         "killed full")))


def test_eight_concurrent_chat_clients_all_get_their_answer(tmp_path):
    _no_failures(stress_clients.run(tmp_path, clients=8, questions=2, articles=6))


def test_a_dropped_generation_leaves_no_segment_folder(tmp_path, corpus, embedder):
    store = Store(tmp_path / "home")
    rebuild([corpus], store, embedder)
    before = sorted(p.name for p in (tmp_path / "home" / "chroma").iterdir() if UUID.match(p.name))
    for _ in range(2):
        live = store.manifest()
        live.extractor = "an-older-extractor"  # as a changed extractor would: the next rebuild is a full one
        store.write_state(live)
        assert rebuild([corpus], store, embedder).full
    after = sorted(p.name for p in (tmp_path / "home" / "chroma").iterdir() if UUID.match(p.name))
    assert len(after) == len(before) and len(set(after) & set(before)) == 1  # only the state collection's stays
    code, said = _cli(tmp_path / "home", "index", "status")
    assert code == 0 and re.search(r"Disk:\s+[\d.,]+ (KB|MB)", said) and "Rebuild:  none" in said


def test_index_check_finds_orphan_records_and_a_rebuild_repairs_them(tmp_path, corpus, embedder):
    home = tmp_path / "home"
    store = Store(home)
    rebuild([corpus], store, embedder)
    assert _cli(home, "index", "check")[0] == 0
    live = store.manifest()
    vector = embedder.embed(["a ghost passage"])[0]
    store.add(live.generation, "passages", ["ghost-0"], ["A ghost passage no catalog holds."],
              [{"article_id": "ghost", "n": 0}], [vector])
    code, said = _cli(home, "index", "check")
    assert code == 1 and "not in the catalog (e.g. 'ghost')" in said and "whosaid index rebuild" in said
    rebuild([corpus], Store(home), CountingEmbedder())
    code, said = _cli(home, "index", "check")
    assert code == 0 and "agree" in said


HOLD = """
import sys, time
from index import Store
Store(sys.argv[1]).lock().acquire()
print("held", flush=True)
time.sleep(600)
"""


def test_a_rebuild_is_refused_while_another_process_holds_the_lock_and_goes_ahead_once_it_is_killed(tmp_path, corpus,
                                                                                                     embedder):
    home = tmp_path / "home"
    rebuild([corpus], Store(home), embedder)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(home)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "held"
        code, _ = _cli(home, "index", "status")
        with pytest.raises(Exception, match=rf"already running \(pid {holder.pid} on .+, started at \d{{4}}-"):
            rebuild([corpus], Store(home), embedder)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    (corpus / "extra.txt").write_text("Dam holds\n\nTALLBROOK, May 1 — “The Quillmoor spillway will hold through "
                                      "the thaw,” said warden Oskar Lind.\n")
    assert rebuild([corpus], Store(home), embedder).added == 1


@pytest.mark.browser
def test_xss_payloads_in_an_article_run_and_load_nothing_in_the_browser(tmp_path):
    from tests.test_browser import need_chromium

    need_chromium()
    import xss as stress_xss

    _no_failures(stress_xss.run(tmp_path, articles=3, only=4))
