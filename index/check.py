"""Does the store hold what the manifest says? Record counts against the catalog, orphan records, leftover
generations, an interrupted batch; and the recovery and repair a rebuild makes before it plans its work."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .store import JOURNAL

__all__ = ["Check", "check", "recover", "repair"]

_PAGE = 5000
_EXPECTED = {"passages": "chunks", "quotes": "quotes", "contexts": "quotes"}  # record kind -> catalog entry field


@dataclass
class Check:
    generation: int
    catalog: dict[str, int]  # kind -> records the catalog says the generation holds
    held: dict[str, int]  # kind -> records the store holds
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # not wrong, worth knowing (a build under way)

    @property
    def ok(self) -> bool:
        return not self.problems


def _per_article(store, kind: str, generation: int) -> Counter:
    """How many records of `kind` each article id has in the generation."""
    col, seen, offset = store.collection(kind, generation), Counter(), 0
    while True:
        got = store._chroma("get", col.get, include=["metadatas"], limit=_PAGE, offset=offset)
        seen.update((m or {}).get("article_id", "?") for m in got["metadatas"])
        if len(got["ids"]) < _PAGE:
            return seen
        offset += _PAGE


def _counts(store, generation: int, catalog: dict) -> tuple[dict, dict]:
    expected = {k: sum(int(e.get(f, 0)) for e in catalog.values()) for k, f in _EXPECTED.items()}
    held = {k: store._chroma("count", store.collection(k, generation).count) for k in _EXPECTED}
    return expected, held


def _disagreeing(store, generation: int, catalog: dict) -> tuple[set[str], set[str]]:
    """Article ids with records but not in the catalog (orphans), and catalog articles whose records are not the
    number their entry says."""
    orphans, wrong = set(), set()
    for kind, entry_field in _EXPECTED.items():
        per = _per_article(store, kind, generation)
        orphans |= set(per) - set(catalog)
        wrong |= {a for a, e in catalog.items() if per.get(a, 0) != int(e.get(entry_field, 0))}
    return orphans, wrong


def check(store) -> Check:
    """Compare the live generation's records with its catalog, and look for what a stopped rebuild left."""
    live = store.manifest()
    gen, catalog = live.generation, live.articles
    expected, held = _counts(store, gen, catalog)
    found = Check(gen, expected, held)
    if expected != held:
        orphans, wrong = _disagreeing(store, gen, catalog)
        found.problems += [f"{k}: the store holds {held[k]:,} records, the catalog says {expected[k]:,}"
                           for k in _EXPECTED if held[k] != expected[k]]
        if orphans:
            found.problems.append(f"records of {len(orphans):,} article(s) not in the catalog (e.g. "
                                  f"{sorted(orphans)[0]!r})")
        if wrong:
            found.problems.append(f"{len(wrong):,} article(s) in the catalog without all their records (e.g. "
                                  f"{sorted(wrong)[0]!r})")
    building = store.building() or {}
    for g in sorted(store.generations() - {gen}):
        if g == building.get("generation"):
            found.notes.append(f"generation {g}: a full build was stopped partway; the next rebuild goes on with it")
        else:
            found.problems.append(f"generation {g}: collections left by an earlier build")
    journal = store._read_note(JOURNAL)
    if journal:
        found.problems.append(f"a batch of {len(journal['ids']):,} article(s) was being written when a rebuild "
                              "stopped")
    return found


def repair(store) -> int:
    """Before a rebuild plans its work (under the lock): records of articles the catalog doesn't hold are deleted,
    and articles whose records don't match their catalog entry leave the catalog, so this rebuild indexes them
    again. Cheap when the counts agree (the usual case). Returns how many articles were repaired."""
    if not store.exists():
        return 0
    live = store.manifest()
    expected, held = _counts(store, live.generation, live.articles)
    if expected == held:
        return 0
    orphans, wrong = _disagreeing(store, live.generation, live.articles)
    bad = sorted(orphans | wrong)
    if bad:
        store.delete_articles(live.generation, bad)
        fresh = store._read_state()
        fresh.version += 1  # readers drop what they derived from the records just removed
        store.write_state(fresh)
    return len(bad)


def recover(store) -> list[str]:
    """Undo the batch a killed rebuild was writing (its articles leave the catalog and their records go, so this
    rebuild indexes them whole), repair records that disagree with the catalog, drop generations neither live nor
    being built, and give their disk back. Returns the ids of the batch undone."""
    ids = _undo_batch(store)
    repair(store)
    live, building = store._read_state(), store.building() or {}
    keep = {live.generation} if live else set()
    store.drop_generations(keep | ({building["generation"]} if "generation" in building else set()))
    return ids


def _undo_batch(store) -> list[str]:
    note = store._read_note(JOURNAL)
    if note and note["generation"] in store.generations():
        store.delete_articles(note["generation"], note["ids"])
        live = store._read_state()
        if live is not None and live.generation == note["generation"]:
            live.version += 1  # readers drop what they derived from the records just removed
            store.write_state(live)
    store._note(JOURNAL, None)
    return note["ids"] if note else []
