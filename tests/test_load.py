"""Loading article files: formats, titles, datelines, stable ids, and bad files named with a reason."""
import json

from index import load_paths
from index.load import parse_dateline


def test_bad_files_are_named_and_the_good_one_is_loaded(tmp_path):
    (tmp_path / "good.txt").write_text("Good news\n\nSPRINGVALE, May 2 — Mayor Lina Hart said the park would open.\n")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "ok-1", "title": "Fine", "text": "Ada Lo said the bridge was safe."}) + "\n"
        "{not json\n"
        + json.dumps({"id": "no-text", "title": "Hollow", "text": ""}) + "\n")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    articles, problems = load_paths([tmp_path])
    assert sorted(a.id for a in articles if a.title != "Good news") == ["ok-1"]
    assert any(a.title == "Good news" for a in articles)
    messages = sorted(str(p) for p in problems)
    assert any("blob.txt" in m and "not UTF-8" in m for m in messages)
    assert any("empty.md" in m and "empty file" in m for m in messages)
    assert any("feed.jsonl line 2" in m and "malformed JSON" in m for m in messages)
    assert any("feed.jsonl line 3" in m and "no text" in m for m in messages)
    assert any("photo.png" in m and "not an article file" in m for m in messages)


def test_missing_path_is_reported(tmp_path):
    articles, problems = load_paths([tmp_path / "nope"])
    assert not articles and "no such file or folder" in str(problems[0])


def test_text_title_dateline_and_stable_id(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Bridge Vote Splits Town\n\nKESTRELFORD, March 3 — The council voted.\n")
    (a1,), _ = load_paths([f])
    (a2,), _ = load_paths([f])
    assert a1.title == "Bridge Vote Splits Town"
    assert a1.text.startswith("KESTRELFORD, March 3")
    assert (a1.place, a1.date) == ("Kestrelford", "March 3")
    assert a1.id == a2.id and a1.hash == a2.hash


def test_markdown_heading_is_the_title(tmp_path):
    f = tmp_path / "b.md"
    f.write_text("# Club Sacks Manager\n\nDUNMERE, April 9, 2025 — The club said goodbye.\n")
    (a,), _ = load_paths([f])
    assert a.title == "Club Sacks Manager" and a.date == "2025-04-09"


def test_dateline_forms():
    assert parse_dateline("MOSCOW, September 5 — Officials said") == ("Moscow", "September 5")
    assert parse_dateline("WASHINGTON, Sept. 5, 2016 — x")[1] == "2016-09-05"
    assert parse_dateline("No dateline here") == ("", "")


def test_jsonl_fields_are_kept(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text(json.dumps({"id": "x1", "title": "T", "source": "Wire", "date": "2016-01-02",
                             "url": "https://example.org/x", "text": "Body text here."}) + "\n")
    (a,), problems = load_paths([f])
    assert not problems
    assert (a.id, a.title, a.source, a.date, a.url) == ("x1", "T", "Wire", "2016-01-02", "https://example.org/x")


def test_text_is_made_safe_at_the_door(tmp_path):
    f = tmp_path / "d.jsonl"
    rec = {"id": "s\ud83d", "title": "Cafe\u0301\x07", "text": "Ada Lo said\u2028the bridge\x00 was safe.\ud83d\ude00"}
    f.write_text(json.dumps(rec) + "\n" + '{"id": 3.50, "text": "Ada Lo said it twice."}\n', encoding="utf-8")
    (a, b), problems = load_paths([f])
    assert not problems
    assert (a.id, a.title) == ("s\ufffd", "Café")  # a lone surrogate replaced, NFC, a control character gone
    # in the text a control character becomes a space (offsets hold); a valid surrogate pair is one character
    assert a.text == "Ada Lo said\nthe bridge  was safe.😀"
    assert b.id == "3.50"  # a number id exactly as written


def test_json_bounds_are_refusals_by_name(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 10_000 + "]" * 10_000)
    (tmp_path / "digits.jsonl").write_text('{"id": 1, "n": ' + "9" * 5000 + ', "text": "Ada Lo said so."}\n')
    (tmp_path / "none.json").write_text("[]")
    articles, problems = load_paths([tmp_path])
    messages = sorted(str(p) for p in problems)
    assert not articles and len(messages) == 3
    assert "deep.json: refused JSON: JSON nested deeper than 64 levels" in messages[0]
    assert "digits.jsonl line 1: refused JSON: a number of 5,000 digits" in messages[1]
    assert "none.json: no articles (an empty list)" in messages[2]
