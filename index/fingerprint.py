"""The fingerprint of the code that cuts passages and extracts statements, read from its files without importing it
(a rebuild compares it with the index's before it knows whether any article needs extracting)."""
from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["extractor_version", "EXTRACTION"]

# Each a file name, or a pattern for the files of the rule table and its word lists (under index/).
EXTRACTION = ("chunk.py", "segmenter.py", "clauses.py", "context.py", "cues.py", "found.py", "marks.py",
              "patterns.py", "quote.py", "quotes.py", "names.py", "records.py", "speakers.py", "subjects.py",
              "attribution/*.py", "lexicon/*.txt")


def extractor_version() -> str:
    """A fingerprint of the code that cuts passages and extracts statements: when it changes, records made
    by the old code are made again."""
    h = hashlib.sha256()
    for name in EXTRACTION:
        for path in sorted(Path(__file__).parent.glob(name)):
            h.update(path.read_bytes())
    return h.hexdigest()[:12]
