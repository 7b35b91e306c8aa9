"""Fuzz every compiled regular expression of the attribution engine and the question reader for catastrophic
backtracking (issue 18): each pattern is run as the code runs it (match / finditer / the rule's function) over
adversarial inputs at growing lengths in a worker process (runs of quote marks, spaces, capitalised words, capitals
or lower case without a space, reporting verbs, names and cues mixed); prints each pattern's worst time and growth ratio
(time at the longest length / time at the one before; linear ~4, quadratic ~16) and flags ratios above 8, a time
above 0.5 s at 16k characters, or a pattern that did not finish. Exits 1 if any is flagged.
Usage: bench/stress/patterns.py [--lengths 1000,4000,16000] [--only NAME] [--timeout 60] [--out FILE]"""
from __future__ import annotations

import argparse
import importlib
import inspect
import json
import pkgutil
import random
import re
import select
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Tally, save  # noqa: E402

# Every module whose patterns read article text or a question (index.attribution.* are added as found): the engine,
# the article's formats, the roster of speakers and the lexical index; the question reader, follow-ups and answers.
MODULES = ["index.quotes", "index.speakers", "index.clauses", "index.cues", "index.marks", "index.patterns",
           "index.subjects", "index.context", "index.chunk", "index.validate", "index.roster", "index.lexical",
           "index.formats.text", "app.question", "app.who_question", "app.asked", "app.followup", "app.link",
           "app.support", "app.statements", "app.retrieve", "app.extractive", "app.verify", "app.described"]
RATIO_LIMIT = 8.0  # between linear (4 for a 4x longer input) and quadratic (16)
SLOW_AT_16K = 0.5  # seconds for one call on 16k characters: far above any linear pattern here (~ms)
LONG_LINE = 100_000  # the single line run once after the growing lengths
LONG_LIMIT = 3.0  # seconds on the 100k line: 0.5 s at 16k grown linearly (x6.25)
NOISE = 0.002  # below 2 ms at the longest length a ratio is timer noise, not growth
CUES = ["said", "says", "told", "added", "according to", "warned", "claimed", "argued", "asked", "wrote", "who",
        "that", "Mr.", "Mrs.", "Sen.", "Dr.", "Gov.", "the", "and", ",", ", ", ":", "—", " - ", "“", "”", '"', "‘",
        "’", "(D-Halland)", "Ada Vell", "Ivo Brant", "Marta Loo", "Kessandra", "Oduya's", "spokesman", "in a statement",
        "on Monday", ".", "?", "\n", "\n\n", "—Ada Vell", "said Ivo Brant,", "Here's", "As Ada Vell put it"]


