"""docs/data/error_catalogue.yml: every code of slerror.h, no more, no less, complete in both languages.

The reference is tests/fixtures/slerror-win10.h (the code definitions of a Windows 10 SDK header,
see tests/fixtures/README.md), never the catalogue itself, so a code dropped from, added to or
renamed in the catalogue fails here. tests/fixtures/slerror.h (the Windows 8.1 SDK header) says which
of them only the Windows 10 header defines: those, and only those, are marked windows-10-sdk. Each check is a function returning the problems it finds; the tests
below run it on the real files, then on a copy with one small mistake, to show it would catch it.
The YAML files are read directly: nothing here depends on the build's hooks.
"""

from __future__ import annotations

import copy
import pathlib
import re

import jsonschema
import pytest

from conftest import read_yaml
from vakb import data

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "docs" / "data"
FIXTURES = ROOT / "tests" / "fixtures"
LANGS = ("en", "fr")
DEFINE = re.compile(r"^#define (\w+)\s+\(\(HRESULT\)(0x[0-9A-F]{8})L\)\s*$", re.M)
# Features that public sources date to a Windows version later than Windows 7: Active
# Directory-based activation (Windows 8 / Server 2012) and AVMA (Windows Server 2012 R2).
LATER_FEATURE_PREFIXES = ("SL_E_VL_AD_", "SL_E_IA_")
WINDOWS_10_SDK = "windows-10-sdk"  # the `introduced` id of the codes the Windows 8.1 header lacks


