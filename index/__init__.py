"""whosaid's indexing side: article files in, passages and quotes in Chroma out (names imported on first use)."""
from importlib import import_module

from .errors import ArticleError, NoIndexError, StoreError, WhosaidError

_WHERE = {  # name -> submodule: answering a question never loads the extraction rules or the build code
    "Chunk": "chunk", "chunk_article": "chunk", "Embedder": "embed", "get_embedder": "embed",
    "Article": "load", "load_file": "load", "load_paths": "load", "Quote": "quotes", "extract_quotes": "quotes",
    "BuildReport": "build", "rebuild": "build", "remove": "build", "surname_key": "names",
    "ContextRecord": "typed", "Found": "typed", "PassageRecord": "typed", "StatementRecord": "typed",
    "Manifest": "state", "Store": "store",
}

__all__ = [
    "Article", "ArticleError", "BuildReport", "Chunk", "ContextRecord", "Embedder", "Found", "Manifest",
    "NoIndexError", "PassageRecord", "Quote", "StatementRecord", "Store", "StoreError", "WhosaidError",
    "chunk_article", "extract_quotes", "get_embedder", "load_file", "load_paths", "rebuild", "remove", "surname_key",
]


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'index' has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
