"""The layout the README describes, held by tests: entry points apart, one import mechanism, no
import circle, layers imported one way only."""

from __future__ import annotations

import ast
import pathlib
import re

import yaml

from conftest import ROOT

HOOKS = ROOT / "overrides" / "hooks"
PACKAGE = ROOT / "overrides" / "vakb"
# Layers of the vakb package, top to bottom: a module may import its own layer or one below.
LAYERS = {"vakb.build_steps": 2, "vakb.topics": 1}


def listed_hooks() -> list[str]:
    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses MkDocs' own tags (!ENV); their values do not matter here.
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return (yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader) or {})["hooks"]


def module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: pathlib.Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def package_graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {i for i in imports_of(path) if i in modules and i != name} for name, path in modules.items()}


def layer(module: str) -> int:
    return next((rank for prefix, rank in LAYERS.items() if module == prefix or module.startswith(prefix + ".")), 0)


def test_hooks_folder_holds_exactly_the_entry_points_mkdocs_yml_lists():
    listed = sorted(pathlib.Path(h).name for h in listed_hooks())
    on_disk = sorted(p.name for p in HOOKS.iterdir() if p.suffix == ".py")
    assert on_disk == listed
    assert all(h.startswith("overrides/hooks/") for h in listed_hooks())


def test_entry_points_are_thin_and_nothing_imports_them():
    names = {p.stem for p in HOOKS.glob("*.py")}
    for path in HOOKS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
        assert all(f.startswith(("on_", "_")) for f in functions), f"{path.name}: {functions}: logic belongs in vakb"
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 45, f"{path.name} is not thin"
    for path in [*PACKAGE.rglob("*.py"), *HOOKS.glob("*.py"), *(ROOT / "scripts").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]:
        bad = {i for i in imports_of(path) if i.split(".")[0] in names}
        assert not bad, f"{path.relative_to(ROOT)} imports the entry point(s) {bad}"


def test_no_sys_path_edit_outside_the_one_mechanism():
    # The .pth that scripts/docs.py writes is the only way the packages become importable.
    edits = []
    for path in [*(ROOT / "overrides").rglob("*.py"), *(ROOT / "scripts").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]:
        if path == pathlib.Path(__file__):
            continue
        text = path.read_text(encoding="utf-8")
        edits += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in re.finditer(r"sys\.path\.(insert|append)\(.*", text)]
    assert edits == []


def test_vakb_package_has_no_import_circle():
    graph = package_graph()
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in graph[node]:
            # A package's __init__ importing its own submodules is how it registers them.
            if nxt.startswith(node + "."):
                continue
            if state.get(nxt) == 1:
                raise AssertionError(f"import circle: {' -> '.join(trail + [nxt])}")
            if not state.get(nxt):
                visit(nxt, trail + [nxt])
        state[node] = 2

    for module in graph:
        if not state.get(module):
            visit(module, [module])


def test_layers_are_imported_one_way_only():
    upward = [f"{module} imports {target}"
              for module, targets in package_graph().items()
              for target in targets if layer(target) > layer(module)]
    assert upward == []


def test_the_layer_check_sees_real_imports():
    # Guards the checks above against an empty graph passing vacuously.
    graph = package_graph()
    assert "vakb.data" in graph["vakb.topics.facts"]
    assert {"vakb.topics.facts", "vakb.topics.errors"} <= graph["vakb.topics"]
    assert layer("vakb.build_steps.csp") > layer("vakb.topics.errors.pages") > layer("vakb.data")


def test_no_tracked_file_holds_a_merge_conflict_marker():
    """An earlier merge left both sides of a README section, markers included, in a commit."""
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    marker = re.compile(r"^(<{7} |>{7} |={7}$)", re.M)
    found = []
    for name in tracked:
        path = ROOT / name
        if path.suffix in {".md", ".py", ".yml", ".yaml", ".html", ".js", ".css", ".toml", ".txt", ".conf"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{name}:{text.count(chr(10), 0, m.start()) + 1}" for m in marker.finditer(text)]
    assert not found, found
