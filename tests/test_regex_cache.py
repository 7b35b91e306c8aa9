"""The extraction rules' patterns kept compiled on disk (index/regex_cache.py): the same statements found whether
the patterns come from the cache, are compiled afresh, or the cache file is damaged; and every process writes the
same patterns, so a second process finds them all in the cache."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT, SAMPLE

# A fresh process (its own hash seed) extracting the sample articles' statements, the cache under HOME.
_EXTRACT = """
import json, sys
if sys.argv[2] == "plain":  # re's own compilation, no cache
    import index.regex_cache
    index.regex_cache._machinery = lambda: None
from index.records import prepare
from index import get_embedder, load_paths
articles, _ = load_paths([sys.argv[1]])
out = []
for a in articles:
    r = prepare(a, get_embedder().count_tokens)
    out.append([a.id, r.statements[1], [m.get("speaker_name") for m in r.statements[2]]])
print(json.dumps(out))
"""


def _extract(home, seed: int, how: str = "cached") -> list:
    env = {**os.environ, "HOME": str(home), "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _EXTRACT, str(SAMPLE), how], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cache_files(home):
    return sorted((home / ".cache" / "whosaid").glob("regex-*"))


def test_statements_are_the_same_from_a_cold_a_warm_and_a_damaged_cache(tmp_path):
    plain = _extract(tmp_path, seed=0, how="plain")
    assert any(statements for _, statements, _ in plain)  # the sample articles have statements to find
    assert not _cache_files(tmp_path)
    cold = _extract(tmp_path, seed=1)
    assert cold == plain
    [cache] = _cache_files(tmp_path)
    written = cache.stat().st_mtime_ns
    assert _extract(tmp_path, seed=2) == cold  # another hash seed: the same patterns, all found in the cache
    assert cache.stat().st_mtime_ns == written
    cache.write_bytes(b"\x00 not a cache" * 100)
    assert _extract(tmp_path, seed=3) == cold  # damaged: compiled afresh, and the cache written again
    assert cache.read_bytes()[:1] != b"\x00"
