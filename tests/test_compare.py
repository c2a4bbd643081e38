"""compare: every verdict on small articles written for the tests, the exit codes, and the seeds."""

import json

import pytest

from conftest import ROOT, write_jsonl


def article(i, text, date="2015-05-01", outlet=None):
    return {"id": f"a{i}", "text": text, "date": date, "source": outlet or f"Outlet {i}", "lang": "id"}


def compare(cli, tmp_path, articles, *options):
    path = write_jsonl(tmp_path / "articles.jsonl", articles)
    result = cli("compare", path, "--format", "json", *options)
    return result, json.loads(result.stdout)["groups"]


def only(groups, kind="deaths"):
    found = [g for g in groups if g["kind"] == kind]
    assert len(found) == 1, found
    return found[0]


def test_a_true_conflict_fails_the_build(cli, tmp_path):
    result, groups = compare(cli, tmp_path, [
        article(1, "Ledakan di Nepal pada hari itu menewaskan 12 orang."),
        article(2, "Ledakan di Nepal pada hari itu menewaskan 40 orang.")])
    assert only(groups)["verdict"] == "conflict"
    assert result.exit_code == 1


def test_fail_on_never_and_compatible(cli, tmp_path):
    arts = [article(1, "Ledakan di Nepal menewaskan 12 orang."), article(2, "Ledakan di Nepal menewaskan 40 orang.")]
    result, _ = compare(cli, tmp_path, arts, "--fail-on", "never")
    assert result.exit_code == 0
    arts = [article(1, "Sedikitnya 300 ribu orang tewas di Suriah."),
            article(2, "Lebih dari 250.000 orang tewas di Suriah.")]
    result, groups = compare(cli, tmp_path, arts, "--fail-on", "compatible")
    assert only(groups)["verdict"] == "compatible" and result.exit_code == 1


def test_overlapping_bounds_are_compatible_not_a_conflict(cli, tmp_path):
    result, groups = compare(cli, tmp_path, [
        article(1, "Sedikitnya 300 ribu orang tewas dalam konflik di Suriah yang berlangsung sejak 2011."),
        article(2, "Sejak Maret 2011, lebih dari 250.000 orang tewas di Suriah.")])
    group = only(groups)
    assert group["verdict"] == "compatible" and group["scope"] == "since 2011"
    assert result.exit_code == 0


def test_same_values_agree(cli, tmp_path):
    _, groups = compare(cli, tmp_path, [article(1, "Banjir di Nepal menewaskan 12 orang."),
                                        article(2, "Sebanyak 12 orang tewas akibat banjir di Nepal.")])
    assert only(groups)["verdict"] == "agree"


def test_tolerance(cli, tmp_path):
    arts = [article(1, "Banjir di Nepal menewaskan 100 orang."), article(2, "Banjir di Nepal menewaskan 105 orang.")]
    assert only(compare(cli, tmp_path, arts)[1])["verdict"] == "conflict"
    assert only(compare(cli, tmp_path, arts, "--tolerance", "0.05")[1])["verdict"] == "agree"


def test_one_source_is_single(cli, tmp_path):
    result, groups = compare(cli, tmp_path, [article(1, "Banjir di Nepal menewaskan 12 orang.")])
    assert only(groups)["verdict"] == "single" and result.exit_code == 0


def test_a_running_total_may_grow(cli, tmp_path):
    result, groups = compare(cli, tmp_path, [
        article(1, "Korban tewas gempa di Nepal mencapai 5.000 orang.", date="2015-04-28"),
        article(2, "Korban tewas gempa di Nepal mencapai 8.000 orang.", date="2015-05-10")])
    group = only(groups)
    assert group["verdict"] == "compatible" and group["trend"] == "rising"
    assert result.exit_code == 0


def test_a_running_total_may_not_shrink(cli, tmp_path):
    result, groups = compare(cli, tmp_path, [
        article(1, "Korban tewas gempa di Nepal mencapai 8.000 orang.", date="2015-04-28"),
        article(2, "Korban tewas gempa di Nepal mencapai 5.000 orang.", date="2015-05-10")])
    assert only(groups)["verdict"] == "conflict" and result.exit_code == 1


def test_a_window_count_is_never_compared_with_a_total(cli, tmp_path):
    _, groups = compare(cli, tmp_path, [
        article(1, "Dalam 24 jam terakhir, 10 ribu warga mengungsi dari Suriah."),
        article(2, "Total pengungsi dari Suriah mencapai 130 ribu orang.")])
    displaced = [g for g in groups if g["kind"] == "displaced"]
    assert sorted(g["scope"] for g in displaced) == ["PT24H", "total"]
    assert all(g["verdict"] == "single" for g in displaced)


