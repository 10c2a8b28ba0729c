"""HR page for the organisation import: upload, preview (a dry run in a Celery task, its progress
polled with htmx), confirm, templates."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from common.tabular import Upload, errors_csv
from common.upload_limits import Limits, file_too_big_message, refused_uploads
from opd import access
from opd.importing.batches import (
    BUSY,
    import_batch_confirm,
    import_batch_create,
    import_batch_file_names,
)
from opd.importing.reading import template_csv, template_xlsx
from opd.importing.results import ImportResult
from opd.importing.sheets import SHEETS
from opd.models import ImportBatch, ImportStatus

ERRORS_SHOWN = 500
SHEET_LABELS = {"opds": _("OPD"), "units": _("Unit kerja"), "employees": _("Pegawai")}
TEMPLATES = {
    "opds.csv": "text/csv",
    "units.csv": "text/csv",
    "employees.csv": "text/csv",
    "org.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ImportForm(forms.Form):
    opds = forms.FileField(label=_("Berkas OPD (opds.csv)"), required=False)
    units = forms.FileField(label=_("Berkas unit kerja (units.csv)"), required=False)
    employees = forms.FileField(label=_("Berkas pegawai (employees.csv)"), required=False)
    workbook = forms.FileField(
        label=_("Atau satu buku kerja XLSX (lembar opds, units, employees)"), required=False
    )
    keep_good_rows = forms.BooleanField(
        label=_("Simpan baris yang benar saja dan lewati baris yang salah"), required=False
    )

    def __init__(self, *args, refused: set[str] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused  # file fields dropped while streaming in (over the limit)

    def clean(self):
        data = super().clean()
        for name in sorted(self.refused & set(self.fields)):
            self.add_error(name, file_too_big_message())
        files = {k: data.get(k) for k in (*SHEETS, "workbook") if data.get(k)}
        if not files and not self.refused:
            raise forms.ValidationError(
                _("Pilih minimal satu berkas: opds, units, employees, atau satu buku kerja XLSX.")
            )
        limit = Limits.current().file_bytes
        for name, upload in files.items():
            if upload.size > limit:
                self.add_error(name, file_too_big_message())
        if self.errors:
            return data
        # each file is at most IMPORT_MAX_FILE_MB (it streamed to a temporary file past 2.5 MB)
        data["uploads"] = {
            name: Upload(name=upload.name, data=upload.read()) for name, upload in files.items()
        }
        return data


def _require_hr(request) -> None:
    access.require(access.scope_for(request.user).is_hr)


@login_required
def import_upload(request):
    _require_hr(request)
    bound = request.method == "POST"
    form = (
        ImportForm(request.POST, request.FILES, refused=refused_uploads(request))
        if bound
        else ImportForm()
    )
    if bound and form.is_valid():
        batch = import_batch_create(
            user=request.user,
            uploads=form.cleaned_data["uploads"],
            keep_good_rows=form.cleaned_data["keep_good_rows"],
        )
        return redirect("opd:import_batch", pk=batch.pk)
    recent = ImportBatch.objects.select_related("created_by").defer(
        "opds_data", "units_data", "employees_data", "workbook_data", "result"
    )[:10]
    return render(
        request,
        "opd/import.html",
        {"form": form, "recent": recent, "templates": list(TEMPLATES)},
    )


FILE_FIELDS = tuple(f"{kind}_data" for kind in (*SHEETS, "workbook"))


@login_required
def import_batch(request, pk):
    _require_hr(request)
    batch = get_object_or_404(
        ImportBatch.objects.select_related("created_by").defer(*FILE_FIELDS), pk=pk
    )
    if batch.status in BUSY:
        return render(
            request,
            "opd/import_batch.html",
            {"batch": batch, "busy": True, "files": import_batch_file_names(batch=batch)},
        )
    result = ImportResult.from_dict(batch.result)
    counts = [
        {"sheet": sheet, "label": SHEET_LABELS[sheet], **result.counts[sheet].as_dict()}
        for sheet in SHEETS
        if sheet in result.counts
    ]
    pending = any(c["created"] or c["updated"] for c in counts)
    context = {
        "batch": batch,
        "result": result,
        "counts": counts,
        "errors": result.errors[:ERRORS_SHOWN],
        "more_errors": max(0, len(result.errors) - ERRORS_SHOWN),
        "more_readings": max(0, result.readings_total - len(result.readings)),
        "files": import_batch_file_names(batch=batch),
        "can_confirm": batch.status == ImportStatus.PREVIEWED
        and pending
        and (not result.errors or batch.keep_good_rows),
    }
    return render(request, "opd/import_batch.html", context)


@login_required
def import_progress(request, pk):
    """The progress bar of a batch being checked, polled by htmx; once it is done the page
    reloads to show the preview or the errors."""
    _require_hr(request)
    batch = get_object_or_404(
        ImportBatch.objects.only("pk", "status", "progress", "rows_read", "error"), pk=pk
    )
    response = render(request, "opd/_import_progress.html", {"batch": batch})
    if batch.status not in BUSY:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def import_confirm(request, pk):
    _require_hr(request)
    get_object_or_404(ImportBatch.objects.only("pk"), pk=pk)
    import_batch_confirm(batch_id=pk)
    return redirect("opd:import_batch", pk=pk)


@login_required
def import_errors(request, pk):
    _require_hr(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    result = ImportResult.from_dict(batch.result)
    response = HttpResponse(errors_csv(result.errors), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="impor-{batch.pk}-kesalahan.csv"'
    return response


@login_required
def import_template(request, name):
    _require_hr(request)
    if name not in TEMPLATES:
        raise Http404
    content = template_xlsx() if name == "org.xlsx" else template_csv(name.removesuffix(".csv"))
    response = HttpResponse(content, content_type=TEMPLATES[name])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
