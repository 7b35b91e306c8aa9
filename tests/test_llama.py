"""whosaid inside llama-index (llama-index-core only, no network, no real model): retriever, query engine,
Documents in, a llama-index LLM as the answerer, and the message when the extra is missing."""
from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from llama_index.core import Document
from llama_index.core.base.response.schema import Response, StreamingResponse
from llama_index.core.llms import CompletionResponse, CustomLLM, LLMMetadata, MockLLM
from llama_index.core.schema import NodeRelationship

from app import answer
from app.errors import FilterError
from app.llama import LlamaIndexLLM, WhosaidQueryEngine, WhosaidRetriever, from_documents, to_article

from tests.conftest import ROOT

PUTIN_Q = "Who warned that NATO troops stationed in Ukraine would be considered legitimate targets?"
REFUSED_Q = "Who said the moon is made of cheese?"
PUTIN_REPLY = ("Vladimir Putin warned that NATO troops stationed in Ukraine would be considered "
               "\"legitimate targets for the Russian military\" [1].")


class ScriptedLLM(CustomLLM):
    """A llama-index LLM that replies with `reply` (chat and streamed), or raises `fail`."""

    reply: str = ""
    fail: Any = None
    calls: int = 0

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(model_name="scripted")

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        self.calls += 1
        if self.fail:
            raise self.fail
        return CompletionResponse(text=self.reply)

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any):
        self.calls += 1
        if self.fail:
            raise self.fail
        words = self.reply.split(" ")
        return (CompletionResponse(text=" ".join(words[:i + 1]), delta=w if i == 0 else " " + w)
                for i, w in enumerate(words))


@pytest.fixture(scope="module")
def retriever(sample_home, embedder):
    return WhosaidRetriever(sample_home, embedder=embedder)


@pytest.fixture(scope="module")
def engine(sample_home, embedder):
    return WhosaidQueryEngine(home=sample_home, embedder=embedder)


def _sliced(node, articles) -> str:
    return articles[node.metadata["article_id"]].text[node.start_char_idx:node.end_char_idx]


# --- the retriever ---

def test_retriever_finds_putin_with_speaker_metadata_and_offsets(retriever, sample_articles):
    nodes = retriever.retrieve(PUTIN_Q)
    assert nodes
    top = nodes[0]
    assert top.node.metadata["type"] == "statement"
    assert top.node.metadata["speaker"] == "Vladimir Putin"
    assert top.node.metadata["role"] == "Russian President" and top.node.metadata["cue"] == "warned"
    assert top.node.metadata["kind"] in ("direct", "indirect", "mixed")
    assert "legitimate targets" in top.node.metadata["quote"] and "legitimate targets" in top.node.text
    for n in nodes:  # every node's offsets slice its article to exactly its text
        assert _sliced(n.node, sample_articles) == n.node.text
        assert {"article_id", "title", "source", "date", "url"} <= n.node.metadata.keys()
        assert n.node.ref_doc_id == n.node.metadata["article_id"]
        assert n.node.relationships[NodeRelationship.SOURCE].node_id == n.node.metadata["article_id"]
    quote = top.node.metadata
    article = sample_articles[quote["article_id"]].text
    assert article[quote["quote_start"]:quote["quote_end"]] in top.node.text


def test_retriever_filters_narrow_and_are_checked(sample_home, embedder):
    by_putin = WhosaidRetriever(sample_home, embedder=embedder, speaker="Putin").retrieve("Ukraine")
    assert by_putin and {n.node.metadata["speaker"] for n in by_putin} == {"Vladimir Putin"}
    with pytest.raises(FilterError, match="No articles from source 'moon-herald'"):
        WhosaidRetriever(sample_home, embedder=embedder, source="moon-herald")
    with pytest.raises(FilterError, match="must be a date"):
        WhosaidRetriever(sample_home, embedder=embedder, since="last week")


def test_llm_prompt_text_leaves_offsets_out(retriever):
    from llama_index.core.schema import MetadataMode

    node = retriever.retrieve(PUTIN_Q)[0].node
    shown = node.get_content(metadata_mode=MetadataMode.LLM)
    assert "speaker: Vladimir Putin" in shown and "quote_start" not in shown and "article_id" not in shown


# --- the query engine ---

def test_query_engine_answers_with_source_nodes_in_citation_order(engine, sample_articles):
    r = engine.query(PUTIN_Q)
    assert isinstance(r, Response)
    assert "Vladimir Putin" in r.response and "[1]" in r.response
    assert [n.node.metadata["n"] for n in r.source_nodes] == list(range(1, len(r.source_nodes) + 1))
    assert "legitimate targets" in r.source_nodes[0].node.text
    assert r.source_nodes[0].node.metadata["speakers"] == "Vladimir Putin"
    assert all(_sliced(n.node, sample_articles) == n.node.text for n in r.source_nodes)
    assert r.metadata["found"] is True and r.metadata["unverified"] == []
    assert r.metadata["attributions"][0]["speaker_name"] == "Vladimir Putin"
    assert r.metadata["answerer"] == "extractive"


