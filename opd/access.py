"""Who may see what: the one place that scopes OPDs and employees to a user.

- HR (role hr, or a superuser) sees every OPD and every employee.
- An OPD admin sees the OPDs they administer (Opd.admins) and everyone placed in them.
- A supervisor sees their own record and the employees below them in the supervisor chain.
- An employee sees their own record only.
- Disciplinary sanctions: HR sees and records all; an OPD admin those of their OPDs' staff.

Of a record one may see, the fields (`employee_fields`): everyone sees the basic ones (name, OPD,
unit, position, role in the unit, supervisor, active today); the personal ones (NIP, ASN type,
contact, WFH eligibility and its reason, active period, home location) only HR, the employee's
OPD admin and the employee themself. The /pegawai/ pages and the API serializers both ask it.

Pages and API views call these functions; none of them filters by role on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from accounts.models import User
from opd.models import DisciplinarySanction, Employee, Opd, Unit


@dataclass(frozen=True)
class Scope:
    user_id: int
    is_hr: bool
    is_opd_admin: bool
    is_supervisor: bool
    employee_id: int | None
    opd_ids: frozenset[int] = field(default_factory=frozenset)  # administered OPDs

    @property
    def sees_registry(self) -> bool:
        """May open the OPD list and OPD pages at all."""
        return self.is_hr or self.is_opd_admin


def scope_for(user: User) -> Scope:
    cached = getattr(user, "_wfh_scope", None)
    if cached is not None:
        return cached
    is_hr = user.is_hr
    opd_ids = (
        frozenset(user.administered_opds.values_list("id", flat=True)) if not is_hr else frozenset()
    )
    employee_id = Employee.objects.filter(user_id=user.pk).values_list("id", flat=True).first()
    is_supervisor = bool(
        employee_id and Employee.objects.filter(supervisor_id=employee_id).exists()
    )
    scope = Scope(
        user_id=user.pk,
        is_hr=is_hr,
        is_opd_admin=bool(opd_ids),
        is_supervisor=is_supervisor,
        employee_id=employee_id,
        opd_ids=opd_ids,
    )
    user._wfh_scope = scope
    return scope


def visible_opds(user: User) -> QuerySet[Opd]:
    scope = scope_for(user)
    if scope.is_hr:
        return Opd.objects.all()
    return Opd.objects.filter(id__in=scope.opd_ids)


def team_ids(employee_id: int) -> set[int]:
    """The employee and everyone below them in the supervisor chain (one query per level)."""
    seen = {employee_id}
    frontier = {employee_id}
    while frontier:
        frontier = set(
            Employee.objects.filter(supervisor_id__in=frontier)
            .exclude(id__in=seen)
            .values_list("id", flat=True)
        )
        seen |= frontier
    return seen


def visible_employees(user: User) -> QuerySet[Employee]:
    scope = scope_for(user)
    if scope.is_hr:
        return Employee.objects.all()
    ids: set[int] = set()
    if scope.employee_id:
        ids = team_ids(scope.employee_id) if scope.is_supervisor else {scope.employee_id}
    qs = Employee.objects.filter(id__in=ids)
    if scope.opd_ids:
        qs = Employee.objects.filter(opd_id__in=scope.opd_ids) | qs
    return qs


def can_view_opd(user: User, opd: Opd) -> bool:
    scope = scope_for(user)
    return scope.is_hr or opd.pk in scope.opd_ids


def can_manage_opd(user: User, opd: Opd) -> bool:
    """Edit the OPD's staff list and, later, its roster."""
    return can_view_opd(user, opd)


def can_view_employee(user: User, employee: Employee) -> bool:
    return visible_employees(user).filter(pk=employee.pk).exists()


def can_see_personal_data(user: User, employee: Employee) -> bool:
    """NIP, contact details and home location: HR, the employee's OPD admin, and the employee."""
    scope = scope_for(user)
    return scope.is_hr or employee.opd_id in scope.opd_ids or scope.employee_id == employee.pk


def can_change_phases(user: User) -> bool:
    """Change a running phase's terms from a date (weekday, ratio, cap, exemptions): HR only."""
    return scope_for(user).is_hr


def can_manage_sanctions(user: User) -> bool:
    """Open the disciplinary sanctions page and import sanctions: HR and OPD admins."""
    return scope_for(user).sees_registry


