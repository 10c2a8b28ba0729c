"""Reading one item of a batch of events (API, import, web check-in): each field checked, and a
field that is wrong named (ItemError) so that only that item is refused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from attendance.models import ClaimedMode, EventKind

# a timestamp outside these is refused (a reset clock), not stored and flagged
PLAUSIBLE_PAST = dt.timedelta(days=3652)  # ten years
PLAUSIBLE_FUTURE = dt.timedelta(days=1)
MIN_OFFSET = dt.timedelta(hours=-12)
MAX_OFFSET = dt.timedelta(hours=14)


class ItemError(Exception):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


def _text(item: dict, key: str, *, max_length: int = 64) -> str:
    value = item.get(key)
    if value is None:
        return ""
    value = str(value).strip()
    if len(value) > max_length:
        raise ItemError(key, _("Paling panjang %(n)s karakter.") % {"n": max_length})
    return value


def parse_timestamp(value, *, received_at: dt.datetime | None = None) -> dt.datetime:
    """An ISO 8601 timestamp with its offset. With `received_at`, one far outside the plausible
    range (more than PLAUSIBLE_PAST before it or PLAUSIBLE_FUTURE after it) is refused: a
    device's reset clock, or a date at the edge of the calendar that no offset can hold."""
    if value in (None, ""):
        raise ItemError("timestamp", _("Waktu wajib diisi."))
    if isinstance(value, dt.datetime):
        ts = value
    else:
        text = str(value).strip()
        try:
            ts = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ItemError(
                "timestamp",
                _("Waktu %(value)r bukan ISO 8601 (mis. 2025-12-01T07:25:00+07:00).")
                % {"value": text},
            ) from None
    offset = ts.utcoffset() if ts.tzinfo is not None else None
    if offset is None:
        raise ItemError(
            "timestamp", _("Waktu harus menyertakan zona waktu (mis. +07:00 untuk WIB).")
        )
    if not MIN_OFFSET <= offset <= MAX_OFFSET or offset % dt.timedelta(minutes=1):
        raise ItemError(
            "timestamp",
            _("Zona waktu harus antara -12:00 dan +14:00, dalam menit penuh (mis. +07:00)."),
        )
    try:
        utc = ts.astimezone(dt.UTC)
    except OverflowError:  # 0001-01-01T00:00+14:00 or 9999-12-31T23:59-12:00
        utc = None
    if utc is None or (
        received_at is not None
        and not received_at - PLAUSIBLE_PAST <= utc <= received_at + PLAUSIBLE_FUTURE
    ):
        raise ItemError(
            "timestamp",
            _(
                "Waktu %(value)s di luar rentang yang masuk akal (paling lama %(years)s tahun "
                "lalu, paling jauh %(hours)s jam ke depan): periksa jam perangkat."
            )
            % {
                "value": ts.isoformat(),
                "years": PLAUSIBLE_PAST.days // 365,
                "hours": int(PLAUSIBLE_FUTURE.total_seconds() // 3600),
            },
        )
    return ts


def _coordinate(item: dict, key: str, limit: int) -> Decimal | None:
    value = item.get(key)
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ItemError(key, _("%(value)r bukan angka.") % {"value": value}) from None
    if not number.is_finite() or not -limit <= number <= limit:
        raise ItemError(key, _("Harus di antara -%(limit)s dan %(limit)s.") % {"limit": limit})
    return number.quantize(Decimal("0.000001"))


def _accuracy(item: dict) -> float | None:
    value = item.get("accuracy_m")
    if value in (None, ""):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        raise ItemError("accuracy_m", _("%(value)r bukan angka.") % {"value": value}) from None
    if not 0 <= number < 1e6:
        raise ItemError("accuracy_m", _("Akurasi harus angka 0 atau lebih (meter)."))
    return number


@dataclass
class Parsed:
    index: int
    nip: str
    ts: dt.datetime
    kind: str
    mode: str
    latitude: Decimal | None
    longitude: Decimal | None
    accuracy_m: float | None
    device_id: str
    external_id: str


def parse_item(index: int, item, received_at: dt.datetime) -> Parsed:
    if not isinstance(item, dict):
        raise ItemError("", _("Setiap item harus berupa objek."))
    nip = _text(item, "nip", max_length=18)
    if not nip:
        raise ItemError("nip", _("NIP wajib diisi."))
    ts = parse_timestamp(item.get("timestamp"), received_at=received_at)
    kind = _text(item, "kind").lower()
    if kind not in EventKind.values:
        raise ItemError("kind", _("Jenis harus 'in' (masuk) atau 'out' (pulang)."))
    mode = _text(item, "mode").upper()
    if mode not in ClaimedMode.values:
        raise ItemError("mode", _("Mode harus 'WFH' atau 'WFO'."))
    latitude = _coordinate(item, "latitude", 90)
    longitude = _coordinate(item, "longitude", 180)
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        raise ItemError(
            missing, _("Lintang dan bujur harus diisi keduanya atau tidak sama sekali.")
        )
    return Parsed(
        index=index,
        nip=nip,
        ts=ts,
        kind=kind,
        mode=mode,
        latitude=latitude,
        longitude=longitude,
        accuracy_m=_accuracy(item),
        device_id=_text(item, "device_id"),
        external_id=_text(item, "external_id"),
    )
