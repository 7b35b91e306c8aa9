"""Every article format, built here (fictional people only): its text, title and date, and a quote in it attributed
after indexing; web addresses fetched from a local server; a missing extra said plainly."""
from __future__ import annotations

import io
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app import answer
from app.cli import main
from index import Store, load_file, load_paths, rebuild
from index.load import iso_date

HTML = """<!doctype html><html><head><title>Harbour Reopens | The Gull</title>
<meta name="author" content="Mira Patel"><meta property="og:site_name" content="The Gull">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://gull.example/harbour"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">All the news</a></li></ul></nav>
<article><h1>Harbour Reopens</h1>
<p>PORTLY, March 5 — The harbour reopened on Tuesday after a long winter of repairs that left the fleet idle.</p>
<p>“The quay will reopen to the ferries on Monday,” said Harbourmaster Edda Quill, who oversaw the work.</p>
<p>Fishermen welcomed the news, and the co-operative said the spring catch would be landed here again.</p>
</article><footer>Copyright The Gull 2024. All rights reserved. Subscribe to our newsletter.</footer>
<script>var tracker = "do not index me";</script></body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Valley Post</title><link>https://valley.example/</link><description>News</description>
<item><title>Mill Pond Drained</title><link>https://valley.example/pond</link><guid>valley-pond</guid>
<author>desk@valley.example (Rosa Fenwick)</author><pubDate>Tue, 04 Oct 2016 12:00:00 GMT</pubDate>
<description>short teaser</description>
<content:encoded><![CDATA[<p>BRAMBLEY, Oct. 4 &#8212; The old mill pond was drained on Tuesday.</p>
<p>&#8220;The eels have all been moved upstream,&#8221; said warden Osric Pell.</p><script>alert(1)</script>]]>
</content:encoded></item>
<item><title>Bakery Opens</title><link>https://valley.example/bakery</link><guid>valley-bakery</guid>
<pubDate>Wed, 05 Oct 2016 08:30:00 GMT</pubDate>
<description>&lt;p&gt;A bakery opened on the square, its owner &lt;b&gt;Hilde Varga&lt;/b&gt; said.&lt;/p&gt;</description>
</item></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Fen Courier</title><id>urn:fen</id>
<updated>2019-06-02T09:00:00Z</updated>
<entry><title>Lock Gates Mended</title><id>urn:fen:locks</id><link href="https://fen.example/locks"/>
<published>2019-06-01T09:00:00Z</published><updated>2019-06-02T09:00:00Z</updated><author><name>Ivo Stack</name></author>
<summary type="html">&lt;p&gt;“The gates will hold another century,” lock keeper Wendell Axe said.&lt;/p&gt;</summary>
</entry></feed>"""

CSV = ("id,title,source,date,url,text,desk\n"
       'csv-fair,Orchard Fair Returns,Valley Post,"October 4, 2016",https://valley.example/fair,'
       '"BRAMBLEY, Oct. 4 — The orchard fair returns this weekend, with a cider tent.\n\n'
       '“We expect record crowds at the cider tent,” said organiser Tobin Marsh.",local\n'
       "csv-hollow,Empty Row,Valley Post,2016-10-05,,,local\n")

PDF_PAGES = [
    ["Council Budget Approved",
     "DUNMERE, April 9, 2025 — The town council approved its budget on Wednesday",
     "after a long debate over the price of the new library roof and the state",
     "of the harbour wall, which the engineers said needed attention soon."],
    ["The vote was close, and the chamber was full of residents.",
     "“The library roof will be fixed before the winter storms,” said councillor",
     "Petra Lindqvist, who chairs the works committee."],
]


def make_pdf(pages: list[list[str]], title: str = "") -> bytes:
    """A minimal PDF written by hand: one page per list of lines, Helvetica in WinAnsi (curly quotes survive)."""
    def esc(s: str) -> bytes:
        return s.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, lines in enumerate(pages):
        body = b"BT /F1 11 Tf 14 TL 72 740 Td " + b" ".join(b"(" + esc(ln) + b") Tj T*" for ln in lines) + b" ET"
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                    f"/Contents {5 + 2 * i} 0 R >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body))
    objs.append(b"<< /Title (" + esc(title) + b") /CreationDate (D:20250410100000Z) >>")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, obj in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, len(objs), xref)
    return bytes(out)


