"""Argument parsing shared by the roster commands (a leading underscore: not a command)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError

from opd.models import Opd
from wfh import selectors
from wfh.models import Phase


def phase_arg(value: str) -> Phase:
    try:
        return selectors.phase_by_id_or_slug(value)
    except Phase.DoesNotExist:
        raise CommandError(f"Tahap {value!r} tidak ditemukan (id atau slug).") from None


def opds_arg(codes: list[str] | None) -> list[Opd] | None:
    """The OPDs named by --opd in the given order, or None (all) when none are named."""
    if not codes:
        return None
    found = {o.code: o for o in Opd.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise CommandError(f"Kode OPD tidak dikenal: {', '.join(missing)}.")
    return [found[c] for c in codes]


def date_arg(option: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} {value!r} bukan tanggal YYYY-MM-DD.") from None