def families(rng_seed: int = 18) -> dict[str, object]:
    """Name -> function of a length giving an adversarial input of about that many characters."""
    def run(unit: str):
        return lambda n: (unit * (n // len(unit) + 1))[:n]

    def mix(seed: int, sep: str = " "):
        def build(n: int) -> str:
            rng, out, size = random.Random(seed), [], 0
            while size < n:
                out.append(rng.choice(CUES))
                size += len(out[-1]) + len(sep)
            return sep.join(out)[:n]
        return build
    caps = " ".join(a + b.lower() for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + " "
    prose = "The harbour board said the pier, Ada Vell said, would hold until spring and the town agreed "
    out = {f"run of {q}": run(q) for q in ['"', "“", "”", "‘", "’", "«", "»", "''"]}
    out.update({"spaces": run(" "), "tabs": run("\t"), "spaces and tabs": run(" \t"), "capitalised words": run(caps),
                "capitals, no space": run("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "lower case, no space": run("abcdefghijklmnopqrs"),
                "said said": run("said "), "titles": run("Mr. "), "commas": run(","), "comma space": run(", "),
                "em dashes": run("—"), "hyphens": run("-"), "dash words": run("— Ada "),
                "alternating quote/word": run("“Ada ” "), "straight quote/word": run('"said '),
                "unclosed quote + prose": lambda n: "“" + run(prose)(n - 1),
                "name, cue, comma": run("Ada Vell, said, "), "newlines": run("\n"),
                "cue mix": mix(rng_seed), "cue mix no spaces": mix(rng_seed + 1, ""),
                "cue mix, name tail": lambda n: mix(rng_seed + 2)(n - 20) + ", said Ada Vell."})
    return out


def _usage(name: str, module: str, sources: dict[str, str]) -> str:
    """How the code calls the pattern (in its module, and in those that import it by name): 'match' when only ever
    anchored, else 'finditer' (covers search/sub)."""
    home = module.rsplit(".", 1)[-1]
    where = [text for mod, text in sources.items() if mod == module or re.search(
        rf"^from\s+\S*\b{home}\s+import\s+(?:\([^)]*|[^\n]*)\b{re.escape(name)}\b", text, re.M)]
    calls = set(re.findall(rf"(?<![\w.]){re.escape(name)}\.(\w+)\(", "\n".join(where)))
    return "match" if calls and calls <= {"match", "fullmatch"} else "finditer"


def collect() -> list[tuple[str, object, str]]:
    """(name, pattern or function, how it is called) for every module-level pattern and every rule, once each."""
    import index.attribution as attribution
    names = MODULES + [f"index.attribution.{m.name}" for m in pkgutil.iter_modules(attribution.__path__)]
    mods = [importlib.import_module(n) for n in names]
    sources = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p.read_text()
               for top in ("index", "app") for p in (ROOT / top).rglob("*.py")}
    out = []
    for rule in importlib.import_module("index.attribution.rules").RULES:  # the table: match, or its finditer
        how = "finditer" if rule.name == "relative" else "match" if isinstance(rule.pattern, re.Pattern) else "call"
        out.append((f"rule:{rule.name}", rule.pattern, how))
    seen = {id(rule.pattern) for rule in importlib.import_module("index.attribution.rules").RULES}
    for mod in mods:
        home = inspect.getsource(mod)
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern) and id(value) not in seen and re.search(rf"^{name}\s*=", home, re.M):
                seen.add(id(value))
                out.append((f"{mod.__name__}.{name}", value, _usage(name, mod.__name__, sources)))
    return out


def _once(target, how: str, text: str) -> None:
    if how == "call":
        target(text)
    elif how == "match":
        target.match(text)
    else:
        for _ in target.finditer(text):
            pass


def timed(target, how: str, text: str) -> float:
    """Best of up to 5 runs while they are quick (timer noise), one run when slow."""
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        _once(target, how, text)
        best = min(best, time.perf_counter() - t)
        if best > 0.02:
            break
    return best


def measure(target, how: str, lengths: list[int]) -> dict:
    """Times per input family and length; stops growing a family once one call exceeds the 16k limit."""
    worst = {"ratio": 0.0, "top": 0.0, "family": "", "times": [], "long": 0.0}
    for fam, build in families().items():
        times = []
        for n in lengths:
            times.append(timed(target, how, build(n)))
            if times[-1] > SLOW_AT_16K:
                break
        ratio = times[-1] / max(times[-2], 1e-7) if len(times) == len(lengths) and times[-1] >= NOISE else 0.0
        if RATIO_LIMIT < ratio < float("inf"):  # a busy machine's hiccup, or growth? time both lengths again
            times[-2:] = [min(t, timed(target, how, build(n))) for t, n in zip(times[-2:], lengths[-2:])]
            ratio = times[-1] / max(times[-2], 1e-7) if times[-1] >= NOISE else 0.0
        if len(times) < len(lengths):
            ratio = float("inf")
        if (ratio, times[-1]) > (worst["ratio"], worst["top"]):
            worst.update(ratio=ratio, top=times[-1], family=fam, times=times)
    if worst["top"] < 0.1:  # one single line of 100k characters, when the pattern is not already slow
        worst["long"] = timed(target, how, families()["cue mix"](LONG_LINE).replace("\n", " "))
    return worst


def worker(start: int, lengths: list[int], only: str) -> None:
    """Run patterns from index `start` on, one JSON line each, flushed (the parent enforces the time limit)."""
    for i, (name, target, how) in enumerate(collect()):
        if i < start or (only and only not in name):
            continue
        print(json.dumps({"begin": i}), flush=True)
        print(json.dumps({"i": i, "name": name, "how": how, **measure(target, how, lengths)}), flush=True)
    print(json.dumps({"done": True}), flush=True)


def verdict(row: dict, longest: int) -> str:
    """Why a pattern is flagged, or '' when it is fine."""
    if row["ratio"] == float("inf") or (longest >= 16000 and row["top"] > SLOW_AT_16K):
        return f"{row['top']:.2f} s at {longest} characters ({row['family']})"
    if row["ratio"] > RATIO_LIMIT:
        return f"ratio {row['ratio']:.1f} ({row['family']})"
    if row["long"] > LONG_LIMIT:
        return f"{row['long']:.1f} s on the {LONG_LINE}-character line"
    return ""


def drive(lengths: list[int], only: str, timeout: float) -> list[dict]:
    """Workers in turn; a pattern that gives no line within `timeout` is recorded and skipped."""
    rows, start = [], 0
    while True:
        cmd = [sys.executable, __file__, "--worker", str(start), "--lengths", ",".join(map(str, lengths)),
               "--only", only]
        proc, running = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT), None
        while True:
            ready, _, _ = select.select([proc.stdout], [], [], timeout)
            line = proc.stdout.readline() if ready else None
            if not line:  # timed out (None) or the worker died (''): the running pattern fails, go on after it
                proc.kill()
                proc.wait()
                if running is None:
                    return rows
                rows.append({"i": running, "hung": True})
                start = running + 1
                break
            row = json.loads(line)
            if row.get("done"):
                proc.wait()
                return rows
            if "begin" in row:
                running = row["begin"]
                continue
            rows.append(row)
            running, start = None, row["i"] + 1


def report(rows: list[dict], lengths: list[int], timeout: float) -> Tally:
    names = {i: n for i, (n, _, _) in enumerate(collect())}
    tally = Tally("regex backtracking")
    print(f"{'pattern':<46}{'call':<9}" + "".join(f"{n:>8}" for n in lengths) + f"{'ratio':>7}"
          f"{'100k':>8}  worst input", flush=True)
    worst = 0.0
    for row in rows:
        if row.get("hung"):
            tally.trial(False, f"{names.get(row['i'], row['i'])}: did not finish in {timeout:.0f} s")
            continue
        times = "".join(f"{t * 1000:>6.1f}ms" for t in row["times"]) + " " * 8 * (len(lengths) - len(row["times"]))
        why = verdict(row, lengths[-1])
        worst = max(worst, row["ratio"])
        print(f"{row['name'][-45:]:<46}{row['how']:<9}{times}{row['ratio']:>7.1f}{row['long']:>8.3f}  "
              f"{row['family']}{'  FLAGGED: ' + why if why else ''}", flush=True)
        tally.trial(not why, f"{row['name']}: {why}")
    tally.figures = {"patterns": tally.tried, "worst ratio": round(worst, 1), "lengths": ",".join(map(str, lengths))}
    return tally


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--lengths", default="1000,4000,16000")
    p.add_argument("--only", default="", help="only the patterns whose name contains this")
    p.add_argument("--timeout", type=float, default=60, help="seconds one pattern may take over all its inputs")
    p.add_argument("--worker", type=int, default=None, help=argparse.SUPPRESS)
    p.add_argument("--out", type=Path, default=None, help="write the tally as JSON here")
    args = p.parse_args()
    lengths = [int(n) for n in args.lengths.split(",")]
    if args.worker is not None:
        worker(args.worker, lengths, args.only)
        return 0
    tally = report(drive(lengths, args.only, args.timeout), lengths, args.timeout).report()
    save(tally, args.out)
    return 0 if tally.failed == 0 and tally.tried else 1


if __name__ == "__main__":
    sys.exit(main())
