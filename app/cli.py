"""The `whosaid` command: index rebuild/add/remove/status, ask, quotes, eval, chat. Errors become messages and exit
codes; a closed pipe (`whosaid … | head`) ends it quietly."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .cli_index import _add, _check, _rebuild, _remove, _status, plural
from .errors import WhosaidError

__all__ = ["main", "plural"]

_ANSWERERS = ["auto", "extractive", "llm"]
_ANSWERER_HELP = "extractive (offline), llm (an OpenAI-compatible server), auto (default: $WHOSAID_ANSWERER)"
_SOURCES_HELP = ("article files (.txt .md .json .jsonl .csv .html .rss .atom .xml .pdf), folders of them "
                 "(recursively), or http(s) addresses (fetched: nothing else is)")


def _home_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS,
                   help="where the index lives (default: $WHOSAID_HOME, else ./.whosaid)")


def _sources_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH|URL", help=_SOURCES_HELP)
    p.add_argument("--follow", action="store_true",
                   help="for a feed, fetch the page each entry links to and index that, not the feed's summary")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def _index_parsers(sub) -> list:
    idx = sub.add_parser("index", help="build, change or inspect the index")
    isub = idx.add_subparsers(dest="index_command", required=True)
    rb = isub.add_parser("rebuild", help="make the index hold exactly the articles under PATH|URL... "
                                         "(articles from anywhere else are removed)")
    _sources_args(rb)
    add = isub.add_parser("add", help="add or update the articles under PATH|URL..., keeping the rest of the index")
    _sources_args(add)
    rm = isub.add_parser("remove", help="take articles out of the index")
    rm.add_argument("targets", nargs="+", metavar="ID|PATH|URL",
                    help="an article id (see `whosaid ask --json`), or a file, folder or address: the articles "
                         "indexed from it")
    st = isub.add_parser("status", help="what the index holds, its size on disk, a rebuild running")
    ck = isub.add_parser("check", help="check that the store holds what the index's manifest says (exit 1 if not)")
    return [idx, rb, add, rm, st, ck]


def _ask_parser(sub) -> list:
    ask = sub.add_parser("ask", help="ask a question")
    ask.add_argument("question", nargs="+", help="the question, e.g. \"Who said the bridge was safe?\"")
    ask.add_argument("--json", action="store_true", help="print the Answer as JSON")
    ask.add_argument("--speaker", help="only statements by this person (any form of the name)")
    ask.add_argument("--source", help="only articles from this source (e.g. breitbart)")
    ask.add_argument("--since", metavar="YYYY-MM-DD", help="only articles dated on or after this day")
    ask.add_argument("--until", metavar="YYYY-MM-DD", help="only articles dated on or before this day")
    ask.add_argument("--answerer", choices=_ANSWERERS, default=None, help=_ANSWERER_HELP)
    qt = sub.add_parser("quotes", help="print the attributions found in an article file")
    qt.add_argument("file", help="an article file (any format `index rebuild` reads)")
    qt.add_argument("--json", action="store_true", help="print the attributions as JSON")
    return [ask, qt]


def _eval_parsers(sub) -> list:
    ev = sub.add_parser("eval", help="measure against human annotations")
    esub = ev.add_subparsers(dest="eval_command", required=True)
    eq = esub.add_parser("quotes", help="score quote extraction against PolNeAR-style attributions")
    eq.add_argument("--corpus", required=True, help="articles (.jsonl)")
    eq.add_argument("--gold", required=True, help="attributions (.jsonl)")
    eq.add_argument("--split", default="dev", help="which split of the gold attributions to score (default: dev)")
    eq.add_argument("--out", default="", help="write the report as JSON here (default: eval-out/quotes-SPLIT.json)")
    eqa = esub.add_parser("qa", help="ask a question set through answer() and score it per kind")
    eqa.add_argument("--questions", required=True, nargs="+", metavar="FILE",
                     help="question files (.jsonl: id, kind, question, article_id, gold_...)")
    eqa.add_argument("--corpus", default="", help="articles to index first (skipped when --home already holds them)")
    eqa.add_argument("--answerer", choices=_ANSWERERS, default=None, help=_ANSWERER_HELP)
    eqa.add_argument("--out", default="eval-out/qa.json", help="write the report as JSON here")
    return [ev, eq, eqa]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="whosaid", description="Ask news articles who said what, with citations.")
    _home_arg(p)
    sub = p.add_subparsers(dest="command", required=True)
    chat = sub.add_parser("chat", help="open the chat in a browser page")
    chat.add_argument("--host", default="127.0.0.1", help="the address to serve on (default: 127.0.0.1)")
    chat.add_argument("--port", type=int, default=7860, help="the port to serve on (default: 7860)")
    chat.add_argument("--auth", metavar="USER:PASSWORD", default=None,
                      help="ask for this login before the chat opens (default: $WHOSAID_AUTH, else no login)")
    for sp in _index_parsers(sub) + _ask_parser(sub) + _eval_parsers(sub) + [chat]:
        _home_arg(sp)
    return p


def _ask(args, out) -> int:
    from .ask import stream_answer
    from .inputs import from_command_line
    from .render import answer_tail

    final = None
    question = from_command_line(" ".join(args.question))
    for item in stream_answer(question, home=getattr(args, "home", None), answerer=args.answerer,
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
    print(f"{report['split']}: {plural(report['articles'], 'article')}, {report['articles_per_second']} articles/s",
          file=out)
    print(f"{'':<28}{'P':>7}{'R':>7}{'F1':>7}{'pred':>7}{'gold':>7}", file=out)
    for label, r in (("quotes (strict content)", q), ("indirect speech", ind)):
        print(f"{label:<28}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}{r['predicted']:>7}{r['gold']:>7}",
              file=out)
    for key in ("speaker_accuracy", "joint_recall", "pronoun_speaker_accuracy", "nominal_speaker_accuracy"):
        print(f"{key.replace('_', ' '):<28}{report[key]:>7.3f}", file=out)
    path = Path(args.out or f"eval-out/quotes-{args.split}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2))
    print(f"Report: {path}", file=out)
    return 0


def _eval_qa(args, out) -> int:
    from pathlib import Path

    from index import rebuild

    from .stores import open_store
    from .eval_qa import evaluate_qa

    home = getattr(args, "home", None)
    if args.corpus:
        rebuild([args.corpus], open_store(home))  # a no-op when the index already holds this corpus
    report = evaluate_qa(args.questions, home=home, answerer=args.answerer)
    print(f"{plural(report['questions'], 'question')}, answerer {report['answerer']}; latency p50 {report['latency_ms']['p50']} ms,"
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
    from .config import load_config, parse_auth

    auth = parse_auth(args.auth) if args.auth is not None else load_config().chat_auth
    if auth is None and args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"whosaid: warning: the chat is served on {args.host} without a login: anyone who can reach this "
              "address can use it (set --auth USER:PASSWORD or WHOSAID_AUTH)", file=sys.stderr, flush=True)
    print("whosaid chat: loading the model and the index…", file=out, flush=True)
    run_chat(getattr(args, "home", None), args.host, args.port, auth=auth,
             ready=lambda url: print(f"whosaid chat ready on {url}", file=out, flush=True))
    return 0


def _quiet_stdout() -> None:
    """The reader of our stdout is gone (`| head`): send what is still buffered nowhere, so exiting stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None, out=None) -> int:
    """Run a command; returns its exit code. Called as the command itself (`argv` None), the process ends here."""
    code = _main(argv, out)
    if argv is None:
        _end(code)
    return code


def _end(code: int) -> None:
    """End the command's process at once, its output flushed: Python's own teardown of the ~700 modules chromadb
    brings in took ~0.2 s of every command (bench/RESULTS.md, 2026-11-30 night). Nothing is left to do by then:
    every write is committed, the rebuild lock released, and an index is built to survive a kill at any moment."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def _main(argv: list[str] | None, out) -> int:
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    handler = {"ask": _ask, "quotes": _quotes, "chat": _chat}.get(args.command) or \
        {"rebuild": _rebuild, "add": _add, "remove": _remove, "status": _status, "check": _check, "quotes": _eval_quotes,
         "qa": _eval_qa}[args.index_command if args.command == "index" else args.eval_command]
    try:
        code = handler(args, out)
        out.flush()
        return code
    except BrokenPipeError:
        if out is sys.stdout:
            _quiet_stdout()
        return 141  # 128 + SIGPIPE, as a command killed by the closed pipe would end
    except WhosaidError as e:
        print(f"whosaid: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("whosaid: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
