"""The faster segmenter finds exactly the sentences and offsets pysbd finds, on text that trips its rules."""
import pysbd
import pytest

from index.segmenter import Segmenter

TEXTS = [
    "Mayor Ilsa Venn said the bridge will reopen in May. \"It is safe,\" she said. It is safe. It is safe.",
    "Dr. Orrin Blay of St. Kell's Hospital met Mr. and Mrs. Tamm at 10 a.m. on Jan. 5. They spoke for 2.5 hours.",
    "The U.S. Dept. of Harbours, i.e. the agency, said so.  Twice.\tThrice!  \n  Then nothing?   ",
    "Why? Why not. Why? Why not. Why? Why not.",
    "aaa. aaa. aaa aaa. aa.",
    "No full stop at the end of this one",
    "   ",
    "Prof. Juna Keel (Ph.D.) wrote: \"The levy, approx. 3 p.c., is fair…\" and left. Sen. Ode disagreed.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_spans_as_pysbd(text):
    theirs = pysbd.Segmenter(language="en", clean=False, char_span=True).segment(text)
    ours = Segmenter().segment(text)
    assert [(s.sent, s.start, s.end) for s in ours] == [(s.sent, s.start, s.end) for s in theirs]


def test_empty_sentence_found_as_pysbd_finds_it():
    seg = Segmenter()
    seg.original_text = "One.  Two."
    theirs = pysbd.Segmenter(language="en", clean=False, char_span=True)
    theirs.original_text = seg.original_text
    for sents in (["One.", "", "Two."], ["", "One."], ["Two.", "One."]):
        assert [(s.sent, s.start, s.end) for s in seg.sentences_with_char_spans(sents)] == \
            [(s.sent, s.start, s.end) for s in theirs.sentences_with_char_spans(sents)]
