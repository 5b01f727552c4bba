"""Load the data files in docs/data/, validate them, and report problems by file and line.

Every fact that appears on more than one page, or in both languages, is typed once in a YAML
file of docs/data/ and validated here against docs/data/schemas/<name>.schema.yml before any page
is rendered. A problem stops the build with `docs/data/<file>.yml:<line>: <entry>: <what>`, so the
author can jump straight to it. This module is imported by the hooks and by the tests; it does
not depend on MkDocs.
"""

from __future__ import annotations

import functools
import pathlib
from typing import Any, Callable

import jsonschema
import yaml

from vakb import data_html

# The project whose data is read: this checkout, until a build names its own (use_project).
ROOT = pathlib.Path(__file__).resolve().parents[2]  # overrides/vakb/data.py -> the repository
DATA_DIR = ROOT / "docs" / "data"
SCHEMA_DIR = DATA_DIR / "schemas"


def use_project(docs_dir) -> None:
    """Read the data of the project MkDocs is building. The package is imported from the checkout
    .venv names, but a build may be of another copy (a test's broken copy, the benchmark's scaled
    one): its docs_dir says whose data the pages are made of."""
    global ROOT, DATA_DIR, SCHEMA_DIR
    docs = pathlib.Path(docs_dir).resolve()
    ROOT, DATA_DIR, SCHEMA_DIR = docs.parent, docs / "data", docs / "data" / "schemas"
LANGUAGES = ("en", "fr")


class DataError(Exception):
    """A data file is malformed or contradicts itself; the message names file, line and entry."""


class Mapping(dict):
    """A dict that remembers the line of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    line: int = 0
    item_lines: list


# libyaml's parser when PyYAML has it (it does in .venv): same documents and line numbers, seven
# times faster than the pure-Python one, which was a tenth of the build (./scripts/bench).
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader that keeps line numbers and refuses duplicate keys (PyYAML keeps the last one)."""

    def construct_mapping(self, node, deep=False):
        mapping = Mapping()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in mapping:
                raise DataError(
                    f"line {key_node.start_mark.line + 1}: duplicate key {key!r} "
                    f"(first at line {mapping.key_lines[key]})"
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node, deep=False):
        seq = Sequence(self.construct_object(child, deep=True) for child in node.value)
        seq.line = node.start_mark.line + 1
        seq.item_lines = [child.start_mark.line + 1 for child in node.value]
        return seq


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence)


def relative(path: pathlib.Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def parse_yaml(path: pathlib.Path) -> Any:
    """Parse one YAML file, turning every parser complaint into `file:line: message`."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{relative(path)}: file not found") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise DataError(f"{relative(path)}:{line}: not UTF-8 (byte 0x{raw[err.start]:02X}); save the file as UTF-8") from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except DataError as err:
        raise DataError(f"{relative(path)}:{str(err).removeprefix('line ')}") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 0
        hint = ""
        if err.problem and "mapping values are not allowed" in err.problem:
            # French typography puts a space before ':' which YAML reads as a new key.
            hint = " (a ' : ' inside unquoted text? put the text in quotes, or use a '>' block)"
        raise DataError(f"{relative(path)}:{line}: not valid YAML: {err.problem or err}{hint}") from None


def line_at(document: Any, path: list) -> int:
    """Line of the deepest node of `path` that exists in `document`."""
    node, line = document, getattr(document, "line", 0)
    for step in path:
        if isinstance(node, Mapping) and step in node:
            line = node.line_of(step)
            node = node[step]
        elif isinstance(node, Sequence) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line


def entry_name(path: list) -> str:
    """`errors[3].fr.meaning` style name of a position in a document."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(top level)"


# Checks that JSON Schema cannot express (uniqueness across entries, cross references, ranges that
# depend on another field). Each takes the document and yields (path, message).
Check = Callable[[Any], Any]
CHECKS: dict[str, list[Check]] = {}


def check(name: str):
    """Register a semantic check for docs/data/<name>.yml."""

    def register(func: Check) -> Check:
        CHECKS.setdefault(name, []).append(func)
        return func

    return register


def unique(items, field: str, label: str | None = None):
    """Yield (index, message) for every item whose `field` repeats an earlier one (case-insensitive)."""
    seen: dict = {}
    for index, item in enumerate(items):
        value = item.get(field) if isinstance(item, dict) else None
        if value is None:
            continue
        folded = value.casefold() if isinstance(value, str) else value
        if folded in seen:
            yield index, f"duplicate {label or field} {value!r} (also entry {seen[folded]})"
        else:
            seen[folded] = index


def validate(name: str, document: Any, path: pathlib.Path) -> None:
    if not CHECKS:
        # The checks live with their topics (vakb.topics); validating without them would pass
        # documents that contradict themselves.
        raise RuntimeError("import vakb.topics before loading data: it registers the data checks")
    schema_path = SCHEMA_DIR / f"{name}.schema.yml"
    problems = []
    if schema_path.exists():
        schema = parse_yaml(schema_path)
        validator = jsonschema.Draft202012Validator(schema)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            where = list(error.absolute_path)
            problems.append((where, error.message))
    else:
        problems.append(([], f"no schema: add {relative(schema_path)}"))
    problems.extend(data_html.problems(document))  # no <script>, on...= or javascript: in any text
    if not problems:
        for func in CHECKS.get(name, []):
            problems.extend(func(document))
    if problems:
        lines = [
            f"{relative(path)}:{line_at(document, where)}: {entry_name(where)}: {message}"
            for where, message in problems
        ]
        raise DataError("\n".join(lines))


@functools.lru_cache(maxsize=None)
def _load_cached(name: str, path: pathlib.Path, mtime: float) -> Any:
    document = parse_yaml(path)
    validate(name, document, path)
    return document


def load(name: str) -> Any:
    """The validated content of docs/data/<name>.yml (cached until the file changes)."""
    path = DATA_DIR / f"{name}.yml"
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _load_cached(name, path, mtime)


def names() -> list[str]:
    return sorted(p.stem for p in DATA_DIR.glob("*.yml"))


def load_all() -> dict[str, Any]:
    """Every data file, validated; raises DataError listing the first file that fails."""
    return {name: load(name) for name in names()}


def text(entry: Any, lang: str, field: str | None = None) -> str:
    """The `lang` text of a bilingual field: entry[field][lang] or entry[lang]."""
    value = entry[field] if field else entry
    if isinstance(value, dict):
        return value[lang]
    return value
