"""Inputs: every bad one gets one clear line naming the file (and line), and the readable rest goes on."""

import gzip
import json
import os
import threading

import pytest

TOLL = "Ledakan di Nepal menewaskan 12 orang."


def extract(cli, *paths, fmt="json"):
    result = cli("extract", *paths, "--format", fmt)
    data = json.loads(result.stdout) if fmt == "json" else None
    return result, data


def test_line_and_column_survive_crlf_bom_and_lone_cr(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffJudul\r\n\r\nPada hari itu, ledakan menewaskan 12 orang.\rBaris lain".encode("utf-8"))
    result, data = extract(cli, path)
    (claim,) = data["claims"]
    assert (claim["line"], claim["column"], claim["text"]) == (3, 24, "menewaskan 12 orang")
    assert result.exit_code == 0


def test_characters_that_show_nothing_split_no_claim(cli, tmp_path):
    """A soft hyphen before a dash, or inside a word, reads as the text a reader sees."""
    path = tmp_path / "a.txt"
    path.write_text("Five other people \u00ad\u2014 all females \u2014 were shot. "
                    "Two 15-y\u00adear-old\u200b boys were wounded.\n", encoding="utf-8")
    result, data = extract(cli, path)
    assert [(c["value"], c["text"], c["column"]) for c in data["claims"]] == [
        ("5", "Five other people \u2014 all females \u2014 were shot", 1), ("2", "Two 15-year-old boys were wounded", 46)]


def test_front_matter_gives_metadata_and_keeps_line_numbers(cli, tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ndate: 2016-12-15\nsource: Republika\nlang: id\n---\nLavrov, Rabu (14/12).\n" + TOLL,
                    encoding="utf-8")
    _, data = extract(cli, path)
    assert data["sources"][0]["date"] == "2016-12-15" and data["sources"][0]["outlet"] == "Republika"
    said, toll = data["claims"]  # when Lavrov spoke, then the toll: both on their own lines
    assert (said["kind"], said["line"], said["start"]) == ("date", 6, "2016-12-14")
    assert toll["line"] == 7 and toll["published"] == "2016-12-15"


def test_a_manifest_gives_metadata_without_editing_the_text(cli, tmp_path):
    (tmp_path / "a.txt").write_text(TOLL, encoding="utf-8")
    (tmp_path / "sources.csv").write_text("path,date,source,url,lang\na.txt,2015-05-01,Kompas,http://x,id\n",
                                          encoding="utf-8")
    _, data = extract(cli, tmp_path)
    (source,) = data["sources"]
    assert (source["date"], source["outlet"], source["url"], source["lang"]) == ("2015-05-01", "Kompas", "http://x",
                                                                                 "id")


def test_json_lines_records_and_their_errors(cli, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join([json.dumps({"id": "ok1", "text": TOLL}), "{not json", json.dumps({"id": "x"}),
                               json.dumps({"id": "y", "text": 5}), json.dumps({"id": "ok2", "text": TOLL})]) + "\n",
                    encoding="utf-8")
    result, data = extract(cli, path)
    assert [c["source"] for c in data["claims"]] == ["ok1", "ok2"]
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert f"{path}:2:2: not valid JSON (Expecting property name enclosed in double quotes); line skipped" in lines
    assert f"{path}:3: record has no \"text\"; line skipped" in lines
    assert f"{path}:4: record has a \"text\" that is not a string; line skipped" in lines


def test_gzip_json_lines(cli, tmp_path):
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "g1", "text": TOLL}) + "\n")
    _, data = extract(cli, path)
    assert data["claims"][0]["source"] == "g1"


