"""Every line the database and document checks can show has its text in kk, ru and en,
with the same placeholders: read from the checks' source, so a new line without its
catalogue text fails here rather than showing a key or English on a Kazakh screen."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from kzcommission import i18n
from kzcommission.services.trust import integrity, row_state

ROOT = Path(__file__).resolve().parents[2] / "kzcommission" / "services"
PREFIXES = {
    "trust/integrity.py": integrity.P,
    "trust/signing.py": "doccheck.problem.",
    "trust/cms_signature.py": "doccheck.problem.",
}
# Keys the checks compose at run time (f-strings), besides the constants read below.
COMPOSED = {
    *(f"{integrity.P}entry_{kind}" for kind in (integrity.ALTERED, integrity.INSERTED)),
    *(
        f"{integrity.P}row_{how}"
        for how in (
            row_state.INSERTED,
            row_state.INSERTED_AFTER_DELETE,
            row_state.ALTERED,
            row_state.DELETED,
        )
    ),
    *(f"{integrity.P}change.{how}" for how in ("deleted", "inserted", "altered")),
    *(f"{integrity.P}why.{key}" for _pattern, key in integrity._ANOMALIES),
    *(f"{integrity.P}{key}" for key in ("no_key", "other_key", "no_keyring", "key_unavailable")),
    f"{integrity.P}unsealed_one",
    "package.warn.iin",
    "package.warn.personnel_number",
}


def _keys_in(path: Path, prefix: str) -> set[str]:
    """``P + "key"`` anywhere, and the key argument of ``report.add(kind, seq, msg, key)``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.left, ast.Name)
            and node.left.id == "P"
            and isinstance(node.right, ast.Constant)
        ):
            found.add(prefix + node.right.value)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add":
            if len(node.args) >= 4 and isinstance(node.args[3], ast.Constant):
                found.add(prefix + node.args[3].value)
    return found


def _used() -> set[str]:
    used = set(COMPOSED)
    for name, prefix in PREFIXES.items():
        used |= _keys_in(ROOT / name, prefix)
    return used


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_the_source_names_the_lines():
    used = _used()
    assert len([k for k in used if k.startswith(integrity.P)]) > 35
    assert len([k for k in used if k.startswith("doccheck.problem.")]) > 18


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_line_is_in_every_language_with_its_placeholders(lang):
    reference, catalogue = i18n.catalogue("en"), i18n.catalogue(lang)
    used = _used()
    assert not sorted(k for k in used if k not in catalogue), lang
    terms = ("integrity.", "doccheck.", "package.warn.")
    for key, text in reference.items():
        if key.startswith(terms):
            assert key in catalogue, (lang, key)
            assert _fields(catalogue[key]) == _fields(text), (lang, key)


def test_every_column_of_a_finalized_record_and_of_the_history_has_a_word():
    """verify-db names them as the database spells them; a screen names them in words."""
    from kzcommission.services.trust import check_terms, history, sealed_record
    from kzcommission.store import models

    tables = {
        m._meta.table_name: m
        for m in vars(models).values()
        if isinstance(m, type) and issubclass(m, models.BaseModel) and m is not models.BaseModel
    }
    columns = {f.column_name for t in sealed_record.TABLES for f in tables[t]._meta.sorted_fields}
    columns |= set(history.COLUMNS)
    assert not sorted(c for c in columns if isinstance(check_terms.column(c), str))
    assert check_terms.column("place_kk").say("ru") == "Место (казахский)"
    assert check_terms.table("vote_round").say("kk") == "Дауыс беру турлары"
    assert check_terms.value("ballot", "option", "grade:C-3").say("ru") == (
        "соответствует квалификационному классу (категории) C-3"
    )
