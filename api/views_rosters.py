"""API v1 views of the programme phases and the rosters: list, start (queued), follow, publish.
Thin: writing is wfh.rosters'."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api import docs, docs_rosters, filters, selectors
from api.auth import Principal
from api.models import Scope
from api.serializers import (
    PhaseSerializer,
    RosterPublishedSerializer,
    RosterPublishSerializer,
    RosterSerializer,
    RosterStartSerializer,
)
from wfh.models import Phase, Roster
from wfh.rosters import generation, publication

# -- phases and rosters --------------------------------------------------------------------------


@docs.endpoint(
    (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE),
    summary="Daftar tahap program WFH",
    description=docs_rosters.PHASE_DESCRIPTION,
    examples=docs_rosters.PHASE_EXAMPLES,
    tag="Roster",
)
class PhaseListView(generics.ListAPIView):
    required_scope = (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE)
    serializer_class = PhaseSerializer
    filterset_class = filters.PhaseFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return Phase.objects.none()
        principal = Principal.of(self.request)
        return selectors.phase_list(opds=principal.opds(), restricted=principal.opd_ids is not None)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["active_codes"] = selectors.active_opd_codes(Principal.of(self.request).opds())
            context["today"] = timezone.localdate()
        return context


def _roster_or_404(request, pk) -> Roster:
    roster = selectors.roster_get(opds=Principal.of(request).opds(), pk=pk)
    if roster is None:
        raise exceptions.NotFound(
            _("Roster %(id)s tidak ditemukan atau di luar cakupan Anda.") % {"id": pk}
        )
    return roster


def _roster_user(request):
    """The user a roster service acts for: none for a token client, the session's user."""
    return None if Principal.of(request).client is not None else request.user


@docs.endpoint(
    Scope.ROSTER_WRITE,
    summary="Buat roster satu OPD dalam satu tahap (antre)",
    description=docs_rosters.ROSTER_START_DESCRIPTION,
    request=RosterStartSerializer,
    response=RosterSerializer,
    examples=docs_rosters.ROSTER_START_EXAMPLES,
    method="post",
    success=202,
    bad_request=docs_rosters.ROSTER_START_BAD_REQUEST,
    tag="Roster",
)
@docs.endpoint(
    (Scope.ROSTER_WRITE, Scope.SCHEDULE_READ),
    summary="Daftar roster",
    description=(
        "Semua versi roster OPD dalam cakupan pemanggil, urut awal tahap, tahap, kode OPD, versi "
        "terbaru dahulu. Saring dengan `phase` (slug), `opd`, `status`, `workflow`."
    ),
    examples=docs_rosters.ROSTER_LIST_EXAMPLES,
    tag="Roster",
)
class RosterListView(generics.ListCreateAPIView):
    required_scopes = {
        "GET": (Scope.ROSTER_WRITE, Scope.SCHEDULE_READ),
        "HEAD": (Scope.ROSTER_WRITE, Scope.SCHEDULE_READ),
        "POST": Scope.ROSTER_WRITE,
    }
    required_scope = Scope.ROSTER_WRITE
    serializer_class = RosterSerializer
    filterset_class = filters.RosterFilter

    def get_queryset(self):
        return selectors.roster_list(opds=Principal.of(self.request).opds())

    def create(self, request, *args, **kwargs):
        start = RosterStartSerializer(data=request.data, opds=Principal.of(request).opds())
        start.is_valid(raise_exception=True)
        try:
            (roster,) = generation.rosters_start(
                phase=start.validated_data["phase"],
                opds=[start.validated_data["opd"]],
                user=_roster_user(request),
            )
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc) or None) from exc
        roster = selectors.roster_get(opds=Principal.of(request).opds(), pk=roster.pk)
        body = RosterSerializer(roster, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


@docs.endpoint(
    (Scope.ROSTER_WRITE, Scope.SCHEDULE_READ),
    summary="Satu roster: status dan kemajuan pembuatan",
    description=docs_rosters.ROSTER_DETAIL_DESCRIPTION,
    examples=docs_rosters.ROSTER_DETAIL_EXAMPLES,
    not_found=True,
    path={"id": "ID roster (dari POST /api/v1/rosters/)."},
    tag="Roster",
)
class RosterDetailView(generics.RetrieveAPIView):
    required_scope = (Scope.ROSTER_WRITE, Scope.SCHEDULE_READ)
    serializer_class = RosterSerializer
    pagination_class = None
    filter_backends: list = []

    def get_object(self):
        return _roster_or_404(self.request, self.kwargs["id"])


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


@docs.endpoint(
    Scope.ROSTER_WRITE,
    summary="Terbitkan roster",
    description=docs_rosters.ROSTER_PUBLISH_DESCRIPTION,
    request=RosterPublishSerializer,
    response=RosterPublishedSerializer,
    examples=docs_rosters.ROSTER_PUBLISH_EXAMPLES,
    method="post",
    not_found=True,
    path={"id": "ID roster."},
    bad_request=docs_rosters.ROSTER_PUBLISH_BAD_REQUEST,
    conflict=docs_rosters.ROSTER_PUBLISH_CONFLICT,
    tag="Roster",
)
class RosterPublishView(APIView):
    required_scope = Scope.ROSTER_WRITE

    def post(self, request, id):
        roster = _roster_or_404(request, id)
        body = RosterPublishSerializer(data=request.data if request.data else {})
        body.is_valid(raise_exception=True)
        from_date = body.validated_data.get("from")
        phase = roster.phase
        if from_date is not None and not (phase.start <= from_date <= phase.end):
            raise exceptions.ValidationError(
                {
                    "from": _("Tanggal %(d)s di luar tahap (%(start)s s.d. %(end)s).")
                    % {"d": from_date, "start": phase.start, "end": phase.end}
                }
            )
        try:
            written = publication.roster_publish(
                roster=roster, user=_roster_user(request), from_date=from_date
            )
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(_("Hanya HR yang boleh menerbitkan jadwal.")) from exc
        except DjangoValidationError as exc:
            raise Conflict(" ".join(exc.messages)) from exc
        roster = _roster_or_404(request, id)
        data = RosterSerializer(roster, context={"request": request}).data
        return Response({**data, "published_rows": written})
