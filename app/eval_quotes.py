"""Score the quote engine against human attributions (PolNeAR format): strict content F1, speakers, joint recall, and
the statements it missed."""
from __future__ import annotations

import difflib
import json
import re
import time
from collections import defaultdict
from pathlib import Path

from index import extract_quotes, load_paths
from index.attribution.titles import TITLE_WORDS

__all__ = ["evaluate_quotes", "gold_kind", "gold_surname", "overlaps"]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """A match: the spans share at least half of the LONGER one."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= 0.5 * max(a[1] - a[0], b[1] - b[0])


_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}


def gold_surname(span: str) -> str:
    """The last capitalised token before any comma, titles stripped."""
    words = [re.sub(r"[’']s$", "", w).strip(".’'") for w in span.split(",")[0].split() if w[:1].isupper()]
    words = [w for w in words if w.lower() not in TITLE_WORDS and w.lower() + "." not in TITLE_WORDS
             and w not in _SUFFIXES]
    return words[-1] if words else ""


def _right_speaker(gold_span: str, predicted: str) -> bool:
    g = gold_surname(gold_span)
    p = predicted.split()[-1] if predicted.split() else ""
    return bool(g and re.search(rf"\b{re.escape(g)}\b", predicted, re.I)) or bool(
        p and p[:1].isupper() and re.search(rf"\b{re.escape(p)}\b", gold_span))


def gold_kind(row: dict) -> str:
    """The gold statement's kind. PolNeAR types a statement by its “ and " marks only, so a quotation typed with two
    apostrophes (''Like this,'' in 126 articles) is filed as indirect: it is scored as the quotation it is."""
    if row["quote_type"] == "indirect" and "''" in row["content"]:
        return "direct" if row["content"].lstrip().startswith("''") and row["content"].rstrip(" .,;").endswith("''") \
            else "mixed"
    return row["quote_type"]


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict:
    p, r = (tp_p / n_p if n_p else 0.0), (tp_g / n_g if n_g else 0.0)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "predicted": n_p, "gold": n_g}


def _realign(corpus: str | Path, articles: list, by_article: dict[str, list[dict]]) -> None:
    """Move the gold offsets (into the text as written) onto the text as loaded: the loader's NFC can change an
    article's length (26 PolNeAR articles), which would shift every later span."""
    raw = {}
    if str(corpus).endswith(".jsonl"):
        for line in Path(corpus).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line) if line.strip() else {}
            if str(rec.get("id")) in by_article:
                raw[str(rec["id"])] = rec.get("text", "")
    for a in articles:
        if raw.get(a.id, a.text) == a.text:
            continue
        at = _position_map(raw[a.id], a.text)
        for g in by_article[a.id]:
            g["char_start"], g["char_end"] = at[g["char_start"]], at[g["char_end"]]
            g["speaker_spans"] = [[at[s], at[e]] for s, e in g.get("speaker_spans") or []]


def _position_map(old: str, new: str) -> list[int]:
    """For every position in `old` (and its end), the matching position in `new`."""
    at = [0] * (len(old) + 1)
    for _, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        for k in range(i1, i2 + 1):
            at[k] = min(j1 + (k - i1), j2)
    return at


def _miss(text: str, g: dict, why: str, hit=None) -> dict:
    """One gold statement the engine missed or gave the wrong speaker, with what it found there (for reading misses
    on the split tuned on)."""
    out = {"article_id": g.get("article_id", ""), "why": why, "kind": gold_kind(g), "speaker": g["speaker"],
           "resolved": g.get("speaker_resolved"), "cue": g.get("cue", ""), "gold": text[g["char_start"]:g["char_end"]],
           "before": text[max(0, g["char_start"] - 200):g["char_start"]]}
    if hit is not None:
        out |= {"found_speaker": hit.speaker_name, "found_written": hit.speaker, "found": hit.content,
                "rule": hit.extra.get("rule", "")}
    return out