def write_fixtures(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "harbour.html").write_text(HTML)
    (folder / "valley.rss").write_text(RSS)
    (folder / "fen.atom").write_text(ATOM)
    (folder / "archive.csv").write_text(CSV)
    (folder / "budget.pdf").write_bytes(make_pdf(PDF_PAGES, title="Council Budget Approved"))
    return folder


@pytest.fixture(scope="module")
def home(tmp_path_factory, embedder):
    """All the formats indexed together, once."""
    folder = write_fixtures(tmp_path_factory.mktemp("formats") / "articles")
    home = tmp_path_factory.mktemp("formats-home")
    report = rebuild([folder], Store(home), embedder)
    assert [str(e) for e in report.refused] == [f"{folder / 'archive.csv'} line 5: no text"]
    return home


def ask(home, question):
    return answer(question, home=home, answerer="extractive")


def said(a, name):
    return any(t.speaker_name == name for t in a.attributions)


def test_html_main_text_metadata_and_attribution(tmp_path, home):
    (tmp_path / "harbour.html").write_text(HTML)
    (a,), problems = load_file(tmp_path / "harbour.html")
    assert not problems
    assert (a.title, a.date, a.url, a.source) == ("Harbour Reopens", "2024-03-05", "https://gull.example/harbour",
                                                  "The Gull")
    assert a.extra["author"] == "Mira Patel" and a.place == "Portly"
    assert a.text.startswith("PORTLY, March 5 — The harbour reopened")
    assert "“The quay will reopen to the ferries on Monday,” said Harbourmaster Edda Quill" in a.text
    for junk in ("All the news", "Copyright", "newsletter", "tracker", "do not index me"):
        assert junk not in a.text
    got = ask(home, "Who said the quay will reopen to the ferries on Monday?")
    assert said(got, "Edda Quill")
    c = got.citations[0]
    assert c.url == "https://gull.example/harbour" and c.page is None and "ferries" in c.passage


def test_rss_entries_are_articles_with_tags_stripped(tmp_path, home):
    (tmp_path / "valley.rss").write_text(RSS)
    articles, problems = load_file(tmp_path / "valley.rss")
    assert not problems
    pond, bakery = sorted(articles, key=lambda a: a.title, reverse=True)
    assert (pond.title, pond.date, pond.url, pond.source) == ("Mill Pond Drained", "2016-10-04",
                                                              "https://valley.example/pond", "Valley Post")
    assert pond.extra["author"] == "Rosa Fenwick"
    assert pond.text == ("BRAMBLEY, Oct. 4 — The old mill pond was drained on Tuesday.\n\n"
                         "“The eels have all been moved upstream,” said warden Osric Pell.")
    assert (bakery.title, bakery.date) == ("Bakery Opens", "2016-10-05")
    assert bakery.text == "A bakery opened on the square, its owner Hilde Varga said."
    assert pond.id != bakery.id and load_file(tmp_path / "valley.rss")[0][0].id == articles[0].id
    got = ask(home, "Who said the eels have been moved upstream?")
    assert said(got, "Osric Pell") and got.citations[0].url == "https://valley.example/pond"


def test_atom_entry(tmp_path, home):
    (tmp_path / "fen.atom").write_text(ATOM)
    (a,), problems = load_file(tmp_path / "fen.atom")
    assert not problems
    assert (a.title, a.date, a.url, a.source) == ("Lock Gates Mended", "2019-06-01", "https://fen.example/locks",
                                                  "Fen Courier")
    assert a.text == "“The gates will hold another century,” lock keeper Wendell Axe said."
    assert said(ask(home, "Who said the lock gates will hold another century?"), "Wendell Axe")


def test_feed_is_parsed_from_bytes_never_as_an_address(tmp_path, monkeypatch):
    import feedparser

    seen = []
    real = feedparser.parse
    monkeypatch.setattr(feedparser, "parse", lambda src, **kw: seen.append(type(src)) or real(src, **kw))
    (tmp_path / "odd.xml").write_text("https://valley.example/not-fetched.rss")
    articles, problems = load_file(tmp_path / "odd.xml")
    assert not articles and "not a feed" in str(problems[0]) and "odd.xml" in str(problems[0])
    assert seen == [bytes]


