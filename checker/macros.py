"""Rule macros, and large patterns written with each repeated group once.

{name} in a pattern stands for a definition of the lexicon, itself made of macros; `expand_macros` writes
them out. Written out, the large definitions repeat inside one another: an English claim pattern's part
after its count is some 400,000 characters, nearly all of it the same few lists of verbs. `factor` writes
each group that repeats once, in a `(?(DEFINE)...)` block at the pattern's end, and calls it where it stood,
`(?&name)`, some twenty times shorter; `inline` writes it out again, character for character. Reading the
trigger words off a pattern (checker.triggers) reads each repeated group once, on the factored text.

`regex` backtracks into a called group as into any other, so a factored pattern matches what the pattern
does, and compiles some twenty times faster; but it matches two to four times slower (a call defeats the
optimisations `regex` makes around a group), and extraction runs far more often than compiling: patterns
are compiled written out. Three kinds of group are never called: one holding a capturing group, a
backreference or a call (a group set in a call is not kept after it); one inside a group with flags of its
own, such as `(?-i:...)` (a called group has the flags of the place it is defined); one inside a lookaround
that looks the other way than the pattern reads, a lookbehind in a pattern read forwards (`regex` matches a
call there the wrong way: "(?<!(?&w))\\d" never matches)."""

from __future__ import annotations

import bisect

import regex

MACRO = regex.compile(r"(?<!\\[pPN])\{([a-z][a-z0-9_]*)\}")  # not \p{...}, a Unicode class
SHORTEST = 200  # characters: a repeated group shorter than this is left where it stands
PREFIX = "_f"  # the name of a defined group: _f0, _f1 ...
DEFINE = "(?(DEFINE)"
CALL = regex.compile(r"\(\?&" + PREFIX + r"(\d+)\)")
GLOBAL_REVERSE = regex.compile(r"\(\?[a-zA-Z]*r[a-zA-Z]*\)")  # (?r) at the start: the pattern reads backwards
SCOPED = regex.compile(r"\(\?(?:[a-zA-Z]+(?:-[a-zA-Z]+)?|-[a-zA-Z]+):")  # a group with flags of its own
# what a group that is called must not hold: a capture, a backreference, a call, a conditional
TOKEN = regex.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|[()]", regex.DOTALL)  # an escape, a class, a paren
UNSAFE = regex.compile(r"\((?!\?)|\(\?P?<(?![=!])|\(\?'|\(\?P[=>]|\(\?&|\(\?\(|\(\?R\)|\(\?[+-]?\d|"
                       r"\\[1-9]|\\g")


def expand_macros(pattern: str, macros: dict[str, str], builtins: dict[str, str]) -> str:
    """Replace every {name} by its definition (recursively); raise KeyError/RecursionError naming the macro."""

    def expand(text: str, stack: tuple[str, ...]) -> str:
        def one(match: regex.Match) -> str:
            name = match.group(1)
            if name in builtins:
                return builtins[name]
            if name not in macros:
                raise KeyError(name)
            if name in stack:
                raise RecursionError(" -> ".join(stack + (name,)))
            return "(?:" + expand(macros[name], stack + (name,)) + ")"

        return MACRO.sub(one, text)

    return expand(pattern, ())


def factor(source: str, shortest: int = SHORTEST) -> str:
    """The pattern with each non-capturing group that occurs more than once defined once and called (see the
    module's docstring); `inline` of it is the pattern. A pattern with nothing to factor is returned as is."""
    if len(source) < 2 * shortest or DEFINE in source or f"<{PREFIX}" in source:
        return source
    reverse = GLOBAL_REVERSE.match(source) is not None
    # (start, end) of every (?:...) that may be called, by start
    groups = _groups(source, ("(?=", "(?!") if reverse else ("(?<=", "(?<!"))
    seen: dict[str, int] = {}
    for start, end in groups:
        if end - start >= shortest:
            text = source[start:end]
            seen[text] = seen.get(text, 0) + 1
    repeated = {text for text, n in seen.items() if n > 1}
    if not repeated:
        return source
    names: dict[str, str] = {}
    bodies: list[str] = []
    index = 0  # into groups: the first group not yet passed

    def render(a: int, b: int) -> str:
        nonlocal index
        out, i = [], a
        while index < len(groups) and groups[index][0] < b:
            start, end = groups[index]
            index += 1
            if start < i or end - start < shortest:
                continue  # inside a group already called, or too short to matter
            text = source[start:end]
            if text not in repeated:
                continue
            out.append(source[i:start])
            if text not in names:
                k = len(bodies)
                names[text] = f"{PREFIX}{k}"
                bodies.append("")
                bodies[k] = render(start + 3, end - 1)  # passes the groups inside it
            out.append(f"(?&{names[text]})")
            i = end
        out.append(source[i:b])
        return "".join(out)

    text = render(0, len(source))
    return text + DEFINE + "".join(f"(?P<{PREFIX}{i}>{body})" for i, body in enumerate(bodies)) + ")"


def inline(source: str) -> str:
    """A factored pattern written out again: each call replaced by its group, the DEFINE block dropped."""
    main, bodies = split(source)
    if not bodies:
        return source
    written: dict[int, str] = {}

    def out(text: str) -> str:
        return CALL.sub(lambda m: "(?:" + full(int(m.group(1))) + ")", text)

    def full(n: int) -> str:
        if n not in written:
            written[n] = out(bodies[n])
        return written[n]

    return out(main)


def split(source: str) -> tuple[str, list[str]]:
    """A factored pattern's text without its DEFINE block, and the groups it defines, in order of their number;
    a pattern not factored, and no groups."""
    if "(?&" + PREFIX not in source:
        return source, []
    start = source.rindex(DEFINE)
    end = _group_end(source, start)
    bodies, i = [], start + len(DEFINE)
    while i < end - 1:
        close = _group_end(source, i)
        bodies.append(source[source.index(">", i) + 1:close - 1])
        i = close
    return source[:start] + source[end:], bodies


def _groups(source: str, against: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each (?:...) group that can be called in its place, ordered by start: not in a group with
    flags of its own, nor in a lookaround opened by one of `against`, nor holding what UNSAFE finds."""
    found, stack, closed = [], [], 0  # stack: (start, whether it closes its groups to calls) of each open group
    for m in TOKEN.finditer(source):
        c = m.group()
        if c == "(":
            at = m.start()
            own = SCOPED.match(source, at) is not None or source.startswith(against, at)
            stack.append((at, own))
            closed += own
        elif c == ")" and stack:
            start, own = stack.pop()
            closed -= own
            if not closed and source.startswith("(?:", start):
                found.append((start, m.end()))
    found.sort()
    unsafe = [m.start() for m in UNSAFE.finditer(source)]
    return [(a, b) for a, b in found if bisect.bisect_left(unsafe, a + 3) == bisect.bisect_left(unsafe, b - 1)]


def _group_end(text: str, start: int) -> int:
    """The offset just past the group opened at `start`."""
    depth, i, n = 0, start, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(text, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def _class_end(text: str, start: int) -> int:
    """The offset just past the character class opened at `start`: ']' first (or after '^') is a member."""
    i = start + 1
    if text[i:i + 1] == "^":
        i += 1
    if text[i:i + 1] == "]":
        i += 1
    while i < len(text) and text[i] != "]":
        i += 2 if text[i] == "\\" else 1
    return i + 1
