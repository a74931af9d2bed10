"""Every refusal a user can read says its reason in kk, ru and en (non-negotiable 4).

The code is read, not run: each construction of a refusal (``RuleError``,
``ServiceError`` and their subclasses) must name a catalogue text with ``key=``,
that text must exist in every language with placeholders the call fills from
``params=``, and the Kazakh and Russian texts must be more than the English copied.
A refusal that passes another's reason on (``ServiceError(str(exc))`` of a refusal
already shown, a subclass with its own ``detail_in``) carries ``# refusal: passes on``
on the line of the call.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import kzcommission
from kzcommission.i18n import catalogue, refusal_reason
from kzcommission.services.errors import ServiceError

PACKAGE = Path(kzcommission.__file__).parent
PASSES_ON = "# refusal: passes on"
ROOTS = {"RuleError", "ServiceError"}


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "steps" not in path.parts)


def _refusal_classes(trees: dict[Path, ast.Module]) -> tuple[set[str], set[str]]:
    """Names of every refusal class (by transitive base), and those saying their own detail."""
    bases: dict[str, set[str]] = {}
    own_detail: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id for b in node.bases if isinstance(b, ast.Name)} | {
                    b.attr for b in node.bases if isinstance(b, ast.Attribute)
                }
                if any(
                    isinstance(item, ast.FunctionDef) and item.name == "detail_in"
                    for item in node.body
                ):
                    own_detail.add(node.name)
    refusals = set(ROOTS)
    grown = True
    while grown:
        grown = False
        for name, parents in bases.items():
            if name not in refusals and parents & refusals:
                refusals.add(name)
                grown = True
    return refusals, own_detail


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _param_names(call: ast.Call) -> set[str] | None:
    """Names the call's ``params=`` gives; None when they cannot be read from the code."""
    for keyword in call.keywords:
        if keyword.arg != "params":
            continue
        value = keyword.value
        if isinstance(value, ast.Dict) and all(isinstance(k, ast.Constant) for k in value.keys):
            names = {k.value for k in value.keys}  # type: ignore[union-attr]
        elif isinstance(value, ast.Call) and _called_name(value) == "dict":
            names = {k.arg for k in value.keywords if k.arg}
        else:
            return None
        return {re.sub(r"_keys?$", "", n) for n in names}
    return set()


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _findings() -> list[str]:
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in _modules()}
    refusals, own_detail = _refusal_classes(trees)
    catalogues = {lang: catalogue(lang) for lang in ("en", "kk", "ru")}
    findings: list[str] = []
    for path, tree in trees.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        where_base = path.relative_to(PACKAGE.parent)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _called_name(node)
            if name not in refusals or name in own_detail:
                continue
            span = lines[node.lineno - 1 : (node.end_lineno or node.lineno)]
            if any(PASSES_ON in line for line in span):
                continue
            where = f"{where_base}:{node.lineno}"
            key_nodes = [k.value for k in node.keywords if k.arg == "key"]
            if not key_nodes or not isinstance(key_nodes[0], ast.Constant):
                findings.append(f"{where}: {name}(...) names no catalogue key")
                continue
            key = f"refusal.{key_nodes[0].value}"
            given = _param_names(node)
            for lang, known in catalogues.items():
                text = known.get(key)
                if text is None:
                    findings.append(f"{where}: {key} missing in {lang}")
                    continue
                if given is not None and not _placeholders(text) <= given:
                    missing = sorted(_placeholders(text) - given)
                    findings.append(f"{where}: {key} in {lang} needs {missing}")
            english = catalogues["en"].get(key)
            for lang in ("kk", "ru"):
                if (
                    english
                    and catalogues[lang].get(key) == english
                    and any(ch.isalpha() for ch in english)
                ):
                    findings.append(f"{where}: {key} in {lang} is the English text")
    return findings


def test_every_refusal_names_its_reason_in_every_language() -> None:
    findings = _findings()
    assert not findings, f"{len(findings)} refusals:\n" + "\n".join(findings)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_keyed_refusal_reads_in_the_language_with_its_terms_translated(lang: str) -> None:
    error = ServiceError(
        "english",
        key="sitting_finalized_in_history",
        params={"number": 7, "status_key": "error.title"},
    )
    reason = refusal_reason(error, lang)
    assert reason is not None and reason != "english"
    assert "7" in reason
    assert catalogue(lang)["error.title"] in reason
