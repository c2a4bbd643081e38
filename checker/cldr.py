"""Generate the CLDR-derived rule files (month and weekday names, country names) with Babel.

The output is committed under rules/; a test regenerates it and fails when it is stale. Babel is needed
only here (pip install 'figure-checker[cldr]'), and pinned there: another Babel release carries other CLDR
names, so the committed files say which release wrote them and the test insists on that one."""

from __future__ import annotations

import json
from pathlib import Path

from checker.errors import UsageError

HEADER = "# Generated from CLDR by `checker rules cldr`: do not edit; put variants in dates.yaml or places.yaml.\n"
COUNTRY_LOCALES = ("id", "en")  # the display name is the first locale's; the others' names are aliases
REGENERATE = "checker rules cldr --write DIR"


def _babel():
    try:
        import babel  # noqa: F401
        from babel import Locale
    except ImportError:
        raise UsageError("Babel is needed to generate CLDR data: pip install 'figure-checker[cldr]'") from None
    return Locale, babel.__version__


def _locale(Locale, code: str):
    from babel.core import UnknownLocaleError

    try:
        return Locale.parse(code)
    except (ValueError, LookupError, UnknownLocaleError) as exc:
        raise UsageError(f"{code!r} is not a CLDR locale ({exc}); pass one such as id, en, ms, or --locale") from None


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def babel_version() -> str:
    return _babel()[1]


def generated_by(text: str) -> str | None:
    """The Babel release a committed file names in its `generated_by:` line ('2.18.0'), or None."""
    for line in text.splitlines():
        if line.startswith("generated_by:"):
            words = json.loads(line.split(":", 1)[1]).split()
            return words[1].rstrip(",") if len(words) > 1 and words[0] == "Babel" else None
    return None


def calendar_yaml(lang: str, locale: str) -> str:
    """rules/<lang>/calendar.yaml: wide and abbreviated month names, wide weekday names (0 = Monday)."""
    Locale, version = _babel()
    loc = _locale(Locale, locale)
    lines = [HEADER.rstrip("\n"), f"id: {lang}.calendar", f"generated_by: {_q(f'Babel {version}, locale {locale}')}",
             "months:"]
    for month in range(1, 13):
        names = []
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                name = loc.months[context][width][month].rstrip(".")
                if name not in names:
                    names.append(name)
        lines.append(f"  {month}: [{', '.join(_q(n) for n in names)}]")
    lines.append("weekdays:")
    for day in range(7):
        names = []
        for context in ("format", "stand-alone"):
            name = loc.days[context]["wide"][day]
            if name not in names:
                names.append(name)
        lines.append(f"  {day}: [{', '.join(_q(n) for n in names)}]")
    return "\n".join(lines) + "\n"


def countries_yaml(locales: list[str] | tuple[str, ...] = COUNTRY_LOCALES) -> str:
    """rules/places/countries.yaml: every country CLDR names, its id the ISO 3166 code in lower case.

    The display name is the first locale's; each other locale's is shown to its readers (`names`) and is an
    alias."""
    Locale, version = _babel()
    locs = [_locale(Locale, code) for code in locales]
    lines = [HEADER.rstrip("\n"), "id: places.countries",
             f"generated_by: {_q(f'Babel {version}, locales {chr(44).join(locales)}')}", "places:"]
    for code in sorted(locs[0].territories):
        if not (len(code) == 2 and code.isalpha()) or code in ("EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"):
            continue
        names = []
        shown = {}
        for locale, loc in zip(locales, locs):
            name = loc.territories.get(code)
            if name and name not in names:
                names.append(name)
            if name and locale != locales[0] and name != names[0]:
                shown[locale] = name
        lines.append(f"  - id: {code.lower()}")
        lines.append(f"    name: {_q(names[0])}")
        if shown:
            lines.append(f"    names: {{{', '.join(f'{k}: {_q(v)}' for k, v in shown.items())}}}")
        if len(names) > 1:
            lines.append(f"    aliases: [{', '.join(_q(n) for n in names[1:])}]")
    return "\n".join(lines) + "\n"


def generated_files(root: Path) -> dict[Path, str]:
    """Every CLDR-derived file under a rules root and what it should hold: each language's calendar.yaml
    (for every <lang>/ folder that has one) and places/countries.yaml."""
    out = {}
    for lang_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        if (lang_dir / "calendar.yaml").exists():
            out[lang_dir / "calendar.yaml"] = calendar_yaml(lang_dir.name, lang_dir.name)
    if (root / "places").is_dir():
        out[root / "places" / "countries.yaml"] = countries_yaml()
    return out


def write_all(root: Path) -> list[Path]:
    """Regenerate every file this module makes under a rules root; the files whose content changed."""
    from checker.rules import write_generated

    if not root.is_dir():
        raise UsageError(f"{root}: no such rules folder")
    return write_generated(root, generated_files(root))
