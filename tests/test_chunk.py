"""Passages fit MiniLM's 256-wordpiece window (measured with its own tokenizer) and slice the article exactly."""
from index import chunk_article
from index.embed import MAX_TOKENS


def _window(embedder, text):
    return len(embedder.tokenizer.encode(text, add_special_tokens=True).ids)


def test_sample_passages_fit_and_are_exact(embedder, sample_articles):
    for a in sample_articles.values():
        chunks = chunk_article(a.id, a.text, embedder.count_tokens)
        assert chunks
        for c in chunks:
            assert a.text[c.char_start:c.char_end] == c.text
            assert _window(embedder, c.text) <= MAX_TOKENS
        covered = "".join(a.text[c.char_start:c.char_end] for c in chunks)
        assert "".join(covered.split()) == "".join(a.text.split())  # nothing lost between passages


def test_long_article_and_overlong_sentence(embedder):
    sentence = "Councillor Bea Rund said the harbour wall needs urgent repair before winter storms arrive. "
    monster = "The list included " + ", ".join(f"item number {i} of the inventory" for i in range(120)) + ". "
    text = (sentence * 40) + monster + (sentence * 5)
    chunks = chunk_article("x", text, embedder.count_tokens)
    assert len(chunks) > 5
    for c in chunks:
        assert text[c.char_start:c.char_end] == c.text
        assert _window(embedder, c.text) <= MAX_TOKENS
    assert all(c.char_start >= p.char_end for p, c in zip(chunks, chunks[1:]))


def test_a_quote_is_not_cut_when_another_cut_exists(embedder):
    text = ("Filler sentence about the weather in the valley today. " * 20
            + "“First sentence of a quote. Second sentence of the same quote,” said Ivo Brant. " + "More filler. " * 30)
    start = text.index("“")
    end = text.index("Brant.") + 5
    chunks = chunk_article("x", text, embedder.count_tokens, keep_together=[(start, end)])
    assert any(c.char_start <= start and end <= c.char_end for c in chunks)