def test_csv_rows_fields_and_refusals(tmp_path, home):
    f = tmp_path / "archive.csv"
    f.write_text(CSV)
    (a,), problems = load_file(f)
    assert (a.id, a.title, a.source, a.date, a.url) == ("csv-fair", "Orchard Fair Returns", "Valley Post",
                                                        "2016-10-04", "https://valley.example/fair")
    assert a.text.endswith("said organiser Tobin Marsh.") and a.extra == {"desk": "local"}
    assert [str(p) for p in problems] == [f"{f} line 5: no text"]
    assert said(ask(home, "Who expects record crowds at the cider tent?"), "Tobin Marsh")


def test_csv_needs_a_header_with_a_text_column(tmp_path):
    f = tmp_path / "noheader.csv"
    f.write_text("x1,Some title,Wire,2016-01-02,,Body of the story.\n")
    articles, (problem,) = load_file(f)
    assert not articles
    assert str(problem).startswith(f"{f}: no 'text' column") and "id, title, source, date, url, text" in str(problem)


def test_csv_large_field_is_read(tmp_path):
    body = "The committee met again. " * 8000  # 200 kB: over the csv module's default field limit
    f = tmp_path / "big.csv"
    f.write_text("id,text\nbig-1," + json.dumps(body) + "\n")
    (a,), problems = load_file(f)
    assert not problems and a.text == body


def test_pdf_text_per_page_and_page_in_citations(tmp_path, home):
    f = tmp_path / "budget.pdf"
    f.write_bytes(make_pdf(PDF_PAGES, title="Council Budget Approved"))
    (a,), problems = load_file(f)
    assert not problems
    assert (a.title, a.date, a.place) == ("Council Budget Approved", "2025-04-09", "Dunmere")
    starts = a.extra["page_starts"]
    assert len(starts) == 2 and starts[0] == 0
    assert a.text[starts[1]:].startswith("The vote was close")
    assert ("after a long debate over the price of the new library roof and the state of the harbour wall"
            in a.text)  # lines of a paragraph joined: a line break would end a sentence
    assert "“The library roof will be fixed before the winter storms,” said councillor Petra Lindqvist" in a.text
    got = ask(home, "Who said the library roof will be fixed before the winter storms?")
    assert said(got, "Petra Lindqvist")
    assert "Petra Lindqvist" in got.text and "p. 2" in got.text  # the page the quoted words are on
    c = got.citations[0]
    assert c.page == (2 if c.char_start >= starts[1] else 1)  # the page the cited passage starts on
    from app.render import answer_tail

    assert f"p. {c.page}" in answer_tail(got)  # the numbered sources under the answer say it too


def test_missing_extra_is_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    (tmp_path / "harbour.html").write_text(HTML)
    (tmp_path / "note.txt").write_text("Quiet Day\n\nNothing happened, said nobody in particular.\n")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if whosaid[ingest] were not installed
    articles, problems = load_paths([tmp_path])
    assert [a.title for a in articles] == ["Quiet Day"]
    assert str(problems[0]).startswith(f"{tmp_path / 'harbour.html'}: install whosaid[ingest] to read HTML")
    code = main(["--home", str(tmp_path / "h"), "index", "add", str(tmp_path / "harbour.html")], out=io.StringIO())
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    monkeypatch.setitem(sys.modules, "httpx", None)
    _, (problem,) = load_paths(["http://127.0.0.1:9/never"])
    assert "install whosaid[ingest] to fetch web pages" in str(problem)


def test_dates_are_made_iso():
    for written, iso in (("October 4, 2016", "2016-10-04"), ("Oct. 4, 2016", "2016-10-04"),
                         ("4 October 2016", "2016-10-04"), ("2016-10-04T12:00:00Z", "2016-10-04"),
                         ("Tue, 04 Oct 2016 12:00:00 GMT", "2016-10-04"), ("2016/10/04", "2016-10-04"),
                         ("Tuesday, October 4, 2016", "2016-10-04"), ("October 4", "October 4"),
                         ("sometime", "sometime"), ("", "")):
        assert iso_date(written) == iso, written


def test_json_dates_are_made_iso(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "j1", "date": "October 4, 2016", "text": "A line."}) + "\n"
                 + json.dumps({"id": "j2", "date": "2016-10-05T12:00:00Z", "text": "Another line."}) + "\n")
    assert [a.date for a in load_file(f)[0]] == ["2016-10-04", "2016-10-05"]


