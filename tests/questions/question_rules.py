"""Text helpers and per-kind rules for tests/questions/check_questions.py (standard library only)."""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

MAX_SHARED_RUN = 4
RAREST = 4  # unanswerable: this many rarest content words must never share a corpus paragraph
QUOTE_CHARS = "\"“”«»„"
SINGLE_QUOTED = re.compile(r"(?<!\w)'\w[^']*\w'(?!\w)")  # after norm_apostrophes; possessives don't match
QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]+)[\"“”«»„]|(?<!\w)'(\w[^']*\w)'(?!\w)")
STOP_WORDS = frozenset("""
    about above after again against also among another because been before being below between both could does
    doing down during each either even ever every from further have having here hers herself himself into itself
    just more most much must myself neither none only other ought ours over same should some such than that their
    theirs them themselves then there these they this those through under until upon very were what when where
    which while whom whose will with within without would your yours yourself
""".split())
TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "del", "rev", "president", "senator",
          "representative", "jr", "sr", "ii", "iii", "iv"}
# words of the question frame ("What was X's reaction to ...", "Tell me X's comments about ..."): not topic words
FRAME_WORDS = frozenset("""say said says saying think thinks thought view views comment comments commented remark
    remarks position reaction react describe described respond responded regarding anything tell give quotes quote
    take anyone something talk talked""".split())