def test_query_engine_refusal_has_no_source_nodes(engine):
    r = engine.query(REFUSED_Q)
    assert r.response == "The indexed articles don't say."
    assert r.source_nodes == [] and r.metadata["found"] is False


def test_query_engine_streams_then_fills_in_sources(sample_home, embedder, engine):
    r = WhosaidQueryEngine(home=sample_home, embedder=embedder, streaming=True).query(PUTIN_Q)
    assert isinstance(r, StreamingResponse) and r.source_nodes == []  # known once the text is written
    text = "".join(r.response_gen)
    assert text == engine.query(PUTIN_Q).response
    assert [n.node.metadata["n"] for n in r.source_nodes][:1] == [1] and r.metadata["found"] is True


def test_query_engine_filters(sample_home, embedder):
    by_putin = WhosaidQueryEngine(home=sample_home, embedder=embedder, speaker="Putin").query(PUTIN_Q)
    assert by_putin.metadata["found"] and {a["speaker_name"] for a in by_putin.metadata["attributions"]} == {
        "Vladimir Putin"}
    by_tikhy = WhosaidQueryEngine(home=sample_home, embedder=embedder, speaker="Georgy Tikhy").query(PUTIN_Q)
    assert "Putin" not in by_tikhy.response
    assert all(a["speaker_name"] == "Georgy Tikhy" for a in by_tikhy.metadata["attributions"])


# --- Documents in ---

FICTIONAL = [
    Document(text="QUILLMOUTH, April 2, 2031 — Harbour engineer Tobin Quellhart warned on Tuesday that the old "
                  "seawall could fail in a single winter storm. “The stones are held together by habit,” "
                  "Quellhart told the town council.",
             doc_id="qm-seawall", metadata={"title": "Seawall may not last the winter", "source": "quillmouth-courier",
                                            "date": "2031-04-02", "url": "https://example.org/qm/seawall"}),
    Document(text="Mayor Ilsa Tormundsen said the new ferry terminal would open in the spring. “We will cut the "
                  "crossing to Farrow Isle in half,” Tormundsen said at the opening of the works.",
             metadata={"id": "qm-ferry", "title": "Ferry terminal by spring", "source": "quillmouth-courier",
                       "date": "2031-03-11", "link": "https://example.org/qm/ferry", "section": "Town"}),
]


def test_document_becomes_an_article_record():
    assert to_article(FICTIONAL[0]) == {"id": "qm-seawall", "title": "Seawall may not last the winter",
                                        "source": "quillmouth-courier", "date": "2031-04-02",
                                        "url": "https://example.org/qm/seawall", "text": FICTIONAL[0].text}
    ferry = to_article(FICTIONAL[1])
    assert ferry["id"] == "qm-ferry" and ferry["url"] == "https://example.org/qm/ferry" and ferry["section"] == "Town"
    assert "id" not in to_article(Document(text="No id given."))  # llama-index's random UUID is not an id


def test_plain_text_document_takes_its_headline_and_dateline():
    """As whosaid reads a .txt file (the text kept whole, so offsets still index the Document)."""
    text = "Ferry Fares Rise Again\n\nQUILLMOUTH, March 3, 2031 — Fares rose, the operator said."
    rec = to_article(Document(text=text, metadata={"file_name": "ferry_fares.txt"}))
    assert (rec["title"], rec["date"], rec["text"]) == ("Ferry Fares Rise Again", "2031-03-03", text)
    rec = to_article(Document(text="QUILLMOUTH, March 3 — Fares rose.", metadata={"file_name": "ferry_fares.txt"}))
    assert (rec["title"], rec["date"]) == ("Ferry fares", "March 3")


def test_from_a_llama_index_reader(tmp_path, embedder):
    from llama_index.core import SimpleDirectoryReader

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "lighthouse.txt").write_text(
        "Lighthouse to Be Repainted\n\nQUILLMOUTH, May 4, 2031 — “The red stripes go back on in June,” "
        "keeper Maren Ostlund said on Monday.\n", encoding="utf-8")
    docs = SimpleDirectoryReader(str(tmp_path / "news")).load_data()
    built = from_documents(docs, home=tmp_path / "home", embedder=embedder)
    r = built.as_query_engine().query("Who said the red stripes go back on in June?")
    assert "Maren Ostlund" in r.response
    meta = r.source_nodes[0].node.metadata
    assert meta["title"] == "Lighthouse to Be Repainted" and meta["date"] == "2031-05-04"


@pytest.fixture(scope="module")
def fictional(tmp_path_factory, embedder):
    return from_documents(FICTIONAL, home=tmp_path_factory.mktemp("llama-docs"), embedder=embedder)