def definitions(fixture: str) -> list[tuple[str, str]]:
    return DEFINE.findall((FIXTURES / fixture).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def header() -> list[tuple[str, str]]:
    """The newest header read: every code the catalogue must list, in its order."""
    return definitions("slerror-win10.h")


@pytest.fixture(scope="module")
def header_8_1() -> list[tuple[str, str]]:
    return definitions("slerror.h")


@pytest.fixture(scope="module")
def catalogue() -> dict:
    return read_yaml(DATA / "error_catalogue.yml")


@pytest.fixture(scope="module")
def errors() -> dict:
    return read_yaml(DATA / "errors.yml")


@pytest.fixture(scope="module")
def source_tags() -> set[str]:
    return {source["tag"] for source in read_yaml(DATA / "sources.yml")["sources"]}


def decimal_forms(code: str) -> tuple[int, int]:
    """The unsigned and the signed 32-bit reading of a code written 0x + 8 hex digits."""
    unsigned = int(code, 16)
    return unsigned, unsigned - (1 << 32) if unsigned & (1 << 31) else unsigned


# --- the checks ----------------------------------------------------------------------------------

def completeness_problems(catalogue: dict, header: list[tuple[str, str]]) -> list[str]:
    """Every code and name of the header once, in the header's order, and nothing else."""
    problems = []
    entries = catalogue["slerror_codes"]
    codes = [entry["code"] for entry in entries]
    names = [entry["name"] for entry in entries]
    for label, values in (("code", codes), ("name", names)):
        problems += [f"{label} {v} listed twice" for v in sorted({v for v in values if values.count(v) > 1})]
    expected = dict((code, name) for name, code in header)
    listed = dict(zip(codes, names))
    problems += [f"{code} {name}: in slerror.h, missing from the catalogue"
                 for code, name in expected.items() if code not in listed]
    problems += [f"{code} {name}: not in slerror.h" for code, name in listed.items() if code not in expected]
    problems += [f"{code}: named {listed[code]}, slerror.h says {name}"
                 for code, name in expected.items() if code in listed and listed[code] != name]
    if not problems and codes != [code for _, code in header]:
        first = next(i for i, (a, (_, b)) in enumerate(zip(codes, header)) if a != b)
        problems.append(f"order differs from slerror.h from entry {first} ({codes[first]})")
    return problems


def errors_yml_problems(catalogue: dict, errors: dict) -> list[str]:
    """Every code errors.yml documents is in the catalogue, under the same name when both name it."""
    known = {e["code"]: e for e in catalogue["slerror_codes"] + catalogue["other_codes"]}
    problems = []
    for entry in errors["errors"]:
        mine = known.get(entry["code"])
        if mine is None:
            problems.append(f"{entry['code']}: documented in errors.yml, missing from the catalogue")
        elif entry["name"] and mine["name"] and entry["name"] != mine["name"]:
            problems.append(f"{entry['code']}: errors.yml says {entry['name']}, the catalogue {mine['name']}")
    return problems


def meaning_problems(catalogue: dict) -> list[str]:
    """A one-line meaning in each language, and the French one is not the English one."""
    problems = []
    for entry in catalogue["slerror_codes"] + catalogue["other_codes"]:
        meaning = entry.get("meaning") or {}
        for lang in LANGS:
            text = (meaning.get(lang) or "").strip()
            if not text or "\n" in text or re.search(r"\bTODO\b|\?\?\?", text):
                problems.append(f"{entry['code']}: no usable {lang} meaning ({text!r})")
        if meaning.get("en") and meaning.get("en") == meaning.get("fr"):
            problems.append(f"{entry['code']}: the French meaning is the English one")
    return problems


FRENCH_SPACING = [
    (re.compile(r"(?<!\u00a0):"), "':' needs U+00A0 before it"),
    (re.compile(r"(?<!\u202f)[;!?]"), "';', '!' and '?' need U+202F before them"),
    (re.compile(r"«(?!\u00a0)|(?<!\u00a0)»"), "« » need U+00A0 inside"),
    (re.compile(r"[ \u00a0\u202f]{2,}"), "two spaces in a row"),
]


def french_texts(catalogue: dict):
    for group in catalogue["groups"]:
        yield f"group {group['id']}", group["title"]["fr"]
    for version, label in catalogue["introduced"].items():
        yield f"introduced {version}", label["fr"]
    for entry in catalogue["slerror_codes"] + catalogue["other_codes"]:
        yield entry["code"], entry["meaning"]["fr"]


def french_typography_problems(catalogue: dict) -> list[str]:
    return [f"{where}: {why}: {text!r}" for where, text in french_texts(catalogue)
            for pattern, why in FRENCH_SPACING if pattern.search(text)]


# Pages whose reference is drawn from data: the anchors of its groups and entries are not written in
# the Markdown (slmgr/: one per group of switches and one per switch, from docs/data/slmgr.yml).
DATA_ANCHORS = {"slmgr": lambda: {item["id"] for key in ("groups", "switches") for item in data.load("slmgr")[key]}}


def page_anchors(slug: str, lang: str) -> set[str] | None:
    page = ROOT / "docs" / f"{slug}.{lang}.md"
    if not page.exists():
        return None
    written = set(re.findall(r"\{ #([a-z0-9-]+) \}", page.read_text(encoding="utf-8")))
    return written | (DATA_ANCHORS[slug]() if slug in DATA_ANCHORS else set())


def nearest_problem(target: str, documented: set[str]) -> str | None:
    if target.startswith("0x"):
        return None if target in documented else f"nearest {target} is not a code of errors.yml"
    slug, _, anchor = target.partition("#")
    for lang in LANGS:
        anchors = page_anchors(slug, lang)
        if anchors is None:
            return f"nearest {target}: no page docs/{slug}.{lang}.md"
        if anchor and anchor not in anchors:
            return f"nearest {target}: docs/{slug}.{lang}.md has no {{ #{anchor} }}"
    return None


def reference_problems(catalogue: dict, errors: dict, source_tags: set[str]) -> list[str]:
    """Groups, `introduced`, sources, `nearest` and `header_form` all point at something real."""
    problems = []
    groups = [group["id"] for group in catalogue["groups"]]
    problems += [f"group {g} defined twice" for g in sorted({g for g in groups if groups.count(g) > 1})]
    documented = {entry["code"] for entry in errors["errors"]}
    for group in catalogue["groups"]:
        if problem := nearest_problem(group["nearest"], documented):
            problems.append(f"group {group['id']}: {problem}")
    header_entries = {entry["code"]: entry for entry in catalogue["slerror_codes"]}
    used_groups = set()
    for entry in catalogue["slerror_codes"] + catalogue["other_codes"]:
        code = entry["code"]
        used_groups.add(entry["group"])
        if entry["group"] not in groups:
            problems.append(f"{code}: unknown group {entry['group']}")
        if "nearest" in entry and (problem := nearest_problem(entry["nearest"], documented)):
            problems.append(f"{code}: {problem}")
        versions = entry.get("versions")
        if versions and versions["introduced"] not in catalogue["introduced"]:
            problems.append(f"{code}: unknown introduced {versions['introduced']}")
        tags = entry.get("sources", []) + (versions["sources"] if versions else [])
        problems += [f"{code}: source tag {tag} is not in sources.yml" for tag in tags if tag not in source_tags]
    problems += [f"group {g} is used by no code" for g in groups if g not in used_groups]
    for entry in catalogue["other_codes"]:
        code = entry["code"]
        if code in header_entries:
            problems.append(f"{code}: in other_codes, but slerror.h defines it")
        form = entry.get("header_form")
        if form is None:
            continue
        if form not in header_entries:
            problems.append(f"{code}: header_form {form} is not a code of slerror.h")
        elif int(form, 16) & 0x3FFFFFFF != int(code, 16) & 0x3FFFFFFF:
            problems.append(f"{code}: header_form {form} does not have the same facility and number")
        elif entry["name"] and entry["name"] != header_entries[form]["name"]:
            problems.append(f"{code}: named {entry['name']}, its header_form {form} {header_entries[form]['name']}")
    other = [entry["code"] for entry in catalogue["other_codes"]]
    problems += [f"{c} listed twice in other_codes" for c in sorted({c for c in other if other.count(c) > 1})]
    return problems


def later_version_problems(catalogue: dict) -> list[str]:
    """Codes of features that later Windows versions introduced carry `versions.introduced`."""
    return [f"{entry['code']} {entry['name']}: a later feature's code without versions.introduced"
            for entry in catalogue["slerror_codes"]
            if entry["name"].startswith(LATER_FEATURE_PREFIXES) and "introduced" not in entry.get("versions", {})]


def windows_10_only_problems(catalogue: dict, header_8_1: list[tuple[str, str]]) -> list[str]:
    """Marked windows-10-sdk exactly when the Windows 8.1 header does not define the code."""
    older = {code for _, code in header_8_1}
    problems = []
    for entry in catalogue["slerror_codes"]:
        marked = entry.get("versions", {}).get("introduced") == WINDOWS_10_SDK
        if entry["code"] in older and marked:
            problems.append(f"{entry['code']} {entry['name']}: marked {WINDOWS_10_SDK}, but the Windows 8.1 header defines it")
        elif entry["code"] not in older and not marked:
            problems.append(f"{entry['code']} {entry['name']}: only the Windows 10 header defines it, not marked {WINDOWS_10_SDK}")
    return problems


def schema_problems(catalogue: dict) -> list[str]:
    schema = read_yaml(DATA / "schemas" / "error_catalogue.schema.yml")
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'/'.join(map(str, error.path))}: {error.message}" for error in validator.iter_errors(catalogue)]


