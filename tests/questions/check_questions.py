"""Check tests/questions/own-dev.jsonl against the shared PolNeAR corpus and annotations; print a summary, exit 1 on any error.

Every row: a known kind, a unique id, only the allowed fields (no quote text), a dev/train article that exists,
spans inside the article text that are annotated statement spans. who_paraphrase: the question shares at most
four consecutive words with the article text of the gold span and names no gold speaker. what_said: the speaker's
surname occurs, as a whole word, in exactly one corpus article (this one), every span is a speech statement, and
no speech statement the annotators gave that speaker in that article is missing. unanswerable (no article, no
gold): a dev/train split, a question opening with Who/Which and holding no quote marks, and no corpus article with
a paragraph that contains all four of the question's rarest content words (rarity = document frequency over the
whole PolNeAR corpus; stop words and words under four letters ignored). Then counts per kind and split.

Usage: .venv/bin/python tests/questions/check_questions.py [questions.jsonl] [--shared DIR]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_QUESTIONS = HERE / "own-dev.jsonl"
DEFAULT_SHARED = HERE.parent.parent.parent / "shared"  # ../shared from the project root

FIELDS = {
    "who_paraphrase": {"id", "kind", "split", "question", "article_id", "gold_speakers", "gold_span"},
    "what_said": {"id", "kind", "split", "question", "article_id", "gold_speakers", "gold_spans"},
    "unanswerable": {"id", "kind", "split", "question", "note"},
}
ID_PREFIX = {"who_paraphrase": "own-para-", "what_said": "own-what-", "unanswerable": "own-un-"}
MINIMUM = {"who_paraphrase": 70, "what_said": 35, "unanswerable": 40}
MAX_SHARED_RUN = 4
RAREST = 4  # unanswerable: this many rarest content words must never share a corpus paragraph
QUOTE_CHARS = "\"“”«»„"
SINGLE_QUOTED = re.compile(r"(?<!\w)'\w[^']*\w'(?!\w)")  # after norm_apostrophes; possessives don't match
STOP_WORDS = frozenset("""
    about above after again against also among another because been before being below between both could does
    doing down during each either even ever every from further have having here hers herself himself into itself
    just more most much must myself neither none only other ought ours over same should some such than that their
    theirs them themselves then there these they this those through under until upon very were what when where
    which while whom whose will with within without would your yours yourself
""".split())
TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "del", "rev", "president", "senator",
          "representative", "jr", "sr", "ii", "iii", "iv"}


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits); apostrophes and hyphens split words."""
    return re.findall(r"\w+", text.lower())


