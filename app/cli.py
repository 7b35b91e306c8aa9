"""The `whosaid` command: index rebuild/status, ask, quotes, eval, chat. Errors become messages and exit codes."""
from __future__ import annotations

import argparse
import json
import sys

from .errors import WhosaidError

__all__ = ["main"]


def _home_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS,
                   help="where the index lives (default: $WHOSAID_HOME, else ./.whosaid)")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="whosaid", description="Ask news articles who said what, with citations.")
    _home_arg(p)
    sub = p.add_subparsers(dest="command", required=True)
    idx = sub.add_parser("index", help="build or inspect the index")
    isub = idx.add_subparsers(dest="index_command", required=True)
    rb = isub.add_parser("rebuild", help="index the articles under PATH... (files or folders, recursively)")
    rb.add_argument("paths", nargs="+", metavar="PATH")
    rb.add_argument("--no-progress", action="store_true", help="no progress bar")
    st = isub.add_parser("status", help="what the index holds")
    ask = sub.add_parser("ask", help="ask a question")
    ask.add_argument("question", nargs="+")
    ask.add_argument("--json", action="store_true", help="print the Answer as JSON")
    ask.add_argument("--speaker", help="only statements by this person (any form of the name)")
    ask.add_argument("--source", help="only articles from this source (e.g. breitbart)")
    ask.add_argument("--since", metavar="YYYY-MM-DD", help="only articles dated on or after this day")
    ask.add_argument("--until", metavar="YYYY-MM-DD", help="only articles dated on or before this day")
    ask.add_argument("--answerer", choices=["auto", "extractive", "llm"], default=None,
                     help="extractive (offline), llm (an OpenAI-compatible server), auto (default: $WHOSAID_ANSWERER)")
    qt = sub.add_parser("quotes", help="print the attributions found in an article file")
    qt.add_argument("file")
    qt.add_argument("--json", action="store_true")
    ev = sub.add_parser("eval", help="measure against human annotations")
    esub = ev.add_subparsers(dest="eval_command", required=True)
    eq = esub.add_parser("quotes", help="score quote extraction against PolNeAR-style attributions")
    eq.add_argument("--corpus", required=True, help="articles (.jsonl)")
    eq.add_argument("--gold", required=True, help="attributions (.jsonl)")
    eq.add_argument("--split", default="dev")
    eq.add_argument("--out", default="", help="write the report as JSON here (default: eval-out/quotes-SPLIT.json)")
    eqa = esub.add_parser("qa", help="ask a question set through answer() and score it per kind")
    eqa.add_argument("--questions", required=True, nargs="+", metavar="FILE",
                     help="question files (.jsonl: id, kind, question, article_id, gold_...)")
    eqa.add_argument("--corpus", default="", help="articles to index first (skipped when --home already holds them)")
    eqa.add_argument("--answerer", choices=["auto", "extractive", "llm"], default=None)
    eqa.add_argument("--out", default="eval-out/qa.json", help="write the report as JSON here")
    chat = sub.add_parser("chat", help="open the chat in a browser page")
    chat.add_argument("--host", default="127.0.0.1")
    chat.add_argument("--port", type=int, default=7860)
    for sp in (idx, rb, st, ask, qt, ev, eq, eqa, chat):
        _home_arg(sp)
    return p


def _rebuild(args, out) -> int:
    from index import rebuild

    from .ask import open_store

    store = open_store(getattr(args, "home", None))
    r = rebuild(args.paths, store, progress=not args.no_progress and sys.stderr.isatty())
    rate = r.words / r.seconds if r.seconds else 0
    how = "indexed again in full" if r.full else "updated in place"
    print(f"Indexed {r.articles:,} articles ({r.added} new, {r.changed} changed, {r.reused} unchanged, "
          f"{r.removed} removed; {how}): {r.chunks:,} passages, {r.quotes:,} quotes, {r.words:,} words "
          f"in {r.seconds:.1f} s ({rate:,.0f} words/s).", file=out)
    if r.removed:
        print(f"{r.removed} article(s) not in these paths were removed from the index.", file=out)
    if r.refused:
        print(f"Refused {len(r.refused)}:", file=out)
        for e in r.refused:
            print(f"  {e}", file=out)
    print(f"Index: {r.home}", file=out)
    return 0


