"""The limits one change of a WFH day must keep, as plain checks on counts the caller has read.

Two changes are judged against them: HR or an OPD admin editing one cell of a draft roster
(`wfh.rosters.edits.assignment_change`) and an employee swapping a published day with a colleague
(`selfservice.services.swap_rules.swap_check`). The engine (`wfh.engine`) keeps the same limits
when it generates a whole roster; the rotation's ratio cap is the engine's own function
(`wfh.engine.ratio.rotation_cap`), so an edit and a generation never disagree on it. Each check
answers None when the change keeps the limit, else the message that names the limit ("Batas
..."), in the active language. No database here: the callers read the counts (from the roster's
cells or from the published schedule) and pass them in.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _

from wfh.dates import long_date
from wfh.engine.ratio import rotation_cap

# who must not be WFH on the same day as whom, in a rotation (DESIGN §4)
LEADER_PARTNER = {"head": "deputy", "deputy": "head"}


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week of `day`: the weekly cap counts within it."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def frontline(*, unit_name: str, is_frontline: bool, name: str) -> str | None:
    if not is_frontline:
        return None
    return _("Batas layanan langsung: unit %(unit)s selalu WFO, jadi %(name)s tidak dapat WFH.") % {
        "unit": unit_name,
        "name": name,
    }


def eligibility(*, eligible: bool, name: str, why: str) -> str | None:
    if eligible:
        return None
    return _("Batas kelayakan: %(name)s tidak boleh WFH (%(why)s).") % {"name": name, "why": why}


def weekly_cap(*, name: str, wfh_days: int, cap: int, day: dt.date) -> str | None:
    """`wfh_days`: the person's WFH days in the week of `day` before this change adds one."""
    if wfh_days + 1 <= cap:
        return None
    return _(
        "Batas mingguan: %(name)s sudah %(n)s hari WFH pada minggu %(monday)s (maksimal %(cap)s)."
    ) % {"name": name, "n": wfh_days, "monday": long_date(week_bounds(day)[0]), "cap": cap}


def onsite_minimum(*, unit_name: str, onsite: int, minimum: int, day: dt.date) -> str | None:
    """`onsite`: the unit's people at the office that day once the change is made."""
    if onsite >= minimum:
        return None
    return _(
        "Batas minimal di kantor: unit %(unit)s hanya %(n)s orang di kantor pada %(day)s "
        "(minimal %(min)s)."
    ) % {"unit": unit_name, "n": onsite, "day": long_date(day), "min": minimum}


def rotation_ratio(*, wfh_after: int, ratio: float | Decimal, present: int) -> str | None:
    """`present`: the unit's eligible staff present that day (not on leave); the cap is the
    engine's own (`wfh.engine.ratio.rotation_cap`), so an edit is held to what generation kept."""
    cap = rotation_cap(ratio, present)
    if wfh_after <= cap:
        return None
    return _(
        "Batas rasio: unit menjadi %(n)s orang WFH, maksimal %(cap)s (%(pct)s%% dari %(present)s "
        "pegawai yang hadir)."
    ) % {"n": wfh_after, "cap": cap, "pct": round(float(ratio) * 100), "present": present}


def leaders(*, rotation: bool, partner_home: bool) -> str | None:
    """In a rotation a unit head and deputy are not both WFH on one day."""
    if not (rotation and partner_home):
        return None
    return _("Batas pimpinan: kepala unit dan wakilnya tidak boleh WFH pada hari yang sama.")
