"""Fictional news articles for the stress battery: invented towns and people, each article with quotes to ask about."""
from __future__ import annotations

import json
import random
from pathlib import Path

__all__ = ["write_corpus", "article", "change", "SENTINELS", "FIRST", "LAST"]

FIRST = ["Ilse", "Tomas", "Maren", "Oskar", "Livia", "Bram", "Nadia", "Pavel", "Greta", "Anselm", "Yara", "Corin",
         "Elodie", "Faris", "Hedda", "Joren", "Kalinda", "Lucan", "Mireille", "Nestor"]
LAST = ["Vantrell", "Oskarsby", "Quillon", "Darrowmere", "Fenwhistle", "Halvorsk", "Ketterby", "Lindqvar", "Morrowgate",
        "Pellandri", "Rusk-Anders", "Sallowby", "Thornquist", "Ulvstad", "Wexmoor", "Ystrallo", "Brannagh", "Corvell"]
TOWNS = ["Bramwick", "Kestrelford", "Port Halvard", "Dunmere", "Velmora", "Ashcombe Vale", "Orrin's Ferry", "Tallowmere"]
ROLES = ["the mayor of {t}", "a spokesperson for the {t} harbour board", "the head of the {t} teachers' union",
         "a councillor in {t}", "the director of the {t} water company", "a nurse at {t} General"]
TOPICS = [("the new tram line", "will open before the winter", "is years behind schedule"),
          ("the harbour dredging", "protects two hundred jobs", "has poisoned the oyster beds"),
          ("the school budget", "keeps every classroom open", "cuts music lessons by half"),
          ("the flood barrier", "held back the worst storm in a decade", "was built on the wrong bank"),
          ("the market hall sale", "brings money the town badly needs", "hands a public square to a developer"),
          ("the night-bus trial", "carried more riders than expected", "runs empty after midnight")]
CUES = ["said", "told reporters", "warned", "insisted", "added", "argued"]
# Articles every corpus holds, each with one statement no other article makes: (speaker, what was said, question).
SENTINELS = [
    ("Wendeline Quarrington", "the lighthouse at Skelby Point will be relit on Midsummer's Eve",
     "Who said the lighthouse at Skelby Point would be relit?"),
    ("Ottavio Brisk", "the salt marsh at Fennick Reach will be reopened to birdwatchers in April",
     "Who said the salt marsh at Fennick Reach would reopen to birdwatchers?"),
    ("Ragnhild Oyelaran", "the Corrow valley cheese fair has doubled its stalls",
     "Who said the Corrow valley cheese fair had doubled its stalls?"),
    ("Emeric Szalontai", "the ferry to Inishgarran will run twice a day all winter",
     "Who said the ferry to Inishgarran would run twice a day all winter?"),
    ("Sunniva Achterberg", "the old tannery in Wraybridge will become a climbing hall",
     "Who said the old tannery in Wraybridge would become a climbing hall?"),
]


def _person(rng: random.Random, town: str) -> tuple[str, str]:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES).format(t=town)


def article(n: int, seed: int = 0) -> dict:
    """Article `n`: a headline, a dateline and four paragraphs, two people quoted on opposite sides."""
    rng = random.Random(seed * 100_003 + n)
    town, (topic, pro, con) = rng.choice(TOWNS), rng.choice(TOPICS)
    (a, a_role), (b, b_role) = _person(rng, town), _person(rng, town)
    day = 1 + n % 28
    text = (f"{town.upper()}, March {day} — A row over {topic} divided {town} this week as residents packed the "
            f"council chamber for a second night.\n\n"
            f"“I am certain that {topic} {pro},” {rng.choice(CUES)} {a}, {a_role}. “We counted every figure "
            f"twice and we will publish them all next month.”\n\n"
            f"{b}, {b_role}, disagreed. “Nobody asked the people who live here, and {topic} {con},” {b.split()[1]} "
            f"{rng.choice(CUES)}.\n\n"
            f"{a.split()[1]} said later that a public meeting on {topic} would be held in {town} on March "
            f"{min(day + 7, 28)} (article {n}).\n")
    return {"id": f"stress-{seed}-{n:05d}", "title": f"{town} divided over {topic} ({n})", "text": text,
            "source": "stress-gazette", "date": f"2025-03-{day:02d}"}


def sentinel(i: int) -> dict:
    who, what, _ = SENTINELS[i]
    text = (f"WRAYBRIDGE, April {i + 2} — Plans were announced on Tuesday.\n\n“I can tell you that {what},” said "
            f"{who}, who chairs the district works committee. “It has taken us three years.”\n")
    return {"id": f"sentinel-{i}", "title": f"District plans ({who.split()[1]})", "text": text,
            "source": "stress-gazette", "date": f"2025-04-{i + 2:02d}"}


def write_corpus(folder: Path, count: int, seed: int = 0) -> Path:
    """`count` articles and the sentinels as one JSONL file in `folder`; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [sentinel(i) for i in range(len(SENTINELS))] + [article(n, seed) for n in range(count)]
    (folder / "articles.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                           encoding="utf-8")
    return folder


def change(folder: Path, share: float = 0.25) -> int:
    """Rewrite a share of the (non-sentinel) articles in `folder`, as an edited feed would; returns how many."""
    path = folder / "articles.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    picked = [r for r in rows if r["id"].startswith("stress-")][::max(1, round(1 / share))]
    for r in picked:
        r["text"] = r["text"].replace("for a second night", "for a third night") + (
            "\nA correction was added on March 30: the meeting room has changed.\n")
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(picked)


if __name__ == "__main__":
    import sys

    print(write_corpus(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100))
