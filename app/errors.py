"""The error tree users see: index's errors plus the app's own; every message is safe to show."""
from index.errors import ArticleError, NoIndexError, StoreError, WhosaidError

__all__ = ["WhosaidError", "ArticleError", "NoIndexError", "StoreError", "ConfigError", "PromptError", "LLMError", "FilterError",
           "QuestionError"]


class ConfigError(WhosaidError):
    """A WHOSAID_* or OPENAI_* setting that can't be used."""


class PromptError(WhosaidError):
    """A template in prompts/ is missing or needs a variable it wasn't given."""


class LLMError(WhosaidError):
    """The language model failed: timeout, connection, HTTP error or a reply that can't be read."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"The language model failed ({reason}).")


class FilterError(WhosaidError):
    """A speaker, source or date filter that can't be used (e.g. a date that isn't YYYY-MM-DD)."""


class QuestionError(WhosaidError):
    """A question that can't be asked as it is (too long, not text)."""
