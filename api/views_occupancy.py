"""API v1: the occupancy forecast for facility systems (GET /api/v1/occupancy/). Thin: the
counts are buildings.forecast's; which buildings a caller sees, buildings.selectors' (with
opd.access's rule)."""

from __future__ import annotations

from rest_framework.response import Response
from rest_framework.views import APIView

from api import docs, docs_occupancy
from api.auth import Principal
from api.models import Scope
from api.serializers_occupancy import OccupancyQuerySerializer, OccupancySerializer
from api.views_schedule import ETagMixin
from buildings import forecast, selectors
from common.replica import ReplicaReadsMixin


@docs.endpoint(
    Scope.OCCUPANCY_READ,
    summary="Okupansi gedung pada satu hari",
    description=docs_occupancy.OCCUPANCY_DESCRIPTION,
    examples=docs_occupancy.OCCUPANCY_EXAMPLES,
    response=OccupancySerializer,
    query=[OccupancyQuerySerializer],
    etag=True,
)
class OccupancyView(ReplicaReadsMixin, ETagMixin, APIView):
    required_scope = Scope.OCCUPANCY_READ

    def get(self, request):
        principal = Principal.of(request)
        visible = selectors.buildings_for_opds(principal.opd_ids)
        query = OccupancyQuerySerializer(data=request.query_params, buildings=visible)
        query.is_valid(raise_exception=True)
        day = query.validated_data["date"]
        chosen = query.validated_data.get("building")
        buildings = [chosen] if chosen else list(visible.order_by("code"))
        rows = forecast.zones_on(buildings, day)
        body = {"date": day, "buildings": []}
        for b in buildings:
            zones = [r for r in rows if r.building.pk == b.pk]
            capacity = sum(r.zone.capacity for r in zones)
            onsite = sum(r.onsite for r in zones)
            published = any(r.published for r in zones)
            body["buildings"].append(
                {
                    "code": b.code,
                    "name": b.name,
                    "capacity": capacity,
                    "onsite": onsite,
                    "published": published,
                    "nearly_empty": published and forecast.is_nearly_empty(onsite, capacity),
                    "zones": [
                        {
                            "code": r.zone.code,
                            "name": r.zone.name,
                            "floor": r.zone.floor,
                            "capacity": r.zone.capacity,
                            "onsite": r.onsite,
                            "always_on": r.zone.always_on,
                            "nearly_empty": r.nearly_empty,
                        }
                        for r in zones
                    ],
                }
            )
        return Response(OccupancySerializer(body).data)