def test_from_documents_indexes_and_answers(fictional):
    assert fictional.report.articles == 2 and fictional.report.added == 2 and not fictional.report.refused
    r = fictional.as_query_engine().query("Who warned that the old seawall could fail?")
    assert "Tobin Quellhart" in r.response and r.metadata["found"]
    top = r.source_nodes[0].node
    assert top.metadata["article_id"] == "qm-seawall" and top.metadata["source"] == "quillmouth-courier"
    assert top.metadata["date"] == "2031-04-02" and top.metadata["url"] == "https://example.org/qm/seawall"
    assert FICTIONAL[0].text[top.start_char_idx:top.end_char_idx] == top.text
    nodes = fictional.as_retriever(speaker="Tormundsen").retrieve("ferry")
    assert nodes and nodes[0].node.metadata["speaker"] == "Ilsa Tormundsen"
    assert nodes[0].node.metadata["article_id"] == "qm-ferry"


def test_from_documents_adds_and_keeps_the_rest(fictional):
    extra = Document(text="Councillor Perrin Osk said the lighthouse would be repainted in June.", doc_id="qm-paint")
    again = from_documents([extra], home=fictional.home, embedder=fictional.embedder)
    assert again.report.added == 1 and again.report.removed == 0
    assert set(again.store.manifest().articles) == {"qm-seawall", "qm-ferry", "qm-paint"}


# --- a llama-index LLM as the answerer ---

def test_mock_llm_answers_through_the_adapter(sample_home, embedder):
    """MockLLM(max_tokens=5) writes "text text text text text": a reply no source supports is not shown as the
    answer; the extractive answer is, with a notice, and the reply is kept for debugging."""
    a = answer(PUTIN_Q, home=sample_home, embedder=embedder, llm=MockLLM(max_tokens=5), answerer="llm")
    assert a.answerer == "extractive" and a.found and a.llm_reply == "text text text text text"
    assert a.citations and a.citations[0].n == 1 and "could not be checked against the sources" in a.notice


def test_scripted_llm_answer_is_checked_and_cited(sample_home, embedder):
    engine = WhosaidQueryEngine(home=sample_home, embedder=embedder, llm=ScriptedLLM(reply=PUTIN_REPLY))
    r = engine.query(PUTIN_Q)
    assert r.metadata["answerer"] == "llm" and r.response == PUTIN_REPLY and r.metadata["unverified"] == []
    assert [n.node.metadata["n"] for n in r.source_nodes] == [1]
    assert "legitimate targets" in r.source_nodes[0].node.text


def test_scripted_llm_streams(sample_home, embedder):
    r = WhosaidQueryEngine(home=sample_home, embedder=embedder, llm=ScriptedLLM(reply=PUTIN_REPLY),
                           streaming=True).query(PUTIN_Q)
    chunks = list(r.response_gen)
    assert len(chunks) > 5 and "".join(chunks) == PUTIN_REPLY and r.source_nodes[0].node.metadata["n"] == 1


def test_failing_llm_falls_back_to_the_extractive_answer(sample_home, embedder):
    llm = ScriptedLLM(fail=RuntimeError("provider said sk-secret-123"))
    a = answer(PUTIN_Q, home=sample_home, embedder=embedder, llm=llm, answerer="llm")
    assert a.answerer == "extractive" and "Vladimir Putin" in a.text
    assert a.notice == "The language model failed: RuntimeError; showing the extractive answer."
    assert "sk-secret" not in a.to_json()


def test_empty_llm_reply_is_an_llm_error():
    from app.errors import LLMError

    with pytest.raises(LLMError, match="malformed reply"):
        list(LlamaIndexLLM(ScriptedLLM(reply="")).stream([{"role": "user", "content": "hi"}]))
    assert LlamaIndexLLM(MockLLM()).chat([{"role": "system", "content": "be brief"},
                                          {"role": "user", "content": "hi"}]).startswith("system: be brief")


def test_refusal_never_calls_the_llm(sample_home, embedder):
    llm = ScriptedLLM(reply=PUTIN_REPLY)
    r = WhosaidQueryEngine(home=sample_home, embedder=embedder, llm=llm).query(REFUSED_Q)
    assert r.source_nodes == [] and r.metadata["found"] is False and llm.calls == 0


# --- without the extra ---

def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_app_never_imports_llama_index():
    p = _python("import sys, app, app.ask, app.generate, app.cli, app.retrieve\n"
                "print(sorted(m for m in sys.modules if m.startswith('llama_index')))")
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"


def test_missing_extra_says_what_to_install():
    p = _python("import sys\nsys.modules['llama_index'] = None\n"
                "try:\n    from app.llama import WhosaidRetriever\n"
                "except ImportError as e:\n    from app import WhosaidError\n"
                "    print(type(e).__name__, isinstance(e, WhosaidError), e)\n")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("LlamaIndexMissing True ")
    assert "install whosaid[llama-index] to use it" in p.stdout