def _status(args, out) -> int:
    from .ask import open_store

    store = open_store(getattr(args, "home", None))
    m = store.manifest()
    c = m.counts
    for label, value in (("Index", store.where), ("Built", m.built_at), ("Articles", f"{c['articles']:,}"),
                         ("Passages", f"{c['chunks']:,}"), ("Quotes", f"{c['quotes']:,}"),
                         ("Words", f"{c['words']:,}"), ("Model", f"{m.model} ({m.backend or 'backend not recorded'})"),
                         ("Version", f"generation {m.generation}, version {m.version}")):
        print(f"{label + ':':<10}{value}", file=out)
    return 0


def _ask(args, out) -> int:
    from .ask import stream_answer
    from .render import answer_tail

    final = None
    for item in stream_answer(" ".join(args.question), home=getattr(args, "home", None), answerer=args.answerer,
                              speaker=args.speaker, source=args.source, since=args.since, until=args.until):
        if isinstance(item, str):
            if not args.json:
                out.write(item)
                out.flush()
        else:
            final = item
    print(final.to_json() if args.json else answer_tail(final), file=out)
    return 0


def _quotes(args, out) -> int:
    from index import extract_quotes, load_file

    articles, problems = load_file(args.file)
    if problems:
        raise problems[0]
    rows = [q.to_dict() | {"article_id": a.id} for a in articles for q in extract_quotes(a.text, a.id)]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False), file=out)
    for r in [] if args.json else rows:
        role = f" ({r['speaker_role']})" if r["speaker_role"] else ""
        print(f"{r['speaker_name']}{role} [{r['kind']}, {r['cue']}]: {r['content']}", file=out)
    return 0


def _eval_quotes(args, out) -> int:
    from pathlib import Path

    from .eval_quotes import evaluate_quotes

    report = evaluate_quotes(args.corpus, args.gold, args.split)
    q, ind = report["quotes"], report["indirect"]
    print(f"{report['split']}: {report['articles']} articles, {report['articles_per_second']} articles/s", file=out)
    print(f"{'':<28}{'P':>7}{'R':>7}{'F1':>7}{'pred':>7}{'gold':>7}", file=out)
    for label, r in (("quotes (strict content)", q), ("indirect speech", ind)):
        print(f"{label:<28}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}{r['predicted']:>7}{r['gold']:>7}",
              file=out)
    for key in ("speaker_accuracy", "joint_recall", "pronoun_speaker_accuracy"):
        print(f"{key.replace('_', ' '):<28}{report[key]:>7.3f}", file=out)
    path = Path(args.out or f"eval-out/quotes-{args.split}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2))
    print(f"Report: {path}", file=out)
    return 0


def _eval_qa(args, out) -> int:
    from pathlib import Path

    from index import rebuild

    from .ask import open_store
    from .eval_qa import evaluate_qa

    home = getattr(args, "home", None)
    if args.corpus:
        rebuild([args.corpus], open_store(home))  # a no-op when the index already holds this corpus
    report = evaluate_qa(args.questions, home=home, answerer=args.answerer)
    print(f"{report['questions']} questions, answerer {report['answerer']}; latency p50 {report['latency_ms']['p50']} ms,"
          f" p95 {report['latency_ms']['p95']} ms", file=out)
    for group in ("kinds", "splits", "phrasings"):
        if len(report[group]) > (0 if group == "kinds" else 1):
            print(f"-- by {group[:-1]}", file=out)
        for kind, k in sorted(report[group].items()) if group == "kinds" or len(report[group]) > 1 else ():
            print(f"{kind:<28}" + "  ".join(f"{key} {value}" for key, value in k.items()), file=out)
    path = Path(args.out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2))
    print(f"Report: {path}", file=out)
    return 0


def _chat(args, out) -> int:
    from .chat import run_chat

    print("whosaid chat: loading the model and the index…", file=out, flush=True)
    run_chat(getattr(args, "home", None), args.host, args.port,
             ready=lambda url: print(f"whosaid chat ready on {url}", file=out, flush=True))
    return 0


def main(argv: list[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    handler = {"ask": _ask, "quotes": _quotes, "chat": _chat}.get(args.command) or \
        {"rebuild": _rebuild, "status": _status, "quotes": _eval_quotes, "qa": _eval_qa}[
            args.index_command if args.command == "index" else args.eval_command]
    try:
        return handler(args, out)
    except WhosaidError as e:
        print(f"whosaid: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("whosaid: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
