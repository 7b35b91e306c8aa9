"""The embedder's backends give the same vectors as sentence-transformers, in order, cut at MiniLM's window; the
ONNX file is exported once, cached atomically, and a question never imports torch. Real model, no timings."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from index import onnx_model
from index.embed import _FEW, MAX_TOKENS, Embedder, read_cpu_flags

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "Who said the bridge would reopen in spring?",
    "The minister said the economy would recover next year, despite warnings from analysts.",
    "“We will not back down,” the union leader told reporters outside the port.",
    "ok",
]
NO_BF16 = frozenset({"fpu", "sse4_2", "avx2", "fma", "avx512f"})
WITH_BF16 = NO_BF16 | {"avx512_bf16"}


def _passage(embedder: Embedder, pieces: int) -> str:
    """A stretch of a bundled article exactly `pieces` wordpieces long."""
    text = " ".join((ROOT / "data" / "articles" / name).read_text()
                    for name in ("velmora_trial.txt", "kestrelford_bridge.txt", "coalition-of-the-willing.txt"))
    enc = embedder.tokenizer.encode(text, add_special_tokens=False)
    assert len(enc.ids) > pieces
    cut = text[enc.offsets[0][0]:enc.offsets[pieces - 1][1]]
    assert embedder.count_tokens([cut]) == [pieces]
    return cut


def _cos(a, b) -> np.ndarray:
    a, b = np.asarray(a), np.asarray(b)
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("onnx-cache")


@pytest.fixture(scope="module")
def onnx_emb(cache) -> Embedder:
    """The module's one export (into a temp cache)."""
    emb = Embedder(backend="onnx", cache_dir=cache)
    before = onnx_model.exports
    emb.embed(["warm up"])
    assert onnx_model.exports == before + 1
    return emb


@pytest.fixture(scope="module")
def fp32() -> Embedder:
    return Embedder(backend="torch-fp32")


@pytest.fixture(scope="module")
def texts(fp32) -> list[str]:
    return SENTENCES + [_passage(fp32, 250)]


def test_onnx_matches_torch_fp32(onnx_emb, fp32, texts):
    assert onnx_emb.backend == "onnx-fp32" and fp32.backend == "torch-fp32"
    assert _cos(onnx_emb.embed(texts), fp32.embed(texts)).min() >= 0.999
    one = [onnx_emb.embed([t])[0] for t in texts]  # a question alone, on the one-thread session
    assert _cos(one, fp32.embed(texts)).min() >= 0.999
    assert onnx_emb.last_backend == "onnx-fp32"


