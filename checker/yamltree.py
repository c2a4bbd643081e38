"""Parse one rule file with ruamel.yaml into plain data and where each value stands (imported only when a file
is not in the parse cache: the parser is slow to import and slower to run)."""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.tokens import AliasToken

from checker.errors import Problem, RuleError
from checker.rules import KEY, Loc


def _plain(node, loc: Loc, positions: dict) -> object:
    """ruamel's round-trip tree -> plain dicts/lists/scalars, recording each value's position."""
    if isinstance(node, CommentedMap):
        out = {}
        for raw, value in node.items():
            key = _scalar(raw)
            where = node.lc.data.get(raw) if isinstance(node.lc.data, dict) else None
            if where:  # [key line, key col, value line, value col]
                positions[loc + (key,)] = (where[2] + 1, where[3] + 1)
                positions[loc + (key, KEY)] = (where[0] + 1, where[1] + 1)
            out[key] = _plain(value, loc + (key,), positions)
        return out
    if isinstance(node, CommentedSeq):
        out = []
        for i, value in enumerate(node):
            where = node.lc.data.get(i) if isinstance(node.lc.data, dict) else None
            if where:
                positions[loc + (i,)] = (where[0] + 1, where[1] + 1)
            out.append(_plain(value, loc + (i,), positions))
        return out
    return _scalar(node)


def _scalar(value):
    for kind in (bool, int, float, str):  # ruamel subclasses these; hand pydantic the plain types
        if isinstance(value, kind):
            return kind(value)
    if value is None:
        return None
    return str(value)  # a tagged or timestamp scalar: data, never code


def parse(text: str, shown: str) -> tuple[object, dict[Loc, tuple[int, int]]]:
    """Rule files have no use for anchors and aliases, and nested aliases expand exponentially (469 bytes
    made 4.8 GB): an alias is refused where it stands, before anything is built."""
    yaml = YAML(typ="rt", pure=True)
    try:
        for token in yaml.scan(text):
            if isinstance(token, AliasToken):
                mark = token.start_mark
                raise RuleError([Problem(shown, mark.line + 1, mark.column + 1, "YAML aliases (*name) are not "
                                         "allowed in rule files: write the value out")])
        tree = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x).replace("\n", " ")
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise RuleError([Problem(shown, line, col, f"YAML error: {what}")]) from None
    except YAMLError as exc:
        raise RuleError([Problem(shown, None, None, f"YAML error: {exc}")]) from None
    positions: dict[Loc, tuple[int, int]] = {(): (1, 1)}
    return _plain(tree, (), positions), positions
