"""Pembacaan meter (/gedung/pembacaan/): the latest readings of the buildings one may see, a
form for one reading and an upload of many (all-or-nothing, errors named by row and column).
Writes go through buildings.readings; who may see which building is buildings_for."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from buildings import readings
from common.tabular import Upload
from opd import access


class ReadingForm(forms.Form):
    meter = forms.ModelChoiceField(queryset=None, label=_lazy("Meter"))
    start = forms.DateField(label=_lazy("Tanggal mulai"), widget=forms.DateInput({"type": "date"}))
    end = forms.DateField(
        label=_lazy("Tanggal akhir"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
        help_text=_lazy("Kosongkan untuk pembacaan satu hari."),
    )
    value = forms.CharField(
        label=_lazy("Pemakaian"),
        max_length=30,
        help_text=_lazy("Dalam satuan meter (kWh, m³, liter, GB); koma desimal boleh."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meter"].queryset = readings.readable_meters(user)


class UploadForm(forms.Form):
    file = forms.FileField(label=_lazy("Berkas pembacaan (CSV atau XLSX)"))


@login_required
def readings_page(request):
    scope = access.scope_for(request.user)
    access.require(scope.is_hr or scope.is_opd_admin)
    form = ReadingForm(user=request.user)
    upload_form = UploadForm()
    errors = []
    if request.method == "POST" and "file" in request.FILES:
        upload_form = UploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            f = upload_form.cleaned_data["file"]
            result = readings.readings_import(
                upload=Upload(name=f.name, data=f.read()), user=request.user
            )
            errors = result.errors
            if result.ok:
                messages.success(
                    request,
                    _("Impor selesai: %(c)d baru, %(u)d diubah, %(n)d tidak berubah.")
                    % {"c": result.created, "u": result.updated, "n": result.unchanged},
                )
                return redirect("readings:list")
    elif request.method == "POST":
        form = ReadingForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            status, row_errors = readings.reading_record(
                meter=data["meter"],
                start=data["start"],
                end=data["end"],
                value=data["value"],
                user=request.user,
            )
            for e in row_errors:
                form.add_error(e.column if e.column in form.fields else None, e.message)
            if status is not None:
                text = {
                    readings.CREATED: _("Pembacaan disimpan."),
                    readings.UPDATED: _("Pembacaan periode itu sudah ada dan nilainya diganti."),
                    readings.UNCHANGED: _(
                        "Pembacaan periode itu sudah tersimpan dengan nilai yang sama."
                    ),
                }[status]
                messages.success(request, text)
                return redirect("readings:list")
    building_ids = list(readings.buildings_for(request.user).values_list("id", flat=True))
    return render(
        request,
        "buildings/readings.html",
        {
            "form": form,
            "upload_form": upload_form,
            "errors": errors,
            "recent": readings.readings_recent(building_ids=building_ids),
            "has_meters": form.fields["meter"].queryset.exists(),
            "columns": ",".join(readings.COLUMNS),
        },
    )
