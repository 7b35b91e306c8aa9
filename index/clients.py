"""Chroma clients: one per local folder per process (Chroma shares its files' caches by folder), or one per server."""
from __future__ import annotations

from pathlib import Path

__all__ = ["local", "http", "reload", "wrote"]

_LOCAL: dict[str, dict] = {}  # folder -> {client, epoch, version}


def _settings():
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


def local(path: Path) -> tuple[object, int]:
    """The client for a local folder and its epoch (which moves when the folder is reloaded)."""
    key = str(Path(path).resolve())
    if key not in _LOCAL:
        import chromadb

        Path(key).mkdir(parents=True, exist_ok=True)
        _LOCAL[key] = {"client": chromadb.PersistentClient(path=key, settings=_settings()), "epoch": 0, "version": None}
    entry = _LOCAL[key]
    return entry["client"], entry["epoch"]


def http(host: str, port: int):
    import chromadb

    return chromadb.HttpClient(host=host, port=port, settings=_settings())


def reload(path: Path, version: int) -> None:
    """Another process changed the folder: Chroma keeps each collection's vector index in memory and does not see
    that, so the folder is opened afresh (at most once per version)."""
    key = str(Path(path).resolve())
    entry = _LOCAL.get(key)
    if entry is None or entry["version"] in (None, version):
        if entry is not None:
            entry["version"] = version
        return
    from chromadb.api.shared_system_client import SharedSystemClient

    ident = SharedSystemClient._get_identifier_from_settings(entry["client"].get_settings())
    system = SharedSystemClient._identifier_to_system.pop(ident, None)
    if system is not None:
        system.stop()
    import chromadb

    _LOCAL[key] = {"client": chromadb.PersistentClient(path=key, settings=_settings()), "epoch": entry["epoch"] + 1,
                   "version": version}


def wrote(path: Path, version: int) -> None:
    """This process made `version`: its own caches hold it already."""
    entry = _LOCAL.get(str(Path(path).resolve()))
    if entry is not None:
        entry["version"] = version
