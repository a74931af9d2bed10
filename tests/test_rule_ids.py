"""Each rule once: a service that refuses in a rule's name asks the domain for that rule.

Every rule id a service raises (``rule_id="R-…"``) must be one the domain
implements (it appears in domain code, not only in a docstring), and must be a
rule of ../shared/RULEBOOK.md. A service raising R-XXX-N that the domain does
not check is a rule implemented outside the domain: this test fails and names it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kzcommission"
RULEBOOK = Path(__file__).resolve().parents[2] / "shared" / "RULEBOOK.md"
RULE_ID = re.compile(r"R-[A-Z]{2,5}-\d+")


def _docstrings(tree: ast.AST) -> set[int]:
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


def implemented_in(source: str) -> set[str]:
    """Rule ids written in code (strings that are not docstrings)."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            found.update(RULE_ID.findall(node.value))
    return found


def raised_in(source: str) -> dict[str, int]:
    """Literal ``rule_id=`` values passed in ``source``, each with its first line."""
    raised: dict[str, int] = {}
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.keyword)
            and node.arg == "rule_id"
            and isinstance(node.value, ast.Constant)
            and node.value.value
        ):
            raised.setdefault(str(node.value.value), node.value.lineno)
    return raised


def _domain_ids() -> set[str]:
    ids: set[str] = set()
    for path in (PACKAGE / "domain").rglob("*.py"):
        ids |= implemented_in(path.read_text(encoding="utf-8"))
    return ids


def _service_raises() -> dict[str, list[str]]:
    where: dict[str, list[str]] = {}
    for path in sorted((PACKAGE / "services").rglob("*.py")):
        for rule_id, line in raised_in(path.read_text(encoding="utf-8")).items():
            where.setdefault(rule_id, []).append(f"{path.relative_to(PACKAGE)}:{line}")
    return where


def test_every_rule_a_service_raises_is_implemented_in_the_domain() -> None:
    domain = _domain_ids()
    raised = _service_raises()
    assert raised, "the scan found no rule ids at all: it is broken"
    strays = {rule: places for rule, places in raised.items() if rule not in domain}
    assert strays == {}, f"services raise rules the domain does not implement: {strays}"


def test_services_raise_only_rulebook_ids() -> None:
    if not RULEBOOK.exists():
        pytest.skip("../shared/RULEBOOK.md is not beside the repository")
    known = set(RULE_ID.findall(RULEBOOK.read_text(encoding="utf-8")))
    unknown = {r: p for r, p in _service_raises().items() if r not in known}
    assert unknown == {}, f"rule ids not in the RULEBOOK: {unknown}"


def test_the_scan_catches_a_rule_checked_only_in_a_service() -> None:
    service = 'raise ServiceError("no", field="x", rule_id="R-ZZZ-9")\n'
    domain = '"""R-ZZZ-9 is only named in this docstring."""\nLIMIT = 3  # R-ZZZ-9\n'
    assert raised_in(service) == {"R-ZZZ-9": 1}
    assert "R-ZZZ-9" not in implemented_in(domain)  # docstrings and comments do not count
    assert "R-ZZZ-9" in implemented_in('CHECK = ("R-ZZZ-9", 3)\n')
