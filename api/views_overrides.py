"""API v1 views of the declared days and the individual WFH orders: list, create, revoke.
Thin: the rules are wfh.overrides' (their parsers name each bad field)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api import docs, docs_overrides
from api.auth import Principal
from api.models import Scope
from api.serializers_overrides import (
    DeclaredDaySerializer,
    DeclaredPreviewSerializer,
    RevokeSerializer,
    WfhOrderSerializer,
)
from api.views_rosters import Conflict
from opd import access
from opd.models import Opd
from wfh.overrides import selectors
from wfh.overrides.declared import Terms, declaration_plan, declared_days_declare
from wfh.overrides.inputs import declaration_parse
from wfh.overrides.models import DeclaredDay, WfhOrder
from wfh.overrides.orders import order_parse, wfh_order_issue
from wfh.overrides.revoking import declared_day_revoke, wfh_order_revoke


def _user(request):
    """The user a service acts for: none for a token client, the session's user."""
    return None if Principal.of(request).client is not None else request.user


def _require_unrestricted(request) -> None:
    """Declared days concern many OPDs: a token client restricted to some OPDs may not."""
    if Principal.of(request).opd_ids is not None and Principal.of(request).client is not None:
        raise exceptions.PermissionDenied(
            _("Hanya klien yang tidak dibatasi ke OPD yang boleh menetapkan hari.")
        )


def _require_hr_session(request) -> None:
    """Through a browser session only HR declares or revokes (opd.access's rule)."""
    user = _user(request)
    if user is not None and not access.scope_for(user).is_hr:
        raise exceptions.PermissionDenied(_("Hanya HR yang boleh menetapkan atau mencabut hari."))


def _declared_queryset(request):
    principal = Principal.of(request)
    qs = selectors.declarations()
    if principal.opd_ids is not None:
        ids = list(principal.opd_ids)
        qs = qs.filter(Q(opds__in=ids) | Q(opds__isnull=True)).distinct()
    return qs


def _declared_or_404(request, pk) -> DeclaredDay:
    declared = _declared_queryset(request).filter(pk=pk).first()
    if declared is None:
        raise exceptions.NotFound(_("Penetapan %(id)s tidak ditemukan.") % {"id": pk})
    return declared


@docs.endpoint(
    Scope.ROSTER_WRITE,
    summary="Tetapkan hari WFA/WFH",
    description=docs_overrides.DECLARED_CREATE_DESCRIPTION,
    request=DeclaredDaySerializer,
    response=DeclaredDaySerializer,
    examples=docs_overrides.DECLARED_CREATE_EXAMPLES,
    method="post",
    success=201,
    bad_request=docs_overrides.DECLARED_BAD_REQUEST,
    tag="Hari yang ditetapkan",
)
@docs.endpoint(
    (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE),
    summary="Daftar hari yang ditetapkan",
    description=docs_overrides.DECLARED_LIST_DESCRIPTION,
    examples=docs_overrides.DECLARED_EXAMPLES,
    tag="Hari yang ditetapkan",
)
class DeclaredDayListView(generics.ListCreateAPIView):
    required_scopes = {
        "GET": (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE),
        "HEAD": (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE),
        "POST": Scope.ROSTER_WRITE,
    }
    required_scope = Scope.ROSTER_WRITE
    serializer_class = DeclaredDaySerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DeclaredDay.objects.none()
        return _declared_queryset(self.request)

    def create(self, request, *args, **kwargs):
        _require_unrestricted(request)
        _require_hr_session(request)
        if not isinstance(request.data, dict):
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Kirim satu objek JSON penetapan.")]}
            )
        data = dict(request.data)
        dry_run = bool(data.pop("dry_run", False))
        spec = declaration_parse(data)
        if dry_run:
            plan = declaration_plan(Terms.of_spec(spec))
            body = {
                **plan.totals,
                "by_opd": [
                    {"opd": p.opd.code, "employees": p.employees, "wfh": p.wfh, "wfo": p.wfo}
                    for p in plan.opds
                    if p.employees
                ],
            }
            return Response(DeclaredPreviewSerializer(body).data)
        try:
            declared, _plan = declared_days_declare(spec=spec, user=_user(request))
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(_("Hanya HR yang boleh menetapkan hari.")) from exc
        body = DeclaredDaySerializer(_declared_or_404(request, declared.pk)).data
        return Response(body, status=status.HTTP_201_CREATED)


@docs.endpoint(
    (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE),
    summary="Satu hari yang ditetapkan",
    description=docs_overrides.DECLARED_LIST_DESCRIPTION,
    examples=[],
    not_found=True,
    path={"id": "ID penetapan."},
    tag="Hari yang ditetapkan",
)
class DeclaredDayDetailView(generics.RetrieveAPIView):
    required_scope = (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE)
    serializer_class = DeclaredDaySerializer
    pagination_class = None
    filter_backends: list = []

    def get_object(self):
        return _declared_or_404(self.request, self.kwargs["id"])


