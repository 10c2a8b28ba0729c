"""Read-side queries for the registry pages, always on a queryset already scoped by opd.access."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from opd.models import Employee, Opd


def opds_with_counts(opds: QuerySet[Opd], *, search: str = "") -> QuerySet[Opd]:
    if search:
        opds = opds.filter(Q(code__icontains=search) | Q(name__icontains=search))
    return (
        opds.select_related("parent")
        .order_by("code")
        .annotate(
            staff_count=Count("employees", distinct=True),
            unit_count=Count("units", distinct=True),
        )
    )


def search_employees(
    employees: QuerySet[Employee],
    *,
    query: str = "",
    nip_within: QuerySet[Employee] | None = None,
) -> QuerySet[Employee]:
    """By name, or by NIP prefix among `nip_within` (those whose NIP the reader may see)."""
    query = query.strip()
    if query:
        digits = query.replace(" ", "")
        if digits.isdigit():
            employees = employees.filter(nip__startswith=digits)
            if nip_within is not None:
                employees = employees.filter(id__in=nip_within.values("id"))
        else:
            employees = employees.filter(name__icontains=query)
    return employees.select_related("opd", "unit")


def units_with_counts(opd: Opd):
    return opd.units.annotate(
        staff_count=Count("employees"),
        eligible_count=Count("employees", filter=Q(employees__wfh_eligible=True)),
    ).order_by("code")
