"""llama-index Documents in: each a whosaid article (id, title, source, date, url from its metadata), indexed."""
from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from index import BuildReport, Embedder, Store, get_embedder, rebuild
from index.load import parse_dateline

from ..ask import open_store

__all__ = ["WhosaidIndex", "from_documents", "to_article"]

# The first metadata key present wins. A reader's file dates (creation_date, last_modified_date) are not
# publication dates and are not used.
_KEYS = {"id": ("article_id", "id", "doc_id"), "title": ("title", "headline"),
         "source": ("source", "publisher", "publication", "site_name"),
         "date": ("date", "published", "publish_date", "pubdate"), "url": ("url", "link", "source_url", "URL")}
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


def _first(meta: dict, keys: tuple[str, ...]) -> str:
    return next((str(meta[k]).strip() for k in keys if meta.get(k) not in (None, "")), "")


def _heading(text: str) -> tuple[str, str]:
    """A plain-text article's headline (its first line, when short and not a dateline) and the date in the dateline
    after it, as whosaid reads a .txt or .md file; the text itself is kept whole, so offsets index the Document."""
    head, _, rest = text.strip().partition("\n")
    if not rest.strip() or len(head) >= 200 or parse_dateline(head)[0]:
        return "", parse_dateline(text.strip())[1]
    return head.lstrip("#").strip(), parse_dateline(rest.strip())[1]


def to_article(doc) -> dict:
    """A Document as a whosaid article record (the JSON fields whosaid reads, plus the rest of its metadata).
    Its id: an `article_id`/`id` in its metadata, else its doc_id unless that is llama-index's random UUID (then
    whosaid's content id, so the same text indexed twice is one article). No title in the metadata: the headline
    line, else the file's name (a reader's `file_name`); no date: the dateline's."""
    meta = dict(doc.metadata or {})
    record = {field: _first(meta, keys) for field, keys in _KEYS.items()}
    if not record["id"] and doc.doc_id and not _UUID.match(doc.doc_id):
        record["id"] = doc.doc_id
    headline, dateline = _heading(doc.text)
    stem = Path(str(meta.get("file_name") or "")).stem.replace("-", " ").replace("_", " ").strip().capitalize()
    record["title"] = record["title"] or headline or stem
    record["date"] = record["date"] or dateline
    used = {k for keys in _KEYS.values() for k in keys}
    extra = {k: v for k, v in meta.items() if k not in used and k != "text"}
    return {**extra, **{k: v for k, v in record.items() if v}, "text": doc.text}


@dataclass
class WhosaidIndex:
    """What `from_documents` built: the index at `home`, ready to be asked through llama-index."""

    home: Path  # the home given to its Store
    store: Store
    embedder: Embedder
    report: BuildReport

    def as_retriever(self, **kwargs):
        """A WhosaidRetriever over this index (k, speaker, source, since, until)."""
        from .retriever import WhosaidRetriever

        return WhosaidRetriever(store=self.store, embedder=self.embedder, **kwargs)

    def as_query_engine(self, **kwargs):
        """A WhosaidQueryEngine over this index (llm, answerer, speaker, source, since, until, streaming)."""
        from .engine import WhosaidQueryEngine

        return WhosaidQueryEngine(store=self.store, embedder=self.embedder, **kwargs)


def from_documents(docs, home: str | Path | None = None, *, store: Store | None = None,
                   embedder: Embedder | None = None, exact: bool = False) -> WhosaidIndex:
    """Index llama-index `docs` (from any of its readers) at `home` (default: WHOSAID_HOME, else ./.whosaid).

    Adds and updates these articles and keeps the others (`exact=True`: the index becomes exactly these). A
    Document with no text is refused by name in `report.refused`, like a bad file; none readable: WhosaidError."""
    store = store or open_store(home)
    embedder = embedder or get_embedder()
    with tempfile.TemporaryDirectory(prefix="whosaid-llama-") as tmp:
        path = Path(tmp) / "llama-index-documents.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for doc in docs:
                f.write(json.dumps(to_article(doc), ensure_ascii=False, default=str) + "\n")
        report = rebuild([path], store, embedder, exact=exact)
    return WhosaidIndex(store.home, store, embedder, report)
