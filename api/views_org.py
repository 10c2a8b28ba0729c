"""API v1 views of the organisation: OPDs and employees. Thin: reading is in api/selectors.py;
who may see what comes from api.auth.Principal (opd.access for session users)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions, generics

from api import docs, docs_org, filters, selectors
from api.auth import Principal
from api.models import Scope
from api.serializers import EmployeeSerializer, OpdDetailSerializer, OpdSerializer
from opd import access


def employee_or_404(employee, nip: str):
    """The employee a NIP path names, or the one 404 of every /employees/{nip}/ route."""
    if employee is None:
        raise exceptions.NotFound(
            _("Pegawai dengan NIP %(nip)s tidak ditemukan atau di luar cakupan Anda.")
            % {"nip": nip}
        )
    return employee


# -- organisation ----------------------------------------------------------------------------


@docs.endpoint(
    Scope.ORG_READ,
    summary="Daftar OPD",
    description="OPD yang boleh dilihat pemanggil, urut kode.",
    examples=docs_org.OPD_LIST_EXAMPLES,
)
class OpdListView(generics.ListAPIView):
    required_scope = Scope.ORG_READ
    serializer_class = OpdSerializer
    filterset_class = filters.OpdFilter

    def get_queryset(self):
        return selectors.opd_list(opds=Principal.of(self.request).opds())


@docs.endpoint(
    Scope.ORG_READ,
    summary="Satu OPD dengan unitnya",
    description="OPD dengan kode `code` dan unit kerjanya. 404 bila tidak ada atau di luar cakupan",
    examples=docs_org.OPD_DETAIL_EXAMPLES,
    not_found=True,
    path={"code": "Kode OPD, mis. DISKOMINFO."},
)
class OpdDetailView(generics.RetrieveAPIView):
    required_scope = Scope.ORG_READ
    serializer_class = OpdDetailSerializer
    pagination_class = None
    filter_backends: list = []

    def get_object(self):
        opd = selectors.opd_detail(opds=Principal.of(self.request).opds(), code=self.kwargs["code"])
        if opd is None:
            raise exceptions.NotFound(
                _("OPD %(code)s tidak ditemukan atau di luar cakupan Anda.")
                % {"code": self.kwargs["code"]}
            )
        return opd


# -- employees -----------------------------------------------------------------------------------


def _fields_rule(request):
    """What fields of an employee the caller may see (opd.access): a client by its scope (NIP
    and personal data with org:read), a session user as on the /pegawai/ pages."""
    principal = Principal.of(request)
    if principal.client is not None:
        fields = access.employee_field_set(personal=principal.client.has_scope(Scope.ORG_READ))
        return lambda employee: fields
    user = request.user
    return lambda employee: access.employee_fields(user, employee)


class EmployeeMixin:
    required_scope = (Scope.ORG_READ, Scope.SCHEDULE_READ)
    serializer_class = EmployeeSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        context["fields"] = _fields_rule(self.request)
        context["today"] = timezone.localdate()
        return context


@docs.endpoint(
    (Scope.ORG_READ, Scope.SCHEDULE_READ),
    summary="Daftar pegawai",
    description=docs_org.EMPLOYEE_NOTE
    + (
        "\n\nUrut kode OPD, kode unit, nama. Saring dengan `opd`, `unit`, `active` (aktif hari "
        "ini) dan `q` (sebagian nama)."
    ),
    examples=docs_org.EMPLOYEE_LIST_EXAMPLES,
    tag="Organisasi",
)
class EmployeeListView(EmployeeMixin, generics.ListAPIView):
    filterset_class = filters.EmployeeFilter

    def get_queryset(self):
        return selectors.employee_list(employees=Principal.of(self.request).employees())


@docs.endpoint(
    (Scope.ORG_READ, Scope.SCHEDULE_READ),
    summary="Satu pegawai",
    description=docs_org.EMPLOYEE_NOTE
    + (
        "\n\nPegawai dengan NIP `nip`; tanpa org:read jawaban tidak mengulang NIP. 404 bila "
        "tidak ada atau di luar cakupan."
    ),
    examples=docs_org.EMPLOYEE_DETAIL_EXAMPLES,
    not_found=True,
    path={"nip": "NIP 18 digit pegawai."},
    tag="Organisasi",
)
class EmployeeDetailView(EmployeeMixin, generics.RetrieveAPIView):
    pagination_class = None
    filter_backends: list = []

    def get_object(self):
        employees = Principal.of(self.request).employees()
        return employee_or_404(
            selectors.employee_detail(employees=employees, nip=self.kwargs["nip"]),
            self.kwargs["nip"],
        )
