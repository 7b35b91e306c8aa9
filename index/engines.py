"""How token windows become vectors on each engine: int8 one text a call on one session per core, ONNX fp32 and
torch in length-sorted batches, then sentence-transformers' pooling. `embed.Embedder` picks the engine and loads it.

Importing this module imports neither torch nor onnxruntime.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import numpy as np

from .cpu import cores, give_back_freed_memory

__all__ = ["ONNX", "INT8", "TORCH_FP32", "TORCH_BF16", "TOKEN_BUDGET", "batches", "batched", "one_by_one",
           "onnx_forward", "torch_forward", "mean_pool"]

ONNX, INT8, TORCH_FP32, TORCH_BF16 = "onnx-fp32", "onnx-int8", "torch-fp32", "torch-bf16"
# Padded tokens per batch, measured on 2 cores with length-sorted batches (BBC passages, short quotes, a mix):
# ONNX Runtime is best at ~1024, torch at 1024-4096; batches of a few whole passages pad little either way.
TOKEN_BUDGET = {ONNX: 1024, INT8: 1024, TORCH_FP32: 2048, TORCH_BF16: 2048}
# int8 runs one text a call (`one_by_one`): its activations are quantized with one scale per call
# (DynamicQuantizeLinear, over every token of the batch, padding included), so a text batched with others got a
# vector ~0.984-0.99 from the same text alone; alone, a text always gets the same vector (in a build or as a question).


def batches(windows: list[list[int]], budget: int, most: int) -> Iterable[list[int]]:
    """Indices of `windows`, shortest first, in batches of at most `budget` padded tokens and `most` texts."""
    order = sorted(range(len(windows)), key=lambda i: len(windows[i]))  # stable: deterministic batches
    batch: list[int] = []
    for i in order:
        if batch and ((len(batch) + 1) * len(windows[i]) > budget or len(batch) >= most):
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


def batched(forward: Callable[[np.ndarray, np.ndarray], np.ndarray], windows: list[list[int]], budget: int,
            most: int) -> np.ndarray:
    """`windows` padded in length-sorted batches through `forward` (ids, mask -> last hidden states); the vectors
    come back in the order of `windows`."""
    out: np.ndarray | None = None
    for idx in batches(windows, budget, most):
        width = max(len(windows[i]) for i in idx)
        ids = np.zeros((len(idx), width), dtype=np.int64)
        mask = np.zeros((len(idx), width), dtype=np.int64)
        for row, i in enumerate(idx):
            ids[row, :len(windows[i])] = windows[i]
            mask[row, :len(windows[i])] = 1
        hidden = forward(ids, mask)
        if out is None:
            out = np.empty((len(windows), hidden.shape[-1]), dtype=np.float32)
        out[idx] = mean_pool(hidden, mask)
    return out


def one_by_one(sess, windows: list[list[int]]) -> np.ndarray:
    """int8: each text alone (its own activation scale) through the one-thread session `sess`, called from one
    thread per core (ONNX Runtime releases the GIL): the same vectors as one thread, 2.2x a two-thread session
    called in turn (bench/RESULTS.md, 2026-11-30 evening)."""
    forward = onnx_forward(sess)

    def one(window: list[int]) -> np.ndarray:
        ids = np.asarray([window], dtype=np.int64)
        mask = np.ones_like(ids)
        return mean_pool(forward(ids, mask), mask)[0]

    workers = min(cores(), len(windows))
    if workers == 1:
        return np.stack([one(w) for w in windows])
    order = sorted(range(len(windows)), key=lambda i: -len(windows[i]))  # longest first: the workers end together
    with ThreadPoolExecutor(workers) as pool:
        vectors = list(pool.map(one, [windows[i] for i in order]))
    out = np.empty((len(windows), vectors[0].shape[0]), dtype=np.float32)
    out[order] = vectors
    return out


def onnx_forward(sess) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """(ids, mask) -> last hidden states, on an ONNX Runtime session."""
    def forward(ids, mask):
        return sess.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
    return forward


@contextmanager
def torch_forward(model, few: bool):
    """(ids, mask) -> last hidden states as float32 numpy, on a `minilm_torch` model: one thread for a few texts;
    after a bulk call, the freed heap is handed back."""
    import torch

    def forward(ids, mask):
        i, m = torch.from_numpy(ids), torch.from_numpy(mask)
        return model(i, m, torch.zeros_like(i)).float().numpy()

    threads = torch.get_num_threads()
    if few:
        torch.set_num_threads(1)
    try:
        with torch.inference_mode():
            yield forward
    finally:
        torch.set_num_threads(threads)
        if not few:
            give_back_freed_memory()


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' mean pooling (over real tokens) then Normalize (L2, eps 1e-12)."""
    m = mask[..., None].astype(np.float32)
    v = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
