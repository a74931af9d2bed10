"""A realistic sample sitting for the documents tests and the print benchmark.

A 9-member commission (chair included) with a secretary and a public member,
attendance changes during the sitting, and cases of every kind with Kazakh,
Russian and Latin names, a recusal, a casting vote and a three-round case.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date, time

from kzcommission.documents.data import (
    AttendanceEvent,
    CaseDoc,
    MemberLine,
    Quorum,
    RecordingRef,
    Recusal,
    RoundDoc,
    ScorecardDoc,
    SittingDoc,
)
from kzcommission.domain.kinds import Kind, Role
from kzcommission.domain.names import Names
from kzcommission.domain.person_sex import sex_from_patronymic
from kzcommission.domain.service_length import ServiceLength

CHAIR = "Сейітқали Бақытжан Ержанұлы"
SECRETARY = "Байжанова Айгүл Төлегенқызы"
MEMBERS = (
    "Әбдірахманова Гүлнұр Серікқызы",
    "Жұмабеков Нұрлан Қайратұлы",
    "Оспанов Ғалымжан Әділұлы",
    "Құдайбергенова Әйгерім Бауыржанқызы",
    "Иванов Сергей Петрович",
    "Мұхамеджанов Шаһмұрат Өмірұлы",
    "Ким Елена Викторовна",
    "Нұрпейісова Динара Үсенқызы",
)
ABSENT = MEMBERS[7]
LATE = MEMBERS[4]
LEFT = MEMBERS[2]
RECUSED = MEMBERS[1]
SCORES = ("excellent", "good", "satisfactory", "unsatisfactory")


def vote_round(
    subject: str,
    number: int,
    options: tuple[str, ...],
    ballots: Mapping[str, str],
    adopted: str | None,
    casting: bool = False,
    runoff: bool = False,
) -> RoundDoc:
    counts = {o: sum(1 for b in ballots.values() if b == o) for o in options}
    return RoundDoc(subject, number, options, dict(ballots), counts, adopted, casting, runoff)


# Names kept per language (issue 15 item 6), as a commission's seats and places are.
PERSONNEL_HEAD = Names(
    "Кадр саясаты басқармасының бастығы",
    "Начальник Управления кадровой политики",
    "Head of the Personnel Policy Division",
)
LEGAL_HEAD = Names(
    "Заң департаментінің бастығы",
    "Начальник Юридического департамента",
    "Head of the Legal Department",
)


def composition(full: bool = False) -> tuple[MemberLine, ...]:
    """The seats; ``full``: everybody present all the time (no absence, lateness, leaving)."""
    seats = [
        MemberLine(
            "seat-01",
            CHAIR,
            Names(
                "Полиция департаменті бастығының орынбасары",
                "Заместитель начальника Департамента полиции",
                "Deputy Head of the Police Department",
            ),
            Role.CHAIR,
            events=(AttendanceEvent("present", time(10, 0)),),
        )
    ]
    for i, name in enumerate(MEMBERS, start=2):
        if full:
            events = (AttendanceEvent("present", time(10, 0)),)
        elif name == ABSENT:
            events = (AttendanceEvent("absent", None, "іссапарда / командировка"),)
        elif name == LATE:
            events = (AttendanceEvent("late", time(10, 40)),)
        elif name == LEFT:
            events = (
                AttendanceEvent("present", time(10, 0)),
                AttendanceEvent("left", time(12, 30)),
            )
        else:
            events = (AttendanceEvent("present", time(10, 0)),)
        seats.append(
            MemberLine(
                f"seat-{i:02d}",
                name,
                PERSONNEL_HEAD if i % 2 else LEGAL_HEAD,
                Role.MEMBER,
                is_public=name.startswith("Ким"),
                events=events,
                acting_deputy="Ахметов Ә. Ғ." if i == 3 else "",
            )
        )
    seats.append(
        MemberLine(
            "seat-10",
            SECRETARY,
            Names(
                "Кадр бөлімшесінің аға инспекторы",
                "Старший инспектор кадрового подразделения",
                "Senior Inspector of the Personnel Unit",
            ),
            Role.SECRETARY,
            events=(AttendanceEvent("present", time(9, 50)),),
        )
    )
    return tuple(seats)


def voters(members: tuple[MemberLine, ...], exclude: tuple[str, ...] = ()) -> list[str]:
    """Members present at the vote: the one who left before the cases is not among them."""
    return [
        m.sitter
        for m in members
        if m.role != Role.SECRETARY and m.attended and m.sitter not in exclude and len(m.events) < 2
    ]


def make_case(
    number: int, kind: Kind, person: str, members: tuple[MemberLine, ...], variant: int
) -> CaseDoc:
    """One case; ``variant`` picks the voting story (0 plain, 1 three rounds, 2 casting vote)."""
    full = all(m.attended for m in members)
    recused: tuple[str, ...] = (members[2].sitter,) if variant == 1 and not full else ()
    v = voters(members, recused)
    rounds: list[RoundDoc] = []
    decision, grade = "fits", None
    if kind == Kind.EXTRAORDINARY:
        opts = ("fits_promote", "fits", "unfit_demote", "unfit_transfer", "unfit_dismiss")
        ballots = {name: ("fits_promote" if i < 5 else "fits") for i, name in enumerate(v)}
        decision = "fits_promote"
        rounds.append(vote_round("decision", 1, opts, ballots, decision))
    elif variant == 1:  # 3-3-1 split, runoff, then the grade vote: three rounds
        opts = ("fits", "recertify", "unfit")
        first = {n: ("fits", "recertify", "unfit")[min(i // 3, 2)] for i, n in enumerate(v)}
        rounds.append(vote_round("decision", 1, opts, first, None))
        second = {n: ("fits" if i < 4 else "recertify") for i, n in enumerate(v)}
        rounds.append(vote_round("decision", 2, opts[:2], second, "fits", runoff=True))
        grade = "3"
        g = {n: ("grade:3" if i < 4 else "no_grade") for i, n in enumerate(v)}
        rounds.append(vote_round("grade", 1, ("grade:3", "no_grade"), g, "grade:3"))
    elif (kind == Kind.REPEAT or variant == 2) and not full:  # 3-3 split: the chair's option wins
        opts = ("fits", "unfit")
        v = v[:6]
        ballots = {n: ("fits" if i < 3 else "unfit") for i, n in enumerate(v)}
        rounds.append(vote_round("decision", 1, opts, ballots, "fits", casting=True))
        g = {n: "no_grade" for n in v}
        rounds.append(vote_round("grade", 1, ("grade:1", "no_grade"), g, "no_grade"))
    else:
        opts = ("fits", "recertify", "unfit")
        ballots = {n: ("fits" if i else "recertify") for i, n in enumerate(v)}
        rounds.append(vote_round("decision", 1, opts, ballots, "fits"))
        grade = "2"
        g = {n: ("grade:2" if i < 6 else "no_grade") for i, n in enumerate(v)}
        rounds.append(vote_round("grade", 1, ("grade:2", "no_grade"), g, "grade:2"))
    final = {r.subject: r for r in rounds}
    cards = tuple(
        ScorecardDoc(
            member=name,
            score=SCORES[(i + number) % 3],
            decision=final["decision"].ballots[name],
            decision_grounds="Қызметтік мінездеме мен әңгімелесу нәтижелері бойынша.",
            grade_option=final["grade"].ballots.get(name) if "grade" in final else None,
            grade_grounds="Біліктілік талаптарына сәйкес." if "grade" in final else "",
        )
        for i, name in enumerate(final["decision"].ballots)
    )
    uid = hashlib.sha256(f"case-{number}-{person}".encode()).hexdigest()
    return CaseDoc(
        person_sex=_sex(person),
        case_uuid=f"{uid[:8]}-{uid[8:12]}-{uid[12:16]}-{uid[16:20]}-{uid[20:32]}",
        number=number,
        kind=kind,
        person_name=person,
        birth_date=date(1985, 3, 14),
        education="Қазақстан Республикасы ІІМ Алматы академиясы, 2007, құқықтану; "
        "біліктілікті арттыру курсы, 2021",
        specialty="құқықтану",
        position=Names(
            "Аудандық полиция бөлімінің бастығы",
            "Начальник районного отдела полиции",
            "Head of the District Police Division",
        ),
        appointment_date=date(2020, 6, 1),
        rank="полиция подполковнигі",
        grade="3",
        service_total=ServiceLength(18, 4, 12),
        service_in_position=ServiceLength(3, 11, 14),
        materials=("Қызметтік мінездеме", "Аттестаттау парағы", "Тестілеу нәтижелері"),
        recording=RecordingRef(
            "SD-карта №4 / SD card 4",
            f"interview-{number:03d}.mp4",
            hashlib.sha256(str(number).encode()).hexdigest(),
            f"00:{(number * 7) % 60:02d}:05",
            f"00:{(number * 7 + 6) % 60:02d}:40",
        )
        if kind == Kind.EXTRAORDINARY or variant == 1
        else None,
        questions=(
            "Қызметтегі негізгі нәтижелеріңіз қандай?",
            "Сыбайлас жемқорлыққа қарсы іс-қимыл шаралары?",
        ),
        comments="Ұсыныс: біліктілікті арттыру курсынан өту; "
        "тәжірибесін жаңа қызметкерлермен бөлісу.",
        opinion="Комиссия шешімімен келісемін.",
        supervisor_assessment="Атқаратын лауазымына сәйкес келеді.",
        recusals=tuple(Recusal(n, "туысқандық қатынас / родственные отношения") for n in recused),
        presiding=members[0].sitter,  # the chair, present and voting on every sample case
        members_present=len(v) + len(recused),
        present=tuple(v) + tuple(recused),
        quorum=Quorum(members=9, present=len(v) + len(recused), required=6),
        decision_rule="R-VOTE-2",
        rounds=tuple(rounds),
        decision=decision,
        grade_assigned=grade,
        recommendations="Кадр резервіне қосуды ұсыну.",
        scorecards=cards,
    )


PEOPLE = (
    (Kind.REGULAR, "Қасымов Ерлан Әлібекұлы"),
    (Kind.REGULAR, "Өтебаева Ғазиза Нұрланқызы"),
    (Kind.REPEAT, "Омаров Руслан Ғалымұлы"),
    (Kind.EXTRAORDINARY, "Ысқақов Жаңғыр Һәдиұлы"),  # ң, ғ: the position is per language
    (Kind.REGULAR, "Smith-Ұлықбекова Әсел (Asel)"),
)


def sample_sitting(cases: int = 5, full: bool = False) -> SittingDoc:
    """A sitting with ``cases`` cases cycling over kinds, names and voting stories.

    ``full``: all nine members present and voting in every case (9 scorecards per case).
    """
    members = composition(full)
    docs = []
    for n in range(1, cases + 1):
        kind, person = PEOPLE[(n - 1) % len(PEOPLE)]
        docs.append(
            make_case(
                n,
                kind,
                person if n <= len(PEOPLE) else f"{person} {n}",
                members,
                variant=(n - 1) % 3,
            )
        )
    return SittingDoc(
        sitting_uuid="5f0c2a1e-7d3b-4c55-9a1e-2b9f6c1d8e40",
        number="12/2024",
        date=date(2024, 5, 15),
        place=Names(
            "Астана қ., Тәуелсіздік даңғылы, 1, 305-кабинет",
            "г. Астана, пр. Тәуелсіздік, 1, кабинет 305",
            "Astana, 1 Tauelsizdik Avenue, room 305",
        ),
        commission_name=Names(
            "Өңірлік аттестаттау комиссиясы (Астана қаласы)",
            "Региональная аттестационная комиссия (город Астана)",
            "Regional certification commission (Astana)",
        ),
        organisation=Names(
            "Астана қаласының Полиция департаменті",
            "Департамент полиции города Астаны",
            "Police Department of Astana",
        ),
        composition=members,
        quorum=Quorum(members=9, present=9 if full else 8, required=6),
        opened_at=time(10, 0),
        closed_at=time(13, 15),
        cases=tuple(docs),
        sexes={m.sitter: _sex(m.sitter) for m in members} | {m.name: _sex(m.name) for m in members},
    )


def _sex(name: str) -> str:
    """The sex the patronymic (the name's last word) tells; "" when it tells none."""
    return sex_from_patronymic(name.rsplit(" ", 1)[-1])
