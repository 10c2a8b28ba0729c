"""What of an employee each identity sees: one rule (opd.access.employee_fields) for the /pegawai/
pages and the API. A supervisor sees their team members' names, units and positions, never their
NIP, ASN type, WFH eligibility or its reason; HR and the OPD admin see everything; the employee
sees their own."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.serializers import EmployeeSerializer
from opd import access
from opd.models import IneligibleReason

pytestmark = pytest.mark.django_db

FIELD_ATTR = re.compile(r'data-field="([^"]+)"')
EMPLOYEES_API = "/api/v1/employees/"


def page_fields(html: str) -> set[str]:
    """The personal fields a page shows, by the data-field marks around them."""
    return {name for value in FIELD_ATTR.findall(html) for name in value.split()}


@pytest.fixture
def people(world):
    world.staff.wfh_eligible = False
    world.staff.ineligible_reason = IneligibleReason.DISCIPLINARY
    world.staff.email = "sari@example.go.id"
    world.staff.save()
    return world


def _page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _api(user, employee) -> set[str]:
    http = APIClient()
    http.force_login(user)
    response = http.get(f"{EMPLOYEES_API}{employee.nip}/")
    assert response.status_code == 200, response.content
    return set(response.json())


def _detail(employee):
    return reverse("opd:employee", args=[employee.nip])


def test_a_supervisor_sees_no_personal_data_of_a_team_member_on_pages_or_api(client, people):
    atasan, staff = people.atasan_user, people.staff
    assert access.employee_fields(atasan, staff) == access.EMPLOYEE_BASIC_FIELDS

    listing = _page(client, atasan, reverse("opd:employees"))
    rows = {
        name: row
        for row in re.findall(r"<tr>(.*?)</tr>", listing, re.S)
        for name in (staff.name, people.head.name)
        if name in row
    }
    assert staff.nip not in listing  # not in a cell, not in a link
    assert "Sedang menjalani hukuman disiplin" not in listing
    assert not page_fields(rows[staff.name])
    assert {"nip", "asn_type", "wfh_eligible"} <= page_fields(rows[people.head.name])  # own row
    assert reverse("opd:employee_by_id", args=[staff.pk]) in listing

    detail = _page(client, atasan, reverse("opd:employee_by_id", args=[staff.pk]))
    for leaked in (staff.nip, staff.asn_type, "Sedang menjalani hukuman disiplin", staff.email):
        assert leaked not in detail
    assert "Boleh WFH" not in detail
    assert page_fields(detail) == set()
    # the API answers the same: nothing personal
    assert _api(atasan, staff) & access.EMPLOYEE_PERSONAL_FIELDS == set()
    # typing the NIP in the address gives the same page, still without it
    assert page_fields(_page(client, atasan, _detail(staff))) == set()


def test_a_supervisor_sees_their_own_record_in_full(client, people):
    atasan, head = people.atasan_user, people.head
    detail = _page(client, atasan, _detail(head))
    assert head.nip in detail
    shown = page_fields(detail)
    api = _api(atasan, head) & access.EMPLOYEE_PERSONAL_FIELDS
    assert {"nip", "asn_type", "wfh_eligible", "email", "active_from"} <= shown & api
    assert shown <= access.employee_fields(atasan, head)
    assert api <= access.employee_fields(atasan, head)


@pytest.mark.parametrize("who", ["hr", "opd_admin", "pegawai_user"])
def test_hr_the_opd_admin_and_the_employee_still_see_the_personal_data(client, people, who):
    user, staff = getattr(people, who), people.staff
    detail = _page(client, user, _detail(staff))
    for shown in (staff.nip, staff.asn_type, "Sedang menjalani hukuman disiplin", staff.email):
        assert shown in detail
    assert {"nip", "asn_type", "wfh_eligible", "ineligible_reason", "email"} <= page_fields(detail)
    assert {"nip", "asn_type", "wfh_eligible", "ineligible_reason", "email"} <= _api(user, staff)
    listing = _page(client, user, reverse("opd:employees"))
    assert staff.nip in listing and 'data-field="wfh_eligible"' in listing


def test_the_page_and_the_api_agree_for_every_identity_and_person(client, people):
    everyone = [people.head, people.staff, people.other, people.clerk]
    for user in (people.hr, people.opd_admin, people.atasan_user, people.pegawai_user):
        for employee in everyone:
            if not access.can_view_employee(user, employee):
                continue
            personal = "nip" in access.employee_fields(user, employee)
            client.force_login(user)
            on_page = page_fields(client.get(_detail(employee)).content.decode())
            in_api = _api(user, employee) & access.EMPLOYEE_PERSONAL_FIELDS
            assert bool(on_page) == bool(in_api) == personal, (user.username, employee.name)


def test_a_supervisor_cannot_find_a_team_member_by_nip_digits(client, people):
    """A NIP prefix search would reveal a team member's NIP a digit at a time."""
    listing = _page(client, people.atasan_user, reverse("opd:employees") + "?q=" + people.staff.nip)
    assert people.staff.name not in listing
    hr_listing = _page(client, people.hr, reverse("opd:employees") + "?q=" + people.staff.nip)
    assert people.staff.name in hr_listing


def test_every_field_of_the_api_is_named_by_the_access_rule():
    """A field the rule does not name is dropped from every answer: list it in opd.access."""
    named = access.EMPLOYEE_BASIC_FIELDS | access.EMPLOYEE_PERSONAL_FIELDS
    assert set(EmployeeSerializer.Meta.fields) <= named