def test_torch_fp32_is_sentence_transformers(fp32, texts):
    """The plain-torch encoder replaces sentence-transformers: same vectors as its encode(normalize=True)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(fp32.model_dir, device="cpu")
    ref = st.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    assert _cos(fp32.embed(texts), ref).min() >= 0.9999
    vectors = np.asarray(fp32.embed(texts))
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_bf16_close_to_fp32_and_auto_routing(cache, onnx_emb, fp32, texts):
    emb = Embedder(cache_dir=cache, cpu_flags=lambda: WITH_BF16, torch_after=0)  # auto, on a CPU that has bf16
    bulk = texts * 2  # more than _FEW texts: the bulk backend
    assert len(bulk) > _FEW
    vectors = emb.embed(bulk)
    assert emb.last_backend == "torch-bf16"
    assert _cos(vectors, fp32.embed(bulk)).min() >= 0.99
    emb.embed(texts[:1])
    assert emb.last_backend == "onnx-fp32"  # a question


def test_small_bulk_stays_on_onnx_until_torch_is_loaded(cache, onnx_emb, texts):
    """An update of a few articles is embedded without loading torch; its vectors sit with bf16 ones."""
    bulk = texts * 2
    emb = Embedder(cache_dir=cache, cpu_flags=lambda: WITH_BF16)
    assert len(bulk) > _FEW and sum(emb.count_tokens(bulk)) < emb.torch_after
    small = emb.embed(bulk)
    assert emb.last_backend == "onnx-fp32"
    loaded = Embedder(cache_dir=cache, cpu_flags=lambda: WITH_BF16, torch_after=0)
    big = loaded.embed(bulk)
    assert loaded.last_backend == "torch-bf16"
    assert _cos(small, big).min() >= 0.999
    loaded.torch_after = 10 ** 9  # torch is loaded now: even a small bulk call uses it
    loaded.embed(bulk)
    assert loaded.last_backend == "torch-bf16"


def test_backend_pick_follows_cpu_flags():
    assert Embedder(cpu_flags=lambda: NO_BF16).backend == "onnx-fp32"  # faster than torch fp32 on passages
    assert Embedder(cpu_flags=lambda: NO_BF16).backend != "torch-bf16"
    assert Embedder(backend="torch", cpu_flags=lambda: NO_BF16).backend == "torch-fp32"
    assert Embedder(cpu_flags=lambda: WITH_BF16).backend == "torch-bf16"
    assert Embedder(cpu_flags=lambda: NO_BF16 | {"amx_bf16"}).backend == "torch-bf16"
    assert Embedder(backend="torch", cpu_flags=lambda: WITH_BF16).backend == "torch-bf16"
    assert Embedder(backend="onnx", cpu_flags=lambda: WITH_BF16).backend == "onnx-fp32"
    for flags in (NO_BF16, WITH_BF16):
        assert Embedder(cpu_flags=lambda f=flags: f).small_backend == "onnx-fp32"
        assert Embedder(backend="torch", cpu_flags=lambda f=flags: f).small_backend != "onnx-fp32"
    assert isinstance(read_cpu_flags(), frozenset)
    with pytest.raises(ValueError):
        Embedder(backend="gpu")


@pytest.mark.parametrize("which", ["onnx", "fp32"])
def test_order_kept_across_length_sorted_batches(which, onnx_emb, fp32, texts):
    emb = {"onnx": onnx_emb, "fp32": fp32}[which]
    long = texts[-1]
    mixed = [long, "Yes.", texts[1], long[:300], "No comment, he said.", texts[2], long[:900], texts[0], "ok",
             long[:40], texts[3], long]
    assert len(mixed) > _FEW
    small = Embedder(batch_size=3, token_budget=300, backend=emb.requested, cache_dir=emb.cache_dir)
    for e in (emb, small):  # default batches, and many small ones
        got = e.embed(mixed)
        alone = [emb.embed([t])[0] for t in mixed]
        assert _cos(got, alone).min() >= 0.9999
        assert e.embed(mixed) == got  # deterministic for the same input and backend
    assert _cos(got[:1], got[-1:])[0] >= 0.99999  # the same text twice in one call


@pytest.mark.parametrize("which", ["onnx", "fp32"])
def test_text_past_the_window_is_its_254_wordpiece_cut(which, onnx_emb, fp32):
    emb = {"onnx": onnx_emb, "fp32": fp32}[which]
    long, cut = _passage(fp32, 300), _passage(fp32, MAX_TOKENS - 2)
    assert long.startswith(cut)
    a, b = emb.embed([long, cut])
    assert _cos([a], [b])[0] >= 0.99999
    assert _cos([a], [emb.embed([_passage(fp32, 260)])[0]])[0] >= 0.99999


def test_count_tokens_counts_every_wordpiece(fp32):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(os.path.join(fp32.model_dir, "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    texts = SENTENCES + [_passage(fp32, 300), ""]
    assert fp32.count_tokens(texts) == [len(e.ids) for e in tok.encode_batch(texts, add_special_tokens=False)]
    assert fp32.count_tokens(["Who said it?"]) == [4]
    assert fp32.count_tokens(texts)[-2] == 300  # not cut at the shipped file's 128, nor at the window
    assert fp32.count_tokens([]) == [] and fp32.embed([]) == []


def test_question_never_imports_torch(cache, onnx_emb):
    """ONNX (fp32, or int8 on a VNNI CPU) embeds it. Nor do a claim's rare words, embedded one by one in a single call, nor the texts of an updated article."""
    code = ("import sys; from index.embed import Embedder; e = Embedder(cache_dir=sys.argv[1]); "
            "v = e.embed(['Who said the bridge would reopen?']); "
            "e.embed(['coin', 'toss', 'spillway', 'thaw', 'quarry', 'ferry', 'lorry', 'pier', 'mill', 'dam']); "
            "e.embed([f'Passage {i} of an updated article, with a sentence or two in it.' * 4 for i in range(30)]); "
            "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules]; "
            "print(e.last_backend, len(v[0]), heavy)")
    out = subprocess.run([sys.executable, "-c", code, str(cache)], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [Embedder().small_backend, "384", "[]"]  # fp32, or int8 on a VNNI CPU


def test_cached_file_is_reused(cache, onnx_emb):
    files = [f for f in cache.glob("*.onnx") if "-int8" not in f.name]
    assert len(files) == 1 and files[0].name.startswith("all-MiniLM-L6-v2-")
    mtime, before = files[0].stat().st_mtime_ns, onnx_model.exports
    again = Embedder(backend="onnx", cache_dir=cache)
    assert again.embed(SENTENCES) == onnx_emb.embed(SENTENCES)
    assert onnx_model.exports == before and files[0].stat().st_mtime_ns == mtime
    assert again.onnx_file == files[0]


def test_half_written_export_is_never_read(cache, onnx_emb):
    """A killed export leaves a temp file: it is ignored (and swept up once old); the final name is whole."""
    junk = cache / ".export-killed.onnx"
    junk.write_bytes(b"\x08\x07half an onnx file")
    before = onnx_model.exports
    emb = Embedder(backend="onnx", cache_dir=cache)
    assert emb.embed(SENTENCES[:1]) == onnx_emb.embed(SENTENCES[:1])
    assert onnx_model.exports == before and emb.onnx_file != junk
    onnx_model._clean_stale_temps(cache)
    assert junk.exists()  # young: maybe an export still under way in another process
    old = time.time() - 2 * 3600
    os.utime(junk, (old, old))
    onnx_model._clean_stale_temps(cache)
    assert not junk.exists()


def test_damaged_cached_file_is_exported_again(tmp_path, onnx_emb):
    """The final name holds only whole files from us, but a damaged disk or a foreign write is redone (export 2)."""
    emb = Embedder(backend="onnx", cache_dir=tmp_path)
    path = onnx_model.onnx_path(emb.model_dir, tmp_path, emb.name)
    path.write_bytes(b"not an onnx model")
    before = onnx_model.exports
    assert _cos(emb.embed(SENTENCES), onnx_emb.embed(SENTENCES)).min() >= 0.99999
    assert onnx_model.exports == before + 1 and path.stat().st_size > 50_000_000


def test_unwritable_cache_dir_falls_back_to_temp(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    got = onnx_model.usable_cache_dir(blocker / "cache")
    assert got != blocker / "cache" and os.access(got, os.W_OK)
    assert onnx_model.usable_cache_dir(tmp_path / "new" / "dir") == tmp_path / "new" / "dir"


def test_int8_is_made_once_beside_the_export_and_embeds_questions_too(cache, onnx_emb, texts):
    """The int8 model is quantized from the cached export, kept beside it (never shipped, never downloaded), made
    once; its vectors are close to fp32's but not within 0.99 everywhere, so an int8 embedder asks with int8 too."""
    from index import quantize

    emb = Embedder(backend="onnx-int8", cache_dir=cache)
    bulk = texts * 2
    vectors = emb.embed(bulk)
    assert emb.last_backend == "onnx-int8" and emb.backend == emb.small_backend == "onnx-int8"
    assert _cos(vectors, onnx_emb.embed(bulk)).min() >= 0.97
    question = emb.embed(texts[:1])
    assert emb.last_backend == "onnx-int8"
    assert question[0] == vectors[0]  # the same text, alone or among others: one text a call, the same vector
    made = quantize.int8_path(onnx_emb.onnx_file)
    assert made.parent == cache and made.is_file() and made.stat().st_size < onnx_emb.onnx_file.stat().st_size / 3
    mtime = made.stat().st_mtime_ns
    again = Embedder(backend="onnx-int8", cache_dir=cache)
    assert again.embed(texts) == emb.embed(texts)
    assert made.stat().st_mtime_ns == mtime and not list(cache.glob(".export-*"))


def test_auto_picks_int8_where_the_cpu_has_vnni_and_follows_the_index(cache, onnx_emb, texts):
    """On a VNNI CPU, auto embeds everything (questions too) in int8; asked for an index built by another backend
    it embeds as that index was, so an index and its questions never mix int8 with fp32/bf16 vectors."""
    vnni = WITH_BF16 | {"avx512_vnni"}
    emb = Embedder(cache_dir=cache, cpu_flags=lambda: vnni)  # INT8_BY_DEFAULT: VNNI picks int8
    assert emb.backend == emb.small_backend == "onnx-int8"
    assert Embedder(cpu_flags=lambda: NO_BF16 | {"avx_vnni"}, int8=True).backend == "onnx-int8"
    assert Embedder(cpu_flags=lambda: vnni, int8=False).backend == "torch-bf16"
    for backend in ("onnx", "torch", "onnx-fp32", "torch-bf16"):  # asked for by name: never int8
        assert "int8" not in Embedder(backend=backend, cpu_flags=lambda: vnni).small_backend
    old = emb.for_index("torch-bf16")  # an index built before int8, or on a CPU without VNNI
    assert old.backend == "torch-bf16" and old.small_backend == "onnx-fp32"
    assert old.embed(texts[:1]) == onnx_emb.embed(texts[:1]) and old.last_backend == "onnx-fp32"
    assert emb.for_index("onnx-int8") is emb and emb.for_index("") is emb  # unrecorded: as it is
    assert old.for_index("onnx-int8").backend == "onnx-int8"
    emb.embed(texts[:1])
    assert emb.last_backend == "onnx-int8"


def test_an_index_built_before_int8_is_updated_and_asked_as_it_was_built(tmp_path):
    """An index built with fp32/bf16 stays so when an int8 embedder adds to it; questions to it are fp32 too."""
    from app import answer
    from index import Store, rebuild

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dam.txt").write_text("Dam holds\n\nTALLBROOK, May 1 — “The Quillmoor spillway will hold through the "
                                    "thaw,” said warden Oskar Lind.\n")
    store = Store(tmp_path / "home")
    vnni = WITH_BF16 | {"avx512_vnni"}
    rebuild([corpus], store, Embedder(cpu_flags=lambda: vnni, int8=False))
    assert store.manifest().backend in ("torch-bf16", "onnx-fp32")
    (corpus / "ferry.txt").write_text("Ferry returns\n\nPORT ELSING, May 2 — “The morning ferry will run twice a day "
                                      "from June,” said harbour master Ines Varga.\n")
    int8 = Embedder(cpu_flags=lambda: vnni, int8=True)
    assert int8.backend == "onnx-int8"
    r = rebuild([corpus], store, int8)
    assert (r.added, r.full) == (1, False) and "int8" not in store.manifest().backend
    got = answer("Who said the morning ferry would run twice a day?", store=store, embedder=int8)
    assert got.attributions[0].speaker_name == "Ines Varga"
    assert int8.last_backend is None  # the question went to its fp32 twin, not to int8
