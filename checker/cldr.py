"""Generate the CLDR-derived rule files (month and weekday names, country names) with Babel.

The output is committed under rules/; a test regenerates it and fails when it is stale. Babel is needed
only here (pip install 'figure-checker[cldr]')."""

from __future__ import annotations

import json

HEADER = "# Generated from CLDR by `checker rules cldr`: do not edit; put variants in dates.yaml or places.yaml.\n"


def _babel():
    try:
        import babel  # noqa: F401
        from babel import Locale
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise SystemExit("Babel is needed to generate CLDR data: pip install 'figure-checker[cldr]'") from None
    return Locale, babel.__version__


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def calendar_yaml(lang: str, locale: str) -> str:
    """rules/<lang>/calendar.yaml: wide and abbreviated month names, wide weekday names (0 = Monday)."""
    Locale, version = _babel()
    loc = Locale.parse(locale)
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


def countries_yaml(locales: list[str]) -> str:
    """rules/places/countries.yaml: every country CLDR names, its id the ISO 3166 code in lower case.

    The display name is the first locale's; the other locales' names are aliases."""
    Locale, version = _babel()
    locs = [Locale.parse(code) for code in locales]
    lines = [HEADER.rstrip("\n"), "id: places.countries",
             f"generated_by: {_q(f'Babel {version}, locales {chr(44).join(locales)}')}", "places:"]
    for code in sorted(locs[0].territories):
        if not (len(code) == 2 and code.isalpha()) or code in ("EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"):
            continue
        names = []
        for loc in locs:
            name = loc.territories.get(code)
            if name and name not in names:
                names.append(name)
        lines.append(f"  - id: {code.lower()}")
        lines.append(f"    name: {_q(names[0])}")
        if len(names) > 1:
            lines.append(f"    aliases: [{', '.join(_q(n) for n in names[1:])}]")
    return "\n".join(lines) + "\n"
