"""all-MiniLM-L6-v2's BERT encoder in plain torch, read straight from the model dir's safetensors.

Same arithmetic as transformers' BertModel (the vectors match sentence-transformers' to ~1e-7) without importing
transformers or sentence-transformers (7 s); importing this module imports torch (~1.5 s), so `index.embed` does it
only for the torch backends and for the one-off ONNX export.
"""
from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

__all__ = ["MiniLM", "load_minilm", "export_onnx"]

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT = "last_hidden_state"


class _Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, inter: int, eps: float):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.o = (nn.Linear(hidden, hidden) for _ in range(4))
        self.ln1 = nn.LayerNorm(hidden, eps=eps)
        self.inter, self.out = nn.Linear(hidden, inter), nn.Linear(inter, hidden)
        self.ln2 = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, n, h = x.shape

        def heads(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, self.heads, h // self.heads).transpose(1, 2)

        a = F.scaled_dot_product_attention(heads(self.q(x)), heads(self.k(x)), heads(self.v(x)), attn_mask=bias)
        x = self.ln1(self.o(a.transpose(1, 2).reshape(b, n, h)) + x)
        return self.ln2(self.out(F.gelu(self.inter(x))) + x)  # BERT's "gelu" is the exact (erf) one


class MiniLM(nn.Module):
    """forward(input_ids, attention_mask, token_type_ids) -> last_hidden_state, as BertModel's."""

    def __init__(self, cfg: dict):
        super().__init__()
        h, eps = cfg["hidden_size"], cfg["layer_norm_eps"]
        self.word = nn.Embedding(cfg["vocab_size"], h)
        self.pos = nn.Embedding(cfg["max_position_embeddings"], h)
        self.token_types = nn.Embedding(cfg["type_vocab_size"], h)
        self.ln = nn.LayerNorm(h, eps=eps)
        self.layers = nn.ModuleList(_Layer(h, cfg["num_attention_heads"], cfg["intermediate_size"], eps)
                                    for _ in range(cfg["num_hidden_layers"]))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor):
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.ln(self.word(input_ids) + self.pos(positions) + self.token_types(token_type_ids))
        # padding is masked out by a large negative bias on its keys (BertModel's extended attention mask)
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
        for layer in self.layers:
            x = layer(x, bias)
        return x


_EMB = {"word": "word_embeddings", "pos": "position_embeddings", "token_types": "token_type_embeddings", "ln": "LayerNorm"}
_LAYER = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
          "o": "attention.output.dense", "ln1": "attention.output.LayerNorm", "inter": "intermediate.dense",
          "out": "output.dense", "ln2": "output.LayerNorm"}


def load_minilm(model_dir: str | Path, dtype: torch.dtype = torch.float32) -> MiniLM:
    """The encoder in eval mode, weights from model.safetensors (HF BertModel names, with or without `bert.`)."""
    from safetensors.torch import load_file

    model_dir = Path(model_dir)
    cfg = json.loads((model_dir / "config.json").read_text())
    weights = load_file(str(model_dir / "model.safetensors"))
    if not any(k.startswith("embeddings.") for k in weights):
        weights = {k.removeprefix("bert."): v for k, v in weights.items()}
    state = {}
    for p in ("weight", "bias"):
        for ours, theirs in _EMB.items():
            if ours != "ln" and p == "bias":
                continue
            state[f"{ours}.{p}"] = weights[f"embeddings.{theirs}.{p}"]
        for i in range(cfg["num_hidden_layers"]):
            for ours, theirs in _LAYER.items():
                state[f"layers.{i}.{ours}.{p}"] = weights[f"encoder.layer.{i}.{theirs}.{p}"]
    model = MiniLM(cfg)
    model.load_state_dict(state, strict=True)
    return model.eval().to(dtype)


def export_onnx(model_dir: str | Path, dest: str | Path, opset: int = 17) -> None:
    """Write the fp32 encoder to `dest` as ONNX, batch and sequence axes dynamic (the caller makes it atomic)."""
    model = load_minilm(model_dir)
    ids = torch.tensor([[101, 2040, 2056, 2009, 102], [101, 2040, 102, 0, 0]])  # one row padded: the mask is traced
    dynamic = {name: {0: "batch", 1: "sequence"} for name in (*INPUTS, OUTPUT)}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notice
        torch.onnx.export(model, (ids, (ids > 0).long(), torch.zeros_like(ids)), os.fspath(dest), dynamo=False,
                          opset_version=opset, input_names=list(INPUTS), output_names=[OUTPUT], dynamic_axes=dynamic)
