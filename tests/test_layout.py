"""The layout holds (README "Layout"): layers import downwards only, no function-level import of a
project module hides a cycle, and no source file grows past what a reader takes in at once."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
PACKAGES = CONFIG["root_packages"]
MAX_LINES = 600
# pure data tables (the demo city's names, OPDs and units) may be long; code may not
DATA_TABLES = ("demo/data/",)
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _sources(*, with_tests: bool):
    roots = [*PACKAGES, "tests", "bench"] if with_tests else PACKAGES
    for root in roots:
        for path in sorted((ROOT / root).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative:
                continue
            yield relative, path


def test_every_project_package_is_in_a_layer():
    layered = {
        name.strip() for layer in CONFIG["contracts"][0]["layers"] for name in layer.split("|")
    }
    on_disk = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    assert layered == set(PACKAGES) == on_disk


def test_no_function_level_import_of_a_project_module():
    """Imports of project modules sit at the top of the module; the one exception is an
    AppConfig.ready(), where Django wants signal receivers and checks connected."""
    found = []
    for relative, path in _sources(with_tests=False):
        tree = ast.parse(path.read_text(), relative)
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if func.name == "ready" and relative.endswith("apps.py"):
                continue
            for node in ast.walk(func):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                elif isinstance(node, ast.ImportFrom):
                    names = ["."]
                for name in names:
                    if name == "." or name.split(".")[0] in PACKAGES:
                        found.append(f"{relative}:{node.lineno} {func.name}() imports {name}")
    assert not found, "\n".join(found)


def test_no_source_file_is_longer_than_600_lines():
    long = [
        f"{relative}: {count} lines"
        for relative, path in _sources(with_tests=True)
        if not relative.startswith(DATA_TABLES)
        and (count := len(path.read_text().splitlines())) > MAX_LINES
    ]
    assert not long, "\n".join(long)


def _lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our venv's lint-imports)
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(tree)},
    )


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory) -> Path:
    """The project's packages and pyproject.toml, copied: a probe may break the copy freely."""
    tree = tmp_path_factory.mktemp("layers")
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tree / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "static", "templates"),
        )
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_layers_contract_holds(tree_copy):
    result = _lint_imports(tree_copy)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("lower", "higher"),
    [("opd", "wfh.models"), ("wfh", "attendance.models"), ("leave", "wfh.models")],
)
def test_a_back_import_breaks_the_layers_contract(tree_copy, lower, higher):
    probe = tree_copy / lower / "probe_back_import.py"
    probe.write_text(f"import {higher}  # noqa: F401\n")
    try:
        result = _lint_imports(tree_copy)
    finally:
        probe.unlink()
    assert result.returncode != 0
    assert f"{lower}.probe_back_import -> {higher}" in result.stdout
