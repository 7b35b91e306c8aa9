"""The Quotes tab: every extracted statement in a table, filtered by speaker, source, dates and words; exported."""
from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import gradio as gr

from ..ask import open_store
from ..errors import WhosaidError
from ..filters import Filters
from .records import records_of

__all__ = ["QuotesTab", "COLUMNS", "FIELDS", "quote_rows", "filter_quotes", "export_quotes"]

COLUMNS = ["speaker", "role", "cue", "words", "kind", "article", "date", "source"]  # the table
FIELDS = ["id", "article_id", *COLUMNS, "url"]  # the exported files
SHOWN = 1000  # rows in the table (the export holds every filtered row)


def quote_rows(records) -> list[dict]:
    """Every statement of the index as a row (dates sort by day, undated last)."""
    rows = [{"id": s.id, "article_id": s.article_id, "speaker": s.speaker_name or s.speaker, "role": s.speaker_role,
             "cue": s.cue, "words": s.text, "kind": s.kind, "article": s.title, "date": s.date, "source": s.source,
             "url": s.url, "day": s.day or 0} for s in records.statements()]
    return sorted(rows, key=lambda r: (r["day"] == 0, -r["day"], r["article"], r["id"]))


def filter_quotes(rows: list[dict], speaker: str = "", source: str = "", since: str = "", until: str = "",
                  text: str = "") -> list[dict]:
    """The rows whose speaker holds `speaker`, whose source is `source` (any case), dated within since..until
    (YYYY-MM-DD, inclusive: undated rows are left out when a date is given), whose words hold `text`."""
    f = Filters.of(None, None, since or None, until or None)  # a bad date: FilterError, shown to the user
    who, src, words = (speaker or "").strip().lower(), (source or "").strip().lower(), (text or "").strip().lower()
    return [r for r in rows
            if (not who or who in r["speaker"].lower())
            and (not src or src == r["source"].lower() or src in r["source"].lower())
            and (not f.since or r["day"] >= f.since) and (not f.until or (r["day"] and r["day"] <= f.until))
            and (not words or words in r["words"].lower())]


def export_quotes(rows: list[dict], fmt: str, folder: str | Path | None = None) -> Path:
    """The rows as a CSV or JSON file (the FIELDS of each) in `folder` (default: a new temporary folder)."""
    folder = Path(folder or tempfile.mkdtemp(prefix="whosaid-export-"))
    path = folder / f"whosaid-quotes.{fmt}"
    data = [{k: r[k] for k in FIELDS} for r in rows]
    if fmt == "json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        with path.open("w", newline="", encoding="utf-8") as out:
            w = csv.DictWriter(out, fieldnames=FIELDS)
            w.writeheader()
            w.writerows(data)
    return path


class QuotesTab:
    def __init__(self, home):
        self.home = home
        with gr.Row():
            self.filters = [gr.Textbox(label="Speaker", placeholder="any part of the name", min_width=150,
                                       elem_id="quotes-speaker"),
                            gr.Textbox(label="Source", min_width=150, elem_id="quotes-source"),
                            gr.Textbox(label="Since", placeholder="YYYY-MM-DD", min_width=150, elem_id="quotes-since"),
                            gr.Textbox(label="Until", placeholder="YYYY-MM-DD", min_width=150, elem_id="quotes-until"),
                            gr.Textbox(label="Words", placeholder="words in the quote", min_width=150,
                                       elem_id="quotes-text")]
        self.note = gr.HTML(elem_id="quotes-note", elem_classes="table-note")
        self.table = gr.Dataframe(headers=[c.capitalize() for c in COLUMNS], interactive=False, wrap=True,
                                  max_height=480, elem_id="quotes-table",
                                  column_widths=["12%", "13%", "8%", "35%", "7%", "13%", "6%", "6%"])
        with gr.Row():
            filter_btn = gr.Button("Filter", elem_id="quotes-filter", size="sm", variant="primary")
            csv_btn = gr.Button("Export CSV", elem_id="export-csv", size="sm")
            json_btn = gr.Button("Export JSON", elem_id="export-json", size="sm")
        self.file = gr.File(label="Exported rows", interactive=False, elem_id="quotes-export", height=90)
        for box in self.filters:
            box.submit(self.show, self.filters, [self.table, self.note], show_progress="hidden")
            box.blur(self.show, self.filters, [self.table, self.note], show_progress="hidden")
        filter_btn.click(self.show, self.filters, [self.table, self.note], show_progress="hidden")
        csv_btn.click(lambda *f: self.export("csv", *f), self.filters, [self.file, self.note])
        json_btn.click(lambda *f: self.export("json", *f), self.filters, [self.file, self.note])

    def _rows(self, *filters) -> list[dict]:
        return filter_quotes(quote_rows(records_of(open_store(self.home))), *filters)

    def show(self, *filters):
        try:
            rows = self._rows(*filters)
        except WhosaidError as e:
            return gr.skip(), f'<p class="meta">{_esc(str(e))}</p>'
        note = f"{len(rows):,} statement{'s' * (len(rows) != 1)}" + (f"; the first {SHOWN:,} are shown, the export "
                                                                     f"holds all" if len(rows) > SHOWN else "")
        return [[r[c] for c in COLUMNS] for r in rows[:SHOWN]], f'<p class="meta">{note}</p>'

    def export(self, fmt, *filters):
        try:
            rows = self._rows(*filters)
        except WhosaidError as e:
            return None, f'<p class="meta">{_esc(str(e))}</p>'
        return str(export_quotes(rows, fmt)), f'<p class="meta">Exported {len(rows):,} rows as {fmt.upper()}.</p>'


def _esc(text: str) -> str:
    import html

    return html.escape(text)