# openings of an unanswerable question, lower-cased first word
UNANSWERABLE_OPENINGS = {"who", "whom", "whose", "which", "what", "did", "does", "has", "have", "was", "is", "when",
                         "where", "how", "why"}


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits); apostrophes and hyphens split words."""
    return re.findall(r"\w+", text.lower())


def norm_apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def longest_shared_run(a: list[str], b: list[str]) -> int:
    """Length of the longest run of consecutive tokens that occurs in both lists."""
    best, prev = 0, [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def surname(name: str) -> str:
    """The last capitalised word of a name, titles and suffixes (Jr., II) dropped: "Vann R. Newkirk II" -> Newkirk."""
    toks = [t.strip(".,") for t in norm_apostrophes(name).split()]
    toks = [re.sub(r"'s$", "", t) for t in toks if t[:1].isupper() and t.lower().strip(".") not in TITLES]
    return toks[-1] if toks else ""


def name_tokens(gold: list[str]) -> set[str]:
    """Word tokens of every gold speaker form, single letters (initials) left out."""
    return {t for g in gold for t in words(norm_apostrophes(g)) if len(t) > 1}


def names_word(text: str, name: str) -> bool:
    """Whether `name` occurs in `text` as a whole word (case-insensitive, apostrophes normalised)."""
    return bool(name) and re.search(r"(?<!\w)" + re.escape(norm_apostrophes(name).lower()) + r"(?!\w)",
                                    norm_apostrophes(text).lower()) is not None


def content_words(text: str) -> set[str]:
    """Alphabetic word tokens of four letters or more that are not stop words."""
    return {w for w in words(norm_apostrophes(text)) if len(w) >= 4 and w.isalpha() and w not in STOP_WORDS}


def topic_words(question: str, gold: list[str]) -> set[str]:
    """The question's content words minus the speaker's names, titles and the question frame: what it asks about."""
    return content_words(question) - name_tokens(gold) - FRAME_WORDS - TITLES


def paragraphs(article: dict) -> list[str]:
    """The title and the blank-line separated paragraphs of an article."""
    return [article["title"]] + [p for p in re.split(r"\n\s*\n", article["text"]) if p.strip()]


def flat(text: str) -> str:
    """Text for verbatim comparison: apostrophes normalised, quote marks dropped, lower case, spaces collapsed."""
    text = re.sub(r"[\"“”«»„]", " ", norm_apostrophes(text)).lower()
    return " ".join(text.split())


class Corpus:
    """The PolNeAR articles (all splits), their annotations, word document frequencies and paragraph word sets."""

    def __init__(self, shared: Path):
        self.articles = {}
        for line in (shared / "corpus" / "polnear" / "articles.jsonl").open(encoding="utf-8"):
            a = json.loads(line)
            self.articles[a["id"]] = a
        self.annotations = defaultdict(list)
        for line in (shared / "eval" / "polnear" / "attributions.jsonl").open(encoding="utf-8"):
            r = json.loads(line)
            self.annotations[r["article_id"]].append(r)
        self.texts = {aid: norm_apostrophes(a["title"] + "\n" + a["text"]) for aid, a in self.articles.items()}
        self.df: Counter = Counter()
        self.paras: list[tuple[str, set[str]]] = []
        self.para_texts: dict[str, list[str]] = {}
        for aid, a in self.articles.items():
            self.df.update(set(words(self.texts[aid])))
            self.para_texts[aid] = [norm_apostrophes(p) for p in paragraphs(a)]
            self.paras += [(aid, set(words(p))) for p in self.para_texts[aid]]
        self._hits: dict[str, list[str]] = {}

    def articles_with(self, word: str) -> list[str]:
        """Corpus articles (title or text) holding `word` as a whole, case-sensitive word."""
        if word not in self._hits:
            pat = re.compile(r"(?<!\w)" + re.escape(norm_apostrophes(word)) + r"(?!\w)")
            self._hits[word] = [aid for aid, t in self.texts.items() if pat.search(t)]
        return self._hits[word]

    def surname_near_topic(self, name: str, topic: set[str], skip: str) -> list[str]:
        """Articles other than `skip` with a paragraph naming `name` (whole word) next to one of the topic words."""
        pat = re.compile(r"(?<!\w)" + re.escape(norm_apostrophes(name)) + r"(?!\w)")
        return [aid for aid in self.articles_with(name) if aid != skip
                and any(pat.search(p) and topic & set(words(p)) for p in self.para_texts[aid])]

    def rarest_words(self, question: str, n: int = RAREST) -> list[str]:
        """The question's n content words with the lowest corpus document frequency (ties alphabetical)."""
        return sorted(content_words(question), key=lambda w: (self.df[w], w))[:n]

    def unanswerable_errors(self, question: str, strict: bool = True) -> list[str]:
        """Problems with an unanswerable question: opening, quote marks, rare words that meet in a paragraph;
        strict: also the rarest word next to any of the other three in one paragraph."""
        errs = []
        first = (words(question) or [""])[0]
        if first not in UNANSWERABLE_OPENINGS:
            errs.append(f"question opens with {first!r}, not one of {sorted(UNANSWERABLE_OPENINGS)}")
        if any(c in question for c in QUOTE_CHARS) or SINGLE_QUOTED.search(norm_apostrophes(question)):
            errs.append("question contains quote marks")
        rare = self.rarest_words(question)
        if len(rare) < RAREST:
            return errs + [f"only {len(rare)} content words (need {RAREST})"]
        hits = sorted({aid for aid, ws in self.paras if ws.issuperset(rare)})
        if hits:
            errs.append(f"rarest words {rare} share a paragraph in {len(hits)} articles {hits[:3]}")
        # stricter: the single rarest word never stands in a paragraph next to any of the other three
        near = sorted({(aid, w) for aid, ws in self.paras if strict and rare[0] in ws for w in rare[1:] if w in ws})
        if near:
            errs.append(f"rarest word {rare[0]!r} shares a paragraph with {sorted({w for _, w in near})} "
                        f"in {len({a for a, _ in near})} articles {sorted({a for a, _ in near})[:3]}")
        return errs


def quoted_segments(question: str) -> list[str]:
    """The stretches of the question inside quote marks (double, curly, guillemets or single quotes)."""
    return [m.group(1) or m.group(2) for m in QUOTED.finditer(norm_apostrophes(question))]


def speaker_matches(ann: dict, key: str) -> bool:
    """Whether an annotation's speaker or resolved speaker names `key` (not just its possessive, "Trump's aide")."""
    names = " ".join(norm_apostrophes(ann.get(k) or "") for k in ("speaker", "speaker_resolved"))
    key = norm_apostrophes(key)
    return bool(key) and re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", names) is not None \
        and not re.search(r"(?<!\w)" + re.escape(key) + r"'s(?!\w)", names)


def is_statement_of_speech(ann: dict) -> bool:
    """Direct and mixed quotes always; indirect ones only with a verb of saying."""
    return bool(ann["cue_is_speech"]) or ann["quote_type"] in ("direct", "mixed")
