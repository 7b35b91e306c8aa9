"""The Library tab: the articles in the index; add files or a folder (indexed with a progress bar); remove one."""
from __future__ import annotations

import html
import shutil
from pathlib import Path

import gradio as gr

from index import load_paths, rebuild, remove
from index.load import SUFFIXES

from ..ask import open_store
from ..errors import WhosaidError
from .records import records_of

__all__ = ["LibraryTab", "article_rows", "add_articles", "remove_article", "UPLOADS"]

HEADERS = ["Id", "Title", "Source", "Date", "Statements"]
UPLOADS = "library"  # under the index's home: where added files are kept


def article_rows(records) -> list[list]:
    return [[a["id"], a["title"], a["source"], a["date"], a["statements"]] for a in records.articles()]


def _keep(files: list[str], folder: Path) -> list[Path]:
    """Copy uploaded files into `folder` (a name already there from another file gets a number)."""
    folder.mkdir(parents=True, exist_ok=True)
    kept = []
    for f in map(Path, files):
        dest, n = folder / f.name, 1
        while dest.exists() and dest.read_bytes() != f.read_bytes():
            dest, n = folder / f"{f.stem}-{n}{f.suffix}", n + 1
        shutil.copyfile(f, dest)
        kept.append(dest)
    return kept


def _refused(errors) -> str:
    if not errors:
        return ""
    items = "".join(f"<li><b>{html.escape(Path(e.path).name)}</b>{f' line {e.line}' if e.line else ''}: "
                    f"{html.escape(e.reason)}</li>" for e in errors)
    return f'<p>Refused {len(errors)}:</p><ul class="refused">{items}</ul>'


def add_articles(files: list[str], store, progress: bool = False, urls: str = "") -> str:
    """Index the files (kept under the index's home) and the web addresses (one a line, fetched) beside what the
    index holds; the report as HTML."""
    addresses = [u.strip() for u in (urls or "").splitlines() if u.strip()]
    if not files and not addresses:
        return "<p>Choose files or a folder, or give a web address, first.</p>"
    kept = _keep(files, store.home / UPLOADS) + addresses
    try:
        r = rebuild(kept, store, progress=progress, exact=False)
    except WhosaidError as e:
        return f"<p><b>Not indexed:</b> {html.escape(str(e))}</p>{_refused(load_paths(kept)[1])}"
    c = store.manifest().counts
    return (f"<p>Indexed {r.added} new and {r.changed} changed article{'s' * (r.added + r.changed != 1)} "
            f"({r.reused} unchanged); the index holds {c['articles']:,} articles and {c['quotes']:,} quotes.</p>"
            f"{_refused(r.refused)}")


def remove_article(article_id: str, store) -> str:
    article_id = (article_id or "").strip()
    if not article_id:
        return "<p>Give the id of the article to remove (the first column).</p>"
    try:
        r = remove([article_id], store)
    except WhosaidError as e:
        return f"<p><b>Not removed:</b> {html.escape(str(e))}</p>"
    if not r.removed:
        return f"<p>No article {html.escape(article_id)} in the index.</p>"
    return f"<p>Removed {html.escape(article_id)}; the index holds {r.articles:,} articles.</p>"


class LibraryTab:
    def __init__(self, home):
        self.home = home
        self.table = gr.Dataframe(headers=HEADERS, interactive=False, wrap=True, max_height=360,
                                  elem_id="library-table")
        with gr.Row():
            self.files = gr.File(label=f"Add article files ({' '.join(SUFFIXES)})", file_count="multiple",
                                 elem_id="library-files", min_width=240)
            self.folder = gr.File(label="… or a folder", file_count="directory", elem_id="library-folder",
                                  min_width=240)
        self.urls = gr.Textbox(label="… or web addresses of articles or feeds (one a line; fetched when added)",
                               lines=2, elem_id="library-urls")
        self.add_btn = gr.Button("Add and index", variant="primary", elem_id="library-add")
        self.report = gr.HTML(elem_id="library-report", elem_classes="library-report")
        with gr.Row(equal_height=True):
            self.remove_id = gr.Textbox(label="Remove an article", placeholder="its id", scale=3,
                                        elem_id="library-remove-id")
            self.remove_btn = gr.Button("Remove", variant="stop", scale=1, elem_id="library-remove")
        self.add_btn.click(self.add, [self.files, self.folder, self.urls],
                           [self.report, self.table, self.files, self.folder, self.urls])
        self.table.select(self.pick, None, [self.remove_id])
        self.remove_btn.click(self.remove, [self.remove_id], [self.report, self.table, self.remove_id])

    def rows(self):
        return article_rows(records_of(open_store(self.home)))

    def add(self, files, folder, urls, progress=gr.Progress(track_tqdm=True)):
        paths = [str(getattr(f, "name", f)) for f in (files or []) + (folder or [])]
        report = add_articles(paths, open_store(self.home), progress=True, urls=urls)
        return report, self.rows(), None, None, ""

    def pick(self, evt: gr.SelectData):
        row = evt.row_value or []
        return str(row[0]) if row else gr.skip()

    def remove(self, article_id):
        report = remove_article(article_id, open_store(self.home))
        return report, self.rows(), ""
