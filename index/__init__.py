"""whosaid's indexing side: article files in, passages and quotes in Chroma out."""
from .chunk import Chunk, chunk_article
from .embed import Embedder, get_embedder
from .errors import ArticleError, NoIndexError, StoreError, WhosaidError
from .load import Article, load_file, load_paths
from .quotes import Quote, extract_quotes
from .rebuild import BuildReport, rebuild, remove, surname_key
from .typed import ContextRecord, Found, PassageRecord, StatementRecord
from .store import Manifest, Store

__all__ = [
    "Article", "ArticleError", "BuildReport", "Chunk", "ContextRecord", "Embedder", "Found", "Manifest",
    "NoIndexError", "PassageRecord", "Quote", "StatementRecord", "Store", "StoreError", "WhosaidError",
    "chunk_article", "extract_quotes", "get_embedder", "load_file", "load_paths", "rebuild", "remove", "surname_key",
]
