"""Help → Check the database shows verify-db's three outcomes in the interface language."""

from __future__ import annotations

import re
import sqlite3

import pytest

from kzcommission.i18n import tr
from kzcommission.ui.integrity_dialog import IntegrityDialog
from tests.services.helpers import add_employee


@pytest.fixture(autouse=True)
def keyring(keyring_in_memory):
    return keyring_in_memory


def _checked(qtbot, lang: str) -> IntegrityDialog:
    dialog = IntegrityDialog(lang)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    return dialog


def test_intact_then_altered_in_russian(qtbot, database, artifacts):
    add_employee("Checked", "C1")
    dialog = _checked(qtbot, "ru")
    assert dialog.report.outcome == "intact"
    assert dialog.headline.text() == tr("integrity.intact", "ru")
    conn = sqlite3.connect(database)
    with conn:
        conn.execute("UPDATE history_entry SET actor = 'mallory' WHERE seq = 1")
    conn.close()
    dialog = _checked(qtbot, "ru")
    assert dialog.report.outcome == "altered"
    assert dialog.headline.text().startswith("ИЗМЕНЕНА")
    assert "Изменено: запись журнала №1 (person.add, пользователь mallory" in (
        dialog.details.toPlainText()
    )
    dialog.grab().save(str(artifacts / "integrity_altered_ru.png"))


def test_never_ok_without_the_key(qtbot, database):
    from kzcommission.services.trust import history, secrets

    add_employee("Checked", "C2")
    conn = sqlite3.connect(database)
    with conn:
        conn.execute("UPDATE schema_meta SET value = 'renamed' WHERE key = 'installation'")
    conn.close()
    history.forget_key()
    secrets.reset()
    dialog = _checked(qtbot, "kk")
    assert dialog.report.outcome == "unverified"
    assert dialog.headline.text().startswith("ТЕКСЕРІЛМЕДІ")
    assert "ОК" in dialog.headline.text()  # it says plainly that this is not an OK


def test_ctrl_shift_h_opens_the_check_from_the_main_window(qtbot, window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    def opened() -> list[IntegrityDialog]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, IntegrityDialog) and w.parent() is window
        ]

    qtbot.waitUntil(lambda: bool(opened()), timeout=5_000)
    (dialog,) = opened()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert dialog.headline.text() == tr(f"integrity.{dialog.report.outcome}", "en")
    dialog.close()


def _sqlite_only(backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("the file is changed behind the application's back with sqlite3")


def _shown_whole(qtbot, dialog: IntegrityDialog) -> None:
    """The headline gets the lines its wrapped text needs (once the layout has run)."""
    label = dialog.headline
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    assert dialog.details.width() <= 1366 and dialog.height() <= 768


def _english(text: str) -> list[str]:
    """Latin words of three letters or more: an English sentence left on a Kazakh or
    Russian screen would show here (the checks below name no action code or user)."""
    return re.findall(r"[A-Za-z]{3,}", text)


WITHOUT_KEY = {
    "ru": ("Не проверено: цепочку журнала нельзя проверить: ключа журнала этой базы "
           "данных нет в хранилище секретов",
           "Не проверено: записи журнала с №1 по №{last} не запечатаны"),
    "kk": ("Тексерілмеген: журнал тізбегін тексеру мүмкін емес: осы дерекқордың журнал "
           "кілті құпиялар қоймасында жоқ",
           "Тексерілмеген: №1–№{last} журнал жазбалары мөрленбеген"),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_database_written_without_a_key_is_told_in_the_interface_language(
    qtbot, database, backend, keyring, artifacts, lang
):
    """Entries written while no keyring existed, checked where the key is not either:
    both lines in Kazakh or Russian, with the numbers of the stretch."""
    import keyring as keyrings
    from keyring.backends import fail

    _sqlite_only(backend)
    from kzcommission.services.trust import history, secrets

    keyrings.set_keyring(fail.Keyring())
    secrets.reset()
    history.forget_key()
    add_employee("Keyless", "K1")
    add_employee("Keyless", "K2")
    keyrings.set_keyring(keyring)  # a keyring now, but it never held this database's key
    secrets.reset()
    history.forget_key()
    dialog = _checked(qtbot, lang)
    assert dialog.report.outcome == "unverified"
    last = dialog.report.entries
    assert last > 1
    shown = dialog.details.toPlainText()
    key_line, stretch_line = WITHOUT_KEY[lang]
    assert shown.splitlines()[0] == key_line
    assert shown.splitlines()[1].startswith(stretch_line.format(last=last))
    assert _english(shown) == [], shown
    _shown_whole(qtbot, dialog)
    dialog.grab().save(str(artifacts / f"integrity_without_key_{lang}.png"))


TAMPERED = {
    "ru": ["«Заседания», строка {sitting}: «Статус» сейчас «идёт», при запечатывании было "
           "«оформлено»",
           "«Дела», строка {case}: «Решение» сейчас «не соответствует занимаемой должности», "
           "при запечатывании было «соответствует занимаемой должности»",
           "заседание № {number}, оформленное записью журнала №{seq}: «Дела», строка {case} — "
           "с тех пор изменена"],
    "kk": ["«Отырыстар», {sitting} жол: «Мәртебесі» қазір «жүріп жатыр», мөрленгенде "
           "«ресімделген» болған",
           "«Істер», {case} жол: «Шешім» қазір «атқаратын лауазымына сәйкес келмейді», "
           "мөрленгенде «атқаратын лауазымына сәйкес келеді» болған",
           "№ {number} отырыс, №{seq} журнал жазбасымен ресімделген: «Істер», {case} жол — "
           "содан бері өзгертілген"],
}  # fmt: skip


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_finalized_sitting_changed_behind_the_back_is_told_in_words(
    qtbot, database, backend, artifacts, capsys, lang
):
    """A finalized sitting whose status and decision were rewritten with plain SQL: the
    lines name the tables, fields and values in words, with the row and entry numbers."""
    from tests.trust.test_finalized_record import _finalized_sitting

    _sqlite_only(backend)
    sitting_id = _finalized_sitting()
    conn = sqlite3.connect(database)
    with conn:
        conn.execute("UPDATE sitting SET status = 'open'")
        conn.execute("UPDATE \"case\" SET decision = 'unfit'")
        (case_id,) = conn.execute('SELECT id FROM "case"').fetchone()
        (number,) = conn.execute("SELECT number FROM sitting").fetchone()
        (seq,) = conn.execute(
            "SELECT seq FROM history_entry WHERE action = 'sitting.finalize'"
        ).fetchone()
    conn.close()
    dialog = _checked(qtbot, lang)
    assert dialog.report.outcome == "altered"
    shown = dialog.details.toPlainText()
    for line in TAMPERED[lang]:
        assert line.format(sitting=sitting_id, case=case_id, number=number, seq=seq) in shown
    assert _english(shown) == [], shown
    _shown_whole(qtbot, dialog)
    dialog.grab().save(str(artifacts / f"integrity_tampered_{lang}.png"))
    # verify-db still prints its English lines, with the database's own names.
    from tests.trust.test_tamper import cli

    capsys.readouterr()
    args = cli(database, "verify-db")
    assert args.handler(args) == 1
    printed = capsys.readouterr().out
    assert f"TAMPERED: sitting {number}, finalized in entry #{seq}: case row {case_id} " in printed
    assert f"TAMPERED: case row {case_id}: decision reads 'unfit', sealed 'fits'" in printed