# --- the real files --------------------------------------------------------------------------------

def test_the_fixtures_are_the_whole_headers(header, header_8_1):
    # Counted in the headers themselves (tests/fixtures/README.md): 359 definitions in the Windows 8.1
    # SDK header, 414 in the Windows 10 one (55 more), none repeated in either.
    for definitions_, count in ((header_8_1, 359), (header, 414)):
        assert len(definitions_) == count
        assert len({code for _, code in definitions_}) == len({name for name, _ in definitions_}) == count


def test_the_windows_10_header_keeps_every_windows_8_1_code(header, header_8_1):
    # Same name, same value, same relative order: the Windows 10 header only adds codes.
    assert [pair for pair in header if pair in set(header_8_1)] == header_8_1


def test_the_catalogue_matches_its_schema(catalogue):
    assert schema_problems(catalogue) == []


def test_every_code_and_name_of_slerror_h_is_in_the_catalogue_once(catalogue, header):
    assert completeness_problems(catalogue, header) == []


def test_every_code_of_errors_yml_is_in_the_catalogue_under_the_same_name(catalogue, errors):
    assert errors_yml_problems(catalogue, errors) == []


def test_every_meaning_exists_in_both_languages(catalogue):
    assert meaning_problems(catalogue) == []


def test_french_text_has_its_non_breaking_spaces(catalogue):
    assert french_typography_problems(catalogue) == []