def test_facts_far_apart_in_time_are_different_facts(cli, tmp_path):
    _, groups = compare(cli, tmp_path, [
        article(1, "Banjir di Nepal menewaskan 12 orang.", date="2015-01-01"),
        article(2, "Banjir di Nepal menewaskan 40 orang.", date="2015-06-01")])
    assert [g["verdict"] for g in groups] == ["single", "single"]


def test_two_claims_of_one_source_that_disagree_are_marked(cli, tmp_path):
    result, groups = compare(cli, tmp_path, [
        article(1, "Dalam 24 jam terakhir, 12 orang tewas di Nepal. Dalam 24 jam terakhir, 40 orang tewas di Nepal.")])
    group = only(groups)
    assert group["within_source"] is True and "a source disagrees with itself" in group["notes"]
    table = cli("compare", tmp_path / "articles.jsonl", "--singles").stdout
    assert "single*" in table and "* a source disagrees with itself" in table


def test_event_dates_group_by_event(cli, tmp_path):
    _, groups = compare(cli, tmp_path, [
        article(1, "Kesepakatan gencatan senjata di Suriah pada 27 Februari 2016 dilanggar."),
        article(2, "Gencatan senjata di Suriah yang berlaku pada 28 Februari 2016 dilanggar.")])
    group = only(groups, "date")
    assert group["scope"] == "ceasefire" and group["verdict"] == "conflict"


def test_groups_are_sorted_conflicts_first(cli, tmp_path):
    _, groups = compare(cli, tmp_path, [
        article(1, "Banjir di Nepal menewaskan 12 orang. Gempa di Suriah menewaskan 5 orang."),
        article(2, "Banjir di Nepal menewaskan 40 orang.")])
    assert [g["verdict"] for g in groups] == ["conflict", "single"]


