"""A third language needs rule files, not code: a minimal Malay pack, built here in a temporary folder,
compares a Malay article with an Indonesian one (docs/adding-a-language.md)."""

import json
import shutil
from pathlib import Path

from conftest import write_jsonl

MALAY = {
    "language.yaml": """
id: ms.language
name: Bahasa Melayu
code: ms
decimal_separators: ["."]
group_separators: [","]
stopwords: [yang, dan, di, ialah, daripada, telah, kerana, oleh]
""",
    "numbers.yaml": """
id: ms.numbers
words: {satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, lapan: 8, sembilan: 9, sepuluh: 10}
multipliers: {puluh: 10, ratus: 100}
adders: {belas: 10}
scales: {ribu: 1000, juta: 1000000}
alone_scales: {seribu: 1000}
vague: {ratusan: "[100,1000)"}
examples:
  match:
    - {text: "dua ratus", value: "200"}
""",
    "qualifiers.yaml": """
id: ms.qualifiers
relations:
  gt: ["lebih daripada"]
  ge: ["sekurang-kurangnya"]
  approx: ["kira-kira"]
examples:
  match:
    - {text: "lebih daripada 250,000", value: "(250000,)"}
""",
    "calendar.yaml": """
id: ms.calendar
generated_by: by hand, for this test
months: {1: [Januari], 2: [Februari], 3: [Mac], 4: [April], 5: [Mei], 6: [Jun], 7: [Julai], 8: [Ogos],
         9: [September], 10: [Oktober], 11: [November], 12: [Disember]}
weekdays: {0: [Isnin], 1: [Selasa], 2: [Rabu], 3: [Khamis], 4: [Jumaat], 5: [Sabtu], 6: [Ahad]}
""",
    "dates.yaml": """
id: ms.dates
formats:
  - {id: day-month-year, pattern: "{day}\\\\s+{month}\\\\s+{year}"}
examples:
  match:
    - {text: "25 April 2015", value: "2015-04-25"}
""",
    "context.yaml": """
id: ms.context
place_prepositions: {di: 3}
""",
    "deaths.yaml": """
id: ms.deaths
kind: deaths
patterns:
  - pattern: "{count}\\\\s+orang\\\\s+(?:terbunuh|maut)"
examples:
  match:
    - {text: "Lebih daripada 8,000 orang terbunuh di Nepal.", value: "(8000,)"}
    - {text: "Seramai 12 orang maut.", value: "12"}
  no_match:
    - "Dua ratus rumah musnah."
    - "Sekurang-kurangnya 3 orang cedera."
""",
}


def test_a_malay_pack_from_rule_files_alone(cli, tmp_path):
    bundled = cli("rules", "path").stdout.strip()
    # the pack's examples run beside the Indonesian rules and the places (a root of them): every language's
    # examples at once would compile English too, minutes that prove nothing of the pack
    root = tmp_path / "rules"
    for part in ("id", "places"):
        shutil.copytree(Path(bundled) / part, root / part)
    pack = root / "ms"
    pack.mkdir()
    for name, text in MALAY.items():
        (pack / name).write_text(text.lstrip(), encoding="utf-8")
    assert cli("rules", "test", "--rules", root).exit_code == 0
    # the pack's own examples are among those run: one it fails is reported (a copy of the root: rules are
    # loaded once per process and folder)
    wrong = shutil.copytree(root, tmp_path / "wrong")
    (wrong / "ms" / "deaths.yaml").write_text(MALAY["deaths.yaml"].replace('value: "12"', 'value: "13"').lstrip(),
                                              encoding="utf-8")
    failed = cli("rules", "test", "--rules", wrong)
    assert failed.exit_code == 1 and "Seramai 12 orang maut" in failed.stdout + failed.stderr

    articles = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "berita-ms", "lang": "ms", "date": "2015-05-01",
         "text": "Gempa bumi itu berlaku pada 25 April 2015. Lebih daripada 7,000 orang terbunuh di Nepal."},
        {"id": "berita-id", "lang": "id", "date": "2015-05-01",
         "text": "Gempa itu terjadi pada 25 April 2015. Sedikitnya 7.500 orang tewas di Nepal."}])
    result = cli("compare", articles, "--rules", bundled, "--rules", pack, "--format", "json")
    (group,) = [g for g in json.loads(result.stdout)["groups"] if g["kind"] == "deaths"]
    assert group["place"] == "Nepal" and group["verdict"] == "compatible"
    assert {c["lang"] for c in group["claims"]} == {"ms", "id"}
    assert result.exit_code == 0