def visible_sanctions(user: User) -> QuerySet[DisciplinarySanction]:
    """HR: every sanction; an OPD admin: those of the staff placed in their OPDs."""
    scope = scope_for(user)
    if scope.is_hr:
        return DisciplinarySanction.objects.all()
    return DisciplinarySanction.objects.filter(employee__opd_id__in=scope.opd_ids)


# The fields of an employee, by the names the API serializers use (pages use the same names).
EMPLOYEE_BASIC_FIELDS = frozenset(
    {"id", "name", "opd", "unit", "unit_name", "position", "unit_role", "supervisor", "active"}
)
EMPLOYEE_PERSONAL_FIELDS = frozenset(
    {
        "nip",
        "asn_type",
        "email",
        "phone",
        "wfh_eligible",
        "ineligible_reason",
        "ineligible_note",
        "eligibility",
        "new_in_post_since",
        "supervisor_nip",
        "active_from",
        "active_to",
        "home_location",  # pages only: the API never gives it out
        "placements",  # pages only: the history of OPD, unit and position with dates
    }
)


def employee_field_set(*, personal: bool) -> frozenset[str]:
    """The fields shown of an employee to one who may (not) see their personal data; API clients
    decide `personal` by their scope (org:read), users by `can_see_personal_data`."""
    return EMPLOYEE_BASIC_FIELDS | EMPLOYEE_PERSONAL_FIELDS if personal else EMPLOYEE_BASIC_FIELDS


def employee_fields(user: User, employee: Employee) -> frozenset[str]:
    """What `user` may see of `employee` (who they may see at all: `can_view_employee`)."""
    return employee_field_set(personal=can_see_personal_data(user, employee))


def nip_searchable_employees(user: User) -> QuerySet[Employee]:
    """The employees whose NIP `user` may see, so may find by NIP: a NIP prefix search over
    anyone else would reveal their NIP a digit at a time."""
    scope = scope_for(user)
    if scope.is_hr:
        return Employee.objects.all()
    qs = Employee.objects.filter(id=scope.employee_id or 0)
    if scope.opd_ids:
        qs = Employee.objects.filter(opd_id__in=scope.opd_ids) | qs
    return qs


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def can_unlock_logins(user: User) -> bool:
    """See locked-out logins (accounts and addresses) and unlock them: HR."""
    return scope_for(user).is_hr


# -- leave and duty requests (leave/requests.py) ---------------------------------------------------


def can_decide_leave(user: User, employee: Employee) -> bool:
    """Approve or return an employee's leave request: HR, an admin of the employee's OPD, or the
    employee's direct supervisor; never the employee themself."""
    scope = scope_for(user)
    if scope.employee_id is not None and scope.employee_id == employee.pk:
        return False
    if scope.is_hr or employee.opd_id in scope.opd_ids:
        return True
    return scope.employee_id is not None and employee.supervisor_id == scope.employee_id


def leave_decidable_employees(user: User) -> QuerySet[Employee]:
    """The employees whose leave requests `user` may decide (`can_decide_leave` as a query)."""
    scope = scope_for(user)
    if scope.is_hr:
        qs = Employee.objects.all()
    else:
        qs = Employee.objects.none()
        if scope.opd_ids:
            qs = Employee.objects.filter(opd_id__in=scope.opd_ids)
        if scope.is_supervisor:
            qs = qs | Employee.objects.filter(supervisor_id=scope.employee_id)
    if scope.employee_id is not None:
        qs = qs.exclude(pk=scope.employee_id)
    return qs


def can_open_leave_attachment(user: User, employee: Employee) -> bool:
    """A leave request's attachment (a doctor's letter): the employee, whoever may decide on
    it, and HR."""
    scope = scope_for(user)
    return scope.employee_id == employee.pk or can_decide_leave(user, employee)


# -- the team calendar and the published schedule (wfh/team_calendar.py, api ScheduleView) -------