def test_compare_seeds_is_compatible_and_exits_0(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = cli("compare", "--format", "json")
    assert result.exit_code == 0
    groups = json.loads(result.stdout)["groups"]
    toll = [g for g in groups if g["kind"] == "deaths" and g["scope"] == "since 2011"]
    assert len(toll) == 1 and toll[0]["verdict"] == "compatible"
    assert {c["source"] for c in toll[0]["claims"]} == {"seeds/001_1422498bc345c222.txt",
                                                        "seeds/004_807304e9ae65fd15.txt"}
    for g in groups:
        if g["kind"] == "displaced":
            assert len({c["scope"] for c in g["claims"]}) == 1, "a 24-hour count grouped with a total"


@pytest.mark.parametrize("fmt", [["jsonl"], ["csv"], ["markdown"], ["github", "--warn-compatible"], ["sarif"],
                                 ["junit"]])
def test_other_formats(cli, monkeypatch, fmt):
    monkeypatch.chdir(ROOT)
    result = cli("compare", "--format", *fmt)
    assert result.exit_code == 0 and result.stdout.strip()


def test_matrix_view(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = cli("compare", "--by", "source", "--only", "compatible")
    assert "≥ 300,000" in result.stdout and "compatible" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 100


def test_no_line_wider_than_the_terminal(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert max(len(line) for line in cli("compare").stdout.splitlines()) <= 100


def test_without_seeds_it_says_what_to_pass(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from checker.cli import main
    import sys

    monkeypatch.setattr(sys, "argv", ["checker", "compare"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 2


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    from checker.report import table

    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert table.use_colour(Tty()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert table.use_colour(Tty()) is False

    class Pipe:
        def isatty(self):
            return False

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert table.use_colour(Pipe()) is False


def test_coloured_verdicts(monkeypatch):
    from checker.facts import group_claims
    from checker.models import Claim, Interval, Quantity, Source
    from checker.report import table

    point = Interval.point(12)
    claim = Claim(source="a", line=1, column=1, text="menewaskan 12 orang", kind="deaths", rule="id.deaths",
                  pattern="p1", offset=0, quantity=Quantity(point, point, False, "exact"))
    out = table.groups_table(group_claims([claim], {"a": Source("a", "a")}), {}, colour=True, width=100)
    assert "\033[2msingle\033[0m" in out


def test_an_unknown_table_format_is_a_usage_error(monkeypatch, capsys):
    import sys

    from checker.cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(sys, "argv", ["checker", "compare", "--table-format", "fancy_nonsense"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 2 and "is not a tabulate format" in capsys.readouterr().err


def test_every_command_has_help(cli):
    """A command without help is a command nobody finds (sqlite-utils' habit)."""
    import typer.main

    from checker.cli import app

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        subcommands = getattr(command, "commands", {name: command})
        for sub in subcommands.values():
            assert sub.help and sub.help.strip(), f"`checker {name} {sub.name}` has no help"
    assert "Exit codes" in cli("--help").stdout


def test_an_unscoped_count_lower_on_a_later_day_is_marked_not_judged(cli, tmp_path):
    """'menewaskan 40' on the 1st and 'menewaskan 12' on the 3rd: a correction, or another incident of the
    same war: it cannot tell, so it marks the group (↓) and does not fail the build."""
    result, groups = compare(cli, tmp_path, [
        article(1, "Serangan di Nepal menewaskan 40 orang.", date="2015-05-01"),
        article(2, "Serangan di Nepal menewaskan 12 orang.", date="2015-05-03")])
    group = only(groups)
    assert group["verdict"] == "compatible" and result.exit_code == 0
    assert any("lower on a later day" in n for n in group["notes"])
    assert "compatible↓" in cli("compare", tmp_path / "articles.jsonl").stdout


def test_a_later_lower_toll_of_an_event_that_comes_once_conflicts(cli, tmp_path):
    """A crash has no smaller event of its own that a later bare count could be: 274 dead four days after 279
    contradicts it. Far below (a district's 12 after a province's 100) it may be a part, and is only marked."""
    result, groups = compare(cli, tmp_path, [
        article(1, "Kecelakaan pesawat di Ahmedabad menewaskan 279 orang.", date="2025-06-16"),
        article(2, "Kecelakaan pesawat di Ahmedabad menewaskan 274 orang.", date="2025-06-20")])
    assert only(groups)["verdict"] == "conflict" and result.exit_code == 1
    _, groups = compare(cli, tmp_path, [
        article(1, "Kecelakaan pesawat di Ahmedabad menewaskan 100 orang.", date="2025-06-16"),
        article(2, "Kecelakaan pesawat di Ahmedabad menewaskan 12 orang.", date="2025-06-20")])
    assert only(groups)["verdict"] == "compatible"


def test_an_unscoped_toll_that_grows_is_one_rising_group(cli, tmp_path):
    _, groups = compare(cli, tmp_path, [
        article(1, "Gempa di Nepal menewaskan 7.759 orang.", date="2015-05-08"),
        article(2, "Gempa di Nepal menewaskan 8.200 orang.", date="2015-05-16")])
    group = only(groups)
    assert group["verdict"] == "compatible" and group["trend"] == "rising"


def test_a_bare_count_far_below_another_the_same_day_is_taken_for_a_part(cli, tmp_path):
    """A victim named beside a toll, a village's 2 beside a quake's 7: a count of three people or fewer below
    a third of another count of the same day is marked as a part, not judged a conflict."""
    result, groups = compare(cli, tmp_path, [
        article(1, "Banjir di Nepal menewaskan 2 orang."), article(2, "Banjir di Nepal menewaskan 40 orang.")])
    group = only(groups)
    assert group["verdict"] == "compatible" and result.exit_code == 0
    assert any("far below" in n for n in group["notes"])


def test_a_run_that_checks_nothing_does_not_pass(cli, tmp_path):
    """`--lang en` on Indonesian articles finds no claim: exit 4 and a line that says so, not a green 0."""
    path = write_jsonl(tmp_path / "a.jsonl", [article(1, "Banjir di Nepal menewaskan 12 orang.")])
    result = cli("compare", path, "--lang", "en")
    assert result.exit_code == 4 and "nothing was checked" in result.output


def test_an_empty_input_does_not_pass(cli, tmp_path):
    """An empty file or an empty JSON Lines file holds no source at all: that checked nothing either."""
    for name in ("a.txt", "a.jsonl"):
        (tmp_path / name).write_text("", encoding="utf-8")
        result = cli("compare", tmp_path / name)
        assert result.exit_code == 4 and "in 0 sources: nothing was checked" in result.output
        assert "empty file, nothing to read" in result.output


def test_an_unknown_language_is_a_usage_error(cli, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [article(1, "Banjir di Nepal menewaskan 12 orang.")])
    for command in ("compare", "extract"):
        result = cli(command, path, "--lang", "xx")
        assert result.exit_code == 2 and "no rules for that language" in result.output


def test_version_alone(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.output.startswith("checker ")


def test_the_table_counts_singles_and_lists_them_only_when_asked(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = cli("compare")
    assert "single " not in result.stdout and "9 single (singles not listed" in result.stderr
    assert "single " in cli("compare", "--singles").stdout
    assert any(g["verdict"] == "single" for g in json.loads(cli("compare", "--format", "json").stdout)["groups"])


def test_the_exit_code_is_that_of_the_rows_shown(cli, tmp_path):
    """--only narrows what is shown and what fails the build alike: no red build over rows one cannot see."""
    articles = [article(1, "Ledakan di Nepal pada hari itu menewaskan 12 orang."),
                article(2, "Ledakan di Nepal pada hari itu menewaskan 40 orang."),
                article(3, "Banjir di Garut menewaskan 3 orang.", date="2016-09-21")]
    path = write_jsonl(tmp_path / "a.jsonl", articles)
    singles = cli("compare", path, "--only", "single")
    assert singles.exit_code == 0 and "Garut" in singles.stdout and "Nepal" not in singles.stdout
    assert cli("compare", path, "--only", "conflict").exit_code == 1


def test_explain_detects_the_language_and_cldr_refuses_an_unknown_locale(cli):
    found = json.loads(cli("explain", "The flood killed 12 people in Garut.", "--format", "json").stdout)
    assert found["lang"] == "en" and [c["notation"] for c in found["claims"]] == ["12"]
    pytest.importorskip("babel")
    result = cli("rules", "cldr", "xx")
    assert result.exit_code == 2 and "not a CLDR locale" in result.output


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("corpus", ["seeds", "events-id"])
def test_the_table_fits_the_terminal_and_cuts_no_value(cli, monkeypatch, width, corpus):
    """Snapshots of the table at 80 and 120 columns: no line wider than the terminal, and every value and
    every source:line of a file whole on one line (a long JSON Lines id wraps at its hyphens)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", str(width))
    path = "seeds" if corpus == "seeds" else "tests/fixtures/events-id.jsonl"
    out = cli("compare", path).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    groups = json.loads(cli("compare", path, "--format", "json").stdout)["groups"]
    shown = [g for g in groups if g["verdict"] != "single"]
    for claim in (c for g in shown for c in g["claims"]):
        assert any(claim["value"] in line for line in lines), claim["value"]
        if corpus == "seeds":
            assert any(f"{claim['source']}:{claim['line']}" in line for line in lines)
    golden = ROOT / "tests" / "golden" / f"table_{corpus}_{width}.txt"
    if pytest.update_golden:  # type: ignore[attr-defined]
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["tsv", "html", "latex", "mediawiki", "grid"])
def test_every_table_format_gets_cells_it_can_hold(cli, monkeypatch, fmt):
    """tsv, html and other one-line-per-cell formats get the lines of a cell joined, not rows torn apart."""
    monkeypatch.chdir(ROOT)
    out = cli("compare", "--table-format", fmt).stdout
    if fmt == "tsv":
        rows = out.splitlines()
        assert len(rows) == 3 and all(row.count("\t") == 3 for row in rows)
    assert "300,000" in out and "1422498bc345c222.txt:25" in out


def test_unsafe_html_is_not_offered(cli):
    assert cli("compare", "--table-format", "unsafehtml").exit_code == 2


def test_the_source_matrix_fits_and_names_the_outlets_it_leaves_out(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("compare", "tests/fixtures/events-id.jsonl", "--by", "source").stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Kompas.com" in out.splitlines()[0] and "more outlets not shown" in out


def test_progress_is_drawn_only_on_a_terminal_and_cleared(monkeypatch):
    import io

    monkeypatch.delenv("CI", raising=False)
    from checker.cli import _progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    class Result:
        claims = [1, 2]

    tty, pipe = Tty(), io.StringIO()
    assert len(list(_progress(iter([Result()] * 3), every=0, stream=tty))) == 3
    assert len(list(_progress(iter([Result()] * 3), every=0, stream=pipe))) == 3
    assert pipe.getvalue() == ""
    assert "3 articles read, 6 claims found" in tty.getvalue() and tty.getvalue().endswith("\r\033[K")
    asked = Tty()  # --quiet
    assert len(list(_progress(iter([Result()] * 3), every=0, stream=asked, quiet=True))) == 3
    assert asked.getvalue() == ""
    monkeypatch.setenv("CI", "true")  # a CI log is no terminal, whatever it claims
    quiet = Tty()
    list(_progress(iter([Result()] * 3), every=0, stream=quiet))
    assert quiet.getvalue() == ""


def test_the_rest_beside_someone_counted_is_at_least_that_many_not_a_toll(cli, tmp_path):
    """'dua lainnya tewas' counts the rest beside someone named before: at least two dead in all, so it never
    conflicts with a larger toll; two such counts of the rest are compared as they are (11 against 12)."""
    result, groups = compare(cli, tmp_path, [
        article(1, "Banjir di Nepal menewaskan seorang guru. Dua lainnya tewas di rumah sakit."),
        article(2, "Banjir di Nepal menewaskan 3 orang.")])
    assert "conflict" not in [g["verdict"] for g in groups] and result.exit_code == 0
    result, groups = compare(cli, tmp_path, [
        article(1, "Kapal tenggelam di Nepal. Sebanyak 20 penumpang selamat, 11 lainnya meninggal dunia."),
        article(2, "Kapal tenggelam di Nepal. Sebanyak 20 penumpang selamat, 12 lainnya meninggal dunia.")])
    assert only(groups)["verdict"] == "conflict" and result.exit_code == 1


def test_a_condition_names_some_of_the_hurt_not_all(cli, tmp_path):
    """'dua orang luka berat' beside 'lima orang terluka' in another article: the seriously hurt are some of the
    hurt, not another count of them."""
    _, groups = compare(cli, tmp_path, [
        article(1, "Ledakan di Nepal melukai 5 orang."),
        article(2, "Ledakan di Nepal: dua orang luka berat.")])
    assert only(groups, "injured")["verdict"] == "compatible"


def test_some_of_a_set_named_before_is_at_least_that_many(cli, tmp_path):
    """'Three of the men suffered injuries' counts some of the hurt: never a conflict with 'four injured'."""
    def english(i, text):
        return {**article(i, text), "lang": "en"}

    _, groups = compare(cli, tmp_path, [
        english(1, "A gunman opened fire at a bar in Atlanta. Four people were injured."),
        english(2, "A gunman opened fire at a bar in Atlanta. Three of the men suffered injuries.")])
    assert only(groups, "injured")["verdict"] == "compatible"


def test_figures_of_two_far_places_do_not_widen_the_story_s_place_to_the_country(cli, tmp_path):
    """A report of a shooting in Flagstaff recalls another in Oregon: the figures' places meet only in the United
    States, which no figure names. The headlines' place, within it, stays the story's: the recalled nine wounded
    are Oregon's, not a count in conflict with the three wounded at the university."""
    lead = ("One student was killed and three were wounded in a shooting on the Northern Arizona University campus "
            "early Friday.")
    police = ("University police chief Gregory T. Fowler identified the shooter as an 18-year-old freshman and said "
              "he used a handgun in the shootings at about 1:20 a.m. Friday. He was booked into jail and charged "
              "with one count of first-degree murder and three counts of aggravated assault.\n\nHe appeared in "
              "court and was arraigned on the charges filed against him. Classes were cancelled for the day, and "
              "counselors were made available to students and staff.")
    _, groups = compare(cli, tmp_path, [
        {"id": "a1", "date": "2015-10-09", "source": "KGUN", "lang": "en",
         "title": "One dead, three wounded in shooting at Northern Arizona University in Flagstaff",
         "text": "TUCSON (KGUN9-TV) - One person is dead and three are wounded after an early morning shooting on "
                 "Northern Arizona University's campus in Flagstaff Friday.\n\nPolice say the shooting at Northern "
                 "Arizona University that killed one student and wounded three others began as a fight."},
        {"id": "a2", "date": "2015-10-09", "source": "AP", "lang": "en",
         "title": "Flagstaff shooting: one student dead, three wounded at Northern Arizona University",
         "text": f"FLAGSTAFF, Ariz. (AP) -- {lead}\n\n{police}\n\nThe gunman in the Oregon shooting last week "
                 "wounded nine others before turning the gun on himself.\n\nThe three students wounded in "
                 "Flagstaff were taken to a hospital."}])
    injured = [g for g in groups if g["kind"] == "injured"]
    assert "conflict" not in {g["verdict"] for g in injured}
    oregon = next(g for g in injured if any(c["value"] == "9" for c in g["claims"]))
    assert {c["value"] for c in oregon["claims"]} == {"9"} and oregon["place"] == "Oregon"
