from django import forms
from django.utils.translation import gettext_lazy as _

from common.upload_limits import Limits, file_too_big_message
from evaluation import inputs, services
from evaluation.inputs import COSTS, EKINERJA, SERVICES
from evaluation.models import (
    READINESS_CRITERIA,
    EvaluationPlan,
    OperatingCost,
    Option,
    ReadinessAssessment,
)
from wfh.models import Phase

IMPORT_KINDS = {
    COSTS: _("Biaya operasional per OPD per bulan"),
    SERVICES: _("Keluaran layanan publik per OPD per hari atau minggu"),
    EKINERJA: _("Capaian target e-Kinerja per pegawai per bulan"),
}


class CostForm(forms.ModelForm):
    class Meta:
        model = OperatingCost
        fields = list(inputs.COLUMNS[COSTS][2:])  # the import's columns after OPD and month
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"electricity_rp": _("Kosongkan bila belum ada datanya (bukan nol).")}

    def clean(self):
        """The number rules of every input path (evaluation.inputs.number_problem)."""
        data = super().clean()
        for name, value in list(data.items()):
            if name != "note" and value is not None:
                problem = inputs.number_problem(OperatingCost, name, value)
                if problem:
                    self.add_error(name, problem)
        return data


SCORE_CHOICES = [(i, str(i)) for i in range(5)]


class ReadinessForm(forms.ModelForm):
    class Meta:
        model = ReadinessAssessment
        fields = [f for name, _l, _h in READINESS_CRITERIA for f in (name, f"{name}_note")]
        widgets = {
            **{name: forms.Select(choices=SCORE_CHOICES) for name, _l, _h in READINESS_CRITERIA},
            **{
                f"{name}_note": forms.Textarea(attrs={"rows": 2})
                for name, _l, _h in READINESS_CRITERIA
            },
        }
        labels = {name: label for name, label, _h in READINESS_CRITERIA}
        help_texts = {name: help_text for name, _l, help_text in READINESS_CRITERIA}

    def criteria(self):
        return [(self[name], self[f"{name}_note"]) for name, _l, _h in READINESS_CRITERIA]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[("accept", _("Terima rekomendasi")), ("override", _("Ubah pilihan"))],
        widget=forms.RadioSelect,
    )
    option = forms.ChoiceField(
        label=_("Pilihan HR (bila diubah)"), choices=[("", "—"), *Option.choices], required=False
    )
    note = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "override":
            if not data.get("option"):
                self.add_error("option", _("Pilih opsi bila HR mengubah rekomendasi."))
            if not (data.get("note") or "").strip():
                self.add_error("note", _("Tulis alasan bila HR mengubah rekomendasi."))
        return data


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis data"), choices=list(IMPORT_KINDS.items()))
    file = forms.FileField(label=_("Berkas CSV atau XLSX"))

    def __init__(self, *args, refused: set[str] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused  # file fields dropped while streaming in (over the limit)

    def clean(self):
        data = super().clean()
        if "file" in self.refused:
            self.errors.pop("file", None)  # "required": it was dropped, for its size
            self.add_error("file", file_too_big_message())
        return data

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > Limits.current().file_bytes:
            raise forms.ValidationError(file_too_big_message())
        return upload


class PhaseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.programme.name} — {obj.name} ({obj.start:%d-%m-%Y} – {obj.end:%d-%m-%Y})"


class PlanForm(forms.ModelForm):
    """The plan of the kajian: the checks are evaluation.services.plan_check'."""

    phases = PhaseChoiceField(
        label=_("Tahap yang dibandingkan"),
        queryset=Phase.objects.select_related("programme").order_by("programme__name", "start"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih paling sedikit satu tahap.")},
    )

    class Meta:
        model = EvaluationPlan
        fields = [
            "programme",
            "baseline_label",
            "baseline_start",
            "baseline_end",
            "phases",
            "next_period",
        ]
        widgets = {
            "baseline_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "baseline_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "baseline_label": _("Mis. Oktober 2025: periode sebelum uji coba."),
            "baseline_end": _("Tidak boleh sebelum awal periode dasar."),
        }

    def clean(self):
        data = super().clean()
        problems = services.plan_check(
            baseline_start=data.get("baseline_start"),
            baseline_end=data.get("baseline_end"),
            phases=list(data.get("phases") or []),
            programme=data.get("programme"),
        )
        for name, messages in problems.items():
            if name == "phases" and "phases" in self.errors:
                continue
            for message in messages:
                self.add_error(name, message)
        return data
