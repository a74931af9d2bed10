"""Help → Check a signed document says why in the interface language: the reasons
services.trust.signing finds are shown in Kazakh or Russian, while `verify` prints them in
English as before (tests/trust/test_pdf_forgery.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kzcommission.services.trust import signing
from kzcommission.ui.document_check_dialog import DocumentCheckDialog
from tests.services.helpers import make_desk
from tests.trust.test_pdf_forgery import _edit_content, _issue, _verify


def _shown(qtbot, lang: str, pdf: Path) -> str:  # noqa: ANN001
    dialog = DocumentCheckDialog(lang, pdf)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=30_000)
    return dialog


def _english(text: str, *names: str) -> list[str]:
    """Latin words of three letters or more (not an acronym such as PDF) once the
    signer's and field's names are taken out: English left on the screen shows here."""
    for name in names:
        text = text.replace(name, "")
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if not w.isupper()]


NOT_ISSUED = {
    "ru": "Нарушение: файл не подписан, и его байты не совпадают ни с одним файлом, "
    "выданным здесь: он изменён или выдан не здесь",
    "kk": "Бұзушылық: файлға қол қойылмаған және оның байттары осында берілген бірде-бір "
    "файлға сәйкес келмейді: ол өзгертілген немесе осында берілмеген",
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_an_edited_pdf_is_told_in_the_interface_language(
    qtbot, sqlite_database, tmp_path, artifacts, capsys, lang
):
    desk = make_desk(members=5)
    edited = _edit_content(_issue(tmp_path, desk.sitting_id), tmp_path / "edited.pdf")
    dialog = _shown(qtbot, lang, edited)
    assert dialog.checked.outcome == "altered"
    shown = dialog.details.toPlainText()
    assert shown == NOT_ISSUED[lang]
    dialog.grab().save(str(artifacts / f"document_check_edited_{lang}.png"))
    capsys.readouterr()
    assert _verify(sqlite_database, edited) == 1  # verify still prints the English line
    assert (
        "PROBLEM: the file is not signed and its bytes are not those of any file issued here"
        in capsys.readouterr().out
    )


SIGNED_OVER = {
    "ru": ("Не проверено: подпись {field} не нарушена, подписал {signer}, но цепочка "
           "сертификата не ведёт к корню, который администратор указал как доверенный",
           "Нарушение: после последней подписи ({field}) добавлены байты"),
    "kk": ("Тексерілмеді: {field} қолтаңбасы бұзылмаған, қол қойған {signer}, бірақ "
           "сертификат тізбегі әкімші сенімді деп белгілеген түбірге жетпейді",
           "Бұзушылық: соңғы қолтаңбадан ({field}) кейін байттар қосылған"),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_self_signed_pdf_changed_after_signing_is_told_in_words(
    qtbot, sqlite_database, tmp_path, office_chain, artifacts, lang
):
    """Signed with the forger's self-signed certificate, then bytes appended: both reasons
    in the interface language, naming the signature field and the signer."""
    desk = make_desk(members=5)
    issued = _issue(tmp_path, desk.sitting_id)
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(
        signing.sign_pdf(issued.read_bytes(), office_chain["forger"], office_chain["password"])
    )
    signed.write_bytes(signed.read_bytes() + b"\n% changed after signing\n")
    dialog = _shown(qtbot, lang, signed)
    (sig,) = dialog.checked.report.signatures
    shown = dialog.details.toPlainText()
    for line in SIGNED_OVER[lang]:
        assert line.format(field=sig.field, signer=sig.name) in shown, shown
    assert sig.name == "Әлия Сейітова (chair)" and "Common Name" not in shown
    assert _english(shown, sig.field, sig.name) == [], shown
    dialog.grab().save(str(artifacts / f"document_check_signed_{lang}.png"))
