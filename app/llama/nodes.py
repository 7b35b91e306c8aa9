"""whosaid's records and citations as llama-index nodes: the passage's text, its offsets into the article, metadata."""
from __future__ import annotations

from llama_index.core.schema import NodeRelationship, NodeWithScore, RelatedNodeInfo, TextNode

from index import PassageRecord, StatementRecord

from ..models import Answer, Citation

__all__ = ["passage_node", "statement_node", "citation_node", "source_nodes"]

# Offsets and ids help a program, not a model: they stay out of the text an LLM or an embedder is given.
_HIDDEN = ["article_id", "quote_start", "quote_end", "type"]


def _node(id_: str, text: str, start: int, end: int, article_id: str, metadata: dict) -> TextNode:
    node = TextNode(id_=id_, text=text, start_char_idx=start, end_char_idx=end, metadata=metadata,
                    excluded_llm_metadata_keys=list(_HIDDEN), excluded_embed_metadata_keys=list(_HIDDEN))
    node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=article_id)  # ref_doc_id: the article
    return node


def _article(r: PassageRecord | StatementRecord | Citation) -> dict:
    """The article's fields, and the page (from 1) where the article has pages (a PDF)."""
    meta = {"article_id": r.article_id, "title": r.title, "source": r.source, "date": r.date, "url": r.url}
    if getattr(r, "page", None):
        meta["page"] = r.page
    return meta


def passage_node(p: PassageRecord, score: float) -> NodeWithScore:
    """A passage found by the search: `article.text[start_char_idx:end_char_idx] == node.text`."""
    meta = {**_article(p), "type": "passage"}
    return NodeWithScore(node=_node(p.id, p.text, p.char_start, p.char_end, p.article_id, meta), score=score)


def statement_node(s: StatementRecord, passage: PassageRecord, score: float) -> NodeWithScore:
    """A statement found by the search: the node holds the passage it stands in (offsets into the article), and
    who said it, in what role, with which verb, directly or reported, and its own words and offsets."""
    meta = {**_article(s), "type": "statement", "speaker": s.speaker_name or s.speaker,
            "speaker_as_written": s.speaker, "role": s.speaker_role, "cue": s.cue, "kind": s.kind,
            "quote": s.text, "quote_start": s.content_start, "quote_end": s.content_end}
    node = _node(s.id, passage.text, passage.char_start, passage.char_end, s.article_id, meta)
    return NodeWithScore(node=node, score=score)


def citation_node(c: Citation, speakers: list[str]) -> NodeWithScore:
    """Source [n] of an answer; `speakers`, the people the answer's attributions quote from it."""
    meta = {**_article(c), "type": "citation", "n": c.n, "speakers": ", ".join(speakers)}
    return NodeWithScore(node=_node(f"{c.article_id}@{c.char_start}", c.passage, c.char_start, c.char_end,
                                    c.article_id, meta), score=None)


def source_nodes(a: Answer) -> list[NodeWithScore]:
    """An answer's citations as nodes, in [n] order; none for a refusal."""
    if not a.found:
        return []
    ordered = sorted(a.citations, key=lambda c: c.n)
    return [citation_node(c, list(dict.fromkeys(t.speaker_name for t in a.attributions if c.n in t.citations)))
            for c in ordered]
