from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import Scope
from opd.models import Opd
from opd.widgets import OpdPicker


def _scope_choices() -> list[tuple[str, str]]:
    """Read when a form is made, so the descriptions are in the language of the request."""
    return [(s.value, f"{s.value} — {s.label}") for s in Scope]


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Nama sistem"),
        max_length=100,
        help_text=_("mis. TPP BKPSDM, e-Presensi Disdukcapil"),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Cakupan"),
        choices=_scope_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih paling sedikit satu cakupan.")},
    )
    opds = forms.ModelMultipleChoiceField(
        label=_("Batasi ke OPD"),
        queryset=Opd.objects.order_by("code"),
        required=False,
        to_field_name="code",
        help_text=_("Kosongkan agar klien boleh mengakses semua OPD."),
        widget=OpdPicker,
    )
