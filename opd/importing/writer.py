"""The bulk writer of an import: OPDs, then units, then employees with their accounts,
supervisors and placements. PostgreSQL writes through COPY (common.bulk), elsewhere bulk_create
and bulk_update in batches.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection
from django.utils import timezone

from accounts.models import Role, User
from common.bulk import copy_csv, is_postgres
from opd.importing.plan import Plan
from opd.importing.rows import EmployeeRow, OpdRow
from opd.models import Employee, Opd, Placement, PlacementKind, Unit, UnitRole
from opd.services import placements_sync

BATCH = 5000


def _chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _bulk_update(model, fields: list[str], rows: list[tuple]) -> None:
    """Set `fields` on many rows given as (pk, value, ...) tuples, in a few statements.

    PostgreSQL: COPY into a temporary table, then one UPDATE ... FROM it. Elsewhere: Django's
    bulk_update in batches.
    """
    if not rows:
        return
    meta = model._meta
    targets = [meta.get_field(name) for name in fields]
    if not is_postgres():
        attnames = [f.attname for f in targets]
        objs = [model(pk=row[0], **dict(zip(attnames, row[1:], strict=True))) for row in rows]
        model.objects.bulk_update(objs, fields, batch_size=BATCH)
        return
    table = meta.db_table
    temp = f"import_{table}"
    columns = [f.column for f in targets]
    selected = ", ".join(f'"{c}"' for c in [meta.pk.column, *columns])
    assignments = ", ".join(f'"{c}" = s."{c}"' for c in columns)
    pk = meta.pk.column
    # identifiers come from the model's meta; values travel through COPY
    with connection.cursor() as cursor:
        cursor.execute(
            f'CREATE TEMP TABLE "{temp}" AS SELECT {selected} FROM "{table}" WITH NO DATA'  # noqa: S608
        )
        copy_csv(model, [pk, *columns], rows, table=temp)
        cursor.execute(
            f'UPDATE "{table}" AS t SET {assignments} FROM "{temp}" AS s '  # noqa: S608
            f'WHERE t."{pk}" = s."{pk}"'
        )
        cursor.execute(f'DROP TABLE "{temp}"')


def _ids_by_key(model, column: str, keys: list[str]) -> dict[str, int]:
    """Ids of rows by a unique text column (after a COPY, which returns none)."""
    if is_postgres():
        with connection.cursor() as cursor:
            cursor.execute(
                f'SELECT "{column}", id FROM "{model._meta.db_table}" WHERE "{column}" = ANY(%s)',  # noqa: S608
                [keys],
            )
            return dict(cursor.fetchall())
    found: dict[str, int] = {}
    for chunk in _chunks(keys, 900):  # SQLite takes at most 999 parameters per statement
        found.update(model.objects.filter(**{f"{column}__in": chunk}).values_list(column, "id"))
    return found


def _unusable_password() -> str:
    # what set_unusable_password() stores, without 40 calls to secrets.choice per user
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


EMPLOYEE_FIELDS = [
    "name",
    "asn_type",
    "opd",
    "unit",
    "position",
    "unit_role",
    "wfh_eligible",
    "ineligible_reason",
    "ineligible_note",
    "email",
    "phone",
    "new_in_post_since",
    "active_from",
    "active_to",
]
OPD_FIELDS = ["name", "kind", "latitude", "longitude", "radius_m", "time_zone", "active"]
UNIT_FIELDS = ["name", "frontline", "min_onsite"]
USER_COLUMNS = [
    "password",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
    "role",
]


class Writer:
    """Writes a plan: OPDs, then units, then employees (accounts, supervisors, placements)."""

    def __init__(self, plan: Plan, today: dt.date):
        self.plan = plan
        self.db = plan.db
        self.today = today
        self.opd_ids = dict(self.db.opd_ids)
        self.unit_ids = dict(self.db.unit_ids)
        self.employee_ids = dict(self.db.employee_ids)

    def run(self) -> None:
        self.write_opds()
        self.write_units()
        self.write_employees()

    # -- OPDs: create without parents, then set every parent that differs

    def write_opds(self) -> None:
        plan = self.plan
        if plan.opds_new:
            Opd.objects.bulk_create(
                [
                    Opd(code=r.code, **dict(zip(OPD_FIELDS, _opd_values(r), strict=True)))
                    for r in plan.opds_new
                ],
                batch_size=BATCH,
            )
            self.opd_ids = dict(Opd.objects.values_list("code", "id"))
        _bulk_update(
            Opd, OPD_FIELDS, [(self.opd_ids[r.code], *_opd_values(r)) for r in plan.opds_changed]
        )
        parents = []
        for r in plan.opds_new + plan.opds_changed:
            before = self.db.opds.get(r.code)
            if r.parent_code != (before.parent_code if before else None):
                parent_id = self.opd_ids[r.parent_code] if r.parent_code else None
                parents.append((self.opd_ids[r.code], parent_id))
        _bulk_update(Opd, ["parent"], parents)

    def write_units(self) -> None:
        plan = self.plan
        if plan.units_new:
            Unit.objects.bulk_create(
                [
                    Unit(
                        opd_id=self.opd_ids[r.opd_code],
                        code=r.code,
                        name=r.name,
                        frontline=r.frontline,
                        min_onsite=r.min_onsite,
                    )
                    for r in plan.units_new
                ],
                batch_size=BATCH,
            )
            code_of = {pk: code for code, pk in self.opd_ids.items()}
            self.unit_ids = {
                (code_of[opd_id], code): pk
                for pk, opd_id, code in Unit.objects.values_list("id", "opd_id", "code")
            }
        _bulk_update(
            Unit, UNIT_FIELDS, [(self.unit_ids[r.key], *r.values()) for r in plan.units_changed]
        )

    # -- employees

    def _employee_values(self, r: EmployeeRow, role: str) -> tuple:
        """In the order of EMPLOYEE_FIELDS."""
        return (
            r.name,
            r.asn_type,
            self.opd_ids[r.opd_code],
            self.unit_ids[(r.opd_code, r.unit_code)] if r.unit_code else None,
            r.position,
            role,
            r.wfh_eligible,
            r.ineligible_reason,
            r.ineligible_note,
            r.email,
            r.phone,
            r.new_in_post_since,
            r.active_from,
            r.active_to,
        )

    def write_employees(self) -> None:
        plan = self.plan
        db = self.db
        if not (plan.employees_new or plan.employees_changed):
            return
        # Changed rows go first, so every head who steps down has done so before a new head is
        # written. A changed row that becomes head is written as staff and promoted at the end:
        # one head per unit at every step. New rows are written with their final role.
        promote: list[tuple[int, str]] = []
        changed: list[tuple] = []
        for r in plan.employees_changed:
            pk = db.employee_ids[r.nip]
            role = r.unit_role
            before = db.employees[r.nip]
            if role == UnitRole.HEAD and (before.unit_role, before.opd_code, before.unit_code) != (
                UnitRole.HEAD,
                r.opd_code,
                r.unit_code,
            ):
                promote.append((pk, UnitRole.HEAD))
                role = UnitRole.STAFF
            changed.append((pk, *self._employee_values(r, role)))
        _bulk_update(Employee, EMPLOYEE_FIELDS, changed)
        created_ids, supervisors_set = self._create_employees(plan.employees_new)
        _bulk_update(Employee, ["unit_role"], promote)
        # second pass: supervisors not written yet, now that every employee has an id
        supervisors = []
        pending = (
            plan.employees_changed
            if supervisors_set
            else plan.employees_new + plan.employees_changed
        )
        for r in pending:
            before = db.employees.get(r.nip)
            if r.supervisor_nip != (before.supervisor_nip if before else None):
                boss = self.employee_ids[r.supervisor_nip] if r.supervisor_nip else None
                supervisors.append((self.employee_ids[r.nip], boss))
        _bulk_update(Employee, ["supervisor"], supervisors)
        self._open_first_placements(created_ids)
        changed_ids = [pk for pk, *_ in changed]
        for chunk in _chunks(changed_ids, 20_000):
            placements_sync(employee_ids=chunk, effective=self.today)

    def _open_first_placements(self, employee_ids: list[int]) -> None:
        """The first placement of each new employee, from min(active_from, today).

        This is the row placements_sync opens for someone without history (a test holds the two
        to the same rule), written here with one INSERT ... SELECT instead of a model instance
        per employee; placements_sync then handles the changed employees, whose moves close the
        old placement and open a new one.
        """
        if not employee_ids:
            return
        p, e = Placement._meta.db_table, Employee._meta.db_table
        earliest = "LEAST" if is_postgres() else "MIN"
        sql = (
            f'INSERT INTO "{p}" '  # noqa: S608
            f"(employee_id, opd_id, unit_id, position, unit_role, valid_from, kind) "
            f"SELECT id, opd_id, unit_id, position, unit_role, "
            f'{earliest}(COALESCE(active_from, %s), %s), %s FROM "{e}" WHERE id '
        )
        first = PlacementKind.FIRST.value
        with connection.cursor() as cursor:
            if is_postgres():
                cursor.execute(sql + "= ANY(%s)", [self.today, self.today, first, employee_ids])
                return
            for chunk in _chunks(employee_ids, 900):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"{sql}IN ({marks})", [self.today, self.today, first, *chunk])

    def _create_employees(self, rows: list[EmployeeRow]) -> tuple[list[int], bool]:
        """Insert new employees with their accounts; returns their ids, and whether their
        supervisors are set already.

        PostgreSQL: ids are taken from the sequence first, so one COPY writes every row with its
        supervisor and account (foreign keys are checked at commit). Elsewhere: bulk_create, and
        supervisors follow in the second pass.
        """
        if not rows:
            return [], True
        fields = [Employee._meta.get_field(name) for name in EMPLOYEE_FIELDS]
        if is_postgres():
            ids = _reserve_ids(Employee, len(rows))
            self.employee_ids.update(zip((r.nip for r in rows), ids, strict=True))
            user_ids = self._create_users(rows)
            employee_ids = self.employee_ids
            copy_csv(
                Employee,
                ["id", "nip", *(f.column for f in fields), "supervisor_id", "user_id"],
                (
                    (
                        pk,
                        r.nip,
                        *self._employee_values(r, r.unit_role),
                        employee_ids[r.supervisor_nip] if r.supervisor_nip else None,
                        user_ids.get(r.nip),
                    )
                    for r, pk in zip(rows, ids, strict=True)
                ),
            )
            return ids, True
        user_ids = self._create_users(rows)
        objs = [
            Employee(
                nip=r.nip,
                user_id=user_ids.get(r.nip),
                **{
                    f.attname: v
                    for f, v in zip(fields, self._employee_values(r, r.unit_role), strict=True)
                },
            )
            for r in rows
        ]
        Employee.objects.bulk_create(objs, batch_size=BATCH)
        self.employee_ids.update((obj.nip, obj.pk) for obj in objs)
        return [obj.pk for obj in objs], False

    def _create_users(self, rows: list[EmployeeRow]) -> dict[str, int]:
        """A login (username = NIP, unusable password, role employee) for each new employee.

        An existing account named after the NIP that no employee uses yet is linked instead.
        """
        existing = _ids_by_key(User, "username", [r.nip for r in rows])
        taken = {pk for pk in self.db.employee_users.values() if pk is not None}
        linked = {nip: pk for nip, pk in existing.items() if pk not in taken}
        fresh = [r for r in rows if r.nip not in existing]
        if not fresh:
            return linked
        now = timezone.now()
        values = [
            (_unusable_password(), False, r.nip, "", "", r.email, False, True, now, Role.EMPLOYEE)
            for r in fresh
        ]
        if is_postgres():
            ids = _reserve_ids(User, len(fresh))
            copy_csv(
                User, ["id", *USER_COLUMNS], ((pk, *v) for pk, v in zip(ids, values, strict=True))
            )
            linked.update(zip((r.nip for r in fresh), ids, strict=True))
        else:
            users = [User(**dict(zip(USER_COLUMNS, v, strict=True))) for v in values]
            User.objects.bulk_create(users, batch_size=BATCH)
            linked.update({u.username: u.pk for u in users})
        return linked


def _reserve_ids(model, count: int) -> list[int]:
    """`count` fresh primary keys from the table's sequence (PostgreSQL), in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _opd_values(r: OpdRow) -> tuple:
    """In the order of OPD_FIELDS."""
    return (r.name, r.kind, r.latitude, r.longitude, r.radius_m, r.time_zone, r.active)
