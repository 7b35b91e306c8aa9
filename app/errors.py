"""The error tree users see: index's errors plus the app's own; every message is safe to show."""
from index.errors import ArticleError, NoIndexError, StoreError, WhosaidError

__all__ = ["WhosaidError", "ArticleError", "NoIndexError", "StoreError", "ConfigError", "PromptError"]


class ConfigError(WhosaidError):
    """A WHOSAID_* or OPENAI_* setting that can't be used."""


class PromptError(WhosaidError):
    """A template in prompts/ is missing or needs a variable it wasn't given."""