def schedule_employees(user: User, *, colleagues: bool = False) -> QuerySet[Employee]:
    """Whose published schedule (modes, every date including future ones) `user` may read: HR
    everyone; an OPD admin the staff of their OPDs; a supervisor their team (the supervisor chain
    below them); everyone their own days. With `colleagues`, also the colleagues of the user's own
    unit: modes only, for the team calendar ("who is in the office on Thursday"), never their
    personal data. The team calendar page and the API's schedule read this one rule."""
    qs = visible_employees(user)
    scope = scope_for(user)
    if colleagues and not scope.is_hr and scope.employee_id is not None:
        own_unit = Employee.objects.filter(pk=scope.employee_id).values("unit_id")
        qs = qs | Employee.objects.filter(unit_id__in=own_unit)
    return qs


def schedule_units(user: User) -> QuerySet[Unit]:
    """The units `user` may open on the team calendar: HR every unit, an OPD admin the units of
    their OPDs, a supervisor the units of their team, an employee their own unit."""
    scope = scope_for(user)
    if scope.is_hr:
        return Unit.objects.all()
    qs = Unit.objects.filter(
        id__in=schedule_employees(user, colleagues=True).exclude(unit_id=None).values("unit_id")
    )
    if scope.opd_ids:
        qs = qs | Unit.objects.filter(opd_id__in=scope.opd_ids)
    return qs


def schedule_opds(user: User) -> QuerySet[Opd]:
    """The OPDs whose published schedule `user` may ask about (the API's `opd` parameter): HR
    every OPD, an OPD admin theirs, anyone else the OPDs where the employees of
    `schedule_employees` (without colleagues) are placed. Asking about one of them answers only
    the rows `schedule_day_filter` lets through."""
    scope = scope_for(user)
    if scope.is_hr:
        return Opd.objects.all()
    placed = schedule_employees(user).values("opd_id")
    return Opd.objects.filter(Q(id__in=scope.opd_ids) | Q(id__in=placed))


def schedule_day_filter(user: User) -> Q | None:
    """Of the published days (wfh.ScheduleDay, by field name: opd cannot import wfh), those `user`
    may read, every date including future ones; None: all of them (HR). An OPD admin every day
    published in their OPDs; everyone the days of `schedule_employees` (a supervisor's team,
    their own), without colleagues: the API answers NIPs, the team calendar only names."""
    scope = scope_for(user)
    if scope.is_hr:
        return None
    return Q(opd_id__in=scope.opd_ids) | Q(employee__in=schedule_employees(user))


# -- home location requests (opd/home_location.py) -------------------------------------------------


def can_decide_home_location(user: User, employee: Employee) -> bool:
    """Approve or return an employee's home location: HR or an admin of the employee's OPD,
    never the employee themself."""
    scope = scope_for(user)
    if scope.employee_id is not None and scope.employee_id == employee.pk:
        return False
    return scope.is_hr or employee.opd_id in scope.opd_ids


def home_location_decidable_employees(user: User) -> QuerySet[Employee]:
    """The employees whose home location `user` may decide (`can_decide_home_location`)."""
    scope = scope_for(user)
    if scope.is_hr:
        qs = Employee.objects.all()
    else:
        qs = Employee.objects.filter(opd_id__in=scope.opd_ids)
    if scope.employee_id is not None:
        qs = qs.exclude(pk=scope.employee_id)
    return qs


def can_see_home_coordinates(user: User, employee: Employee) -> bool:
    """Raw home coordinates: the employee themself and whoever decides their home location;
    everyone else who may see the employee learns only whether one is registered."""
    return scope_for(user).employee_id == employee.pk or can_decide_home_location(user, employee)


def may_open_home_location_queue(user: User) -> bool:
    return scope_for(user).sees_registry


# -- buildings (buildings/plans.py, the consolidation planner) -------------------------------------


def can_plan_buildings(user: User) -> bool:
    """Open the consolidation planner and its plans: HR and OPD admins."""
    return scope_for(user).sees_registry


# -- buildings and their occupancy (buildings/) -------------------------------------------------


def can_see_buildings(user: User) -> bool:
    """The building pages and the occupancy forecast: HR and OPD admins."""
    return scope_for(user).sees_registry


def can_import_buildings(user: User) -> bool:
    """Import buildings, zones and meters: HR."""
    return scope_for(user).is_hr


def building_opd_ids(user: User) -> frozenset[int] | None:
    """The OPDs whose buildings `user` sees (a building housing any of them); None: every
    building (HR)."""
    scope = scope_for(user)
    return None if scope.is_hr else scope.opd_ids