def test_missing_path_binary_and_empty_are_reported_and_the_rest_goes_on(cli, tmp_path):
    (tmp_path / "good.txt").write_text(TOLL, encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result, data = extract(cli, tmp_path, tmp_path / "nope.txt")
    assert len(data["claims"]) == 1
    assert f"{tmp_path / 'blob.txt'}: binary file, skipped" in result.stderr
    assert f"{tmp_path / 'nope.txt'}: no such file or folder" in result.stderr
    assert f"{tmp_path / 'empty.txt'}: empty file, nothing to read" in result.stderr
    assert result.exit_code == 3


def test_not_utf8_is_read_as_cp1252_with_a_warning(cli, tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9. Ledakan menewaskan 12 orang.".encode("cp1252"))
    result, data = extract(cli, path)
    assert len(data["claims"]) == 1
    assert f"{path}:1: not UTF-8; read as cp1252" in result.stderr
    assert result.exit_code == 0


def test_a_folder_without_articles(cli, tmp_path):
    result, _ = extract(cli, tmp_path, fmt="table")
    assert f"{tmp_path}: no articles" in result.stderr and result.exit_code == 3


def test_standard_input(cli):
    result = cli("extract", "-", "--format", "json", input=TOLL)
    assert json.loads(result.stdout)["claims"][0]["source"] == "<stdin>"
    lines = json.dumps({"id": "s1", "text": TOLL})
    result = cli("extract", "-", "--format", "json", input=lines)
    assert json.loads(result.stdout)["claims"][0]["source"] == "s1"


def test_a_very_long_line(cli, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("kata " * 2_000_000 + TOLL, encoding="utf-8")  # a 10 MB line
    result, data = extract(cli, path)
    assert data["claims"][0]["text"] == "menewaskan 12 orang"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_extract_formats(cli, tmp_path, fmt):
    (tmp_path / "a.txt").write_text(TOLL, encoding="utf-8")
    result, _ = extract(cli, tmp_path, fmt=fmt)
    assert "menewaskan 12" in result.stdout


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_each_real_file_is_read_once_and_a_link_loop_is_reported(cli, tmp_path):
    """`ln -s .. loop/up` once made one article forty sources that agreed with themselves."""
    (tmp_path / "a.txt").write_text(TOLL, encoding="utf-8")
    (tmp_path / "loop").mkdir()
    os.symlink("..", tmp_path / "loop" / "up")
    os.symlink("a.txt", tmp_path / "b.txt")
    result, data = extract(cli, tmp_path, tmp_path / "a.txt")
    assert [s["source"] for s in data["sources"]] == [str(tmp_path / "a.txt")]
    assert result.stderr.count("link loop") == 1 and result.exit_code == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_read_like_standard_input(cli, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(TOLL, encoding="utf-8"))
    writer.start()
    result, data = extract(cli, fifo)
    writer.join(timeout=10)
    assert [c["notation"] for c in data["claims"]] == ["12"] and result.exit_code == 0


def test_text_on_stdin_that_opens_with_a_brace_is_still_text(cli):
    result = cli("extract", "-", "--format", "json", input="{Catatan} " + TOLL)
    assert [c["notation"] for c in json.loads(result.stdout)["claims"]] == ["12"]


def _dies_on_a_marked_article(articles):
    """A worker's task that kills its process when it meets the article 'die' (as the OOM killer would)."""
    from checker import pipeline

    if any(a.source.id == "die" for a in articles):
        os._exit(9)
    return pipeline._original_run(articles)


@pytest.mark.skipif(os.name == "nt", reason="workers are forked")
def test_a_dead_worker_is_noticed_and_its_articles_are_read_here(monkeypatch, tmp_path):
    from checker import pipeline

    monkeypatch.setattr(pipeline, "_original_run", pipeline._run, raising=False)
    monkeypatch.setattr(pipeline, "_run", _dies_on_a_marked_article)
    records = [{"id": "die" if i == 20 else f"a{i}", "text": TOLL} for i in range(40)]
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    run = pipeline.Run()
    results = list(pipeline.extract([str(path)], None, "id", 2, run))
    assert [r.source.id for r in results] == [r["id"] for r in records]
    assert all(len(r.claims) == 1 for r in results)
    assert any("worker process died" in str(p) for p in run.problems)


def test_a_record_over_the_size_limit_is_skipped_as_it_is_read(cli, tmp_path, monkeypatch):
    """A gzip bomb's one endless line is skipped, never held whole; the records after it are read."""
    from checker import sources

    monkeypatch.setattr(sources, "MAX_RECORD", 1000)
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "big", "text": "x" * 5000}) + "\n")
        f.write(json.dumps({"id": "ok", "text": TOLL}) + "\n")
    result, data = extract(cli, path)
    assert [c["source"] for c in data["claims"]] == ["ok"]
    assert "a.jsonl.gz:1: a record longer than 1,000 characters; line skipped" in result.stderr
    assert result.exit_code == 3


