"""The layers import only downwards (STYLE: layers), read from the source by import
analysis: every ``import`` and ``from ... import`` of every module, including those
inside functions and ``TYPE_CHECKING`` blocks (a circle through type hints is still a
circle).

domain imports no other layer; store and documents only the domain; services not
the UI; the UI neither the store nor the documents (it gets both through services).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kzcommission"
LAYERS = ("domain", "store", "documents", "services", "ui")

# layer -> the layers it must not import.
FORBIDDEN: dict[str, set[str]] = {
    "domain": {"store", "documents", "services", "ui"},
    "store": {"documents", "services", "ui"},
    "documents": {"store", "services", "ui"},
    "services": {"ui"},
    "ui": {"store", "documents"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every kzcommission module the file imports, relative imports resolved."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path.parent)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # ``from kzcommission import store`` names a layer as well
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] == "kzcommission"}


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = layer_of(_module_name(path))
        if layer is None:
            continue
        for target in sorted(imported_modules(path)):
            if layer_of(target) in FORBIDDEN[layer]:
                found.append(f"{path.relative_to(PACKAGE.parent)} ({layer}) imports {target}")
    return found


def test_layers_import_only_downwards():
    assert violations() == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from kzcommission.store import models\n", {"kzcommission.store.models"}),
        ("from kzcommission import store\n", {"kzcommission.store"}),
        ("def f():\n    import kzcommission.ui.app\n", {"kzcommission.ui.app"}),
        ("from ..store.models import Case\n", {"kzcommission.store.models"}),
    ],
)
def test_the_analysis_sees_every_form_of_import(tmp_path, monkeypatch, source, expected):
    """A deferred, relative or package-level import is still an import of its layer."""
    root = tmp_path / "kzcommission"
    (root / "documents").mkdir(parents=True)
    module = root / "documents" / "probe.py"
    module.write_text(source, encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.PACKAGE", root)
    assert expected <= imported_modules(module)
    assert {layer_of(name) for name in expected} <= {"store", "ui"}
