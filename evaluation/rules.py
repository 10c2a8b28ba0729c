"""Readiness and the recommendation for the next period: the one place these rules live.

`recommend` is a pure function: it takes an OPD's readiness scores, its share of frontline staff
and the latest phase's measures against the baseline, and returns one option with every reason
that led to it (each reason says which check passed or failed and with what numbers). The
thresholds below are the policy; change them here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

# An OPD where at least this share of staff sits in frontline units stays on site (frontline).
FRONTLINE_SHARE_MIN = Decimal("60")  # % of staff
# Readiness index: the mean of the criterion scores (0-4) as a percentage of 4.
READINESS_MIN = Decimal("50")  # below: not ready
READINESS_ROTATION_MIN = Decimal("75")  # at or above (and good measures): a rotation
CRITICAL_SCORE_MAX = 0  # any criterion scored this or lower: not ready
# Measures of the latest phase against the baseline.
COMPLIANCE_ROTATION_MIN = Decimal("90")  # % of present days in the scheduled mode
SERVICE_DROP_MAX = Decimal("10")  # % fall in services per working day that blocks any WFH
SERVICE_DROP_ROTATION_MAX = Decimal("5")  # % fall that still allows a rotation
ATTENDANCE_DROP_MAX = Decimal("5")  # percentage points of attendance rate lost

THURSDAY_WFH = "thursday_wfh"
ROTATION = "rotation"
NOT_READY = "not_ready"
FRONTLINE = "frontline"


@dataclass(frozen=True)
class Evidence:
    """What the rules read for one OPD. None means "no data" for that item."""

    scores: dict[str, int] | None  # criterion -> 0..4; None when not assessed yet
    frontline_share: Decimal | None  # % of staff in frontline units
    compliance: Decimal | None = None  # % in the latest phase
    service_change: Decimal | None = None  # % change of services per working day
    attendance_change: Decimal | None = None  # percentage points


@dataclass(frozen=True)
class Result:
    option: str
    reasons: tuple[str, ...]
    readiness_index: Decimal | None


def readiness_index(scores: dict[str, int] | None) -> Decimal | None:
    """The mean score as a percentage of the maximum (4)."""
    if not scores:
        return None
    return Decimal(sum(scores.values())) / (4 * len(scores)) * 100


def _pct(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.1'))}".replace(".", ",")


def recommend(evidence: Evidence) -> Result:
    reasons: list[str] = []
    index = readiness_index(evidence.scores)

    share = evidence.frontline_share
    if share is not None and share >= FRONTLINE_SHARE_MIN:
        reasons.append(
            _("%(share)s%% pegawai berada di unit layanan langsung (batas %(min)s%%).")
            % {"share": _pct(share), "min": _pct(FRONTLINE_SHARE_MIN)}
        )
        return Result(FRONTLINE, tuple(reasons), index)
    if share is not None:
        reasons.append(
            _("%(share)s%% pegawai di unit layanan langsung, di bawah batas %(min)s%%.")
            % {"share": _pct(share), "min": _pct(FRONTLINE_SHARE_MIN)}
        )

    if index is None:
        reasons.append(_("Kesiapan OPD belum dinilai: isi daftar periksa kesiapan."))
        return Result(NOT_READY, tuple(reasons), None)
    weak = [name for name, score in evidence.scores.items() if score <= CRITICAL_SCORE_MAX]
    if weak:
        reasons.append(
            _("Kriteria dengan skor %(max)s: %(names)s.")
            % {"max": CRITICAL_SCORE_MAX, "names": ", ".join(weak)}
        )
        return Result(NOT_READY, tuple(reasons), index)
    if index < READINESS_MIN:
        reasons.append(
            _("Indeks kesiapan %(index)s%% di bawah batas %(min)s%%.")
            % {"index": _pct(index), "min": _pct(READINESS_MIN)}
        )
        return Result(NOT_READY, tuple(reasons), index)
    reasons.append(
        _("Indeks kesiapan %(index)s%% (batas siap %(min)s%%).")
        % {"index": _pct(index), "min": _pct(READINESS_MIN)}
    )

    service = evidence.service_change
    if service is not None and service < -SERVICE_DROP_MAX:
        reasons.append(
            _("Layanan per hari kerja turun %(drop)s%%, lebih dari %(max)s%%.")
            % {"drop": _pct(-service), "max": _pct(SERVICE_DROP_MAX)}
        )
        return Result(NOT_READY, tuple(reasons), index)
    attendance = evidence.attendance_change
    if attendance is not None and attendance < -ATTENDANCE_DROP_MAX:
        reasons.append(
            _("Tingkat kehadiran turun %(drop)s poin, lebih dari %(max)s poin.")
            % {"drop": _pct(-attendance), "max": _pct(ATTENDANCE_DROP_MAX)}
        )
        return Result(NOT_READY, tuple(reasons), index)

    blockers: list[str] = []
    if index < READINESS_ROTATION_MIN:
        blockers.append(
            _("indeks kesiapan di bawah %(min)s%% untuk rotasi")
            % {"min": _pct(READINESS_ROTATION_MIN)}
        )
    if evidence.compliance is None:
        blockers.append(_("kepatuhan mode tahap terakhir: tidak ada data"))
    elif evidence.compliance < COMPLIANCE_ROTATION_MIN:
        blockers.append(
            _("kepatuhan mode %(value)s%% di bawah %(min)s%%")
            % {"value": _pct(evidence.compliance), "min": _pct(COMPLIANCE_ROTATION_MIN)}
        )
    if service is None:
        blockers.append(_("keluaran layanan: tidak ada data"))
    elif service < -SERVICE_DROP_ROTATION_MAX:
        blockers.append(
            _("layanan per hari kerja turun %(drop)s%% (rotasi membolehkan %(max)s%%)")
            % {"drop": _pct(-service), "max": _pct(SERVICE_DROP_ROTATION_MAX)}
        )
    if blockers:
        reasons.append(_("Belum untuk rotasi: %(why)s.") % {"why": "; ".join(blockers)})
        return Result(THURSDAY_WFH, tuple(reasons), index)
    reasons.append(
        _("Kepatuhan mode %(value)s%%; perubahan layanan per hari kerja %(change)s%%.")
        % {"value": _pct(evidence.compliance), "change": _pct(service)}
    )
    return Result(ROTATION, tuple(reasons), index)
