"""The building pages: the list, a building, the import (upload, preview, save), and the
occupancy forecast (a building's month, the Pemda view) with their XLSX. Thin: the work is in
buildings.importing, buildings.forecast and buildings.selectors; who sees what in opd.access."""

from __future__ import annotations

import base64
import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buildings import exports, forecast, selectors
from buildings.importing import COLUMNS, SHEET_LABELS, SHEETS, buildings_import, template_rows
from buildings.models import Meter
from common.replica import replica_ok
from common.tabular import Upload, csv_bytes
from opd import access

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
SESSION_KEY = "buildings_import_files"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class BuildingUploadForm(forms.Form):
    buildings = forms.FileField(label=gettext_lazy("Berkas gedung (CSV atau XLSX)"), required=False)
    zones = forms.FileField(label=gettext_lazy("Berkas zona (CSV atau XLSX)"), required=False)
    meters = forms.FileField(label=gettext_lazy("Berkas meter (CSV atau XLSX)"), required=False)

    def clean(self):
        data = super().clean()
        uploads = {}
        for sheet in SHEETS:
            file = data.get(sheet)
            if not file:
                continue
            if file.size > MAX_UPLOAD_BYTES:
                self.add_error(sheet, gettext_lazy("Berkas lebih dari 2 MB."))
                continue
            uploads[sheet] = Upload(name=file.name, data=file.read())
        if not uploads and not self.errors:
            raise forms.ValidationError(gettext_lazy("Pilih paling sedikit satu berkas."))
        data["uploads"] = uploads
        return data


@login_required
def building_list(request):
    access.require(access.can_see_buildings(request.user))
    context = {
        "buildings": selectors.building_list(request.user),
        "can_import": access.can_import_buildings(request.user),
    }
    return render(request, "buildings/list.html", context)


@login_required
def building_detail(request, code: str):
    access.require(access.can_see_buildings(request.user))
    building = selectors.building_or_404(request.user, code)
    zones = building.zones.prefetch_related("seats__unit__opd").order_by("code")
    meters = (
        Meter.objects.filter(building=building).select_related("zone").prefetch_related("tariffs")
    )
    today = timezone.localdate()
    meter_rows = []
    for m in meters:
        current = [t for t in m.tariffs.all() if t.valid_from <= today]
        meter_rows.append((m, current[-1] if current else None))
    context = {
        "building": building,
        "opds": building.opds.order_by("code"),
        "zones": zones,
        "meters": meter_rows,
        "capacity": sum(z.capacity for z in zones),
    }
    return render(request, "buildings/detail.html", context)


@login_required
def building_import(request):
    access.require(access.can_import_buildings(request.user))
    form, result = BuildingUploadForm(), None
    if request.method == "POST" and request.POST.get("action") == "save":
        stored = request.session.pop(SESSION_KEY, None)
        if not stored:
            messages.error(request, _("Pratinjau sudah kedaluwarsa; unggah berkasnya lagi."))
            return redirect("buildings:import")
        uploads = {
            sheet: Upload(name=name, data=base64.b64decode(data))
            for sheet, (name, data) in stored.items()
        }
        result = buildings_import(**uploads)
        if result.ok:
            messages.success(request, _("Impor gedung selesai."))
            return redirect("buildings:list")
    elif request.method == "POST":
        form = BuildingUploadForm(request.POST, request.FILES)
        if form.is_valid():
            uploads = form.cleaned_data["uploads"]
            result = buildings_import(**uploads, dry_run=True)
            if result.ok:
                request.session[SESSION_KEY] = {
                    sheet: (u.name, base64.b64encode(u.data).decode())
                    for sheet, u in uploads.items()
                }
    context = {
        "form": form,
        "result": result,
        "counts": [(SHEET_LABELS[s], c) for s, c in (result.counts.items() if result else [])],
        "columns": [(s, SHEET_LABELS[s], COLUMNS[s]) for s in SHEETS],
    }
    return render(request, "buildings/import.html", context)


@login_required
def building_template(request, sheet: str):
    access.require(access.can_import_buildings(request.user))
    if sheet not in SHEETS:
        sheet = "buildings"
    response = HttpResponse(csv_bytes(template_rows(sheet)), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{sheet}.csv"'
    return response


def _month(request) -> tuple[int, int, str]:
    """The month asked for (?bulan=2026-11), else this one; a bad value says so."""
    today = timezone.localdate()
    text = request.GET.get("bulan", "")
    if text:
        try:
            day = dt.date.fromisoformat(text + "-01")
            if 2000 <= day.year <= 2100:
                return day.year, day.month, ""
        except ValueError:
            pass
        return (
            today.year,
            today.month,
            _("Bulan %(value)s tidak dikenal; yang tampil bulan ini. Pilih bulan dari daftar.")
            % {"value": text},
        )
    return today.year, today.month, ""


def _neighbours(year: int, month: int) -> tuple[str, str]:
    first = dt.date(year, month, 1)
    prev = (first - dt.timedelta(days=1)).strftime("%Y-%m")
    nxt = (first + dt.timedelta(days=32)).strftime("%Y-%m")
    return prev, nxt


def _month_context(year, month, error):
    prev, nxt = _neighbours(year, month)
    return {
        "month_label": date_format(dt.date(year, month, 1), "F Y"),
        "month_value": f"{year:04d}-{month:02d}",
        "prev": prev,
        "next": nxt,
        "month_error": error,
        "threshold": int(forecast.NEARLY_EMPTY * 100),
    }


@replica_ok
@login_required
def building_occupancy(request, code: str):
    access.require(access.can_see_buildings(request.user))
    building = selectors.building_or_404(request.user, code)
    year, month, error = _month(request)
    data = forecast.building_month(building, year=year, month=month)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(exports.building_month_xlsx(data), content_type=XLSX)
        name = f"okupansi-{building.code}-{year:04d}-{month:02d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    context = {"building": building, "month": data, **_month_context(year, month, error)}
    return render(request, "buildings/occupancy.html", context)


@replica_ok
@login_required
def pemda_occupancy(request):
    access.require(access.can_see_buildings(request.user))
    year, month, error = _month(request)
    start, end = forecast.month_bounds(year, month)
    buildings = list(selectors.visible_buildings(request.user).order_by("code"))
    months = forecast.buildings_month(buildings, start=start, end=end)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(exports.pemda_xlsx(months), content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="okupansi-pemda-{year:04d}-{month:02d}.xlsx"'
        )
        return response
    context = {"months": months, **_month_context(year, month, error)}
    return render(request, "buildings/pemda.html", context)
