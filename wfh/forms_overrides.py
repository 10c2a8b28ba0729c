"""The forms of the declared-days and individual-order pages. They only carry the values: the
rules (and the field-named errors) are wfh.overrides.inputs' and wfh.overrides.orders'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opd.models import Opd, OpdKind
from opd.widgets import OpdPicker
from wfh.forms_schedule import DateInput
from wfh.overrides.models import DeclaredMode, OrderReason


def _opd_choices():
    return Opd.objects.filter(active=True).order_by("kind", "code")


class DeclaredDayForm(forms.Form):
    start = forms.DateField(label=_("Mulai"), widget=DateInput())
    end = forms.DateField(label=_("Selesai"), widget=DateInput())
    mode = forms.ChoiceField(label=_("Jenis"), choices=DeclaredMode.choices)
    reference = forms.CharField(
        label=_("Nomor surat edaran"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("mis. SE MenPANRB 2/2026")}),
    )
    title = forms.CharField(
        label=_("Keterangan (opsional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("mis. WFA nasional jelang Idulfitri")}),
    )
    share = forms.CharField(
        label=_("Porsi pegawai bergilir (opsional)"),
        required=False,
        help_text=_(
            "Kosongkan agar semua pegawai yang boleh WFH bekerja dari luar kantor; isi 0,5 (atau "
            "50%) untuk rotasi separuh pegawai dengan minimal di kantor tiap unit tetap terjaga."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "0,5"}),
    )
    opds = forms.ModelMultipleChoiceField(
        label=_("OPD yang ikut"),
        queryset=Opd.objects.none(),
        to_field_name="code",
        required=False,
        help_text=_("Kosongkan untuk semua OPD aktif."),
        widget=OpdPicker,
    )
    exempt_opds = forms.ModelMultipleChoiceField(
        label=_("OPD yang dikecualikan"),
        queryset=Opd.objects.none(),
        to_field_name="code",
        required=False,
        help_text=_("OPD ini tetap mengikuti jadwal tahapnya (mis. Dishub, Satpol PP, BPBD)."),
        widget=OpdPicker,
    )
    exempt_kinds = forms.MultipleChoiceField(
        label=_("Jenis OPD yang dikecualikan"),
        choices=OpdKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    exempt_units = forms.CharField(
        label=_("Unit yang dikecualikan (opsional)"),
        required=False,
        help_text=_("Kode OPD/kode unit dipisah spasi atau koma, mis. DISKOMINFO/TIK."),
    )
    frontline_units = forms.CharField(
        label=_("Unit layanan langsung yang tetap ikut (opsional)"),
        required=False,
        help_text=_(
            "Unit layanan langsung selalu dikecualikan kecuali disebut di sini "
            "(KODE-OPD/KODE-UNIT)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opds"].queryset = _opd_choices()
        self.fields["exempt_opds"].queryset = _opd_choices()

    def as_data(self) -> dict:
        """The cleaned values as wfh.overrides.inputs.declaration_parse reads them."""
        c = self.cleaned_data
        return {
            "start": c["start"],
            "end": c["end"],
            "mode": c["mode"],
            "reference": c["reference"],
            "title": c.get("title", ""),
            "share": c.get("share", ""),
            "opds": [o.code for o in c.get("opds") or ()],
            "exempt_opds": [o.code for o in c.get("exempt_opds") or ()],
            "exempt_kinds": list(c.get("exempt_kinds") or ()),
            "exempt_units": c.get("exempt_units", ""),
            "frontline_units": c.get("frontline_units", ""),
        }


class WfhOrderForm(forms.Form):
    opd = forms.ModelChoiceField(
        label=_("OPD"), queryset=Opd.objects.none(), to_field_name="code", empty_label=None
    )
    nips = forms.CharField(
        label=_("NIP pegawai"),
        widget=forms.Textarea(attrs={"rows": 3, "inputmode": "numeric"}),
        help_text=_("Satu NIP per baris, atau dipisah spasi/koma."),
    )
    start = forms.DateField(label=_("Mulai"), widget=DateInput())
    end = forms.DateField(label=_("Selesai"), widget=DateInput())
    number = forms.CharField(
        label=_("Nomor surat perintah"),
        max_length=120,
        widget=forms.TextInput(attrs={"placeholder": _("mis. 800/123/DISKOMINFO/2026")}),
    )
    reason = forms.ChoiceField(label=_("Alasan"), choices=OrderReason.choices)
    note = forms.CharField(
        label=_("Keterangan (opsional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    departure_reason = forms.CharField(
        label=_("Alasan penyimpangan (bila melampaui batas)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Wajib bila perintah melampaui batas mingguan atau minimal di kantor; alasan ini "
            "tampil di jadwal dan di kajian."
        ),
    )

    def __init__(self, *args, opds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds if opds is not None else Opd.objects.none()