def longest_shared_run(a: list[str], b: list[str]) -> int:
    """Length of the longest run of consecutive tokens that occurs in both lists."""
    best, prev = 0, [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def norm_apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def surname(name: str) -> str:
    """The last capitalised word of a name, titles and suffixes (Jr., II) dropped: "Vann R. Newkirk II" -> Newkirk."""
    toks = [t.strip(".,") for t in norm_apostrophes(name).split()]
    toks = [re.sub(r"'s$", "", t) for t in toks if t[:1].isupper() and t.lower().strip(".") not in TITLES]
    return toks[-1] if toks else ""


def name_tokens(gold: list[str]) -> set[str]:
    """Word tokens of every gold speaker form, single letters (initials) left out."""
    return {t for g in gold for t in words(norm_apostrophes(g)) if len(t) > 1}


def content_words(text: str) -> set[str]:
    """Alphabetic word tokens of four letters or more that are not stop words."""
    return {w for w in words(norm_apostrophes(text)) if len(w) >= 4 and w.isalpha() and w not in STOP_WORDS}


def paragraphs(article: dict) -> list[str]:
    """The title and the blank-line separated paragraphs of an article."""
    return [article["title"]] + [p for p in re.split(r"\n\s*\n", article["text"]) if p.strip()]


def corpus_index(articles: dict) -> tuple[Counter, list[tuple[str, set[str]]]]:
    """Document frequency of every word over the corpus, and (article id, word set) for every paragraph."""
    df: Counter = Counter()
    paras = []
    for aid, a in articles.items():
        df.update(set(words(norm_apostrophes(a["title"] + "\n" + a["text"]))))
        paras += [(aid, set(words(norm_apostrophes(p)))) for p in paragraphs(a)]
    return df, paras


def rarest_words(question: str, df: Counter, n: int = RAREST) -> list[str]:
    """The question's n content words with the lowest corpus document frequency (ties alphabetical)."""
    return sorted(content_words(question), key=lambda w: (df[w], w))[:n]


def unanswerable_errors(question: str, df: Counter, paras: list[tuple[str, set[str]]]) -> list[str]:
    """Problems with an unanswerable question: wrong opening, quote marks, or rare words that meet in a paragraph."""
    errs = []
    if not re.match(r"(Who|Which)\b", question):
        errs.append("question should start with 'Who' or 'Which'")
    if any(c in question for c in QUOTE_CHARS) or SINGLE_QUOTED.search(norm_apostrophes(question)):
        errs.append("question contains quote marks")
    rare = rarest_words(question, df)
    if len(rare) < RAREST:
        errs.append(f"only {len(rare)} content words (need {RAREST})")
        return errs
    hits = sorted({aid for aid, ws in paras if ws.issuperset(rare)})
    if hits:
        errs.append(f"rarest words {rare} share a paragraph in {len(hits)} articles {hits[:3]}")
    return errs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("questions", nargs="?", default=str(DEFAULT_QUESTIONS))
    ap.add_argument("--shared", default=str(DEFAULT_SHARED))
    args = ap.parse_args(argv)
    shared = Path(args.shared)

    articles = {}
    for line in (shared / "corpus" / "polnear" / "articles.jsonl").open(encoding="utf-8"):
        a = json.loads(line)
        articles[a["id"]] = a
    annotations = defaultdict(list)
    for line in (shared / "eval" / "polnear" / "attributions.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        annotations[r["article_id"]].append(r)
    rows = [json.loads(line) for line in Path(args.questions).read_text(encoding="utf-8").splitlines() if line.strip()]

    corpus_texts = {aid: norm_apostrophes(a["title"] + "\n" + a["text"]) for aid, a in articles.items()}
    doc_freq, corpus_paras = corpus_index(articles)
    surname_hits: dict[str, list[str]] = {}

    def articles_with(word: str) -> list[str]:
        """Corpus articles (title or text) holding `word` as a whole, case-sensitive word."""
        if word not in surname_hits:
            pat = re.compile(r"(?<!\w)" + re.escape(norm_apostrophes(word)) + r"(?!\w)")
            surname_hits[word] = [aid for aid, t in corpus_texts.items() if pat.search(t)]
        return surname_hits[word]

    errors: list[str] = []
    warnings: list[str] = []
    counts: Counter = Counter()
    seen_ids: set[str] = set()
    seen_questions: set[str] = set()
    max_runs = []

    for n, r in enumerate(rows, 1):
        rid = r.get("id", f"line {n}")
        err = lambda msg: errors.append(f"{rid}: {msg}")  # noqa: E731
        kind = r.get("kind")
        if kind not in FIELDS:
            err(f"unknown kind {kind!r}")
            continue
        if set(r) != FIELDS[kind]:
            err(f"fields {sorted(set(r) ^ FIELDS[kind])} differ from {sorted(FIELDS[kind])}")
        if not str(rid).startswith(ID_PREFIX[kind]):
            err(f"id should start with {ID_PREFIX[kind]}")
        if rid in seen_ids:
            err("duplicate id")
        seen_ids.add(rid)
        q = r.get("question", "")
        if q in seen_questions:
            err("duplicate question")
        seen_questions.add(q)
        if not q.endswith("?"):
            err("question does not end with '?'")
        if kind == "unanswerable":
            if r.get("split") not in ("dev", "train"):
                err(f"split {r.get('split')!r} (only dev/train allowed)")
            for msg in unanswerable_errors(q, doc_freq, corpus_paras):
                err(msg)
            counts[(kind, r.get("split"))] += 1
            continue
        gold = r.get("gold_speakers") or []
        if not gold or not all(isinstance(g, str) and g.strip() for g in gold):
            err("gold_speakers empty")
        art = articles.get(r.get("article_id"))
        if art is None:
            err(f"article {r.get('article_id')!r} not in the corpus")
            continue
        if art["split"] not in ("dev", "train"):
            err(f"article split {art['split']!r} (only dev/train allowed)")
        if r.get("split") != art["split"]:
            err(f"split {r.get('split')!r} but the article is {art['split']!r}")
        counts[(kind, r.get("split"))] += 1
        text = art["text"]
        ann = annotations.get(art["id"], [])
        by_span = defaultdict(list)
        for a in ann:
            by_span[(a["char_start"], a["char_end"])].append(a)
        spans = [r.get("gold_span")] if kind == "who_paraphrase" else (r.get("gold_spans") or [])
        if not spans:
            err("no gold spans")
        ok_spans = []
        for sp in spans:
            if not (isinstance(sp, list) and len(sp) == 2 and all(isinstance(x, int) for x in sp)):
                err(f"bad span {sp!r}")
                continue
            s, e = sp
            if not (0 <= s < e <= len(text)):
                err(f"span {sp} outside the text (length {len(text)})")
                continue
            if (s, e) not in by_span:
                err(f"span {sp} is not an annotated statement span")
                continue
            ok_spans.append((s, e))
        if len(set(map(tuple, ok_spans))) != len(ok_spans):
            err("repeated span")
        # some gold speaker must be named in the article (no pronoun-only speakers)
        if not any(surname(g) and surname(g) in norm_apostrophes(text) for g in gold):
            err("no gold speaker's surname occurs in the article text")

        if kind == "who_paraphrase":
            if not ok_spans:
                continue
            s, e = ok_spans[0]
            qw = words(norm_apostrophes(q))
            run = longest_shared_run(qw, words(norm_apostrophes(text[s:e])))
            max_runs.append(run)
            if run > MAX_SHARED_RUN:
                err(f"question shares {run} consecutive words with the gold span (max {MAX_SHARED_RUN})")
            named = name_tokens(gold) & set(qw)
            if named:
                err(f"question names the speaker: {sorted(named)}")
            recs = by_span[(s, e)]
            if not any(a["cue_is_speech"] for a in recs):
                warnings.append(f"{rid}: gold span's cue is not a verb of saying")
        else:
            sn = surname(max(gold, key=len)) if gold else ""
            hits = articles_with(sn) if sn else []
            if hits != [art["id"]]:
                err(f"surname {sn!r} occurs in {len(hits)} articles {hits[:3]} (must be exactly this one)")
            for s, e in ok_spans:
                if not any(a["cue_is_speech"] for a in by_span[(s, e)]):
                    err(f"span {[s, e]} is not a speech statement (cue_is_speech false)")
            # every speech statement the annotators gave this speaker here must be listed
            key = norm_apostrophes(sn)
            for a in ann:
                names = " ".join(norm_apostrophes(a.get(k) or "") for k in ("speaker", "speaker_resolved"))
                if a["cue_is_speech"] and key and re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", names) \
                        and (a["char_start"], a["char_end"]) not in ok_spans \
                        and not re.search(r"(?<!\w)" + re.escape(key) + r"'s(?!\w)", names):
                    err(f"speech statement [{a['char_start']}, {a['char_end']}] by {a['speaker']!r} missing from gold_spans")
            if not 1 <= len(ok_spans) <= 5:
                warnings.append(f"{rid}: {len(ok_spans)} gold spans")

    for kind, minimum in MINIMUM.items():
        total = counts[(kind, "dev")] + counts[(kind, "train")]
        if total < minimum:
            errors.append(f"{kind}: {total} rows, need at least {minimum}")
        if counts[(kind, "dev")] * 2 < total:
            errors.append(f"{kind}: only {counts[(kind, 'dev')]} of {total} rows from dev (need at least half)")

    print(f"{Path(args.questions).name}: {len(rows)} rows")
    for kind in MINIMUM:
        print(f"  {kind:15s} dev {counts[(kind, 'dev')]:3d}  train {counts[(kind, 'train')]:3d}  "
              f"total {counts[(kind, 'dev')] + counts[(kind, 'train')]:3d}")
    if max_runs:
        print(f"  who_paraphrase longest word run shared with the gold span: max {max(max_runs)}, "
              f"distribution {dict(sorted(Counter(max_runs).items()))}")
    if counts[("unanswerable", "dev")] + counts[("unanswerable", "train")]:
        print(f"  unanswerable: rarest {RAREST} content words checked against {len(corpus_paras)} corpus paragraphs")
    for w in warnings:
        print("  warning:", w)
    for e in errors:
        print("  ERROR:", e)
    print("OK" if not errors else f"FAILED: {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
