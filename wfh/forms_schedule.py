"""Forms of the calendar, phase and roster pages: shape only; the rules live in wfh.rosters."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from opd.models import Opd
from opd.widgets import OpdPicker
from wfh.dates import long_date
from wfh.models import Composition, Mode, PatternKind, Phase


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LocalDayOffForm(forms.Form):
    day = forms.DateField(label=_("Tanggal"), widget=DateInput())
    name = forms.CharField(
        label=_("Nama hari libur"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("mis. Hari Jadi Kota")}),
    )
    opds = forms.ModelMultipleChoiceField(
        label=_("Berlaku untuk OPD"),
        queryset=Opd.objects.filter(active=True).order_by("code"),
        required=False,
        help_text=_("Kosongkan untuk semua OPD."),
        widget=OpdPicker,
    )


def _composition_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Komposisi"),
        choices=[("", _("Pilihan OPD / bawaan tahap"))] + list(Composition.choices),
        required=False,
    )


class _RunOptions(forms.Form):
    """Seed and regeneration date shared by the phase's and the roster's generate forms."""

    seed = forms.IntegerField(
        label=_("Nomor acak (opsional)"),
        required=False,
        min_value=0,
        help_text=_(
            "Menentukan siapa mendapat hari WFH bila beberapa pilihan sama adilnya. Nomor yang "
            "sama dengan data yang sama menghasilkan jadwal yang sama; kosongkan bila ragu."
        ),
    )
    regenerate_from = forms.DateField(
        label=_("Buat ulang mulai tanggal (opsional)"),
        required=False,
        widget=DateInput(),
        help_text=_("Hari sebelum tanggal ini dan ubahan manual tetap; sisanya diseimbangkan."),
    )

    def __init__(self, *args, phase: Phase, **kwargs):
        super().__init__(*args, **kwargs)
        self.phase = phase
        if phase.pattern == PatternKind.ROTATION:
            self.fields["composition"] = _composition_field()
        self.fields["regenerate_from"].widget.attrs.update(
            min=phase.start.isoformat(), max=phase.end.isoformat()
        )

    def clean_regenerate_from(self):
        day = self.cleaned_data.get("regenerate_from")
        if day and not (self.phase.start <= day <= self.phase.end):
            raise forms.ValidationError(
                _("Tanggal harus di dalam tahap (%(start)s s.d. %(end)s).")
                % {"start": self.phase.start.isoformat(), "end": self.phase.end.isoformat()}
            )
        return day


class GenerateForm(_RunOptions):
    """HR picks any covered OPDs (none: all of them); an OPD admin picks one of their own."""

    def __init__(self, *args, phase: Phase, opds, is_hr: bool, **kwargs):
        super().__init__(*args, phase=phase, **kwargs)
        if is_hr:
            self.fields["opds"] = forms.ModelMultipleChoiceField(
                label=_("OPD"),
                queryset=opds,
                required=False,
                help_text=_("Kosongkan untuk semua OPD dalam tahap ini."),
                widget=OpdPicker,
            )
        else:
            self.fields["opd"] = forms.ModelChoiceField(
                label=_("OPD"), queryset=opds, empty_label=None
            )
        self.order_fields(["opds", "opd", "composition", "seed", "regenerate_from"])


class RegenerateForm(_RunOptions):
    """Generate the roster's OPD again (a new version, or the same draft re-run)."""


class CellForm(forms.Form):
    employee = forms.IntegerField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.HiddenInput)
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=[(Mode.WFH, "WFH"), (Mode.WFO, "WFO")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Alasan perubahan"),
        max_length=500,
        widget=forms.TextInput(
            attrs={"placeholder": _("mis. rapat tatap muka dengan DPRD"), "autofocus": True}
        ),
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Catatan untuk OPD"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PublishForm(forms.Form):
    from_date = forms.DateField(
        label=_("Terbitkan mulai tanggal (opsional)"),
        required=False,
        widget=DateInput(),
        help_text=_("Kosongkan untuk seluruh tahap. Hari yang sudah lewat tidak ditulis ulang."),
    )

    def __init__(self, *args, phase: Phase | None = None, today: dt.date | None = None, **kw):
        super().__init__(*args, **kw)
        if phase is None:
            return
        field = self.fields["from_date"]
        field.widget.attrs.update({"min": phase.start.isoformat(), "max": phase.end.isoformat()})
        if today is not None and phase.end < today:
            # an ended phase publishes nothing "from today": offer its first day instead
            field.initial = phase.start
            field.help_text = _(
                "Tahap ini sudah berakhir pada %(end)s. Pilih tanggal di dalam tahap "
                "(%(start)s s.d. %(end)s); jadwal terbit sebelumnya mulai tanggal itu diganti."
            ) % {"start": long_date(phase.start), "end": long_date(phase.end)}
