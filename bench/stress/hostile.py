"""Hostile article files (every kind issue 18 names) mixed with good fictional ones, one `whosaid index rebuild` over
them, and a table: kind / tried / passed / failed. Targets: 0 tracebacks, 0 lost good files, every bad file named
with its reason. Run: .venv/bin/python bench/stress/hostile.py --count 1000 (the fast subset: tests/test_hostile.py)."""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WHOSAID = Path(sys.executable).with_name("whosaid")
_SYL = ["bra", "vel", "mor", "tan", "quil", "dar", "fen", "hal", "ket", "lin", "pel", "rus", "sal", "thor", "ulv",
        "wex", "yst", "cor", "nal", "obr"]
_FIRST = ["Ilse", "Tomas", "Maren", "Oskar", "Livia", "Bram", "Nadia", "Pavel", "Greta", "Anselm"]
_THINGS = [("ferry", "stop running in winter"), ("library", "close on Sundays"), ("tram", "reach the harbour"),
           ("bridge", "need a new deck"), ("market", "move to the quay"), ("school", "take two hundred pupils")]


@dataclass
class Case:
    """One file (or link) and what must happen to it."""

    kind: str
    path: Path
    expect: str  # refused | indexed | either (indexed, or refused by name: bounded work on a pathological text)
    ids: tuple[str, ...] = ()  # the article ids that must be indexed (good lines of a mixed file)
    question: tuple[str, str] | None = None  # (question, the surname its answer must name)