@docs.endpoint(
    Scope.ROSTER_WRITE,
    summary="Cabut hari yang ditetapkan",
    description=docs_overrides.DECLARED_REVOKE_DESCRIPTION,
    request=RevokeSerializer,
    response=DeclaredDaySerializer,
    examples=docs_overrides.DECLARED_REVOKE_EXAMPLES,
    method="post",
    not_found=True,
    path={"id": "ID penetapan."},
    conflict=docs_overrides.REVOKE_CONFLICT,
    tag="Hari yang ditetapkan",
)
class DeclaredDayRevokeView(APIView):
    required_scope = Scope.ROSTER_WRITE
    serializer_class = RevokeSerializer

    def post(self, request, id):
        _require_unrestricted(request)
        _require_hr_session(request)
        declared = _declared_or_404(request, id)
        try:
            restored = declared_day_revoke(declared=declared, user=_user(request))
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(_("Hanya HR yang boleh mencabut.")) from exc
        except DjangoValidationError as exc:
            raise Conflict(" ".join(exc.messages)) from exc
        body = DeclaredDaySerializer(_declared_or_404(request, id)).data
        return Response({**body, "restored_rows": restored})


def _order_or_404(request, pk) -> WfhOrder:
    order = selectors.orders_for(Principal.of(request).opds()).filter(pk=pk).first()
    if order is None:
        raise exceptions.NotFound(
            _("Perintah %(id)s tidak ditemukan atau di luar cakupan Anda.") % {"id": pk}
        )
    return order


@docs.endpoint(
    Scope.ROSTER_WRITE,
    summary="Keluarkan perintah WFH individual",
    description=docs_overrides.ORDER_CREATE_DESCRIPTION,
    request=WfhOrderSerializer,
    response=WfhOrderSerializer,
    examples=docs_overrides.ORDER_CREATE_EXAMPLES,
    method="post",
    success=201,
    bad_request=docs_overrides.ORDER_BAD_REQUEST,
    tag="Perintah WFH",
)
@docs.endpoint(
    (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE),
    summary="Daftar perintah WFH individual",
    description=docs_overrides.ORDER_LIST_DESCRIPTION,
    examples=docs_overrides.ORDER_EXAMPLES,
    tag="Perintah WFH",
)
class WfhOrderListView(generics.ListCreateAPIView):
    required_scopes = {
        "GET": (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE),
        "HEAD": (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE),
        "POST": Scope.ROSTER_WRITE,
    }
    required_scope = Scope.ROSTER_WRITE
    serializer_class = WfhOrderSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WfhOrder.objects.none()
        return selectors.orders_for(Principal.of(self.request).opds())

    def create(self, request, *args, **kwargs):
        if not isinstance(request.data, dict):
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Kirim satu objek JSON perintah.")]}
            )
        code = str(request.data.get("opd") or "")
        opd = Principal.of(request).opds().filter(code=code).first()
        if opd is None:
            known = Opd.objects.filter(code=code).exists()
            message = (
                _("OPD %(code)s di luar cakupan Anda.")
                if known
                else _("OPD %(code)s tidak dikenal.")
            )
            raise exceptions.ValidationError({"opd": [message % {"code": code}]})
        order = order_parse(opd=opd, data=dict(request.data), today=opd.local_today())
        try:
            row, _check = wfh_order_issue(order=order, user=_user(request))
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied() from exc
        body = WfhOrderSerializer(_order_or_404(request, row.pk)).data
        return Response(body, status=status.HTTP_201_CREATED)


@docs.endpoint(
    Scope.ROSTER_WRITE,
    summary="Cabut perintah WFH individual",
    description=docs_overrides.ORDER_REVOKE_DESCRIPTION,
    request=RevokeSerializer,
    response=WfhOrderSerializer,
    examples=docs_overrides.ORDER_REVOKE_EXAMPLES,
    method="post",
    not_found=True,
    path={"id": "ID perintah."},
    conflict=docs_overrides.REVOKE_CONFLICT,
    tag="Perintah WFH",
)
class WfhOrderRevokeView(APIView):
    required_scope = Scope.ROSTER_WRITE
    serializer_class = RevokeSerializer

    def post(self, request, id):
        order = _order_or_404(request, id)
        try:
            restored = wfh_order_revoke(order=order, user=_user(request))
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied() from exc
        except DjangoValidationError as exc:
            raise Conflict(" ".join(exc.messages)) from exc
        body = WfhOrderSerializer(_order_or_404(request, id)).data
        return Response({**body, "restored_rows": restored})
