"""The commission editor keeps the name, the place and each seat's position in Kazakh,
Russian and English (issue 15 item 6), typed at the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kzcommission.domain.names import Names
from kzcommission.i18n import tr
from kzcommission.services.preparation import commissions
from kzcommission.store import models
from kzcommission.ui.commission_editor import POSITION, CommissionEditor
from tests.ui.driver import Keys, activate
from tests.ui.test_keyboard import history_actions, home, wait_dialog

K = Qt.Key
M = Qt.KeyboardModifier

NAME = Names("Алматы қаласының өңірлік аттестаттау комиссиясы",
             "Региональная аттестационная комиссия города Алматы",
             "Regional certification commission of Almaty")  # fmt: skip
PLACE = Names("Алматы қаласы", "город Алматы", "")


def focused():  # noqa: ANN201
    return QApplication.focusWidget()


def test_names_and_seat_titles_per_language_by_keyboard(qtbot, window):
    activate(qtbot, window)  # an empty database: the first-run page
    keys = Keys(qtbot)
    keys.press(K.Key_N, M.ControlModifier, widget=window)
    editor = wait_dialog(qtbot, window, CommissionEditor)
    f = editor.form
    f.nameEdit.setFocus()
    # Tab runs through the name, then the place, in kk, ru, en.
    for edit, text in (
        (f.nameEdit, NAME.kk), (f.nameRuEdit, NAME.ru), (f.nameEnEdit, NAME.en),
        (f.placeEdit, PLACE.kk), (f.placeRuEdit, PLACE.ru), (f.placeEnEdit, ""),
    ):  # fmt: skip
        assert focused() is edit
        keys.type(text)
        keys.press(K.Key_Tab)
    # The central template's first seat: the Decree's Kazakh, the catalogue's Russian.
    table = f.seatsTable
    table.setFocus()
    table.setCurrentCell(0, POSITION)
    chair_ru = tr("template.central.1", "ru")
    assert f.titleKkEdit.text() == "Қазақстан Республикасының Ішкі істер министрі"
    assert f.titleRuEdit.text() == chair_ru
    assert table.item(0, POSITION).text() == tr("template.central.1", "en")  # the UI's language
    keys.press(K.Key_L, M.ControlModifier, widget=table)
    assert focused() is f.titleKkEdit
    keys.press(K.Key_Tab)
    keys.press(K.Key_Tab)
    assert focused() is f.titleEnEdit
    keys.press(K.Key_A, M.ControlModifier)
    keys.type("Minister of Internal Affairs")
    assert table.item(0, POSITION).text() == "Minister of Internal Affairs"
    keys.press(K.Key_S, M.ControlModifier)
    qtbot.waitUntil(lambda: not editor.isVisible())

    [view] = commissions.list_commissions()
    assert view.names == Names(NAME.kk, NAME.ru, NAME.en, other=NAME.kk)
    assert view.places == Names(PLACE.kk, PLACE.ru, "", other=PLACE.kk)
    chair = models.Seat.get((models.Seat.commission == view.id) & (models.Seat.order == 0))
    assert (chair.position_title_ru, chair.position_title_en) == (
        chair_ru,
        "Minister of Internal Affairs",
    )

    # Editing renames: the Russian name retyped, in the same save as the composition.
    # Ctrl+Shift+K opens the composition from another page too (it goes home first).
    activate(qtbot, window)
    window.show_preparation()
    keys.press(K.Key_K, M.ControlModifier | M.ShiftModifier, widget=window)
    editor = wait_dialog(qtbot, window, CommissionEditor)
    f = editor.form
    assert (f.nameRuEdit.text(), f.placeEdit.text()) == (NAME.ru, PLACE.kk)
    f.nameRuEdit.setFocus()
    keys.press(K.Key_A, M.ControlModifier)
    keys.type("Алматинская региональная аттестационная комиссия")
    keys.press(K.Key_S, M.ControlModifier)
    qtbot.waitUntil(lambda: not editor.isVisible())
    renamed = commissions.get_commission(view.id)
    assert renamed.names.ru == "Алматинская региональная аттестационная комиссия"
    assert renamed.names.kk == NAME.kk
    assert "commission.rename" in history_actions(view.uuid)


def test_a_planned_sitting_takes_and_edits_its_place_per_language(qtbot, window):
    """F2 on a planned sitting shows its place in kk, ru and en; Tab reaches each."""
    from datetime import date

    from kzcommission.services.sitting import sittings
    from kzcommission.ui.sitting_dialogs import NewSittingDialog
    from tests.services.helpers import make_desk

    desk = make_desk()
    commissions.rename_commission(desk.commission.id, NAME, PLACE)
    planned = sittings.create_sitting(desk.commission.id, date(2025, 4, 2))
    assert planned.places.variants() == PLACE.variants()  # the commission's, every language
    home(qtbot, window)
    keys = Keys(qtbot)
    keys.press(K.Key_F2)
    dialog = wait_dialog(qtbot, window.page, NewSittingDialog)
    f = dialog.form
    assert [e.text() for e in dialog.place_edits()] == [PLACE.kk, PLACE.ru, ""]
    keys.press(K.Key_Tab)  # from the date
    keys.press(K.Key_Tab)
    assert focused() is f.placeRuEdit
    keys.press(K.Key_A, M.ControlModifier)
    keys.type("г. Алматы, ул. Абая, 1")
    keys.press(K.Key_Tab)
    keys.type("Almaty, 1 Abai Street")
    keys.press(K.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    view = sittings.get_sitting(planned.id)
    assert view.places.variants() == {
        "kk": PLACE.kk,
        "ru": "г. Алматы, ул. Абая, 1",
        "en": "Almaty, 1 Abai Street",
    }
