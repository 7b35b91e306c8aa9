"""Check the question files in tests/questions/ against the shared PolNeAR corpus and annotations; exit 1 on any error.

Files: own-dev.jsonl, reader-who.jsonl, reader-what.jsonl, reader-unanswerable.jsonl, plausible-unanswerable.jsonl,
reader-what-prolific.jsonl, reader-did-say.jsonl and reader-fresh.jsonl (a missing one is reported and skipped), or the files named on the command line. Every row: a known kind, an id with the kind's prefix that is
unique over all files, a unique question (ending in '?' unless it has a phrasing label), exactly the kind's fields (plus, optionally, "phrasing",
a short label of how the question is worded), and for answerable kinds a dev/train article matching "split".
  who_exact       the gold span lies inside an annotated statement; the question quotes words (in quote marks) and
                  every quoted stretch occurs verbatim (case, quote marks and spacing aside) inside the gold span.
  who_paraphrase, who_free
                  the gold span lies inside an annotated statement; the question shares at most four consecutive
                  words with the gold span's text and names no gold surname.
  what_said, what_free
                  the question names the speaker (a gold surname); every span is an annotated statement span that is
                  direct, mixed or has a verb of saying; the speaker's surname occurs, as a whole word, in exactly
                  one corpus article (this one) -- or, in the other articles that hold it, never in a paragraph with
                  one of the question's topic words. Completeness: a row without "phrasing" (own-dev) must list every
                  such statement the annotators gave the speaker in the article; a reader row asks about a topic, so
                  the speaker's other statements may stay out, but one that shares a topic word with the question
                  is reported as a warning. In reader-what-prolific.jsonl (speakers quoted in many articles: Trump,
                  Clinton, Sanders ...) the speaker may be named by first name, a span may be any annotated statement
                  of theirs, and the surname may meet the topic's words in other articles.
  unanswerable    a dev/train split, a question opening with a question word (who, which, whose, what, did ...),
                  no quote marks, no corpus article with a paragraph holding all four of the question's rarest content
                  words (rarity = document frequency over the whole corpus, all splits; stop words and words under four
                  letters ignored); for reader rows (with "phrasing") also the rarest word never in a paragraph
                  with any of the other three.
  unanswerable_plausible
                  (plausible-unanswerable.jsonl, reader-fresh.jsonl) a real statement of "article_id" with one detail changed, checked by
                  hand against the whole corpus ("note" says what the article says): article and split agree, no
                  quote marks; the rare-word rule cannot apply (the claim's words do meet in the corpus).
  did_say         (reader-did-say.jsonl) "Did X say <claim>?" where X did say it: the gold span lies inside an annotated
                  statement of a gold speaker (speaker or resolved speaker names a gold surname) that is direct, mixed
                  or has a verb of saying, and no other row of the file asks about the same statement; the question
                  names a gold surname and holds no quote marks; "phrasing" ends in "/close" (the claim may share the
                  statement's words) or "/reworded" (at most four consecutive words shared with the gold span).
Then counts per kind, split and phrasing.

Usage: .venv/bin/python tests/questions/check_questions.py [questions.jsonl ...] [--shared DIR]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from question_rules import (MAX_SHARED_RUN, QUOTE_CHARS, RAREST, SINGLE_QUOTED, Corpus, flat,  # noqa: E402
                            is_statement_of_speech, longest_shared_run, names_word, norm_apostrophes, quoted_segments,
                            speaker_matches, surname, topic_words, words)

HERE = Path(__file__).resolve().parent
DEFAULT_FILES = ["own-dev.jsonl", "reader-who.jsonl", "reader-what.jsonl", "reader-unanswerable.jsonl",
                 "plausible-unanswerable.jsonl", "reader-what-prolific.jsonl", "reader-did-say.jsonl",
                 "reader-fresh.jsonl"]
# What-questions about speakers quoted in many articles (Trump, Clinton, Sanders ...): the gold is this article's
# statements on the topic; the same speaker on the same topic elsewhere is allowed (an answer citing it is counted
# as imprecise), so the rule that the surname stays off the topic's words in other articles does not apply.
PROLIFIC = "reader-what-prolific.jsonl"
DEFAULT_SHARED = HERE.parent.parent.parent / "shared"  # ../shared from the project root

WHO = {"id", "kind", "split", "question", "article_id", "gold_speakers", "gold_span"}
WHAT = {"id", "kind", "split", "question", "article_id", "gold_speakers", "gold_spans"}
FIELDS = {"who_exact": WHO, "who_paraphrase": WHO, "who_free": WHO, "what_said": WHAT, "what_free": WHAT,
          "unanswerable": {"id", "kind", "split", "question", "note"},
          "unanswerable_plausible": {"id", "kind", "split", "question", "note", "article_id"}, "did_say": WHO}
ID_PREFIX = {"who_exact": ("rw-exact-",), "who_paraphrase": ("own-para-", "rw-para-"), "who_free": ("rw-free-",),
             "what_said": ("own-what-", "rwh-what_said-"), "what_free": ("rwh-what_free-",),
             "unanswerable": ("own-un-", "run-"), "unanswerable_plausible": ("plaus-",), "did_say": ("did-",)}
# per file: minimum rows per kind, and whether dev must be at least half of each kind (own-dev) or
# dev and train must each be 40-60 % of the file (reader files)
MINIMUM = {"own-dev.jsonl": {"who_paraphrase": 70, "what_said": 35, "unanswerable": 40},
           "reader-what.jsonl": {"what_said": 35, "what_free": 60},
           "reader-unanswerable.jsonl": {"unanswerable": 120}, "reader-did-say.jsonl": {"did_say": 60}}
BALANCED = {"reader-what.jsonl", "reader-unanswerable.jsonl", "reader-did-say.jsonl", "reader-fresh.jsonl"}


def check_row(r: dict, c: Corpus, err, warn, stats: Counter) -> None:
    """Kind-specific checks of one row; `err`/`warn` take a message, `stats` collects figures for the summary."""
    kind, q = r["kind"], r.get("question", "")
    if kind == "unanswerable_plausible":
        return check_plausible(r, c, err)
    if kind == "unanswerable":
        if r.get("split") not in ("dev", "train"):
            err(f"split {r.get('split')!r} (only dev/train allowed)")
        for msg in c.unanswerable_errors(q, strict="phrasing" in r):
            err(msg)
        return
    gold = r.get("gold_speakers") or []
    if not gold or not all(isinstance(g, str) and g.strip() for g in gold):
        return err("gold_speakers empty")
    art = c.articles.get(r.get("article_id"))
    if art is None:
        return err(f"article {r.get('article_id')!r} not in the corpus")
    if art["split"] not in ("dev", "train"):
        err(f"article split {art['split']!r} (only dev/train allowed)")
    if r.get("split") != art["split"]:
        err(f"split {r.get('split')!r} but the article is {art['split']!r}")
    text, ann = art["text"], c.annotations.get(art["id"], [])
    surnames = sorted({s for s in map(surname, gold) if s})
    if not any(s in norm_apostrophes(text) for s in surnames):
        err("no gold speaker's surname occurs in the article text")
    single = "gold_span" in FIELDS[kind]  # who_* and did_say: one span
    spans = [r.get("gold_span")] if single else (r.get("gold_spans") or [])
    if not spans:
        return err("no gold spans")
    ok = []
    for sp in spans:
        if not (isinstance(sp, list) and len(sp) == 2 and all(isinstance(x, int) for x in sp)):
            err(f"bad span {sp!r}")
        elif not 0 <= sp[0] < sp[1] <= len(text):
            err(f"span {sp} outside the text (length {len(text)})")
        else:
            ok.append(tuple(sp))
    if len(set(ok)) != len(ok):
        err("repeated span")
    if kind == "did_say":
        if ok:
            check_did_say(r, ok[0], text, ann, surnames, err, stats)
        return
    if kind.startswith("who_"):
        if ok:
            check_who(r, c, ok[0], text, ann, surnames, err, warn, stats)
        return
    check_what(r, c, ok, art, ann, gold, surnames, err, warn, stats)


def check_plausible(r: dict, c: Corpus, err) -> None:
    """A plausible claim nobody made (tests/questions/plausible-unanswerable.jsonl): a real statement of its article
    with one detail changed, checked by hand against the whole corpus (what the article really says is in "note").
    Its words meet in the corpus by design, so the rare-word rule does not apply; the article and split must agree,
    the note must say what changed, and the question must not quote."""
    art = c.articles.get(r.get("article_id"))
    if art is None:
        return err(f"article {r.get('article_id')!r} not in the corpus")
    if r.get("split") != art["split"]:
        err(f"split {r.get('split')!r} but the article is {art['split']!r}")
    if len((r.get("note") or "").split()) < 4:
        err("note does not say what the article says")
    if any(ch in r["question"] for ch in "\"“”«»"):
        err("question contains quote marks")


def check_who(r, c, span, text, ann, surnames, err, warn, stats) -> None:
    s, e = span
    holders = [a for a in ann if a["char_start"] <= s and e <= a["char_end"]]
    if not holders:
        return err(f"span {[s, e]} is not inside an annotated statement")
    if not any(a["cue_is_speech"] for a in holders):
        warn("gold span's cue is not a verb of saying")
    q, kind = r["question"], r["kind"]
    if kind == "who_exact":
        quoted = [x for x in quoted_segments(q) if words(x)]
        if not quoted:
            return err("who_exact question quotes nothing")
        gold_text = flat(text[s:e])
        for x in quoted:
            if flat(x).strip(" .,;:!?") not in gold_text:
                err(f"quoted words {x[:60]!r} do not occur verbatim in the gold span")
        return
    run = longest_shared_run(words(norm_apostrophes(q)), words(norm_apostrophes(text[s:e])))
    stats[f"run:{kind}:{run}"] += 1
    if run > MAX_SHARED_RUN:
        err(f"question shares {run} consecutive words with the gold span (max {MAX_SHARED_RUN})")
    named = [sn for sn in surnames if names_word(q, sn)]
    if named:
        err(f"question names the speaker: {named}")


def check_did_say(r, span, text, ann, surnames, err, stats) -> None:
    """A true "Did X say <claim>?": the span inside a statement of speech by a gold speaker, one row per statement,
    the speaker named, no quote marks, and a "reworded" claim sharing at most MAX_SHARED_RUN consecutive words."""
    s, e = span
    holders = [a for a in ann if a["char_start"] <= s and e <= a["char_end"] and is_statement_of_speech(a)
               and any(speaker_matches(a, sn) for sn in surnames)]
    if not holders:
        return err(f"span {[s, e]} is not inside a statement of speech by {surnames}")
    for a in holders[:1]:
        key = f"statement:{r['article_id']}:{a['char_start']}:{a['char_end']}"
        stats[key] += 1
        if stats[key] > 1:
            err(f"another row already asks about statement {[a['char_start'], a['char_end']]}")
    q, how = r["question"], r.get("phrasing", "")
    if not any(names_word(q, sn) for sn in surnames):
        err(f"question does not name the speaker ({surnames})")
    if any(ch in q for ch in QUOTE_CHARS) or SINGLE_QUOTED.search(norm_apostrophes(q)):
        err("question contains quote marks")
    if not how.endswith(("/close", "/reworded")):
        return err('phrasing must end in "/close" or "/reworded"')
    run = longest_shared_run(words(norm_apostrophes(q)), words(norm_apostrophes(text[s:e])))
    stats[f"run:did_say/{how.rsplit('/', 1)[1]}:{run}"] += 1
    if how.endswith("/reworded") and run > MAX_SHARED_RUN:
        err(f"reworded question shares {run} consecutive words with the gold span (max {MAX_SHARED_RUN})")


def check_what(r, c, ok, art, ann, gold, surnames, err, warn, stats) -> None:
    q, aid = r["question"], art["id"]
    prolific = r.get("_file") == PROLIFIC  # a reader may call them by first name ("Hillary"), and ask about any
    given = {w for g in gold for w in g.split()[:-1]} if prolific else set()  # statement of theirs, said or not
    if not any(names_word(q, sn) for sn in [*surnames, *given]):
        err(f"question does not name the speaker ({surnames})")
    by_span = defaultdict(list)
    for a in ann:
        by_span[(a["char_start"], a["char_end"])].append(a)
    sn = surname(max(gold, key=len))
    topic = topic_words(q, gold)
    for s, e in ok:
        recs = by_span.get((s, e))
        if not recs:
            err(f"span {[s, e]} is not an annotated statement span")
        elif not prolific and not any(map(is_statement_of_speech, recs)):
            err(f"span {[s, e]} is indirect without a verb of saying (cue_is_speech false)")
    hits = c.articles_with(sn) if sn else []
    if aid not in hits:
        err(f"surname {sn!r} does not occur in the article")
    elif hits != [aid]:
        if "phrasing" not in r or not topic:
            err(f"surname {sn!r} occurs in {len(hits)} articles {hits[:3]} (must be exactly this one)")
        elif r.get("_file") == PROLIFIC:
            stats["prolific speaker"] += 1
        else:
            near = c.surname_near_topic(sn, topic, aid)
            stats["shared surname"] += 1
            if near:
                err(f"surname {sn!r} stands next to a topic word {sorted(topic)} in other articles {near[:3]}")
    strict = "phrasing" not in r
    for a in ann:
        span = (a["char_start"], a["char_end"])
        if span in ok or not is_statement_of_speech(a) or not speaker_matches(a, sn):
            continue
        if strict and a["cue_is_speech"]:
            err(f"speech statement {list(span)} by {a['speaker']!r} missing from gold_spans")
        elif not strict:
            shared = topic & set(words(norm_apostrophes(art["text"][span[0]:span[1]])))
            stats["off-topic statements left out"] += 1
            if shared:
                warn(f"statement {list(span)} by the speaker shares topic words {sorted(shared)}; on topic?")
    if not 1 <= len(ok) <= 6:
        warn(f"{len(ok)} gold spans")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("questions", nargs="*", help="question files (default: the four files in tests/questions/)")
    ap.add_argument("--shared", default=str(DEFAULT_SHARED))
    args = ap.parse_args(argv)
    corpus = Corpus(Path(args.shared))
    paths = [Path(p) for p in args.questions] or [HERE / f for f in DEFAULT_FILES]

    errors: list[str] = []
    seen_ids: set[str] = set()
    seen_questions: set[str] = set()
    totals: Counter = Counter()
    for path in paths:
        if not path.exists():
            print(f"{path.name}: missing, skipped")
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        counts: Counter = Counter()
        phrasings: Counter = Counter()
        stats: Counter = Counter()
        file_errors: list[str] = []
        warnings: list[str] = []
        for n, r in enumerate(rows, 1):
            rid = r.get("id", f"line {n}")
            err = lambda msg, rid=rid: file_errors.append(f"{rid}: {msg}")  # noqa: E731
            warn = lambda msg, rid=rid: warnings.append(f"{rid}: {msg}")  # noqa: E731
            kind = r.get("kind")
            if kind not in FIELDS:
                err(f"unknown kind {kind!r}")
                continue
            extra = set(r) ^ FIELDS[kind]
            if extra - {"phrasing"}:
                err(f"fields {sorted(extra - {'phrasing'})} differ from {sorted(FIELDS[kind])} (+ phrasing)")
            if "phrasing" in r and not (isinstance(r["phrasing"], str) and r["phrasing"].strip()):
                err("empty phrasing")
            if not str(rid).startswith(ID_PREFIX[kind]):
                err(f"id should start with {' or '.join(ID_PREFIX[kind])}")
            if rid in seen_ids:
                err("duplicate id")
            seen_ids.add(rid)
            q = r.get("question", "")
            if q in seen_questions:
                err("duplicate question")
            seen_questions.add(q)
            if not q.endswith("?") and "phrasing" not in r:  # readers may leave the '?' out
                err("question does not end with '?'")
            check_row(r | {"_file": path.name}, corpus, err, warn, stats)
            counts[(kind, r.get("split"))] += 1
            phrasings[(kind, r.get("phrasing", "-"))] += 1
        kinds = sorted({k for k, _ in counts} | set(MINIMUM.get(path.name, {})))
        for kind in kinds:
            dev, train = counts[(kind, "dev")], counts[(kind, "train")]
            if dev + train < MINIMUM.get(path.name, {}).get(kind, 0):
                file_errors.append(f"{kind}: {dev + train} rows, need at least {MINIMUM[path.name][kind]}")
            if path.name == "own-dev.jsonl" and dev * 2 < dev + train:
                file_errors.append(f"{kind}: only {dev} of {dev + train} rows from dev (need at least half)")
        n_dev = sum(v for (k, s), v in counts.items() if s == "dev")
        if path.name in BALANCED and rows and not 0.4 <= n_dev / len(rows) <= 0.6:
            file_errors.append(f"{n_dev} of {len(rows)} rows from dev (need 40-60 %)")

        print(f"{path.name}: {len(rows)} rows")
        for kind in kinds:
            dev, train = counts[(kind, "dev")], counts[(kind, "train")]
            print(f"  {kind:15s} dev {dev:3d}  train {train:3d}  total {dev + train:3d}")
            for (k, ph), v in sorted(phrasings.items()):
                if k == kind:
                    print(f"      {ph:28s} {v:3d}")
        for kind in ("who_paraphrase", "who_free", "did_say/close", "did_say/reworded"):
            runs = {int(k.split(":")[2]): v for k, v in stats.items() if k.startswith(f"run:{kind}:")}
            if runs:
                print(f"  {kind} longest word run shared with the gold span: max {max(runs)}, "
                      f"distribution {dict(sorted(runs.items()))}")
        for key in ("shared surname", "off-topic statements left out"):
            if stats[key]:
                print(f"  what rows: {key}: {stats[key]}")
        if any(k == "unanswerable" for k, _ in counts):
            print(f"  unanswerable: rarest {RAREST} content words checked against {len(corpus.paras)} paragraphs")
        for w in warnings:
            print("  warning:", w)
        for e in file_errors:
            print("  ERROR:", e)
        errors += [f"{path.name}: {e}" for e in file_errors]
        for (_, split), v in counts.items():
            totals[split] += v
    print(f"all files: {sum(totals.values())} rows, " + ", ".join(f"{s} {v}" for s, v in sorted(totals.items())))
    print("OK" if not errors else f"FAILED: {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
