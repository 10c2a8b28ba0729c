"""The work calendar and each OPD's options inside a phase: local days off (HR), the OPD's
rotation composition, and its application for the phase's optional extra WFH weekday."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opd import access
from opd.models import Opd
from wfh.dates import long_date
from wfh.models import Composition, LocalDayOff, PatternKind, Phase, PhaseOpdOption


@transaction.atomic
def local_day_off_add(
    *, user, day: dt.date, name: str, opds: list[Opd] | None = None
) -> LocalDayOff:
    """HR adds a local day off (for every OPD when `opds` is empty). Returns the new row."""
    if not access.scope_for(user).is_hr:
        raise PermissionDenied
    if not name.strip():
        raise ValidationError(_("Tuliskan nama hari libur."))
    if day.weekday() >= 5:
        raise ValidationError(
            _("%(day)s jatuh pada akhir pekan: sudah bukan hari kerja.") % {"day": long_date(day)}
        )
    off = LocalDayOff.objects.create(date=day, name=name.strip(), created_by=user)
    if opds:
        off.opds.set(opds)
    return off


def local_day_off_delete(*, user, day_off: LocalDayOff) -> None:
    if not access.scope_for(user).is_hr:
        raise PermissionDenied
    day_off.delete()


def _option(phase: Phase, opd: Opd) -> PhaseOpdOption:
    option, _created = PhaseOpdOption.objects.select_for_update().get_or_create(
        phase=phase, opd=opd
    )
    return option


@transaction.atomic
def phase_composition_choose(*, phase: Phase, opd: Opd, user, composition: str) -> None:
    """The OPD admin (or HR) chooses the OPD's rotation composition inside a phase."""
    if not access.can_manage_opd(user, opd):
        raise PermissionDenied
    if phase.pattern != PatternKind.ROTATION:
        raise ValidationError(_("Komposisi hanya berlaku untuk tahap rotasi."))
    if composition and composition not in Composition.values:
        raise ValidationError(
            _("Komposisi %(composition)s tidak dikenal.") % {"composition": repr(composition)}
        )
    option = _option(phase, opd)
    if option.composition != composition:
        option.composition = composition
        option.save(update_fields=["composition"])


@transaction.atomic
def optional_weekday_apply(*, phase: Phase, opd: Opd, user) -> None:
    """The OPD applies to BKD for the phase's optional extra WFH weekday (the 2026 Friday)."""
    if not access.can_manage_opd(user, opd):
        raise PermissionDenied
    if phase.pattern != PatternKind.WEEKDAY or phase.optional_weekday is None:
        raise ValidationError(_("Tahap ini tidak punya hari WFH tambahan yang dapat diajukan."))
    option = _option(phase, opd)
    allowed = (PhaseOpdOption.Application.NONE, PhaseOpdOption.Application.REJECTED)
    if option.optional_weekday not in allowed:
        raise ValidationError(
            _("Pengajuan sudah berstatus %(status)s.")
            % {"status": option.get_optional_weekday_display().lower()}
        )
    option.optional_weekday = PhaseOpdOption.Application.APPLIED
    option.save(update_fields=["optional_weekday"])


@transaction.atomic
def optional_weekday_decide(*, phase: Phase, opd: Opd, user, approve: bool) -> None:
    """HR approves or rejects an OPD's application; approval counts at the next generation."""
    if not access.scope_for(user).is_hr:
        raise PermissionDenied
    option = _option(phase, opd)
    if option.optional_weekday == PhaseOpdOption.Application.NONE:
        raise ValidationError(
            _("OPD %(opd)s belum mengajukan hari WFH tambahan.") % {"opd": opd.code}
        )
    option.optional_weekday = (
        PhaseOpdOption.Application.APPROVED if approve else PhaseOpdOption.Application.REJECTED
    )
    option.save(update_fields=["optional_weekday"])
