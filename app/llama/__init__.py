"""whosaid inside llama-index: a retriever, a query engine, Documents in, a llama-index LLM as the answerer.

Needs the `llama-index` extra (`pip install 'whosaid[llama-index]'`); the names are imported on first use, so the
rest of whosaid never imports llama-index; `import app.llama` without it raises LlamaIndexMissing (an ImportError
and a WhosaidError) that says what to install."""
from importlib import import_module
from importlib.util import find_spec

from index.errors import WhosaidError

__all__ = ["LlamaIndexLLM", "LlamaIndexMissing", "WhosaidIndex", "WhosaidQueryEngine", "WhosaidRetriever",
           "from_documents", "to_article"]

_WHERE = {"WhosaidRetriever": "retriever", "WhosaidQueryEngine": "engine", "from_documents": "documents",
          "to_article": "documents", "WhosaidIndex": "documents", "LlamaIndexLLM": "llm"}


class LlamaIndexMissing(WhosaidError, ImportError):
    """llama-index-core is not installed."""

    def __init__(self):
        super().__init__("llama-index-core is not installed: install whosaid[llama-index] to use it "
                         "(pip install 'whosaid[llama-index]')")


def _installed() -> bool:
    try:
        return find_spec("llama_index.core") is not None
    except (ImportError, ValueError):  # ValueError: a module put in sys.modules by hand, without a spec
        return False


if not _installed():  # `import app.llama` (or any module in it) says what to install, never a bare traceback
    raise LlamaIndexMissing()


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'app.llama' has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
