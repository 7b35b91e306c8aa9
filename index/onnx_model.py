"""The encoder as an ONNX file, exported once per model and cached, and ONNX Runtime sessions over it.

Importing this module imports neither torch nor onnxruntime. Only an export (the first use on a machine, or after
the model changed) imports torch; a process that finds the file in the cache never does.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path

__all__ = ["EXPORT_VERSION", "cached_onnx", "default_cache_dir", "onnx_path", "session", "usable_cache_dir",
           "write_atomically"]

EXPORT_VERSION = 1  # bump when the exported graph changes: the file name changes with it, so old files are not reused
_TMP_PREFIX = ".export-"
_STALE_TMP = 3600  # seconds after which a temp file is taken for the leftover of a killed export
exports = 0  # exports done by this process (tests read it)


def default_cache_dir() -> Path:
    return Path.home() / ".cache" / "whosaid"


def fingerprint(model_dir: str | Path) -> str:
    """Changes when the weights or the config change (by size and mtime: hashing 90 MB would cost a cold start)."""
    model_dir = Path(model_dir)
    h = hashlib.sha256(f"v{EXPORT_VERSION}".encode())
    for name in ("model.safetensors", "config.json"):
        st = (model_dir / name).stat()
        h.update(f"|{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    h.update((model_dir / "config.json").read_bytes())
    return h.hexdigest()[:16]


def _writable(d: Path) -> bool:
    try:
        d.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=d, prefix=_TMP_PREFIX + "probe-"):
            return True
    except OSError:
        return False


def usable_cache_dir(cache_dir: str | Path | None) -> Path:
    """`cache_dir` (default ~/.cache/whosaid) if it can be written, else a per-user folder in the temp dir."""
    d = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    if _writable(d):
        return d
    fallback = Path(tempfile.gettempdir()) / f"whosaid-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    if _writable(fallback):
        return fallback
    return Path(tempfile.mkdtemp(prefix="whosaid-"))


def onnx_path(model_dir: str | Path, cache_dir: Path, name: str) -> Path:
    return cache_dir / f"{name}-{fingerprint(model_dir)}.onnx"


def _clean_stale_temps(cache_dir: Path) -> None:
    now = time.time()
    for p in cache_dir.glob(_TMP_PREFIX + "*"):
        try:
            if now - p.stat().st_mtime > _STALE_TMP:
                p.unlink()
        except OSError:
            pass


def write_atomically(path: Path, make) -> None:
    """Call `make(tmp)` to write a temp file in `path`'s folder, then rename it over `path`.

    The final name only ever holds a whole file: a reader never sees half a file, and two processes writing at once
    just both rename a whole file. Temp files (of a write killed halfway) are never read; old ones are swept up here.
    """
    _clean_stale_temps(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_TMP_PREFIX, suffix=".onnx")
    os.close(fd)
    try:
        make(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the model is not a secret
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def cached_onnx(model_dir: str | Path, cache_dir: Path, name: str, refresh: bool = False) -> Path:
    """The path of the exported model, exporting it first if it is not in `cache_dir` (or `refresh`), atomically."""
    global exports
    path = onnx_path(model_dir, cache_dir, name)
    if path.is_file() and not refresh:
        return path
    from .minilm_torch import export_onnx

    write_atomically(path, lambda tmp: export_onnx(model_dir, tmp))
    exports += 1
    return path


def session(path: Path, threads: int):
    """An ONNX Runtime CPU session with `threads` intra-op threads."""
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    so.log_severity_level = 3  # errors only
    return ort.InferenceSession(os.fspath(path), so, providers=["CPUExecutionProvider"])
