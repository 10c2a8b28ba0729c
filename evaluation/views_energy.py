"""The kajian's energy page (/evaluasi/energi/): what WFH saved per building and meter.

HR sees every building and the Pemda summary; an OPD admin the buildings housing their OPDs.
The period is the evaluation plan's (its phases against its baseline) unless the page's form
asks for another; numbers come from evaluation.energy.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buildings.readings import buildings_for
from common.replica import replica_ok
from evaluation import energy, selectors
from opd import access


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("Periode dibandingkan mulai"), widget=forms.DateInput({"type": "date"})
    )
    end = forms.DateField(label=_("sampai"), widget=forms.DateInput({"type": "date"}))
    baseline_start = forms.DateField(
        label=_("Periode dasar mulai"), widget=forms.DateInput({"type": "date"})
    )
    baseline_end = forms.DateField(label=_("sampai"), widget=forms.DateInput({"type": "date"}))

    def clean(self):
        data = super().clean()
        for a, b in (("start", "end"), ("baseline_start", "baseline_end")):
            if data.get(a) and data.get(b) and data[b] < data[a]:
                self.add_error(b, _("Tanggal akhir sebelum tanggal mulai."))
        if data.get("start") and data.get("end") and (data["end"] - data["start"]).days > 400:
            self.add_error("end", _("Paling lama 400 hari sekali tampil."))
        return data


def default_period(today: dt.date) -> dict[str, dt.date]:
    """The plan's phases against its baseline; without a plan, the last three full months
    against the three before them."""
    plan = selectors.current_plan()
    if plan is not None:
        phases = list(plan.phases.order_by("start"))
        if phases:
            return {
                "start": min(p.start for p in phases),
                "end": min(max(p.end for p in phases), today),
                "baseline_start": plan.baseline_start,
                "baseline_end": plan.baseline_end,
            }
    end = today.replace(day=1) - dt.timedelta(days=1)
    start = (end.replace(day=1) - dt.timedelta(days=62)).replace(day=1)
    baseline_end = start - dt.timedelta(days=1)
    baseline_start = (baseline_end.replace(day=1) - dt.timedelta(days=62)).replace(day=1)
    return {
        "start": start,
        "end": end,
        "baseline_start": baseline_start,
        "baseline_end": baseline_end,
    }


@replica_ok
@login_required
def energy_page(request):
    scope = access.scope_for(request.user)
    access.require(scope.is_hr or scope.is_opd_admin)
    period = default_period(timezone.localdate())
    form = PeriodForm(request.GET or None, initial=period)
    if form.is_bound and form.is_valid():
        period = {k: form.cleaned_data[k] for k in period}
    buildings = list(buildings_for(request.user).filter(active=True))
    report = energy.energy_report(buildings=buildings, **period) if buildings else None
    return render(
        request,
        "evaluation/energy.html",
        {"form": form, "report": report, "period": period, "is_hr": scope.is_hr},
    )
