"""API v1: a phase's changes from a date, listed and added. Thin: the rules are
wfh.phase_versions' (its parser names each bad field; opd.access says who may change)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext as _
from rest_framework import exceptions, generics, status
from rest_framework.response import Response

from api import docs, docs_phase_changes, selectors
from api.auth import Principal
from api.models import Scope
from api.serializers_phase_changes import (
    PhaseChangeCreatedSerializer,
    PhaseChangeRequestSerializer,
    PhaseChangeSerializer,
)
from opd import access
from wfh.models import PhaseVersion
from wfh.phase_versions.changes import change_parse, phase_change
from wfh.phase_versions.history import history, history_line
from wfh.phase_versions.selectors import phase_spans, versions_of


def _phase_or_404(request, slug: str):
    principal = Principal.of(request)
    phase = (
        selectors.phase_list(opds=principal.opds(), restricted=principal.opd_ids is not None)
        .filter(slug=slug)
        .first()
    )
    if phase is None:
        raise exceptions.NotFound(
            _("Tahap %(slug)s tidak ditemukan atau di luar cakupan Anda.") % {"slug": slug}
        )
    return phase


@docs.endpoint(
    Scope.ROSTER_WRITE,
    summary="Ubah tahap mulai suatu tanggal",
    description=docs_phase_changes.CREATE_DESCRIPTION,
    request=PhaseChangeRequestSerializer,
    response=PhaseChangeCreatedSerializer,
    examples=docs_phase_changes.CREATE_EXAMPLES,
    method="post",
    success=201,
    not_found=True,
    bad_request=docs_phase_changes.BAD_REQUEST,
    path={"slug": "Slug tahap, mis. depok-2026."},
    tag="Roster",
)
@docs.endpoint(
    (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE),
    summary="Riwayat perubahan tahap",
    description=docs_phase_changes.LIST_DESCRIPTION,
    examples=docs_phase_changes.LIST_EXAMPLES,
    not_found=True,
    path={"slug": "Slug tahap, mis. depok-2026."},
    tag="Roster",
)
class PhaseChangeListView(generics.ListCreateAPIView):
    required_scopes = {
        "GET": (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE),
        "HEAD": (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE),
        "POST": Scope.ROSTER_WRITE,
    }
    required_scope = Scope.ROSTER_WRITE
    serializer_class = PhaseChangeSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PhaseVersion.objects.none()
        phase = _phase_or_404(self.request, self.kwargs["slug"])
        return versions_of(phase).select_related("phase")

    def create(self, request, *args, **kwargs):
        principal = Principal.of(request)
        user = None if principal.client is not None else request.user
        if principal.client is not None and principal.opd_ids is not None:
            raise exceptions.PermissionDenied(
                _("Hanya klien yang tidak dibatasi ke OPD yang boleh mengubah tahap.")
            )
        if user is not None and not access.can_change_phases(user):
            raise exceptions.PermissionDenied(_("Hanya HR yang boleh mengubah tahap."))
        phase = _phase_or_404(request, kwargs["slug"])
        if not isinstance(request.data, dict):
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Kirim satu objek JSON perubahan.")]}
            )
        try:
            result = phase_change(phase=phase, spec=change_parse(dict(request.data)), user=user)
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(_("Hanya HR yang boleh mengubah tahap.")) from exc
        version = result.version
        version.history = history_line(history(phase, phase_spans(phase), today=version.valid_from))
        version.rosters_queued = len(result.rosters)
        body = PhaseChangeCreatedSerializer(version).data
        return Response(body, status=status.HTTP_201_CREATED)
