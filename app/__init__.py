"""whosaid: ask news articles who said what, with citations to the exact passages."""
from .ask import answer
from .errors import ArticleError, ConfigError, NoIndexError, PromptError, StoreError, WhosaidError
from .models import Answer, Attribution, Citation

__all__ = [
    "Answer", "ArticleError", "Attribution", "Citation", "ConfigError", "NoIndexError", "PromptError",
    "StoreError", "WhosaidError", "answer",
]
