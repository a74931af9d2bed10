"""The person's sex for gender agreement (issue 15 item 6): IIN, else patronymic, else stated."""

import pytest

from kzcommission.domain.person_sex import SexDiffers, resolve_sex, sex_from_patronymic


@pytest.mark.parametrize(
    ("patronymic", "sex"),
    [
        ("Серікұлы", "m"), ("Серік ұлы", "m"), ("Серикулы", "m"),
        ("Маратқызы", "f"), ("Марат қызы", "f"), ("Мараткызы", "f"),
        ("Иванович", "m"), ("Сергеевич", "m"), ("Ильич", "m"),
        ("Ивановна", "f"), ("Сергеевна", "f"), ("Ильинична", "f"), ("Никитична", "f"),
        ("", ""), ("Smith", ""), ("Аскар", ""),
    ],
)  # fmt: skip
def test_sex_from_patronymic(patronymic, sex):
    assert sex_from_patronymic(patronymic) == sex


def test_the_iin_comes_first_then_the_patronymic_then_the_stated_sex():
    assert resolve_sex("061211600012", "") == "f"
    assert resolve_sex(None, "Иванович") == "m"
    assert resolve_sex(None, "", "f") == "f"
    assert resolve_sex(None, "") == ""
    assert resolve_sex("791028302728", "Серікұлы", "m") == "m"


@pytest.mark.parametrize(
    ("iin", "patronymic", "stated", "source"),
    [("791028302728", "", "f", "iin"), (None, "Ивановна", "m", "patronymic")],
)
def test_a_contradicted_stated_sex_is_refused(iin, patronymic, stated, source):
    with pytest.raises(SexDiffers) as caught:
        resolve_sex(iin, patronymic, stated)
    assert caught.value.source == source