def test_groups_versions_sources_and_nearest_resolve(catalogue, errors, source_tags):
    assert reference_problems(catalogue, errors, source_tags) == []


def test_codes_of_later_windows_features_are_marked(catalogue):
    assert later_version_problems(catalogue) == []
    marked = [e["name"] for e in catalogue["slerror_codes"] if "versions" in e]
    assert "SL_E_VL_AD_AO_NOT_FOUND" in marked and "SL_E_IA_MACHINE_NOT_BOUND" in marked


def test_codes_only_the_windows_10_header_defines_are_marked(catalogue, header_8_1):
    assert windows_10_only_problems(catalogue, header_8_1) == []
    assert catalogue["introduced"][WINDOWS_10_SDK]["en"] == "first defined in the Windows 10 SDK header"


def test_decimal_forms_match_the_hand_written_ones(catalogue):
    forms = read_yaml(FIXTURES / "code_forms.yml")["forms"]
    known = {entry["code"] for entry in catalogue["slerror_codes"] + catalogue["other_codes"]}
    for form in forms:
        assert form["code"] in known, form["code"]
        assert decimal_forms(form["code"]) == (form["unsigned"], form["signed"]), form["code"]
    # The extremes of the range, also by hand: 2^31 - 1 stays positive, 2^31 is the most negative.
    assert decimal_forms("0x7FFFFFFF") == (2147483647, 2147483647)
    assert decimal_forms("0x80000000") == (2147483648, -2147483648)


# --- each check catches a small mistake ----------------------------------------------------------------

def entry(doc: dict, code: str) -> dict:
    return next(e for e in doc["slerror_codes"] + doc["other_codes"] if e["code"] == code)


def test_completeness_check_catches_a_missing_an_invented_a_renamed_and_a_repeated_code(catalogue, header):
    doc = copy.deepcopy(catalogue)
    doc["slerror_codes"] = [e for e in doc["slerror_codes"] if e["code"] != "0xC004F074"]
    assert any("0xC004F074" in p and "missing" in p for p in completeness_problems(doc, header))

    doc = copy.deepcopy(catalogue)
    doc["slerror_codes"].append({**doc["slerror_codes"][0], "code": "0xC004F0FF", "name": "SL_E_INVENTED"})
    assert any("0xC004F0FF" in p and "not in slerror.h" in p for p in completeness_problems(doc, header))

    doc = copy.deepcopy(catalogue)
    entry(doc, "0xC004F038")["name"] = "SL_E_VL_NOT_ENOUGH_COUNTS"
    assert any("0xC004F038" in p and "slerror.h says" in p for p in completeness_problems(doc, header))

    doc = copy.deepcopy(catalogue)
    doc["slerror_codes"].append(copy.deepcopy(entry(doc, "0xC004F038")))
    assert any("0xC004F038 listed twice" in p for p in completeness_problems(doc, header))

    doc = copy.deepcopy(catalogue)
    doc["slerror_codes"][0], doc["slerror_codes"][1] = doc["slerror_codes"][1], doc["slerror_codes"][0]
    assert any("order differs" in p for p in completeness_problems(doc, header))


def test_errors_yml_check_catches_a_dropped_code_and_a_different_name(catalogue, errors):
    doc = copy.deepcopy(catalogue)
    doc["other_codes"] = [e for e in doc["other_codes"] if e["code"] != "0x800706BA"]
    assert any("0x800706BA" in p for p in errors_yml_problems(doc, errors))

    doc = copy.deepcopy(catalogue)
    entry(doc, "0x8007232B")["name"] = "DNS_ERROR_NAME_DOES_NOT_EXIST"
    assert any("0x8007232B" in p for p in errors_yml_problems(doc, errors))


