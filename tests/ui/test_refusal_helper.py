"""Issue 14 item 8: one helper (ui.dialogs.attempt) replaces the hand-written refusal blocks.

Every ``except`` in kzcommission/ui that catches a ServiceError (or one of its subclasses:
NotFound, PermissionDenied, BadDate, ...) outside dialogs.py must either be turned into
``attempt(...)`` or carry a ``# not attempt(): <why>`` comment on its own line or the line
before, so a deliberate exception is told apart from a forgotten one."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import kzcommission
from kzcommission.services.errors import ServiceError

UI = Path(kzcommission.__file__).parent / "ui"
MARK = "# not attempt():"


def _subclasses(cls: type) -> set[str]:
    names = {cls.__name__}
    for sub in cls.__subclasses__():
        names |= _subclasses(sub)
    return names


def refusal_names() -> set[str]:
    """ServiceError and every subclass defined anywhere in the package."""
    for info in pkgutil.walk_packages(kzcommission.__path__, "kzcommission."):
        if info.name.endswith("__main__"):
            continue  # would start the program
        try:
            importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 - a module that cannot load here defines nothing we need
            continue
    return _subclasses(ServiceError)


def _caught(node: ast.expr | None) -> list[str]:
    if node is None:  # a bare except catches refusals too
        return ["<bare>"]
    if isinstance(node, ast.Tuple):
        return [name for element in node.elts for name in _caught(element)]
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Attribute):
        return [node.attr]
    return []


def unmarked_refusal_blocks(root: Path, names: set[str]) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "dialogs.py" and path.parent == root:
            continue  # attempt's own except
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, ast.ExceptHandler):
                continue
            caught = [name for name in _caught(node.type) if name in names or name == "<bare>"]
            if not caught:
                continue
            line = node.lineno - 1
            if MARK in lines[line] or (line > 0 and MARK in lines[line - 1]):
                continue
            found.append(f"{path.relative_to(root.parent.parent)}:{node.lineno} {caught}")
    return found


def test_every_refusal_block_in_the_ui_uses_attempt_or_says_why_not() -> None:
    found = unmarked_refusal_blocks(UI, refusal_names())
    assert found == [], "use dialogs.attempt or mark '# not attempt(): <why>':\n" + "\n".join(found)


def test_the_scan_sees_subclasses_and_the_mark(tmp_path: Path) -> None:
    names = refusal_names()
    assert {"ServiceError", "NotFound", "PermissionDenied", "BadDate"} <= names
    ui = tmp_path / "pkg" / "ui"
    ui.mkdir(parents=True)
    (ui / "dialogs.py").write_text("try:\n    pass\nexcept ServiceError:\n    pass\n")
    (ui / "page.py").write_text(
        "try:\n    pass\nexcept (ValueError, errors.NotFound):\n    pass\n"
        "try:\n    pass\n# not attempt(): silent on purpose\nexcept PermissionDenied:\n    pass\n"
        "try:\n    pass\nexcept ServiceError:  # not attempt(): told apart\n    pass\n"
        "try:\n    pass\nexcept KeyError:\n    pass\n"
    )
    assert unmarked_refusal_blocks(ui, names) == ["pkg/ui/page.py:3 ['NotFound']"]


def test_the_evaluation_pages_keep_no_exception() -> None:
    """Corps A, corps B and calibration were converted (issue 14 item 8): no block there
    may stay outside ``attempt`` any more, not even a marked one."""
    marked = [
        f"{path.name}:{number}"
        for path in sorted((UI / "evaluation").glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if MARK in line
    ]
    assert marked == []


def test_no_refusal_block_is_left_for_later() -> None:
    """Issue 14 item 8: the blocks once marked "not converted yet" (the vote panel, corps A
    and B, calibration) all go through attempt; a mark may give a reason, never a delay."""
    later = [
        f"{path.relative_to(UI.parent.parent)}:{number}"
        for path in sorted(UI.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MARK in line and "not converted" in line
    ]
    assert later == []
