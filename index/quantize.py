"""The int8 encoder: the cached fp32 ONNX export, fused for BERT and dynamically quantized, built once and cached.

`quantize` is the recipe with its knobs (bench/embed_bench.py compares them); `cached_int8` builds the chosen one
once beside the fp32 export it is made from (same cache folder, same atomic write), so it is never shipped in the
repository and never downloaded. Importing this module imports neither onnx nor onnxruntime.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

__all__ = ["INT8_VERSION", "cached_int8", "int8_path", "quantize"]

log = logging.getLogger(__name__)

# Bump when the recipe below changes: the file name changes with it, so an old int8 file is not reused.
INT8_VERSION = 2
# The recipe, chosen on BBC passages for speed and agreement (bench/embed_bench.py --int8; bench/RESULTS.md
# 2026-11-30 evening); the PolNeAR dev retrieval check is reported, not tuned on:
# - per-channel QInt8 weights: per-tensor weights lose far more (cosine to fp32 p1 0.93 with QInt8, 0.97 with
#   QUInt8, against 0.990 per channel); QUInt8 weights ran slower on this AVX-512 VNNI CPU;
# - not fused: onnxruntime.transformers' BERT fusion first (one QAttention op) ran 0.91x the plain graph
#   (1.64x against 1.79x ONNX fp32 on 600 passages, both cores; 2.05x against 2.25x on one core), same agreement.
FUSE, PER_CHANNEL, WEIGHT_TYPE = False, True, "QInt8"


def int8_path(fp32_file: Path) -> Path:
    """Where the int8 model made from `fp32_file` is cached: beside it, named after it (and its fingerprint)."""
    return fp32_file.with_name(f"{fp32_file.stem}-int8v{INT8_VERSION}.onnx")


def _heads_and_width(model_dir: str | Path) -> tuple[int, int]:
    cfg = json.loads((Path(model_dir) / "config.json").read_text())
    return cfg["num_attention_heads"], cfg["hidden_size"]


def quantize(fp32_file: str | Path, dest: str | Path, model_dir: str | Path, *, fuse: bool = FUSE,
             per_channel: bool = PER_CHANNEL, weight_type: str = WEIGHT_TYPE, exclude: tuple[str, ...] = ()) -> None:
    """Write `fp32_file` quantized to int8 (weights; activations dynamically, per batch) to `dest`.

    fuse: run the BERT graph optimizer first (Attention, SkipLayerNormalization, BiasGelu, EmbedLayerNormalization
    fused ops); exclude: node names kept in fp32 (e.g. "/layers.0/out/MatMul").
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    src = os.fspath(fp32_file)
    fused = None
    if fuse:
        from onnxruntime.transformers import optimizer

        heads, width = _heads_and_width(model_dir)
        fused = f"{os.fspath(dest)}.fused.onnx"
        optimizer.optimize_model(src, model_type="bert", num_heads=heads, hidden_size=width,
                                 opt_level=0).save_model_to_file(fused)
        src = fused
    try:
        # the fused ops are outside ONNX's shape inference: their outputs are float tensors
        quantize_dynamic(src, os.fspath(dest), per_channel=per_channel, weight_type=getattr(QuantType, weight_type),
                         nodes_to_exclude=list(exclude), extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    finally:
        if fused:
            try:
                os.unlink(fused)
            except OSError:
                pass


def cached_int8(fp32_file: Path, model_dir: str | Path, refresh: bool = False) -> Path:
    """The int8 model made from `fp32_file` (an `onnx_model.cached_onnx` path), quantized first if not cached."""
    from .onnx_model import write_atomically

    path = int8_path(fp32_file)
    if path.is_file() and not refresh:
        return path
    log.info("quantizing the ONNX model to int8 (once per machine): %s", path)
    write_atomically(path, lambda tmp: quantize(fp32_file, tmp, model_dir))
    return path
