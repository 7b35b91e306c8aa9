"""Find the people a question names among the speakers the index holds (full names, surnames, titles, possessives)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.lexicon import words as word_list
from index.roster import Roster, SpeakerEntry

__all__ = ["Mention", "first_names", "link_speakers", "named_in_full", "same_person", "TITLES"]

_TOKEN = re.compile(r"[A-Za-z][A-Za-z.’'-]*")
# Words before a name that are not part of it: honorifics and the titles readers put in questions.
TITLES = set("""mr mrs ms miss dr sen senator rep representative gov governor president pres vice secretary sec
gen general judge justice mayor rev speaker candidate nominee former ex prof professor lt col""".split())
# "On Trump" is no one called "On"; "Will Trump say …" asks no Will
_FUNCTION = set(word_list("function_words")) | set(word_list("determiners")) | {
    "will", "would", "can", "could", "should", "may", "might", "must", "shall"}
_QUESTION_WORDS = set("""who whom whose which what when where why how did does do was is has have had tell give
name find show quotes quote any anything""".split())


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets of the name in the question (title and possessive excluded)
    end: int
    text: str  # as written
    key: str  # surname key
    entries: tuple[SpeakerEntry, ...]  # the speakers it can be, best known first

    @property
    def name(self) -> str:
        """The fullest name: the one entry, or the most quoted one when the question gives only a surname."""
        return self.entries[0].name if self.entries else self.text


def _words(question: str) -> list[tuple[int, int, str]]:
    """(start, end, word) with possessives and trailing dots cut off the word (not off the offsets' meaning)."""
    out = []
    for m in _TOKEN.finditer(question):
        word = re.sub(r"[’']s?$", "", m.group(0)).rstrip(".")
        if word:
            out.append((m.start(), m.start() + len(word), word))
    return out


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _full(words, i: int, roster: Roster) -> tuple[int, SpeakerEntry] | None:
    """The longest known speaker name (2-4 words) starting at word i."""
    for n in (4, 3, 2):
        if i + n <= len(words):
            entry = roster.by_name.get(" ".join(w for _, _, w in words[i:i + n]).lower())
            if entry:
                return n, entry
    return None


def _surname(words, i: int, roster: Roster) -> Mention | None:
    """Word i as a known person's surname, with the given name before it when the question gives one."""
    start, end, word = words[i]
    key = word.lower()
    people = [e for e in roster.by_key.get(key, ()) if e.type == "person" and e.name.split()[-1].lower() == key]
    if not people or key in TITLES or key in _QUESTION_WORDS:
        return None
    if not _capital(word) and (key in roster.common or any(_capital(w) for _, _, w in words)):
        return None  # a lower-case common word ("wall"), or a question that capitalises names but not this one
    nxt = words[i + 1][2] if i + 1 < len(words) else ""
    if _capital(word) and _capital(nxt) and nxt.lower() not in TITLES and i + 1 < len(words) \
            and words[i + 1][0] - end <= 1:
        return None  # "Clinton Foundation", "Trump Tower": part of another name
    prev = words[i - 1][2] if i else ""
    given = prev if prev and prev.lower() not in TITLES and prev.lower() not in _QUESTION_WORDS else ""
    named = [e for e in people if given and given.lower() in e.name.lower().split()[:-1]]
    if named:
        return Mention(words[i - 1][0], end, f"{given} {word}", key, tuple(named))
    return Mention(start, end, word, key, tuple(people))


def _given_only(words, i: int, roster: Roster) -> Mention | None:
    """Word i as the first name a reader calls someone by ("Hillary's view on ...", "What did Bernie say"): a
    capitalised word (any word in a question typed all in lower case) that no surname follows, and that one person
    of the index mostly carries (Roster.called)."""
    start, end, word = words[i]
    nxt = words[i + 1][2] if i + 1 < len(words) else ""
    lower = not any(_capital(w) for _, _, w in words)
    followed = bool(nxt) and words[i + 1][0] - end <= 1 and (_capital(nxt) or nxt.lower() in roster.by_key)
    if not (_capital(word) or lower) or word.lower() in TITLES or word.lower() in _QUESTION_WORDS or (
            word.lower() in _FUNCTION) or followed:  # "Dante Chinni", "dante chinni": a full name, not a first name
        return None
    people = roster.called(word)
    return Mention(start, end, word, people[0].key, (people[0],)) if people else None  # the most quoted form


def _better(surname: Mention | None, given: Mention | None) -> Mention | None:
    """A word read as a surname, unless it is a first name ("Hillary") whose one bearer the index quotes more than
    everyone filed under it as a surname (a stray "Hillary" the extractor took for a name)."""
    if surname and given and surname.text.lower() in first_names() and \
            sum(e.statements for e in given.entries) > sum(e.statements for e in surname.entries):
        return given
    return surname or given


def link_speakers(question: str, roster: Roster | None) -> list[Mention]:
    """The known speakers `question` names, in order of appearance."""
    if roster is None:
        return []
    words, found, i = _words(question), [], 0
    while i < len(words):
        full = _full(words, i, roster)
        if full:
            n, entry = full
            found.append(Mention(words[i][0], words[i + n - 1][1], question[words[i][0]:words[i + n - 1][1]],
                                 entry.key, (entry,)))
            i += n
            continue
        m = _better(_surname(words, i, roster), _given_only(words, i, roster))
        if m:
            found.append(m)
        i += 1
    return found


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The shipped first-name lists (index/lexicon), read once."""
    return frozenset(n for sex in ("male", "female", "shared") for n in word_list(f"first_names_{sex}"))


def named_in_full(question: str, mentions: list[Mention]) -> list[str]:
    """The surname keys of the people `question` names by first name and surname ("Tim Kaine", "ben carson" when the
    index knows him, "Tobin Quellhart" written with capitals when it does not): a question naming someone so names
    them for certain, where a single word or a place the index took for a speaker ("New Hampshire") may not."""
    first = first_names()
    known = [m.key for m in mentions if len(m.text.split()) >= 2 and m.text.split()[0].lower() in first
             and any(e.type == "person" for e in m.entries)]
    spans = [(m.start, m.end) for m in mentions]
    unknown = [m.group(2).lower() for m in _FULL_NAME.finditer(question) if m.group(1).lower() in first
               and not any(s <= m.start() < e for s, e in spans)]
    return list(dict.fromkeys(known + unknown))


# A capitalised first name and surname; not after a word that opens a place ("from Grand Rapids", "in Santa Clara").
_FULL_NAME = re.compile(r"(?<!\bin )(?<!\bat )(?<!\bfrom )(?<!\bto )(?<!\bof )(?<!\bnear )(?<!\bthe )"
                        r"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?([A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?)\b(?![ \t]+[A-Z])")


def same_person(a: str, b: str) -> bool:
    """Same surname, and no given names that differ ("Hillary Clinton" is not "Bill Clinton")."""
    if not a or not b or a.split()[-1].lower() != b.split()[-1].lower():
        return False
    given_a, given_b = ({w.lower() for w in n.split()[:-1] if w[:1].isupper()} for n in (a, b))
    return not (given_a and given_b) or bool(given_a & given_b)
