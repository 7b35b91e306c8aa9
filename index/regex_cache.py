"""The extraction rules' regular expressions compiled once per Python and kept on disk, so that a process that
extracts one article does not spend ~0.4 s CPU compiling its ~150 patterns (bench/RESULTS.md, 2026-11-30 night).

`cached_patterns()` is a context manager for the import of the extraction code: within it, and in its thread only,
`re` compiles a str pattern it does not hold in memory from the compiled program stored for the same pattern, flags
and Python (`_sre.compile`, which checks the program before accepting it), or compiles it as usual and stores the
program. Anything unexpected (another Python, a damaged file, CPython internals that moved) falls back to `re`'s own
compilation, silently: the patterns behave the same either way, only the time differs.
"""
from __future__ import annotations

import marshal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

__all__ = ["cached_patterns"]

_FORMAT = 1
_lock = threading.Lock()


def _machinery():
    """re's compiler internals this relies on (as in CPython 3.11), or None where they are not there."""
    try:
        import _sre
        from re import _compiler, _parser

        if sys.implementation.name != "cpython" or not callable(getattr(_compiler, "_code", None)):
            return None
        return _sre, _compiler, _parser
    except ImportError:
        return None


def _cache_file() -> Path:
    from .onnx_model import usable_cache_dir

    return usable_cache_dir(None) / f"regex-{sys.implementation.cache_tag}.marshal"


def _program(_compiler, _parser, pattern: str, flags: int) -> tuple:
    """What `re._compiler.compile` hands to `_sre.compile`, after the pattern itself."""
    parsed = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _load(path: Path, key: str) -> dict:
    try:
        data = marshal.loads(path.read_bytes())
        if data.get("key") == key:
            return data["programs"]
    except (OSError, ValueError, EOFError, TypeError, AttributeError, KeyError):
        pass
    return {}


def _save(path: Path, key: str, programs: dict) -> None:
    from .onnx_model import write_atomically

    try:
        write_atomically(path, lambda tmp: Path(tmp).write_bytes(marshal.dumps({"key": key, "programs": programs})))
    except Exception:  # noqa: BLE001 - a cache we can't write: compiled again next time
        pass


class _Compiler:
    """Stands in for `re._compiler.compile` in one thread: programs from `held`, those it used kept in `used`."""

    def __init__(self, parts, held: dict, plain):
        self._sre, self._compiler, self._parser = parts
        self.held, self.used, self.missed, self.plain = held, {}, False, plain
        self.owner = threading.get_ident()

    def __call__(self, p, flags=0):
        if threading.get_ident() != self.owner or not isinstance(p, str) or flags & self._compiler.SRE_FLAG_DEBUG:
            return self.plain(p, flags)
        key = (p, int(flags))
        program = self.held.get(key)
        if program is not None:
            try:
                compiled = self._sre.compile(p, *program)
                self.used[key] = program
                return compiled
            except Exception:  # noqa: BLE001 - a program this Python refuses: compiled below
                pass
        try:
            program = _program(self._compiler, self._parser, p, flags)
            compiled = self._sre.compile(p, *program)
        except Exception:  # noqa: BLE001 - internals not as expected: re's own compilation (and its errors)
            return self.plain(p, flags)
        self.used[key], self.missed = program, True
        return compiled


@contextmanager
def cached_patterns():
    """Within: this thread's str patterns compiled from (and into) the disk cache; see the module's docstring."""
    parts = _machinery()
    if parts is None or not _lock.acquire(blocking=False):  # another thread is in here: plain `re` for this one
        yield
        return
    _sre, _compiler, _ = parts
    key = f"{_FORMAT}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}"
    path = _cache_file()
    plain = _compiler.compile
    stand_in = _Compiler(parts, _load(path, key), plain)
    _compiler.compile = stand_in
    try:
        yield
    finally:
        _compiler.compile = plain
        _lock.release()
        if stand_in.missed:  # kept with the others (a pattern re already held is not seen here), unless edits piled up
            merged = stand_in.held | stand_in.used
            _save(path, key, merged if len(merged) <= 2 * max(len(stand_in.used), 200) else stand_in.used)
