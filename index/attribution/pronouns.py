"""Who 'he' or 'she' is, by salience: sentence by sentence back from it, a sentence's subject before others, a person
of that sex (first names tell the sex where the article does not), not inside a quotation, not an owner ('Clinton's')
and not the object of a preposition."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..lexicon import words

__all__ = ["antecedent", "first_name_sex", "inside", "lone_first_names", "may_mean", "shared_first_name"]

_OBJECT = re.compile(r"\b(?:of|in|at|from|to|with|against|by|about|for|on|than|like|and|or)\s+(?:(?:the|an?)\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}$")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")  # a sentence whose subject is a pronoun: 'But he said Lew had ...'
_REACH = 1500  # characters back: about three paragraphs, beyond which a pronoun rarely reaches


def first_name_sex(name: str) -> str:
    """'m' or 'f' for a name whose first word is a first name given (almost) only to boys or to girls; '' otherwise.
    A name of one word tells nothing: 'Tuesday', 'Tex' (a place) or a surname."""
    first = name.split()[0].lower().strip(".,") if len(name.split()) >= 2 else ""
    if first in _names("first_names_male"):
        return "m"
    return "f" if first in _names("first_names_female") else ""


def shared_first_name(name: str) -> bool:
    """Whether `name` opens with a first name given to both sexes ('Bernie Sanders', 'Leslie Pell')."""
    first = name.split()[0].lower().strip(".,") if len(name.split()) >= 2 else ""
    return first in _names("first_names_shared")


def first_name(name: str) -> bool:
    """Whether `name` opens with a first name of any sex ('Casey Lund'), which 'Islamic State' or 'Wall Street' do not."""
    first = name.split()[0].lower().strip(".,") if len(name.split()) >= 2 else ""
    return any(first in _names(f"first_names_{sex}") for sex in ("male", "female", "shared"))


def lone_first_names(mentions: list[tuple[int, str]], people: list[tuple[int, str]]) -> dict[str, str]:
    """The sex of each name mentioned as a first name alone that is no word of a full name the article gives ('Bob
    agreed to talk'; not 'Lou' of 'Lou Jiwei')."""
    in_names = {w for _, full in people for w in full.split()}
    return {name: first_name_sex(name + " X") for _, name in mentions
            if " " not in name and name not in in_names and first_name_sex(name + " X")}


def may_mean(votes: dict[str, list[int]], name: str, pronoun: str) -> bool:
    """Whether 'he' or 'she' may stand for `name`: by the article's own Mr., Ms., he or she after it (`votes`: name ->
    [male, female]) when they lean one way, else by its first name ('Sen. Lindsey Graham ... his rival' is a he)."""
    v = votes.get(name)
    known = "mf"[v[1] > v[0]] if v and v[0] != v[1] else first_name_sex(name)
    return known in ("", "f" if pronoun.lower() == "she" else "m")


_SETS: dict[str, frozenset] = {}


def _names(list_name: str) -> frozenset:
    if list_name not in _SETS:
        _SETS[list_name] = frozenset(words(list_name))
    return _SETS[list_name]


# A name before someone's role in their team: 'McConnell spokesman Don Stewart', 'Sanders campaign manager Jeff Weaver',
# 'Mr. Trump's campaign chairman, Paul Manafort'.
_TEAM = re.compile(r"(?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*\s+(?:campaign\s+|senior\s+|chief\s+|press\s+|deputy\s+)*"
                   r"(?:spokesman|spokeswoman|spokesperson|aide|adviser|advisor|manager|strategist|chairman|chairwoman|"
                   r"lawyer|attorney|secretary|pollster|director|surrogate|operative|consultant|counsel|economist|analyst),?\s+[A-Z]")


# An owner right before someone named: 'Fox News’ Bret Baier', 'the Ministry's Ivo Petrak': theirs, not the subject.
_OWNS_NAMED = re.compile(r"(?:[A-Z][\w.-]*[ \t]+){0,4}[A-Z][\w.-]*[’'](?:s\b)?[ \t]+[A-Z][\w-]+[ \t]+[A-Z]")


def _subject_like(text: str, pos: int, end: int) -> bool:
    """Whether the mention at text[pos:end] reads as someone acting, not an owner, a preposition's object or the
    head of someone's team ('McConnell spokesman Don Stewart', 'Fox News’ Bret Baier')."""
    before = re.split(r"(?<![A-Z][a-z])(?<![A-Z])[.!?][”\"’']?\s|\n", text[max(0, pos - 40):pos])[-1]  # this sentence
    return text[end:end + 2] not in ("’s", "'s") and not _OBJECT.search(before) and not _TEAM.match(text, pos) \
        and not _OWNS_NAMED.match(text, pos)


def inside(quoted: list[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` lies in one of the `quoted` stretches (sorted, not overlapping): a binary search."""
    i = bisect_right(quoted, (pos, float("inf"))) - 1
    return i >= 0 and quoted[i][0] <= pos < quoted[i][1]


def _candidates(text: str, mentions, sex_of: dict[str, str], want: str, at: int, quoted, starts, people,
                spoke, places, titled) -> list[tuple]:
    """(sentence, subject, known sex, offset, name) of each person of sex `want` named in reach before `at`, outside
    quotations (of unknown sex only if one of `people`, not 'Good Morning America'); `subject`: the first one of its
    sentence that is no owner and no preposition's object."""
    out, seen_in = [], set()
    for pos, name in mentions[bisect_left(mentions, (at - _REACH, "")):bisect_left(mentions, (at, ""))]:
        if inside(quoted, pos):
            continue
        sent = bisect_right(starts, pos) - 1 if starts else 0
        end = pos + len(text[pos:pos + 80].split(",")[0].split("\n")[0])
        opens = starts[sent] if starts and sent >= 0 else max(0, pos - 200)
        subject = (pos, name) in spoke or sent not in seen_in and _subject_like(text, pos, end) \
            and not _PRONOUN.search(text, opens, pos)
        if subject:
            seen_in.add(sent)
        told = first_name_sex(name)  # 'Bill Clinton' is a he, whatever 'Clinton' did before
        sex = sex_of.get(name) if name in titled else told or sex_of.get(name)  # 'Mr. Graham' outranks 'Lindsey'
        # a he or she after 'the Islamic State' tells no sex: a place is no one
        if name in places and not told:  # 'Atlantic City', even when it 'made the case' for something: a place
            continue
        if sex == want or not sex and name in people:
            out.append((sent, subject, bool(sex), pos, name))
    return out


def antecedent(text: str, mentions: list[tuple[int, str]], sex_of: dict[str, str], pronoun: str, at: int,
               quoted: list[tuple[int, int]] = (), starts: list[int] = (), people=frozenset(),
               spoke=frozenset(), places=frozenset(), titled=frozenset()) -> str:
    """The full name `pronoun` ('he' or 'she', at offset `at` in `text`) stands for, or '' when none fits: by
    salience, sentence by sentence back from the pronoun (`starts`: where the article's sentences start), the
    subject of a sentence first ('Ryan said Obama erred. He says' is Ryan), then its latest other person of that
    sex. `people`: names known to be people's (given a role or a statement); `places`: names the article writes as a
    place's or a thing's ('the Islamic State', 'in Salt Lake City'); `spoke`: (offset, name) of each speaker,
    the subject of its clause; `titled`: names the article gives Mr., Mrs. or Ms., whose sex that tells. `mentions`: (offset, name) in reading order; only those within `_REACH` before `at`
    are looked at, so an article naming a thousand people stays linear."""
    want = "f" if pronoun.lower() == "she" else "m"
    fits = _candidates(text, mentions, sex_of, want, at, quoted, starts, people, spoke, places, titled)
    if not fits:
        return ""
    best = max(fits, key=lambda f: (f[0] - (not f[1]), f[1], f[2], f[3]))  # a subject outranks one sentence of recency
    return best[4]