def test_meaning_check_catches_a_missing_language_and_an_untranslated_line(catalogue):
    doc = copy.deepcopy(catalogue)
    del entry(doc, "0xC004F009")["meaning"]["fr"]
    assert any("0xC004F009" in p and "fr" in p for p in meaning_problems(doc))

    doc = copy.deepcopy(catalogue)
    target = entry(doc, "0xC004D307")["meaning"]
    target["fr"] = target["en"]
    assert any("0xC004D307" in p for p in meaning_problems(doc))


@pytest.mark.parametrize("bad", ["Accès refusé : droits requis", "Attendez ; réessayez", "Accès refusé: droits",
                                 "« KMS» absent", "Deux  espaces"])
def test_french_typography_check_catches_an_ordinary_space(catalogue, bad):
    doc = copy.deepcopy(catalogue)
    entry(doc, "0xC004F025")["meaning"]["fr"] = bad
    assert any("0xC004F025" in p for p in french_typography_problems(doc))


def test_reference_check_catches_each_kind_of_dangling_pointer(catalogue, errors, source_tags):
    mistakes = {
        "unknown group": lambda d: entry(d, "0xC004F009").update(group="grace"),
        "not a code of errors.yml": lambda d: entry(d, "0xC004B007").update(nearest="0xC004B008"),
        "no page": lambda d: entry(d, "0xC004D302").update(nearest="rearm-page"),
        "has no { #": lambda d: entry(d, "0xC004D302").update(nearest="kms-mak-rearm#no-such-anchor"),
        "unknown introduced": lambda d: entry(d, "0xC004F081")["versions"].update(introduced="windows-9"),
        "not in sources.yml": lambda d: entry(d, "0x80072EE2")["sources"].append("NO-SUCH-TAG"),
        "is not a code of slerror.h": lambda d: entry(d, "0xC004F065").update(header_form="0x4004F0FF"),
        "same facility and number": lambda d: entry(d, "0xC004F065").update(header_form="0x4004F068"),
        "but slerror.h defines it": lambda d: d["other_codes"].append(copy.deepcopy(entry(d, "0xC004F074"))),
        "used by no code": lambda d: d["groups"].append({**d["groups"][0], "id": "spare"}),
    }
    for expected, mistake in mistakes.items():
        doc = copy.deepcopy(catalogue)
        mistake(doc)
        problems = reference_problems(doc, errors, source_tags)
        assert any(expected in p for p in problems), (expected, problems)


def test_later_version_check_catches_an_unmarked_code(catalogue):
    doc = copy.deepcopy(catalogue)
    del entry(doc, "0xC004FD02")["versions"]
    assert any("0xC004FD02" in p for p in later_version_problems(doc))


def test_windows_10_check_catches_an_unmarked_and_a_wrongly_marked_code(catalogue, header_8_1):
    doc = copy.deepcopy(catalogue)
    del entry(doc, "0xC004F214")["versions"]
    entry(doc, "0xC004F210")["versions"] = {"introduced": WINDOWS_10_SDK, "sources": ["SDK"]}
    problems = windows_10_only_problems(doc, header_8_1)
    assert any("0xC004F214" in p and "not marked" in p for p in problems)
    assert any("0xC004F210" in p and "Windows 8.1 header defines it" in p for p in problems)


def test_schema_check_catches_a_lower_case_code_and_a_two_line_meaning(catalogue):
    doc = copy.deepcopy(catalogue)
    entry(doc, "0xC004F074")["code"] = "0xc004f074"
    doc["slerror_codes"][1]["meaning"]["en"] = "one line\nand another"
    problems = schema_problems(doc)
    assert any("0xc004f074" in p for p in problems) and any("slerror_codes/1/meaning/en" in p for p in problems)

