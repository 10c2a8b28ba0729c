"""The registry as it is before an import, keyed by codes and NIPs (a few queries)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from opd.importing.rows import EmployeeRow, OpdRow, UnitRow
from opd.models import Employee, Opd, Unit


@dataclass
class Registry:
    """The registry as it is before the import, keyed by codes and NIPs (a few queries)."""

    opds: dict[str, OpdRow] = field(default_factory=dict)
    opd_ids: dict[str, int] = field(default_factory=dict)
    units: dict[tuple[str, str], UnitRow] = field(default_factory=dict)
    unit_ids: dict[tuple[str, str], int] = field(default_factory=dict)
    units_by_code: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    employees: dict[str, EmployeeRow] = field(default_factory=dict)
    employee_ids: dict[str, int] = field(default_factory=dict)
    employee_users: dict[str, int | None] = field(default_factory=dict)

    @classmethod
    def load(cls, *, with_employees: bool) -> Registry:
        db = cls()
        opd_rows = list(
            Opd.objects.values_list(
                "id",
                "code",
                "name",
                "kind",
                "parent_id",
                "latitude",
                "longitude",
                "radius_m",
                "time_zone",
                "active",
            )
        )
        opd_code = {row[0]: row[1] for row in opd_rows}
        for pk, code, name, kind, parent_id, lat, lon, radius, tz, active in opd_rows:
            db.opd_ids[code] = pk
            db.opds[code] = OpdRow(
                row=0,
                code=code,
                name=name,
                kind=kind,
                parent_code=opd_code.get(parent_id),
                latitude=lat,
                longitude=lon,
                radius_m=radius,
                time_zone=tz,
                active=active,
            )
        unit_key: dict[int, tuple[str, str]] = {}
        for pk, opd_id, code, name, frontline, min_onsite in Unit.objects.values_list(
            "id", "opd_id", "code", "name", "frontline", "min_onsite"
        ):
            key = (opd_code[opd_id], code)
            unit_key[pk] = key
            db.unit_ids[key] = pk
            db.units[key] = UnitRow(0, key[0], code, name, frontline, min_onsite)
            db.units_by_code[code].append(key[0])
        if not with_employees:
            return db
        fields = (
            "id",
            "nip",
            "name",
            "asn_type",
            "opd_id",
            "unit_id",
            "position",
            "unit_role",
            "supervisor_id",
            "wfh_eligible",
            "ineligible_reason",
            "ineligible_note",
            "email",
            "phone",
            "new_in_post_since",
            "active_from",
            "active_to",
            "user_id",
        )
        rows = list(Employee.objects.values_list(*fields).iterator(chunk_size=20_000))
        nip_by_id = {row[0]: row[1] for row in rows}
        for (
            pk,
            nip,
            name,
            asn_type,
            opd_id,
            unit_id,
            position,
            unit_role,
            supervisor_id,
            eligible,
            reason,
            reason_note,
            email,
            phone,
            new_since,
            active_from,
            active_to,
            user_id,
        ) in rows:
            db.employee_ids[nip] = pk
            db.employee_users[nip] = user_id
            unit = unit_key.get(unit_id)
            db.employees[nip] = EmployeeRow(
                0,
                nip,
                name,
                asn_type,
                opd_code[opd_id],
                unit[1] if unit else None,
                position,
                unit_role,
                nip_by_id.get(supervisor_id),
                eligible,
                reason,
                reason_note,
                email,
                phone,
                new_since,
                active_from,
                active_to,
            )
        return db
