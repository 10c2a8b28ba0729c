"""The phase editor: the form HR fills in to create or edit a phase, and the preview it shows
before saving (working days with the holidays named, and what the roster would give per OPD),
computed from the calendar and the staff list without generating anything.

Rules checked here, each as an error on its field:
- end on or after start; ratio between 0 and 1; weekly cap 1 to 5; WFH weekdays Monday to Friday;
- no overlap with another phase of the same programme;
- a phase whose roster is already published (ScheduleDay rows exist) keeps its dates: moving
  them would leave published days outside the phase or days inside it without a schedule.
  The pattern and limits may still change; they apply to rosters generated from then on.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from opd.models import Employee, Opd, OpdKind
from opd.widgets import OpdPicker
from wfh.calendar import days_off
from wfh.engine.ratio import exact_ratio
from wfh.forms_schedule import DateInput
from wfh.models import WEEKDAY_NAMES, PatternKind, Phase, Programme, ScheduleDay

WEEKDAY_CHOICES = [(i, WEEKDAY_NAMES[i]) for i in range(5)]
PREVIEW_MAX_DAYS = 400  # a longer range is refused in the preview (and makes no sense as a phase)


class PhaseForm(forms.ModelForm):
    wfh_weekdays = forms.TypedMultipleChoiceField(
        label=_("Hari WFH (pola hari tetap)"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Senin sampai Jumat saja."),
    )
    optional_weekday = forms.TypedChoiceField(
        label=_("Hari WFH tambahan yang dapat diajukan OPD"),
        choices=[("", _("Tidak ada"))] + WEEKDAY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    exempt_kinds = forms.MultipleChoiceField(
        label=_("Jenis OPD yang dikecualikan"),
        choices=OpdKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Seluruh pegawai OPD jenis ini tetap bekerja di kantor (mis. RSUD, Puskesmas, "
            "sekolah). Unit layanan langsung selalu dikecualikan."
        ),
    )

    class Meta:
        model = Phase
        fields = [
            "programme",
            "name",
            "slug",
            "order",
            "start",
            "end",
            "pattern",
            "wfh_weekdays",
            "optional_weekday",
            "ratio",
            "default_composition",
            "weekly_cap",
            "opds",
            "exempt_kinds",
            "wfh_note",
        ]
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "pattern": forms.RadioSelect,
            "ratio": forms.NumberInput(attrs={"step": "0.05", "min": "0", "max": "1"}),
            "weekly_cap": forms.NumberInput(attrs={"min": "1", "max": "5"}),
            "opds": OpdPicker,
            "wfh_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": _("Huruf kecil, angka dan tanda hubung; dipakai di alamat halaman."),
            "ratio": _("Untuk pola rotasi: 0,5 berarti paling banyak separuh pegawai tiap unit."),
            "weekly_cap": _("Ketentuan nasional: paling banyak 2 hari per minggu."),
            "wfh_note": _("Tampil di kalender pegawai pada hari WFH."),
            "order": _("Urutan tahap dalam program: 1 untuk tahap pertama, 2 untuk berikutnya."),
        }
        labels = {"programme": _("Program")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opds"].queryset = Opd.objects.filter(active=True).order_by("code")
        self.fields["pattern"].choices = PatternKind.choices  # no blank "---------" radio
        if not self.instance.pk:
            self.fields["pattern"].initial = PatternKind.WEEKDAY
        programmes = self.fields["programme"]
        programmes.empty_label = None  # a phase always belongs to one: no "---------" to pick
        if not self.instance.pk and not self.initial.get("programme"):
            newest = Programme.objects.order_by("-pk").first()
            if newest is not None:
                self.initial["programme"] = newest.pk
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "Kosongkan untuk dibuat dari nama. Huruf kecil, angka dan tanda hubung."
        )
        self.published = bool(
            self.instance.pk and ScheduleDay.objects.filter(phase=self.instance).exists()
        )
        if self.published:
            for name in ("start", "end"):
                self.fields[name].help_text = _(
                    "Jadwal tahap ini sudah terbit: tanggal tidak dapat diubah."
                )
                self.fields[name].widget.attrs["readonly"] = True

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.data.get("name", ""))[:80]
        if not slug:
            raise forms.ValidationError(_("Isi slug atau nama tahap."))
        clash = Phase.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("Slug %(slug)s sudah dipakai tahap lain; pilih slug lain.") % {"slug": slug}
            )
        return slug

    def clean(self):
        data = super().clean()
        self.values_for_preview = dict(data)  # errors below drop fields from cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Tanggal selesai sebelum tanggal mulai."))
            return data
        if start and end and (end - start).days > PREVIEW_MAX_DAYS:
            self.add_error(
                "end", _("Satu tahap paling lama 400 hari; bagi menjadi beberapa tahap.")
            )
        pattern = data.get("pattern")
        # "a weekday pattern needs a day" and "a rotation needs a ratio" are Phase.clean's (the
        # model's one home for them; the form would name them a second time)
        weekdays = data.get("wfh_weekdays") or []
        cap = data.get("weekly_cap")
        if pattern == PatternKind.WEEKDAY and cap and len(weekdays) > cap:
            self.add_error(
                "wfh_weekdays",
                _("%(n)s hari WFH per minggu melebihi batas %(cap)s hari per minggu.")
                % {"n": len(weekdays), "cap": cap},
            )
        moved = (start, end) != (self.instance.start, self.instance.end)
        if self.published and start and end and moved:
            self.add_error(
                "start",
                _(
                    "Jadwal tahap ini sudah terbit, jadi tanggalnya tidak dapat diubah "
                    "(semula %(start)s sampai %(end)s). Buat tahap baru untuk periode lain."
                )
                % {
                    "start": self.instance.start.strftime("%d-%m-%Y"),
                    "end": self.instance.end.strftime("%d-%m-%Y"),
                },
            )
        programme = data.get("programme")
        if programme and start and end and "end" not in self.errors:
            overlap = (
                Phase.objects.filter(programme=programme, start__lte=end, end__gte=start)
                .exclude(pk=self.instance.pk)
                .order_by("start")
                .first()
            )
            if overlap is not None:
                self.add_error(
                    "start",
                    _(
                        "Periode ini bertumpuk dengan tahap %(name)s (%(start)s sampai %(end)s) "
                        "dalam program yang sama."
                    )
                    % {
                        "name": overlap.name,
                        "start": overlap.start.strftime("%d-%m-%Y"),
                        "end": overlap.end.strftime("%d-%m-%Y"),
                    },
                )
        return data

    def save(self, commit=True):
        phase = super().save(commit=False)
        if phase.pattern == PatternKind.ROTATION:
            phase.wfh_weekdays = []
            phase.optional_weekday = None
        if commit:
            phase.save()
            self.save_m2m()
        return phase


# -- preview ---------------------------------------------------------------------------------------


@dataclass
class OpdPreview:
    opd: Opd
    staff: int
    eligible: int
    wfh_days_per_person: int | None = None  # weekday pattern
    wfh_person_days: int = 0
    wfh_per_day: int | None = None  # rotation: expected WFH people per working day
    wfo_per_day: int | None = None


@dataclass
class Preview:
    start: dt.date
    end: dt.date
    working: list[dt.date] = field(default_factory=list)
    off: list[dict] = field(default_factory=list)  # weekday days off with names and kinds
    weeks: int = 0
    wfh_days: list[dt.date] = field(default_factory=list)  # weekday pattern: the WFH dates
    rows: list[OpdPreview] = field(default_factory=list)
    total_staff: int = 0
    total_eligible: int = 0
    total_wfh_person_days: int = 0
    total_wfh_per_day: int = 0


def _weekday_wfh_days(working: list[dt.date], weekdays: list[int], cap: int) -> list[dt.date]:
    """The working days on the WFH weekdays, at most `cap` per ISO week."""
    per_week: dict[tuple[int, int], int] = {}
    days = []
    for day in working:
        if day.weekday() not in weekdays:
            continue
        week = day.isocalendar()[:2]
        if per_week.get(week, 0) >= cap:
            continue
        per_week[week] = per_week.get(week, 0) + 1
        days.append(day)
    return days


def preview(
    *,
    start: dt.date,
    end: dt.date,
    pattern: str,
    weekdays: list[int],
    ratio: float | None,
    weekly_cap: int,
    opds,
) -> Preview:
    """What a phase with these values would give, without writing anything.

    Working days: Monday to Friday minus national holidays, cuti bersama and local days off for
    all OPDs. Staff per OPD counts active employees on the start date; the eligible ones are those
    allowed to work from home outside frontline units (two queries in all).
    """
    offs = days_off(start, end)
    result = Preview(start=start, end=end)
    day = start
    while day <= end:
        if day.weekday() < 5:
            if day in offs:
                o = offs[day]
                result.off.append({"day": day, "name": o.name, "kind": o.kind, "label": o.label})
            else:
                result.working.append(day)
        day += dt.timedelta(days=1)
    result.weeks = len({d.isocalendar()[:2] for d in result.working})
    if pattern == PatternKind.WEEKDAY:
        result.wfh_days = _weekday_wfh_days(result.working, weekdays, weekly_cap)

    eligible = Q(wfh_eligible=True) & (Q(unit__isnull=True) | Q(unit__frontline=False))
    counts = {
        row["opd_id"]: row
        for row in Employee.objects.active_on(start)
        .filter(opd__in=opds)
        .order_by()
        .values("opd_id")
        .annotate(staff=Count("id"), eligible=Count("id", filter=eligible))
    }
    for opd in opds.order_by("code"):
        row = counts.get(opd.pk, {"staff": 0, "eligible": 0})
        item = OpdPreview(opd=opd, staff=row["staff"], eligible=row["eligible"])
        if pattern == PatternKind.WEEKDAY:
            item.wfh_days_per_person = len(result.wfh_days)
            item.wfh_person_days = item.eligible * len(result.wfh_days)
        elif ratio is not None:
            item.wfh_per_day = math.floor(exact_ratio(ratio) * item.eligible)
            item.wfo_per_day = item.staff - item.wfh_per_day
            item.wfh_person_days = item.wfh_per_day * len(result.working)
        result.rows.append(item)
        result.total_staff += item.staff
        result.total_eligible += item.eligible
        result.total_wfh_person_days += item.wfh_person_days
        result.total_wfh_per_day += item.wfh_per_day or 0
    return result


def preview_from_form(form: PhaseForm) -> Preview | None:
    """The preview of whatever the form holds that is valid enough (dates and pattern)."""
    data = getattr(form, "values_for_preview", {})
    start, end, pattern = data.get("start"), data.get("end"), data.get("pattern")
    if not (start and end and pattern) or end < start or (end - start).days > PREVIEW_MAX_DAYS:
        return None
    opds = data.get("opds")
    if not opds:
        opds = Opd.objects.filter(active=True)
    else:
        opds = Opd.objects.filter(pk__in=[o.pk for o in opds])
    ratio = data.get("ratio")
    return preview(
        start=start,
        end=end,
        pattern=pattern,
        weekdays=data.get("wfh_weekdays") or [],
        ratio=float(ratio) if ratio is not None and 0 <= ratio <= 1 else None,
        weekly_cap=data.get("weekly_cap") or 2,
        opds=opds,
    )


class ProgrammeForm(forms.ModelForm):
    """A new WFH programme under its legal basis; its phases are added with PhaseForm."""

    class Meta:
        model = Programme
        fields = ["name", "slug", "legal_basis", "description"]
        help_texts = {
            "slug": _("Huruf kecil, angka dan tanda hubung; kosongkan untuk dibuat dari nama."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("name", ""))[:64]
        if not slug:
            raise forms.ValidationError(_("Isi nama atau slug program."))
        if Programme.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Slug %(slug)s sudah dipakai program lain.") % {"slug": slug}
            )
        return slug