def _score(text: str, preds: list, gold: list[dict], counts: dict[str, int], misses: list[dict]) -> None:
    """Add one article's matches to `counts`: content overlap by kind, and the speaker of each matched quote; and
    what it missed to `misses`."""
    spans = [(q.content_spans[0][0], q.content_spans[-1][1]) for q in preds]
    for group, gold_kinds, pred_kinds in (("quote", ("direct", "mixed"), ("direct", "mixed")),
                                          ("indirect", ("indirect",), ("indirect",))):
        golds = [g for g in gold if gold_kind(g) in gold_kinds]
        mine = [i for i, q in enumerate(preds) if q.kind in pred_kinds]
        counts[f"{group}_pred"] += len(mine)
        counts[f"{group}_gold"] += len(golds)
        counts[f"{group}_tp_pred"] += sum(any(overlaps(spans[i], (g["char_start"], g["char_end"])) for g in golds)
                                         for i in mine)
        for g in golds:
            hit = next((preds[i] for i in mine if overlaps(spans[i], (g["char_start"], g["char_end"]))), None)
            counts[f"{group}_tp_gold"] += hit is not None
            if hit is None:
                misses.append(_miss(text, g, f"{group} not found"))
            resolved = g.get("speaker_resolved")
            if g["speaker_type"] == "nominal" and hit and resolved and resolved != g["speaker"]:
                counts["nominal_matched"] += 1  # 'the senator', 'his campaign': the one the annotators say it means
                ok = _right_speaker(resolved, hit.speaker_name)
                counts["nominal_right"] += ok
                misses.extend([] if ok else [_miss(text, g, "wrong nominal speaker", hit)])
            if group != "quote":
                continue
            span = text[g["speaker_spans"][0][0]:g["speaker_spans"][0][1]] if g.get("speaker_spans") else g["speaker"]
            if g["speaker_type"] in ("person", "org"):
                counts["named_gold"] += 1
                if hit:
                    counts["named_matched"] += 1
                    ok = _right_speaker(span, hit.speaker_name)
                    counts["named_right"] += ok
                    misses.extend([] if ok else [_miss(text, g, "wrong speaker", hit)])
            elif g["speaker_type"] == "pronoun" and hit and g.get("speaker_resolved"):
                counts["pronoun_matched"] += 1
                ok = _right_speaker(g["speaker_resolved"], hit.speaker_name)
                counts["pronoun_right"] += ok
                misses.extend([] if ok else [_miss(text, g, "wrong pronoun speaker", hit)])


def evaluate_quotes(corpus: str | Path, gold: str | Path, split: str = "dev") -> dict:
    rows = [json.loads(line) for line in Path(gold).read_text().splitlines() if line.strip()]
    rows = [r for r in rows if r.get("split") == split and r.get("speaker") and r.get("cue_is_speech")]
    by_article: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_article[r["article_id"]].append(r)
    articles, _ = load_paths([corpus])
    articles = [a for a in articles if a.id in by_article]
    _realign(corpus, articles, by_article)
    started = time.perf_counter()
    predicted = {a.id: extract_quotes(a.text, a.id) for a in articles}
    seconds = time.perf_counter() - started

    counts: dict[str, int] = defaultdict(int)
    misses: list[dict] = []
    for a in articles:
        _score(a.text, predicted[a.id], by_article[a.id], counts, misses)
    c = counts
    return {
        "split": split, "articles": len(articles),
        "quotes": _prf(c["quote_tp_pred"], c["quote_pred"], c["quote_tp_gold"], c["quote_gold"]),
        "speaker_accuracy": round(c["named_right"] / c["named_matched"], 4) if c["named_matched"] else 0.0,
        "joint_recall": round(c["named_right"] / c["named_gold"], 4) if c["named_gold"] else 0.0,
        "pronoun_speaker_accuracy": round(c["pronoun_right"] / c["pronoun_matched"], 4) if c["pronoun_matched"] else 0.0,
        "nominal_speaker_accuracy": round(c["nominal_right"] / c["nominal_matched"], 4) if c["nominal_matched"] else 0.0,
        "indirect": _prf(c["indirect_tp_pred"], c["indirect_pred"], c["indirect_tp_gold"], c["indirect_gold"]),
        "articles_per_second": round(len(articles) / seconds, 1) if seconds else 0.0,
        "misses": misses,  # read them on the split the rules are tuned on (train), never on the one reported
    }
