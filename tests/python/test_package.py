"""Python citizenship: __all__, docstrings, stubs, py.typed, a light import."""

from __future__ import annotations

import ast
import inspect
import os
import subprocess
import sys
from pathlib import Path

import redtape
from redtape import _core

PACKAGE = Path(redtape.__file__).parent


def public_members(cls: type):
    """Methods and properties (not plain class attributes such as a dataclass's defaults)."""
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if inspect.isroutine(member) or isinstance(member, (property, staticmethod, classmethod)):
            yield name, member


def documented(obj) -> bool:
    doc = inspect.getdoc(obj) or ""
    # pybind11 puts the signature on the first line; there must be more.
    lines = [line for line in doc.splitlines() if line.strip()]
    if lines and "(" in lines[0] and lines[0].split("(")[0].isidentifier():
        lines = lines[1:]
    return bool(lines)


def test_all_names_exist() -> None:
    for name in redtape.__all__:
        assert hasattr(redtape, name), name
    assert redtape.__version__ == _core.__version__


def test_every_public_name_has_a_docstring() -> None:
    missing = []
    for name in redtape.__all__:
        obj = getattr(redtape, name)
        if name.startswith("__"):
            continue
        if not documented(obj):
            missing.append(name)
        if isinstance(obj, type) and not issubclass(obj, BaseException):
            for member_name, member in public_members(obj):
                if not documented(member):
                    missing.append(f"{name}.{member_name}")
    assert missing == []


def test_stubs_cover_the_module() -> None:
    assert (PACKAGE / "py.typed").exists()
    assert (PACKAGE / "__init__.pyi").exists()
    tree = ast.parse((PACKAGE / "_core.pyi").read_text(encoding="utf-8"))
    stubbed = {}
    functions = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names = set()
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    names.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    names.add(item.target.id)
            stubbed[node.name] = names
        elif isinstance(node, ast.FunctionDef):
            functions.add(node.name)
    missing = []
    for name in redtape.__all__:
        obj = getattr(redtape, name)
        if inspect.isroutine(obj):
            if name not in functions:
                missing.append(name)
        elif isinstance(obj, type) and obj.__module__ in ("redtape._core", "redtape"):
            if name not in stubbed:
                missing.append(name)
                continue
            for member_name, _ in public_members(obj):
                if member_name not in stubbed[name]:
                    missing.append(f"{name}.{member_name}")
    assert missing == []


def test_import_is_light() -> None:
    code = "import sys, redtape; print('pandas' in sys.modules, 'networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_reprs_are_helpful(catalog: redtape.Catalog, report: redtape.Report) -> None:
    p = catalog.procedures[0]
    objects = [catalog, p, p.steps, p.steps[0], p.metrics, p.cost_model, p.name, p.source, report,
               report.totals, report.findings[0], report.findings[0].saving, report.findings[0].change,
               report.procedures[0], redtape.RuleSet(), redtape.RuleSet().rules[0], catalog.documents[0],
               catalog.agencies[0], p.simplify()]  # fmt: skip
    for obj in objects:
        text = repr(obj)
        assert " object at 0x" not in text, type(obj).__name__