def test_a_text_file_over_the_size_limit_is_named_and_skipped(cli, tmp_path, monkeypatch):
    from checker import sources

    monkeypatch.setattr(sources, "MAX_FILE", 100)
    (tmp_path / "big.txt").write_text(TOLL * 10, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(TOLL, encoding="utf-8")
    result, data = extract(cli, tmp_path)
    assert [c["source"].rsplit("/", 1)[-1] for c in data["claims"]] == ["ok.txt"]
    assert "big.txt: larger than 100 bytes: not read" in result.stderr and result.exit_code == 3


def test_a_corrupt_gzip_is_read_up_to_the_damage_named_and_the_rest_goes_on(cli, tmp_path):
    records = "".join(json.dumps({"id": f"g{k}", "text": TOLL}) + "\n" for k in range(3000))
    packed = bytearray(gzip.compress(records.encode("utf-8")))
    packed[-6] ^= 0xFF  # the trailer's checksum: every record reads, then the stream fails its check
    (tmp_path / "bad.jsonl.gz").write_bytes(bytes(packed))
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(records.encode("utf-8"))[:2000])  # cut short
    (tmp_path / "good.txt").write_text(TOLL, encoding="utf-8")
    result, data = extract(cli, tmp_path)
    assert result.exit_code == 3
    assert "bad.jsonl.gz" in result.stderr and "cut.jsonl.gz" in result.stderr
    assert all(line.count(": ") >= 1 and "Traceback" not in line for line in result.stderr.splitlines())
    sources = {c["source"] for c in data["claims"]}
    assert "good.txt" in {s.rsplit("/", 1)[-1] for s in sources} and len(sources) > 3000


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_a_publication_date_at_the_ends_of_the_calendar_is_read(cli, tmp_path, date):
    """'kemarin' a day before 0001-01-01 or 'next Thursday' after 9999-12-31 cannot be dated; the claims are
    still read (the run once ended here with exit 70)."""
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "date": date, "text": "Kemarin banjir menewaskan 12 orang. Tahun lalu "
                                "30 orang tewas. Pada Selasa 4 orang luka-luka."}) + "\n", encoding="utf-8")
    for command in ("extract", "compare"):
        result = cli(command, path, "--format", "json")
        assert result.exit_code in (0, 4) and "internal error" not in result.stderr, result.stderr
    _, data = extract(cli, path)
    assert {c["value"] for c in data["claims"] if c["kind"] == "deaths"} >= {"12", "30"}


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz"])
def test_json_lines_that_are_not_utf8_are_read_with_a_warning(cli, tmp_path, name):
    body = (b'{"id": "a", "text": "Banjir menewaskan 12 orang \xff\xfe di Garut."}\n'
            b'{"id": "b", "text": "Banjir menewaskan 14 orang."}\n')
    (tmp_path / name).write_bytes(gzip.compress(body) if name.endswith(".gz") else body)
    result, data = extract(cli, tmp_path / name)
    assert f"{name}:1: not UTF-8: the bytes that are not were read as U+FFFD" in result.stderr
    assert {c["source"] for c in data["claims"]} == {"a", "b"} and result.exit_code == 0


@pytest.mark.parametrize("command", ["extract", "compare"])
def test_a_mistyped_path_is_reported_without_compiling_any_rule(cli, tmp_path, monkeypatch, command):
    """Compiling the rules takes seconds on a machine's first run: a path that is not there is said at once."""
    import checker.api
    import checker.pipeline

    def never(*args, **kwargs):
        raise AssertionError("the rules were loaded")

    monkeypatch.setattr(checker.pipeline, "load_grammar", never)
    monkeypatch.setattr(checker.api, "load_grammar", never)
    result = cli(command, tmp_path / "nope.txt")
    assert result.exit_code == 3 and f"{tmp_path / 'nope.txt'}: no such file or folder" in result.stderr


@pytest.mark.parametrize("title, outlet, url, headline", [
    ("Five teens shot - WMC Action News 5 - Memphis, Tennessee", "wmcactionnews5.com", None, "Five teens shot"),
    ("Father charged - WBRC FOX6 News - Birmingham, AL", None, "http://www.wbrc.com/story/1", "Father charged"),
    ("Boy shot | Live5News.com | Charleston, SC", "Live5News.com", None, "Boy shot"),
    ("Banjir surut - Kompas.com", "Kompas.com", "http://kmp.im/AGHv4y", "Banjir surut"),
    ("Gempa di Aceh - Berita Terkini", "Kompas.com", None, "Gempa di Aceh - Berita Terkini"),
    ("Kompas - a ship sinks", "Kompas.com", None, "Kompas - a ship sinks"),
])
def test_a_headline_leaves_out_the_outlets_own_part_of_the_title(title, outlet, url, headline):
    # the outlet's name and home town say nothing of the story: they would place a Columbia, South Carolina
    # shooting in Birmingham, Alabama, and make one outlet's stories alike
    from checker.models import Source

    assert Source(id="a", path="a", title=title, outlet=outlet, url=url).headline == headline
