"""The disciplinary sanctions page of HR and OPD admins: the list, and the import of a file."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.tabular import Upload, csv_bytes
from common.views import page_of
from opd import access
from opd.importing.sanctions import COLUMNS, TEMPLATE_EXAMPLE, sanctions_import

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
PAGE_SIZE = 50


class SanctionUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Berkas hukuman disiplin (CSV atau XLSX)"))
    dry_run = forms.BooleanField(label=gettext_lazy("Periksa saja, jangan simpan"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(gettext_lazy("Berkas lebih dari 10 MB."))
        return Upload(name=upload.name, data=upload.read())


@login_required
def sanction_list(request):
    access.require(access.can_manage_sanctions(request.user))
    result = None
    form = SanctionUploadForm()
    if request.method == "POST":
        form = SanctionUploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = sanctions_import(
                upload=form.cleaned_data["file"],
                user=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
            if result.written:
                messages.success(
                    request,
                    _("Impor selesai: %(created)d baru, %(updated)d diubah.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("opd:sanctions")
    sanctions = (
        access.visible_sanctions(request.user)
        .select_related("employee__opd", "employee__unit")
        .order_by("-start", "employee__name")
    )
    context = {
        "form": form,
        "result": result,
        "page": page_of(request, sanctions, PAGE_SIZE),
        "today": timezone.localdate(),
        "columns": COLUMNS,
    }
    return render(request, "opd/sanctions.html", context)


@login_required
def sanction_template(request):
    access.require(access.can_manage_sanctions(request.user))
    body = csv_bytes([COLUMNS, [TEMPLATE_EXAMPLE[c] for c in COLUMNS]])
    response = HttpResponse(body, content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="sanctions.csv"'
    return response
