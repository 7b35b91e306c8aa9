"""whosaid: ask news articles who said what, with citations to the exact passages."""
from .errors import ArticleError, ConfigError, NoIndexError, PromptError, StoreError, WhosaidError
from .models import Answer, Attribution, Citation

__all__ = [
    "Answer", "ArticleError", "Attribution", "Citation", "ConfigError", "NoIndexError", "PromptError",
    "StoreError", "WhosaidError", "answer",
]


def __getattr__(name: str):
    """`answer` is imported when first used: the CLI's index commands never load the answerer."""
    if name == "answer":
        from .ask import answer
        return answer
    raise AttributeError(f"module 'app' has no attribute {name!r}")
