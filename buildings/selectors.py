"""Which buildings a user or an API client sees (the rule itself is opd.access's)."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from buildings.models import Building
from opd import access


def buildings_for_opds(opd_ids: Collection[int] | None) -> QuerySet[Building]:
    """Every building (None), or those housing any of the OPDs."""
    qs = Building.objects.all()
    if opd_ids is not None:
        qs = qs.filter(
            id__in=Building.opds.through.objects.filter(opd_id__in=opd_ids).values("building_id")
        )
    return qs


def visible_buildings(user) -> QuerySet[Building]:
    return buildings_for_opds(access.building_opd_ids(user))


def building_list(user) -> QuerySet[Building]:
    return (
        visible_buildings(user)
        .annotate(
            zone_count=Count("zones", distinct=True), meter_count=Count("meters", distinct=True)
        )
        .prefetch_related("opds")
        .order_by("code")
    )


def building_or_404(user, code: str) -> Building:
    building = visible_buildings(user).filter(code=code).first()
    if building is None:
        raise Http404(_("Gedung %(code)s tidak ada atau di luar cakupan Anda.") % {"code": code})
    return building
