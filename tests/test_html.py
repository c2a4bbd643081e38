"""compare --format html: one self-contained page, a chart mark per claim, every piece of text escaped, and
the page as a real browser renders it."""

import re
import shutil
import subprocess

import pytest

from conftest import FIXTURES, ROOT, write_jsonl

HOSTILE = ('Banjir di Garut menewaskan 12 orang. <script>alert(1)</script> "><img src=x onerror=alert(2)> '
           "<a href='javascript:alert(3)'>x</a>")


def html_of(cli, *args) -> str:
    result = cli("compare", *args, "--format", "html")
    assert result.stdout.startswith("<!DOCTYPE html>")
    return result.stdout


def test_the_page_is_self_contained_and_has_a_mark_per_claim(cli, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    page = html_of(cli, "conflict.jsonl")
    assert not re.search(r"<script|<link|src=|@import|https?:", page)  # nothing to run, nothing to fetch
    sections = page.split("<section")[1:]
    assert len(sections) == 2
    for section in sections:
        rows = section.count('<td class="n">')
        assert section.count('<g class="mark">') == rows > 0
    assert "<mark>menewaskan 19 orang</mark>" in page and "4 conflict" not in page and "<strong>1</strong> conflict" in page


def test_hostile_text_is_shown_never_run(cli, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "<b>x</b>", "text": HOSTILE, "date": "2016-09-21", "source": '"><script>alert(4)</script>',
         "url": "javascript:alert(5)"},
        {"id": "y", "text": "Banjir di Garut menewaskan 40 orang.", "date": "2016-09-21", "url": "https://example.org/a"}])
    page = html_of(cli, path)
    assert "<script" not in page and "<img" not in page and "<b>x" not in page
    assert 'href="javascript' not in page and "href='javascript" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and 'href="https://example.org/a"' in page


@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="no Chromium here (Debian's `chromium` package; .ci/run installs it where it can)")
def test_a_real_browser_renders_the_report(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    report = tmp_path / "seeds.html"
    report.write_text(html_of(cli, "seeds"), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=900,700",
             f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0"]
    dom = subprocess.run(["chromium", *flags, "--dump-dom", report.as_uri()], capture_output=True, text=True,
                         timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count('<g class="mark">') == dom.stdout.count('<td class="n">') == 2
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == []
    shot = subprocess.run(["chromium", *flags, f"--screenshot={tmp_path / 'seeds.png'}", report.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert shot.returncode == 0 and (tmp_path / "seeds.png").stat().st_size > 10_000