def test_txt_dateline_takes_the_year_from_front_matter(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("---\ndate: 2016-09-07\nsource: Wire\n---\nFerry Strike\n\nKESTRELFORD, September 5 — "
                 "The ferry crews walked out.\n")
    (a,), _ = load_file(f)
    assert (a.title, a.source, a.date, a.place) == ("Ferry Strike", "Wire", "2016-09-05", "Kestrelford")
    assert a.text.startswith("KESTRELFORD, September 5")
    g = tmp_path / "b.txt"
    g.write_text("---\ndate: 2017-01-02\n---\nKESTRELFORD, December 30 — Late news.\n")
    assert load_file(g)[0][0].date == "2016-12-30"
    h = tmp_path / "c.txt"
    h.write_text("Ferry Strike\n\nKESTRELFORD, September 5 — The ferry crews walked out.\n")
    assert load_file(h)[0][0].date == "September 5"  # no year anywhere: as written


# ---- web addresses, from a server on this machine ------------------------------------------------------------------

class Site:
    """A local web server: `routes` maps a path to (status, content type, body, extra headers)."""

    def __init__(self):
        self.routes: dict[str, tuple] = {}
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                site.hits.append(self.path)
                status, kind, body, headers = site.routes.get(self.path, (404, "text/plain", b"nope", {}))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add(self, path, body, kind="text/html; charset=utf-8", status=200, **headers):
        self.routes[path] = (status, kind, body.encode() if isinstance(body, str) else body, headers)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    s = Site()
    yield s
    s.close()


def run(*argv):
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_index_add_url_fetches_extracts_and_indexes(tmp_path, site):
    site.add("/harbour", HTML.replace("https://gull.example/harbour", site.url + "/harbour"))
    site.add("/moved", "", status=301, Location="/harbour")
    site.add("/fen", ATOM, kind="application/atom+xml")
    code, out = run("--home", str(tmp_path / "h"), "index", "add", site.url + "/moved", site.url + "/fen")
    assert code == 0 and "Added 2 articles (2 new" in out
    got = answer("Who said the quay will reopen to the ferries on Monday?", home=tmp_path / "h", answerer="extractive")
    assert said(got, "Edda Quill") and got.citations[0].url == site.url + "/harbour"
    code, out = run("--home", str(tmp_path / "h"), "index", "remove", site.url + "/moved")
    assert code == 0 and "Removed 1 article; the index holds 1 article:" in out
    assert not said(answer("Who said the quay will reopen to the ferries on Monday?", home=tmp_path / "h",
                           answerer="extractive"), "Edda Quill")


def test_fetch_refuses_by_address_and_reason(site):
    from index import fetch

    site.add("/photo", b"\x89PNG....", kind="image/png")
    site.add("/loop", "", status=302, Location="/loop")
    site.add("/big", "x" * 5000)
    _, problems = load_paths([site.url + "/photo", site.url + "/loop", site.url + "/gone"])
    reasons = {p.path.rsplit("/", 1)[1]: p.reason for p in problems}
    assert "content type image/png holds no article" in reasons["photo"]
    assert f"more than {fetch.MAX_REDIRECTS} redirects" in reasons["loop"]
    assert reasons["gone"] == "HTTP 404 Not Found"
    with pytest.raises(Exception, match="too large"):
        fetch.fetch(site.url + "/big", limit=1000)


def test_nothing_is_fetched_unless_asked(tmp_path, site):
    (tmp_path / "valley.rss").write_text(RSS.replace("https://valley.example", site.url))
    site.add("/pond", HTML)
    load_paths([tmp_path])
    assert site.hits == []
    articles, _ = load_paths([tmp_path], follow=True)
    assert site.hits == ["/pond", "/bakery"]
    pond = next(a for a in articles if a.title == "Harbour Reopens")  # the page's own story, not the summary
    assert "Edda Quill" in pond.text and pond.path == str(tmp_path / "valley.rss")


def test_feed_url_with_follow(tmp_path, site):
    site.add("/feed", RSS.replace("https://valley.example/pond", site.url + "/pond"), kind="application/rss+xml")
    site.add("/pond", HTML)
    code, out = run("--home", str(tmp_path / "h"), "index", "add", "--follow", site.url + "/feed")
    assert code == 0 and "Added 1 article" in out and "/bakery" in out  # the bakery's page is not there: refused
    assert said(answer("Who said the quay will reopen to the ferries on Monday?", home=tmp_path / "h",
                       answerer="extractive"), "Edda Quill")
