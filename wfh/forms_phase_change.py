"""The form on the phase page where HR changes a running phase from a date. It posts the terms
in full (preset to those in force at the phase's end); the service keeps what differs."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opd.models import OpdKind
from wfh.forms_schedule import DateInput
from wfh.models import WEEKDAY_NAMES, PatternKind, Phase
from wfh.phase_versions.spans import Terms

WEEKDAY_CHOICES = [(i, WEEKDAY_NAMES[i]) for i in range(5)]


class PhaseChangeForm(forms.Form):
    valid_from = forms.DateField(
        label=_("Berlaku mulai"),
        widget=DateInput(),
        help_text=_("Hari sebelumnya tetap seperti yang dijalani; sesudahnya disusun ulang."),
    )
    wfh_weekdays = forms.TypedMultipleChoiceField(
        label=_("Hari WFH baru"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ratio = forms.DecimalField(
        label=_("Rasio WFH baru"),
        required=False,
        min_value=0.01,
        max_value=1,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.05", "min": "0.05", "max": "1"}),
    )
    weekly_cap = forms.IntegerField(
        label=_("Batas hari WFH per minggu"),
        min_value=1,
        max_value=5,
        widget=forms.NumberInput(attrs={"min": "1", "max": "5"}),
    )
    exempt_kinds = forms.MultipleChoiceField(
        label=_("Jenis OPD yang dikecualikan"),
        choices=OpdKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Seluruh pegawai OPD jenis ini tetap bekerja di kantor."),
    )
    reference = forms.CharField(
        label=_("Nomor surat edaran perubahan"),
        max_length=200,
        help_text=_("Mis. SE Wali Kota 800/123/BKPSDM."),
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, phase: Phase, current: Terms, **kwargs):
        super().__init__(*args, **kwargs)
        self.phase = phase
        if phase.pattern == PatternKind.ROTATION:
            del self.fields["wfh_weekdays"]
            self.fields["ratio"].required = True
            self.fields["ratio"].initial = current.ratio
        else:
            del self.fields["ratio"]
            self.fields["wfh_weekdays"].required = True
            self.fields["wfh_weekdays"].initial = list(current.wfh_weekdays)
        self.fields["weekly_cap"].initial = current.weekly_cap
        self.fields["exempt_kinds"].initial = list(current.exempt_kinds)

    def change_data(self) -> dict:
        """The cleaned values as wfh.phase_versions.changes.change_parse reads them."""
        data = dict(self.cleaned_data)
        out = {
            "valid_from": data["valid_from"],
            "weekly_cap": data["weekly_cap"],
            "exempt_kinds": list(data.get("exempt_kinds") or []),
            "reference": data["reference"],
            "note": data.get("note", ""),
        }
        if "wfh_weekdays" in data:
            out["wfh_weekdays"] = [str(d) for d in data["wfh_weekdays"]]
        if data.get("ratio") is not None:
            out["ratio"] = data["ratio"]
        return out
