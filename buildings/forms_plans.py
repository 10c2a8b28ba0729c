"""The planner's form: a phase, the buildings the user may plan, the weekdays to close zones on."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from buildings.models import Building
from wfh.models import WEEKDAY_NAMES, Phase


class PlanForm(forms.Form):
    phase = forms.ModelChoiceField(
        label=_("Tahap"),
        queryset=Phase.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Tahap yang dipilih tidak ada. Pilih dari daftar.")},
    )
    buildings = forms.ModelMultipleChoiceField(
        label=_("Gedung"),
        queryset=Building.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Pilih sedikitnya satu gedung."),
            "invalid_choice": _("Gedung %(value)s tidak ada atau bukan gedung OPD Anda."),
        },
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Hari yang zonanya ingin ditutup"),
        choices=[(i, WEEKDAY_NAMES[i]) for i in range(5)],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kosong: hari WFH tahap itu (semua hari kerja untuk pola rotasi)."),
    )

    def __init__(self, *args, buildings, phases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buildings"].queryset = buildings
        self.fields["phase"].queryset = phases
