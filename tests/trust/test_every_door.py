"""Issue 18, item 1: every public service function checks the matrix, reads included.

Every module of ``kzcommission.services`` is imported and every public function
listed: each one is either marked by ``unit.read``/``unit.write`` (``__permission__``,
an action of the matrix) or named in :data:`UNGUARDED` with the reason it needs no
check. A new function with neither fails here. Then a representative read and write
per kind of data is called as every role: a role the matrix refuses is refused before
the store is asked anything.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import date

import pytest

import kzcommission.services
from kzcommission.services import permissions
from kzcommission.services.context import LOCAL_OPERATOR, Actor, reset_actor, set_actor
from kzcommission.services.errors import PermissionDenied
from kzcommission.store import models

PURE = "pure: computes from its arguments, reads and writes no data"
MACHINERY = "the check's own machinery: who acts, and whether accounts exist"
INSIDE = "runs only inside a guarded service's transaction, on a row that service loaded"
SECRETS = "the secrets store: keys only, no records; each command using it is checked"
DATABASE = "opens or closes the database: the check needs the database open first"
LOGIN = "signing in (or out) itself: there is nobody to check yet"
HISTORY_KEY = "the history chain's keying: every write needs it, a failed sign-in's entry too"
ROW_IMAGES = "the rows a guarded write touched, sealed into its history entry inside its "
"transaction (history.append, unit.write): issue 17"

# module.function -> why it checks nothing. Keep this the only such list.
WORDS = "the catalogue's word for a name or a value the checks found; reads no record"
UNGUARDED: dict[str, str] = {
    "preparation.roster_csv.long_field_column": "sizes a file the import is reading (roster.import "
    "checked by its caller); no data of the database",
    "preparation.roster_xlsx.largest_worksheet": "sizes a file before it is parsed; no data of the "
    "database",
    "preparation.roster_xlsx.worksheet_size": "sizes a file before it is parsed; no data of the "
    "database",
    "installation.accounts.login_required": LOGIN,
    "installation.accounts.verify_credentials": LOGIN,
    "installation.accounts.authenticate": LOGIN,
    "installation.accounts.sign_out": LOGIN,
    "installation.backups.configure": "the folder and number of backups kept: settings, no data",
    "installation.backups.configure_from": "the same, read from the user's settings file",
    "installation.backups.backup_folder": "a folder name, no data",
    "installation.backups.backup_now": "checks backup.run itself, except for the app's own "
    "automatic backups (finalize, exit) taken whoever is signed in",
    "installation.backups.backup_prefix": PURE,
    "installation.backups.list_backups": "file names in the backup folder; no record is read",
    "installation.backups.read_header": "the unencrypted header of a file the user names; no "
    "record",
    "installation.backups.decrypt": "a backup's bytes for restore: the door is restore's "
    "(commands_trust._may_restore checks backup.restore against the target's accounts)",
    "installation.backups.write_temp_database": "writes bytes restore gave it to a temporary file",
    "installation.backups.backup_on_exit": "the app's own backup when it closes, whoever was "
    "signed in",
    "preparation.calendar.shipped_rows": "the calendar shipped with the program (resources), not "
    "the database",
    "preparation.calendar.install": "public holiday transfers laid over the deadline rules when a "
    "database opens, before anyone signs in; no personal data",
    "preparation.campaign.check_size": PURE,
    "preparation.campaign.decision_date": PURE,
    "papers.case_documents.paper_stem": INSIDE,
    "sitting.cases.ruleset_of": PURE,
    "sitting.cases.bump": INSIDE,
    "trust.cms_signature.check_bytes": PURE,
    "trust.cms_signature.cms_path": PURE,
    "trust.cms_signature.nca_roots": "certificate files shipped with the program; no record",
    "trust.cms_signature.verify_detached": "checks a file and its signature the user names; no "
    "record",
    "context.current_actor": MACHINERY,
    "context.set_actor": MACHINERY,
    "context.reset_actor": MACHINERY,
    "context.acting_as": MACHINERY,
    "installation.database.generation": DATABASE,
    "installation.database.default_database_path": DATABASE,
    "installation.database.open_database": DATABASE,
    "installation.database.close_database": DATABASE,
    "installation.database.release_thread_connection": DATABASE,
    "preparation.due.half_year_start": PURE,
    "preparation.due.next_half_year": PURE,
    "preparation.due.reason_label": PURE,
    "errors.rules": PURE,
    "evaluation.corps_a.agreement_parts": PURE,
    "evaluation.corps_a.kpi_bounds": PURE,
    "evaluation.corps_a.suggest_percent": PURE,
    "evaluation.corps_b.adopted_score": INSIDE,
    "evaluation.corps_b.sheet_view": INSIDE,
    "evaluation.corps_b.preview_sheet": PURE,
    "evaluation.corps_b.sheet_parts": PURE,
    "evaluation.common.require_view": MACHINERY,
    "evaluation.common.check_year": PURE,
    "evaluation.common.quarter_bounds": PURE,
    "evaluation.common.edition_in_force": PURE,
    "evaluation.common.procedures_for": PURE,
    "exchange.keys.parse_key": PURE,
    "exchange.keys.check_key": PURE,
    "exchange.package.dumps": PURE,
    "exchange.package.sha256": PURE,
    "exchange.package.key_id": PURE,
    "exchange.package.seal": PURE,
    "exchange.package.seal_matches": PURE,
    "exchange.package.history_genesis": PURE,
    "exchange.package.history_link": PURE,
    "exchange.package.link_history": PURE,
    "exchange.package.schema": PURE,
    "sitting.followup.postponed_rule": PURE,
    "trust.history.canonical": PURE,
    "trust.history.entry_mac": PURE,
    "trust.history.field_tags": PURE,
    "trust.history.field_tag": PURE,
    "trust.history.head_mac": PURE,
    "trust.history.genesis": PURE,
    "trust.history.installation_id": HISTORY_KEY,
    "trust.history.key_name": PURE,
    "trust.history.key_id": PURE,
    "trust.history.forget_key": HISTORY_KEY,
    "trust.history.history_key": HISTORY_KEY,
    "trust.history.stretch_digest": PURE,
    "trust.history.append": HISTORY_KEY,
    "trust.history.lock": HISTORY_KEY,
    "trust.history.write_returning": ROW_IMAGES,
    "trust.history.sealed_fields": PURE,
    "trust.history.begin_write": ROW_IMAGES,
    "trust.history.seal_trailing": ROW_IMAGES,
    "trust.check_terms.column": WORDS,
    "trust.check_terms.known": WORDS,
    "trust.check_terms.option": WORDS,
    "trust.check_terms.table": WORDS,
    "trust.check_terms.value": WORDS,
    "trust.check_terms.word": WORDS,
    "trust.row_state.image": PURE,
    "trust.row_state.images_by_id": PURE,
    "trust.row_state.encode": PURE,
    "trust.row_state.merge": PURE,
    "trust.row_state.fold": PURE,
    "trust.row_state.images_of": ROW_IMAGES,
    "trust.row_state.table_images": ROW_IMAGES,
    "trust.row_state.differences": "verify-db's comparison of the tables with the replay, called "
    "by integrity.check_rows (history.verify) only",
    "trust.row_baseline.seal_if_pending": "when a database opens, before anyone signs in: seals "
    "the rows an upgrade to v17 left without images (one entry per table)",
    "trust.history.chain_head": "one mac printed on the minutes; no record (the minutes are "
    "checked)",
    "inputs.check_text": PURE,
    "inputs.check_names": PURE,
    "permissions.allowed": MACHINERY,
    "permissions.accounts_exist": MACHINERY,
    "permissions.forget_accounts_check": MACHINERY,
    "permissions.require": MACHINERY,
    "trust.ncalayer.sign_request": PURE,
    "trust.ncalayer.read_signature": PURE,
    "trust.ncalayer.session": "a connection to the signing program on this computer; its only "
    "caller, cms_signature.sign_files, checks documents.sign",
    "preparation.personnel.may_see_restricted": MACHINERY,
    "papers.printing.addendum_stem": PURE,
    "papers.printing.grade_without_vote": "reads a case row its guarded callers (the pack and the "
    "personal-file extract, documents.print) already loaded",
    "trust.qrcheck.qr_matches": PURE,
    "sitting.recordings.hash_file": "hashes a file the user chose; no record",
    "reports.consolidated.sitting_conditions": "builds a query for the guarded report services; "
    "runs none",
    "reports.consolidated.all_of": PURE,
    "reports.export.render": "formats a report the guarded build_report made; no store access",
    "reports.export.figures": "charts of a report the guarded build_report made; no store access",
    "reports.export.export_report": "writes a report the guarded build_report made",
    "installation.restore.summarize": "counts in a restored copy being previewed (restore's door "
    "checks)",
    "installation.restore.preview_restore": "reads the backup, not the database; the swap is "
    "checked",
    "installation.restore.restore_backup": "runs with the database closed for the swap, where no "
    "account can be checked; its only door, the restore command, checks backup.restore against the "
    "target's accounts first (command_doors, commands_trust._may_restore)",
    "sitting.review.describe_blocking": PURE,
    "sitting.review.blocking_cases": PURE,
    "sitting.scorecards.take_opinions_from_ballots": INSIDE,
    "trust.sealed_record.differences": PURE,
    "trust.secrets.check_size": SECRETS,
    "trust.secrets.keyring_problem": SECRETS,
    "trust.secrets.default_secrets_file": SECRETS,
    "trust.secrets.use_store": SECRETS,
    "trust.secrets.reset": SECRETS,
    "trust.secrets.generation": SECRETS,
    "trust.secrets.current_store": SECRETS,
    "trust.secrets.get_secret": SECRETS,
    "trust.secrets.set_secret": SECRETS,
    "trust.secrets.delete_secret": SECRETS,
    "trust.secrets.new_key_text": PURE,
    "trust.secrets.key_bytes": PURE,
    "trust.signing.font_path": "a font file of the application",
    "trust.signing.printed_digest": "reads the footer of a PDF the user names; no record",
    "trust.signing.trusted_roots": "certificate files the administrator placed; no record",
    "sitting.sittings.ensure_editable": INSIDE,
    "sitting.sittings.check_editable": PURE,
    "stale.changed_parts": PURE,
    "stale.parts_of": PURE,
    "stale.save_over": "called inside a guarded @write service's transaction, with that "
    "service's loaders",
    "preparation.person_identity.check_identity": "runs only inside persons.add_person and "
    "personnel.update_record (person.edit), in their transaction",
    "preparation.templates.template": "composition templates of the catalogue, not of the database",
    "preparation.templates.template_key_of": PURE,
    "preparation.templates.seat_titles": "a seat title in kk, ru, en from the Decree and the "
    "catalogue",
    "unit.write": MACHINERY,
    "unit.read": MACHINERY,
    "unit.guarded": MACHINERY,
    "unit.snapshot": PURE,
    "unit.record_history": HISTORY_KEY,
}


def public_functions() -> dict[str, Callable]:
    """module.function (relative to kzcommission.services) -> the function, for every public
    function defined in a services module."""
    found: dict[str, Callable] = {}
    prefix = "kzcommission.services."
    for info in pkgutil.walk_packages(kzcommission.services.__path__, prefix):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ == module.__name__:
                found[f"{info.name.removeprefix(prefix)}.{name}"] = value
    return found


FUNCTIONS = public_functions()


def test_every_public_service_function_is_guarded_or_explained():
    missing = sorted(
        name
        for name, func in FUNCTIONS.items()
        if not hasattr(func, "__permission__") and name not in UNGUARDED
    )
    assert missing == [], f"no permission check and no reason in UNGUARDED: {missing}"
    both = sorted(n for n in UNGUARDED if hasattr(FUNCTIONS.get(n), "__permission__"))
    assert both == [], f"guarded, yet listed as unguarded: {both}"
    stale = sorted(n for n in UNGUARDED if n not in FUNCTIONS)
    assert stale == [], f"UNGUARDED names functions that no longer exist: {stale}"
    assert all(reason.strip() for reason in UNGUARDED.values())


def test_every_guard_names_an_action_of_the_matrix():
    unknown = {
        name: func.__permission__
        for name, func in FUNCTIONS.items()
        if hasattr(func, "__permission__") and func.__permission__ not in permissions.MATRIX
    }
    assert unknown == {}


def test_the_counts_stay_as_reported():
    guarded = sum(hasattr(f, "__permission__") for f in FUNCTIONS.values())
    assert guarded + len(UNGUARDED) == len(FUNCTIONS)
    assert guarded >= 190  # issue 18: the reads were guarded too


# -- refusal before any data is read ---------------------------------------------------------
def _calls(ids: dict[str, int]) -> dict[str, tuple[str, Callable[[], object]]]:
    """A representative read or write per kind of data: name -> (action, call)."""
    from kzcommission.services.evaluation import calibration, corps_b
    from kzcommission.services.installation import accounts
    from kzcommission.services.preparation import campaign, commissions, persons
    from kzcommission.services.sitting import cases, review, sittings, voting
    from kzcommission.services.trust import integrity

    sitting, case, person = ids["sitting"], ids["case"], ids["person"]
    return {
        "ballots by name": ("results.view", lambda: review.sitting_lines(sitting)),
        "rounds": ("results.view", lambda: voting.rounds_of(case)),
        "case file": ("case.files.read", lambda: campaign.file_content(ids["file"])),
        "evaluation results": ("evaluation.view", lambda: corps_b.list_sheets()),
        "calibration": ("evaluation.view", lambda: calibration.list_sessions()),
        "decisions": ("records.view", lambda: cases.list_cases(sitting)),
        "sittings": ("records.view", lambda: sittings.list_sittings()),
        "commissions": ("records.view", lambda: commissions.list_commissions()),
        "persons": ("records.view", lambda: persons.get_person(person)),
        "accounts": ("user.manage", lambda: accounts.list_users()),
        "history": ("history.verify", lambda: integrity.verify_database()),
        "case edit": ("case.edit", lambda: cases.set_appearance(case, "present")),
        "sitting edit": (
            "sitting.edit",
            lambda: sittings.create_sitting(ids["commission"], date(2025, 9, 1)),
        ),
    }


@pytest.fixture
def world(database) -> dict[str, int]:
    from kzcommission.services.installation import accounts
    from kzcommission.services.preparation import campaign
    from kzcommission.services.sitting import cases
    from tests.services.helpers import add_employee, make_desk

    desk = make_desk(members=3)
    person = add_employee("Door", "D1")
    case = cases.add_case(desk.sitting_id, person.id, "regular")
    stored = campaign.attach_file(case.id, "report", "report.pdf", b"%PDF-1.4 report")
    accounts.create_user("admin", "correct horse 1", "administrator")
    permissions.forget_accounts_check()
    assert permissions.accounts_exist()  # the check below then asks the store nothing
    yield {
        "sitting": desk.sitting_id,
        "case": case.id,
        "person": person.id,
        "file": stored.id,
        "commission": desk.commission.id,
    }
    reset_actor()


class _NoQuery(Exception):
    pass


def _forbid_queries(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise _NoQuery("the store was asked before the refusal")

    monkeypatch.setattr(models.database.obj, "execute_sql", refuse)


ACTORS = [(role, Actor(name=f"test-{role}", role=role, user_id=1)) for role in permissions.ROLES]
ACTORS.append(("nobody signed in", LOCAL_OPERATOR))


@pytest.mark.parametrize(("who", "actor"), ACTORS, ids=[who for who, _ in ACTORS])
def test_a_refused_role_is_refused_before_any_data_is_read(world, monkeypatch, who, actor):
    calls = _calls(world)
    set_actor(actor)
    refused = []
    for label, (action, call) in calls.items():
        if actor is not LOCAL_OPERATOR and permissions.allowed(action, actor.role):
            continue
        with monkeypatch.context() as patch:
            _forbid_queries(patch)
            with pytest.raises(PermissionDenied) as caught:
                call()
        expected = "sign in" if actor is LOCAL_OPERATOR else f"({actor.role}) may not do {action}"
        assert expected in str(caught.value), label
        refused.append(label)
    if actor is LOCAL_OPERATOR:  # a desk with accounts: nothing at all without a sign-in
        assert sorted(refused) == sorted(calls)
    if actor.role == "viewer":
        assert {"ballots by name", "case file", "evaluation results", "accounts"} <= set(refused)
