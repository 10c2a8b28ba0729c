"""Query parameters of the list endpoints (django-filter). Required ones answer 400 with the
error body naming the parameter; an OPD code outside the caller's OPDs is refused the same way."""

from __future__ import annotations

import datetime as dt

import django_filters as filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api import selectors
from api.auth import Principal
from attendance.models import DailyRecord, DayStatus, OpdDaySummary
from opd.models import Employee, Opd, OpdKind
from wfh.models import Mode, Phase, Roster, ScheduleDay

MAX_RANGE_DAYS = 366
OPD_CHOICE_ERROR = _("OPD %(value)s tidak dikenal atau di luar cakupan Anda.")


def visible_opds(request):
    if request is None:  # schema generation
        return Opd.objects.none()
    return Principal.of(request).opds()


def schedule_opds(request):
    """The OPDs whose published schedule the caller may ask about (a supervisor: their team's)."""
    if request is None:  # schema generation
        return Opd.objects.none()
    return Principal.of(request).schedule_opds()


def opd_filter(*, required: bool, queryset=visible_opds) -> filters.ModelChoiceFilter:
    return filters.ModelChoiceFilter(
        field_name="opd",
        queryset=queryset,
        to_field_name="code",
        required=required,
        label=_("Kode OPD"),
        error_messages={"invalid_choice": OPD_CHOICE_ERROR},
    )


def date_filter(*, required: bool, **kw) -> filters.DateFilter:
    return filters.DateFilter(
        field_name="day",
        required=required,
        label=kw.pop("label", _("Tanggal (YYYY-MM-DD)")),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Tanggal harus berbentuk YYYY-MM-DD.")},
        **kw,
    )


class OpdFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=OpdKind.choices, label=_("Jenis OPD"))
    active = filters.BooleanFilter(label=_("Aktif"))
    parent = filters.CharFilter(field_name="parent__code", label=_("Kode OPD induk"))

    class Meta:
        model = Opd
        fields = ["kind", "active", "parent"]


class ScheduleFilter(filters.FilterSet):
    date = date_filter(required=True)
    opd = opd_filter(required=True, queryset=schedule_opds)
    mode = filters.ChoiceFilter(choices=Mode.choices, label=_("Mode"))
    unit = filters.CharFilter(field_name="unit__code", label=_("Kode unit"))

    class Meta:
        model = ScheduleDay
        fields = ["date", "opd", "mode", "unit"]


class RangeForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end:
            if end < start:
                self.add_error("to", _("Tanggal 'to' harus sama dengan atau setelah 'from'."))
            elif end - start > dt.timedelta(days=MAX_RANGE_DAYS - 1):
                self.add_error(
                    "to", _("Rentang paling panjang %(n)s hari.") % {"n": MAX_RANGE_DAYS}
                )
        return data


class EmployeeScheduleFilter(filters.FilterSet):
    start = date_filter(required=True, lookup_expr="gte", label=_("Dari tanggal (YYYY-MM-DD)"))
    end = date_filter(required=True, lookup_expr="lte", label=_("Sampai tanggal (YYYY-MM-DD)"))

    class Meta:
        model = ScheduleDay
        fields: list[str] = []
        form = RangeForm


# `from` and `to` are the public names; `from` cannot be a Python attribute
EmployeeScheduleFilter.base_filters["from"] = EmployeeScheduleFilter.base_filters.pop("start")
EmployeeScheduleFilter.base_filters["to"] = EmployeeScheduleFilter.base_filters.pop("end")


class DailyRecordFilter(filters.FilterSet):
    date = date_filter(required=True)
    opd = opd_filter(required=False)
    status = filters.ChoiceFilter(choices=DayStatus.choices, label=_("Status hari"))
    mismatch = filters.BooleanFilter(label=_("Mode tidak sesuai"))
    unit = filters.CharFilter(field_name="unit__code", label=_("Kode unit"))

    class Meta:
        model = DailyRecord
        fields = ["date", "opd", "status", "mismatch", "unit"]


class OpdSummaryFilter(filters.FilterSet):
    date = date_filter(required=True)
    opd = opd_filter(required=False)

    class Meta:
        model = OpdDaySummary
        fields = ["date", "opd"]


class EmployeeFilter(filters.FilterSet):
    opd = opd_filter(required=False)
    unit = filters.CharFilter(field_name="unit__code", label=_("Kode unit"))
    active = filters.BooleanFilter(method="filter_active", label=_("Aktif hari ini"))
    q = filters.CharFilter(method="filter_name", label=_("Cari nama (sebagian)"))

    class Meta:
        model = Employee
        fields = ["opd", "unit", "active", "q"]

    def filter_active(self, queryset, name, value):
        active = Employee.objects.active_on(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=active) if value else queryset.exclude(pk__in=active)

    def filter_name(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name__icontains=value) if value else queryset


class PhaseFilter(filters.FilterSet):
    programme = filters.CharFilter(field_name="programme__slug", label=_("Slug program"))
    active_on = date_filter(
        required=False, method="filter_active_on", label=_("Berlaku pada tanggal (YYYY-MM-DD)")
    )
    opd = filters.ModelChoiceFilter(
        field_name="opds",
        queryset=visible_opds,
        to_field_name="code",
        method="filter_opd",
        label=_("Kode OPD yang dicakup"),
        error_messages={"invalid_choice": OPD_CHOICE_ERROR},
    )

    class Meta:
        model = Phase
        fields = ["programme", "active_on", "opd"]

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(start__lte=value, end__gte=value)

    def filter_opd(self, queryset, name, value):
        return queryset.filter(selectors.phases_covering(value))


class RosterFilter(filters.FilterSet):
    phase = filters.CharFilter(field_name="phase__slug", label=_("Slug tahap"))
    opd = opd_filter(required=False)
    status = filters.ChoiceFilter(choices=Roster.Status.choices, label=_("Status pembuatan"))
    workflow = filters.ChoiceFilter(choices=Roster.Workflow.choices, label=_("Status alur"))

    class Meta:
        model = Roster
        fields = ["phase", "opd", "status", "workflow"]
