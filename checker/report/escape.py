"""Escaping of article text for the formats that would otherwise interpret it."""

from __future__ import annotations

import html

import regex

MARKDOWN_SPECIAL = regex.compile(r"([\\`*_\[\]|~])")  # what makes emphasis, code, a link or a cell inside one
CONTROL = regex.compile(r"[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]")  # control, format, lone surrogate, line separators


def printable(text: str) -> str:
    """Control characters, line and paragraph separators (and lone surrogates from bad decodes) shown as U+XXXX,
    never sent to a terminal."""
    return CONTROL.sub(lambda m: "\n" if m.group() == "\n" else f"<U+{ord(m.group()):04X}>", text) \
        if CONTROL.search(text) else text


def markdown(text: str) -> str:
    """Text as inert Markdown (and HTML): nothing in an article can make a link (autolinks included), a
    mention or a team ping (@name), a tag or a new cell."""
    text = html.escape(printable(text), quote=True)
    text = MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "<br>")
    return text.replace("@", "&#64;").replace("://", ":&#47;&#47;").replace("www.", "www&#46;")


def workflow_data(text: str) -> str:
    """GitHub Actions workflow command data: a newline or '%' cannot start another command, nor '##[' be one."""
    return defused(printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def workflow_property(text: str) -> str:
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


WORKFLOW_LINE = regex.compile(r"^([^\S\n]*)::", regex.MULTILINE)


def defused(text: str) -> str:
    """Text that a CI runner cannot read as a command: GitHub Actions runs a line that starts with '::'
    (after blanks) and a '##[' anywhere in a line, on standard output and standard error alike."""
    text = text.replace("##[", "# #[")
    return WORKFLOW_LINE.sub(lambda m: f"{m.group(1)}: :", text) if "::" in text else text


def json_text(document: str) -> str:
    """Serialised JSON that a CI runner cannot read as a command, with every value unchanged: '#' of '##['
    (which can only stand inside a string) written as the escape \\u0023; JSON has no line that starts with
    '::' (a newline in a string is written as \\n); see JSON_RAW for the rest."""
    document = document.replace("##[", "#\\u0023[")
    return JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", document) if JSON_RAW.search(document) else document


# what json.dumps leaves raw and a terminal or a line reader may act on: DEL, C1 controls (U+0085 breaks a line for
# Python's splitlines), format characters (bidi overrides), line and paragraph separators; escaped, as \n is
JSON_RAW = regex.compile(r"[\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]")


def markup_text(document: str) -> str:
    """Serialised HTML or XML that a CI runner cannot read as a command, rendering the same: '##[' and '::'
    at a line's start (only ever text, never markup) written with character references."""
    document = document.replace("##[", "&#35;#[")
    return WORKFLOW_LINE.sub(lambda m: f"{m.group(1)}&#58;:", document) if "::" in document else document


def cell(value):
    """A CSV/TSV cell for a spreadsheet and a terminal alike: control characters shown, no runner command,
    no formula."""
    return spreadsheet_safe(defused(printable(value))) if isinstance(value, str) else value


FORMULA = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A CSV/TSV cell a spreadsheet will not run as a formula (OWASP): text that opens with = + - @ tab or CR
    gets a leading apostrophe. Numbers are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA):
        return "'" + value
    return value
