"""Every problem verify-db finds reads as a sentence of the interface language: after each
way test_tamper.py changes the file behind the application's back, each problem said in
Kazakh and Russian holds no English once the data it quotes (names, codes, values) is
taken out, while its English ``message`` (what verify-db prints) is as before."""

from __future__ import annotations

import re

import pytest

from kzcommission.i18n import Phrase
from kzcommission.services.trust import history, integrity
from tests.services.helpers import add_employee
from tests.trust.test_tamper import STRIPPING, record_sitting, tamper

ENTRY = (
    "INSERT INTO history_entry (at, actor, action, entity, entity_id, sitting, before, "
    "after, seq, mac, tags) VALUES ('2025-01-01 10:00:00', 'mallory', 'ballot.cast', 'case',"
    " 'x', '', '', '{{}}', {seq}, '{mac}', '')"
)
TAMPERING = [
    ("an entry edited", ['UPDATE history_entry SET after = \'{{"option": "x"}}\' WHERE seq = 7']),
    ("an entry deleted", ["DELETE FROM history_entry WHERE seq = 12"]),
    ("the end cut", ["DELETE FROM history_entry WHERE seq >= {last}"]),
    ("an entry inserted", [ENTRY]),
    (
        "an entry without a number",
        [
            "INSERT INTO history_entry (at, actor, action, entity, entity_id, sitting, before, "
            "after, mac, tags) VALUES ('2025-01-01', 'mallory', 'x', 'case', 'x', '', '', '', "
            "'', '')"
        ],
    ),
    ("a seal removed", ["UPDATE history_entry SET mac = '', actor = 'mallory' WHERE seq = 3"]),
    ("a ballot edited", ["UPDATE ballot SET option = 'unfit' WHERE id = 2"]),
    ("a ballot deleted", ["DELETE FROM ballot WHERE id = 3"]),
    (
        "a ballot inserted",
        [
            "INSERT INTO ballot (round_id, seat_id, option, cast_at) SELECT round_id, (SELECT id "
            "FROM seat WHERE role = 'secretary'), 'fits', cast_at FROM ballot LIMIT 1"
        ],
    ),
    ("an appearance changed", ["UPDATE \"case\" SET appearance = 'absent_excused'"]),
    (
        "an attendance event inserted",
        [
            "INSERT INTO attendance_event (sitting_id, seat_id, kind, at, note) "
            "SELECT sitting_id, seat_id, 'left', at, '' FROM attendance_event LIMIT 1"
        ],
    ),
    *STRIPPING,
]


def _quoted(value: object) -> list[str]:
    """The data a problem quotes (never a catalogue word): every plain parameter."""
    if isinstance(value, Phrase):
        return [q for v in value.params.values() for q in _quoted(v)]
    if isinstance(value, (list, tuple)):
        return [q for v in value for q in _quoted(v)]
    return [str(value)]


def _catalogue_part(said: str, problem: integrity.Problem) -> str:
    """What the catalogue wrote of the line: the line without the data it quotes."""
    for quoted in sorted(_quoted(list(problem.params.values())), key=len, reverse=True):
        said = said.replace(quoted, "")
    return said


@pytest.mark.parametrize(("what", "sql"), TAMPERING, ids=[t[0] for t in TAMPERING])
def test_each_problem_is_said_in_kazakh_and_russian(sqlite_database, what, sql):
    record_sitting()
    last = history._last()[0]
    tamper(sqlite_database, *(s.format(last=last - 1, seq=last + 1, mac="0" * 64) for s in sql))
    history.forget_key()
    add_employee("After", "A3")
    report = integrity.verify_database()
    assert report.problems, what
    for problem in report.problems:
        assert problem.key, problem.message
        for lang in ("kk", "ru"):
            said = problem.phrase.say(lang)
            words = _catalogue_part(said, problem)
            assert said != problem.message and "{" not in words, said  # every field filled
            english = [w for w in re.findall(r"[A-Za-z]{3,}", words) if not w.isupper()]
            assert english == [], (lang, said)
