"""API v1 views of the kajian inputs: operating costs and service output, checked and written
by evaluation.services (one answer per item)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from api import docs, docs_evaluation
from api.auth import Principal
from api.models import Scope
from api.serializers import InputResponseSerializer
from evaluation import services as evaluation_services

# -- kajian inputs --------------------------------------------------------------------------


def _input_items(data, noun: str) -> list:
    """The items of a kajian input batch: a JSON list, or {"items": [...]}, 1 to 1,000 long."""
    if isinstance(data, dict) and set(data) == {"items"}:
        data, where = data["items"], "items"
    else:
        where = "non_field_errors"
    if not isinstance(data, list):
        raise exceptions.ValidationError(
            {where: [_('Kirim daftar JSON, atau objek {"items": [...]}.')]}
        )
    if not data:
        raise exceptions.ValidationError({where: [_("Daftar %(noun)s kosong.") % {"noun": noun}]})
    limit = evaluation_services.MAX_API_BATCH
    if len(data) > limit:
        raise exceptions.ValidationError(
            {
                where: [
                    _("Paling banyak %(max)s %(noun)s sekali kirim; diterima %(n)s.")
                    % {"max": limit, "noun": noun, "n": len(data)}
                ]
            }
        )
    return data


def _evaluation_writer(request) -> Principal:
    """Token clients need the scope (HasScope); a browser session must be HR, like the pages."""
    principal = Principal.of(request)
    if principal.client is None and not request.user.is_hr:
        raise exceptions.PermissionDenied(_("Hanya HR yang boleh mengisi data kajian."))
    return principal


@docs.endpoint(
    Scope.EVALUATION_WRITE,
    summary="Kirim biaya operasional per OPD per bulan (paling banyak 1.000)",
    description=docs_evaluation.COSTS_DESCRIPTION,
    request=docs_evaluation.COSTS_REQUEST,
    response=InputResponseSerializer,
    examples=docs_evaluation.COSTS_EXAMPLES,
    method="post",
    bad_request=docs_evaluation.COSTS_BAD_REQUEST,
)
class EvaluationCostsView(APIView):
    required_scope = Scope.EVALUATION_WRITE

    def post(self, request):
        principal = _evaluation_writer(request)
        items = _input_items(request.data, _("biaya"))
        user = request.user if principal.client is None else None
        return Response(
            evaluation_services.costs_ingest(items=items, opd_ids=principal.opd_ids, user=user)
        )


@docs.endpoint(
    Scope.EVALUATION_WRITE,
    summary="Kirim keluaran layanan publik per OPD per hari atau minggu (paling banyak 1.000)",
    description=docs_evaluation.SERVICE_OUTPUT_DESCRIPTION,
    request=docs_evaluation.SERVICE_OUTPUT_REQUEST,
    response=InputResponseSerializer,
    examples=docs_evaluation.SERVICE_OUTPUT_EXAMPLES,
    method="post",
    bad_request=docs_evaluation.SERVICE_OUTPUT_BAD_REQUEST,
)
class EvaluationServiceOutputView(APIView):
    required_scope = Scope.EVALUATION_WRITE

    def post(self, request):
        principal = _evaluation_writer(request)
        items = _input_items(request.data, _("keluaran layanan"))
        return Response(
            evaluation_services.service_output_ingest(items=items, opd_ids=principal.opd_ids)
        )