def _name(n: int, offset: int = 0) -> str:
    n += offset
    return "".join(_SYL[(n // 20 ** i) % 20] for i in range(3)).capitalize()


def good_article(n: int) -> tuple[dict, tuple[str, str]]:
    """Fictional article n: one invented person quoted on one invented place; the question that finds them."""
    surname, place = _name(n), _name(n, 4000)
    person = f"{_FIRST[n % len(_FIRST)]} {surname}"
    thing, will = _THINGS[n % len(_THINGS)]
    text = (f"{place.upper()}, March {1 + n % 28} — Residents of {place} met on Tuesday to argue about the "
            f"{thing}.\n\n"
            f"“The {place} {thing} will {will} before the autumn,” said {person}, a councillor in {place}. "
            f"“We have checked the figures twice.”\n\nOthers in the hall were not convinced and asked for a vote.")
    rec = {"id": f"good-{n}", "title": f"{place} argues over its {thing}", "source": "Hostile Gazette",
           "date": "2024-03-05", "text": text}
    return rec, (f"Who said the {place} {thing} would {will}?", surname)


def _good(d: Path, n: int, kind: str = "good", suffix: str = ".json") -> Case:
    rec, q = good_article(n)
    p = d / f"{kind}-{n}{suffix}"
    if suffix == ".txt":
        p.write_text(f"{rec['title']}\n\n{rec['text']}\n", encoding="utf-8")
        return Case(kind, p, "indexed", question=q)
    p.write_text(json.dumps(rec, ensure_ascii=False) + ("\n" if suffix == ".jsonl" else ""), encoding="utf-8")
    return Case(kind, p, "indexed", (rec["id"],), q)


def _bad(kind: str, p: Path, data: bytes) -> Case:
    p.write_bytes(data)
    return Case(kind, p, "refused")


def _prose(n: int, size: int) -> str:
    rng, out, total = random.Random(n), [], 0
    while total < size:
        out.append(f"“The {rng.choice(_THINGS)[0]} will open,” said {_FIRST[rng.randrange(10)]} "
                   f"{_name(rng.randrange(8000))}. ")
        total += len(out[-1])
    return "".join(out)


def _mixed_jsonl(d, n, kind, bad_line: str) -> Case:
    """A JSONL file: a good article, then a hostile line; the good one must be indexed and the bad line named."""
    rec, q = good_article(n)
    p = d / f"{kind}-{n}.jsonl"
    p.write_text(json.dumps(rec) + "\n" + bad_line + "\n", encoding="utf-8")
    return Case(kind, p, "refused", (rec["id"],), q)


def _surrogates(d, n) -> Case:
    rec, q = good_article(n)
    raw = json.dumps({**rec, "id": rec["id"] + "\ud83d", "title": "\udcff" + rec["title"], "source": "Wire\ud800",
                      "url": "https://example.org/\udfff", "author": "Rosa\ud83d", "date": "2024\ud83d"})
    p = d / f"surrogates-{n}.json"
    p.write_text(raw.replace(rec["text"][:20], rec["text"][:20] + "\\ud83d"), encoding="utf-8")
    return Case("lone surrogates in every field", p, "indexed", question=q)


def _separators(d, n) -> Case:
    rec, q = good_article(n)
    for old, new in ((" met on ", " met\u2028on "), ("argue", "argue\u2029"), ("hall", "hall\x85")):
        rec["text"] = rec["text"].replace(old, new)
    p = d / f"separators-{n}.jsonl"
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    return Case("U+2028/2029/0085 in JSONL text", p, "indexed", (rec["id"],), q)


def _non_utf8_name(d, n) -> list[Case]:
    good = _good(d, n, "non-UTF-8 file name", ".txt")
    target = Path(os.fsdecode(os.fsencode(d) + f"/caf\xe9-{n}-\xff.txt".encode("latin-1")))
    good.path.rename(target)
    good.path = target
    bad = Path(os.fsdecode(os.fsencode(d) + f"/bad-\xfe-{n}.txt".encode("latin-1")))
    bad.write_bytes(b"\xff\xfe\x00binary")
    return [good, Case("non-UTF-8 file name", bad, "refused")]


def _links(d, n) -> list[Case]:
    dangling, loop, folder = d / f"dangling-{n}.txt", d / f"loop-{n}.txt", d / f"looped-{n}"
    dangling.symlink_to(d / f"nowhere-{n}.txt")
    loop.symlink_to(loop)
    folder.mkdir()
    (folder / "back").symlink_to(folder, target_is_directory=True)
    return [Case("dangling link", dangling, "refused"), Case("link loop", loop, "refused"),
            Case("folder link loop", folder / "back", "refused")]


def _duplicates(d, n) -> list[Case]:
    rec, q = good_article(n)
    first, second, other = d / f"dup-a-{n}.json", d / f"dup-b-{n}.json", d / f"dup-c-{n}.jsonl"
    first.write_text(json.dumps({**rec, "id": f"{n}.5"}))
    second.write_text(json.dumps({**rec, "id": f"{n}.5", "title": "Second copy"}))  # same id: refused
    other.write_text(f'{{"id": {n}.5, "text": {json.dumps(rec["text"] + " Again.")}}}\n'   # the number n.5: the same id
                     f'{{"id": {n}.50, "text": {json.dumps(rec["text"] + " Once more.")}}}\n')  # n.50: another id
    return [Case("duplicate ids", first, "indexed", (f"{n}.5",), q), Case("duplicate ids", second, "refused"),
            Case("duplicate ids", other, "refused", (f"{n}.50",))]


def _simple(d: Path, n: int, rng: random.Random) -> list[Case]:
    """The one-file kinds: the file's bytes and what must happen to it."""
    text = good_article(n)[0]["text"]
    words = text.encode()
    deep = "[" * 10_000 + "]" * 10_000
    huge = '{"id": "x", "n": ' + "7" * 5000 + ', "text": ' + json.dumps(text) + "}"
    kinds = {
        "empty": (".txt", b""), "whitespace only": (".md", b" \n\t\n"), "binary": (".txt", rng.randbytes(512)),
        "bad UTF-8": (".txt", words[:40] + b"\xff\xfe" + words[40:]), "NUL bytes": (".txt", words + b"\x00\x00"),
        "1-byte random": (".txt", rng.randbytes(1)), "few random letters": (".txt", bytes([rng.randrange(97, 123)])),
        "digits only": (".txt", b"1234 5678 90 -- 42 !!"), "deep nesting JSON": (".json", deep.encode()),
        "deep nesting JSONL line": (".jsonl", (deep + "\n").encode()), "5,000-digit number": (".json", huge.encode()),
        "5,000-digit id": (".jsonl", ('{"id": ' + "9" * 5000 + ', "text": "x"}\n').encode()),
        "NaN": (".json", b'{"text": "Mira said yes.", "score": NaN}'), "[] in .json": (".json", b"[]"),
        "wrong field types": (".json", json.dumps({"text": ["a", "b"], "title": 5}).encode()),
        "text a number": (".json", b'{"id": "t", "text": 12345}'), "title an object": (
            ".jsonl", (json.dumps({"id": f"o{n}", "title": {"a": 1}, "text": text}) + "\n").encode()),
        "JSON not an object": (".json", b'"just a string"'), "malformed JSON": (".json", b'{"text": "unclosed'),
        "not an article suffix": (".png", b"\x89PNG\r\n\x1a\n"), "HTML garbage": (".html", rng.randbytes(300)),
        "PDF garbage": (".pdf", b"%PDF-1.4\n" + rng.randbytes(200)), "XML garbage": (".xml", b"<rss><channel><item>"),
        "CSV without text column": (".csv", b"id,title\n1,Hello\n"),
    }
    return [_bad(kind, d / f"{kind.replace(' ', '_').replace('/', '')}-{n}{suffix}", data)
            for kind, (suffix, data) in kinds.items()]


def _mixed(d: Path, n: int) -> list[Case]:
    good = good_article(n)[0]
    quotes = dict(good, id=f"quotes-{n}", text=good["text"] + "\n\n" + '"' * 10_000 + "\n\n" + _prose(n, 12_000))
    ctl = dict(good, id=f"ctl-{n}", text=good["text"].replace("Tuesday", "Tues\x07day\x1b"))
    return [
        _mixed_jsonl(d, n - 2, "bad JSONL line", "{oops"),
        _mixed_jsonl(d, n - 1, "wrong types in a JSONL line", json.dumps({"id": ["x"], "text": "y"})),
        Case("10,000 quote marks", _write(d / f"quotes-{n}.json", json.dumps(quotes)), "either"),
        Case("control characters", _write(d / f"ctl-{n}.json", json.dumps(ctl)), "indexed", (f"ctl-{n}",)),
        Case("CRLF and BOM", _write(d / f"crlf-{n}.txt", "\ufeff" + (good["title"] + "\n\n" + good["text"])
                                    .replace("\n", "\r\n")), "indexed"),
    ]


def _write(p: Path, text: str) -> Path:
    p.write_text(text, encoding="utf-8")
    return p


def _once(d: Path) -> list[Case]:
    """The big and slow ones, once a run: a 20 MB one-line file, a 9 MB one-line article, a FIFO, a deep folder,
    deep XML and HTML, an XML entity bomb."""
    big, long = d / "20mb-one-line.txt", d / "9mb-one-line.txt"
    big.write_text("word " * 4_000_000)
    long.write_text(_prose(1, 9_000_000))
    fifo = d / "a-pipe.txt"
    os.mkfifo(fifo)
    deep = d.joinpath(*["deep"] * 60)
    deep.mkdir(parents=True)
    xml, page, lol = d / "deep.xml", d / "deep.html", d / "entities.xml"
    xml.write_text("<rss><channel>" + "<item>" * 10_000 + "</item>" * 10_000 + "</channel></rss>")
    page.write_text("<html><body>" + "<div>" * 10_000 + "Mira said so." + "</div>" * 10_000 + "</body></html>")
    levels = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    lol.write_text(f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e0 "lol">{levels}]><rss><channel><item><title>&e9;'
                   "</title><description>&e9;</description></item></channel></rss>")
    return [Case("20 MB one-line file", big, "refused"), Case("9 MB one-line article", long, "refused"),
            Case("FIFO", fifo, "refused"), _good(deep, 99_999, "good file 60 folders deep"),
            Case("XML nested 10,000 deep", xml, "refused"), Case("HTML nested 10,000 deep", page, "refused"),
            Case("XML entity expansion", lol, "either")]


def write_battery(d: Path, count: int, seed: int = 18, big: bool = True) -> list[Case]:
    """At least `count` files (or links) under `d`: every hostile kind in rounds, with good articles between."""
    rng, cases, n = random.Random(seed), _once(d) if big else [], 0
    while n == 0 or len(cases) < count:  # one round at least
        cases += _simple(d, n, rng) + _mixed(d, n + 3) + _links(d, n) + _duplicates(d, n + 4)
        cases += [_surrogates(d, n + 5), _separators(d, n + 6), *_non_utf8_name(d, n + 7)]
        cases += [_good(d, n + 8 + i, suffix=(".json", ".jsonl", ".txt")[i % 3]) for i in range(12)]
        n += 20
    return cases


# -- running and judging -----------------------------------------------------------------------------------------
def rebuild(folder: Path, home: Path, env: dict | None = None) -> tuple[int, str, str, float]:
    """`whosaid index rebuild FOLDER` in a child process: exit status, stdout, stderr, seconds."""
    started = time.perf_counter()
    run = subprocess.run([str(WHOSAID), "--home", str(home), "index", "rebuild", "--no-progress", str(folder)],
                         capture_output=True, env={**os.environ, **(env or {})}, cwd=ROOT)
    out, err = (b.decode("utf-8", "backslashreplace") for b in (run.stdout, run.stderr))
    return run.returncode, out, err, time.perf_counter() - started


def refusals(stdout: str) -> list[str]:
    """The lines `whosaid index rebuild` lists under "Refused N:", each 'PATH[ line N]: reason'."""
    lines = stdout.splitlines()
    start = next((i for i, l in enumerate(lines) if l.startswith("Refused ")), len(lines))
    return [l.strip() for l in lines[start + 1:] if l.startswith("  ")]


def _named(case: Case, refused: list[str]) -> bool:
    from index.errors import shown_path

    shown = shown_path(case.path)
    return any((r.startswith(shown + ": ") or r.startswith(shown + " line ")) and len(r) > len(shown) + 3
               for r in refused)


def _indexed(case: Case, catalog: dict) -> bool:
    from index.errors import shown_path

    if case.ids:
        return all(i in catalog for i in case.ids)
    return any(e.get("path") == shown_path(case.path) for e in catalog.values())


def verdict(case: Case, refused: list[str], catalog: dict) -> bool:
    named, indexed = _named(case, refused), _indexed(case, catalog)
    if case.expect == "refused":
        return named and (not case.ids or indexed)
    if case.expect == "indexed":
        return indexed and not named
    return named or indexed


def answerable(cases: list[Case], home: Path, most: int) -> tuple[int, int]:
    """Of up to `most` good articles, how many are found by their question, the speaker named: (asked, right)."""
    from app.ask import answer

    asked = right = 0
    for c in [c for c in cases if c.question and c.expect == "indexed"][:most]:
        q, surname = c.question
        a = answer(q, home=home, answerer="extractive")
        asked += 1
        right += any(surname in (t.speaker_name or "") for t in a.attributions)
    return asked, right


def table(cases: list[Case], refused: list[str], catalog: dict) -> tuple[list[tuple], list[Case]]:
    """Rows (kind, tried, passed, failed) and the failed cases."""
    rows, failed = {}, []
    for c in cases:
        ok = verdict(c, refused, catalog)
        row = rows.setdefault(c.kind, [0, 0, 0])
        row[0], row[1 if ok else 2] = row[0] + 1, row[1 if ok else 2] + 1
        failed += [] if ok else [c]
    return [(k, *v) for k, v in rows.items()], failed


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--count", type=int, default=1000, help="files (and links) to write, at least (default 1000)")
    p.add_argument("--ask", type=int, default=30, help="good articles to ask about afterwards (default 30)")
    p.add_argument("--keep", metavar="DIR", help="write the files and the index here, and keep them")
    args = p.parse_args(argv)
    work = Path(args.keep or tempfile.mkdtemp(prefix="whosaid-hostile-"))
    folder, home = work / "files", work / "home"
    folder.mkdir(parents=True, exist_ok=True)
    cases = write_battery(folder, args.count)
    code, out, err, seconds = rebuild(folder, home)
    from index import Store

    catalog = Store(home).manifest().articles if code == 0 else {}
    rows, failed = table(cases, refusals(out), catalog)
    asked, right = answerable(cases, home, args.ask) if code == 0 else (0, 0)
    tracebacks = err.count("Traceback")
    print(f"{'kind':<34}{'tried':>7}{'passed':>8}{'failed':>8}")
    for kind, tried, passed, bad in rows:
        print(f"{kind:<34}{tried:>7}{passed:>8}{bad:>8}")
    total = [sum(r[i] for r in rows) for i in (1, 2, 3)]
    print(f"{'all':<34}{total[0]:>7}{total[1]:>8}{total[2]:>8}")
    lost = sum(1 for c in failed if c.expect == "indexed")
    print(f"rebuild exit {code} in {seconds:.0f} s; tracebacks {tracebacks}; lost good files {lost}; bad files not "
          f"named {sum(1 for c in failed if c.expect != 'indexed')}; good articles answered {right}/{asked}")
    for c in failed[:20]:
        print(f"  FAILED {c.kind}: {c.path} (expected {c.expect})")
    if tracebacks:
        print(err[-3000:])
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if code == 0 and not failed and not tracebacks and right == asked else 1


if __name__ == "__main__":
    sys.exit(main())
