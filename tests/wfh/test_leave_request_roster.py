"""An approved leave request moves the published roster exactly as imported leave does."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.test import TestCase

from leave import requests as leave_requests
from leave.importing import leave_import
from leave.models import LeaveKind, LeaveStatus
from tests.wfh.test_leave_roster import (  # noqa: F401 (jabar is a fixture)
    BEFORE_PHASE,
    jabar,
    published,
    schedule,
)
from wfh.models import AssignmentChange, Mode

DAY = dt.date(2025, 11, 13)  # a Thursday of phase I: everyone eligible is WFH, the unit needs one


def changes(roster):
    return sorted(
        AssignmentChange.objects.filter(roster=roster).values_list(
            "employee_id", "day", "old_mode", "new_mode"
        )
    )


@pytest.mark.django_db
def test_an_approved_request_moves_the_roster_exactly_as_the_same_leave_imported(jabar):  # noqa: F811
    roster = published(jabar.phase1, jabar.kominfo)
    before = schedule(jabar.kominfo)
    row = {"nip": jabar.staff.nip, "kind": "sakit", "start": DAY.isoformat(), "end": "2025-11-13"}
    with transaction.atomic():  # the import, then rolled back: the same start for the request
        with TestCase.captureOnCommitCallbacks(execute=True):
            leave_import(rows=[(2, row)], today=BEFORE_PHASE)
        imported, imported_changes = schedule(jabar.kominfo), changes(roster)
        transaction.set_rollback(True)
    assert schedule(jabar.kominfo) == before

    with TestCase.captureOnCommitCallbacks(execute=True):
        record = leave_requests.leave_request_create(
            user=jabar.pegawai_user, kind=LeaveKind.SAKIT, start=DAY, end=DAY, today=BEFORE_PHASE
        )
    assert schedule(jabar.kominfo) == before  # pending moves nothing
    with TestCase.captureOnCommitCallbacks(execute=True):
        leave_requests.leave_request_decide(
            record=record, user=jabar.atasan_user, approve=True, today=BEFORE_PHASE
        )
    after = schedule(jabar.kominfo)
    assert after[jabar.staff.pk, DAY] == Mode.LEAVE
    assert after == imported
    assert changes(roster) == imported_changes
    assert after != before


@pytest.mark.django_db
def test_a_returned_request_leaves_the_roster_alone(jabar):  # noqa: F811
    published(jabar.phase1, jabar.kominfo)
    before = schedule(jabar.kominfo)
    with TestCase.captureOnCommitCallbacks(execute=True):
        record = leave_requests.leave_request_create(
            user=jabar.pegawai_user,
            kind=LeaveKind.DINAS_LUAR,
            start=DAY,
            end=DAY,
            today=BEFORE_PHASE,
        )
        returned = leave_requests.leave_request_decide(
            record=record,
            user=jabar.opd_admin,
            approve=False,
            note="Surat tugas belum ada",
            today=BEFORE_PHASE,
        )
    assert returned.status == LeaveStatus.RETURNED
    assert schedule(jabar.kominfo) == before
