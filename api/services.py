"""API client services: create, revoke, rotate tokens, and find the client of a token."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from api.models import ApiClient, Scope
from attendance import services as attendance_services
from attendance.models import EventSource
from common.replica import bookkeeping_writes
from opd.models import Employee, Opd

TOKEN_PREFIX = "wfh_"  # noqa: S105  (a marker that tells tokens apart, not a secret)
PREFIX_LENGTH = 12  # "wfh_" and 8 random characters: enough to tell tokens apart
LAST_USED_EVERY = dt.timedelta(minutes=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def parse_scopes(values) -> list[str]:
    """Scopes from a list or a comma-separated text; unknown ones raise naming them."""
    if isinstance(values, str):
        values = values.split(",")
    scopes = [v.strip() for v in values if v and v.strip()]
    unknown = [s for s in scopes if s not in Scope.values]
    if unknown:
        raise ValidationError(
            {
                "scopes": _("Cakupan tidak dikenal: %(unknown)s. Pilihan: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(Scope.values)}
            }
        )
    if not scopes:
        raise ValidationError({"scopes": _("Pilih paling sedikit satu cakupan.")})
    return [s for s in Scope.values if s in scopes]  # canonical order, no repeats


def opds_by_code(codes) -> list[Opd]:
    codes = [c.strip() for c in codes if c and c.strip()]
    if not codes:
        return []
    found = {o.code: o for o in Opd.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError(
            {"opds": _("Kode OPD tidak dikenal: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    return list(found.values())


@transaction.atomic
def api_client_create(
    *, name: str, scopes, opds: list[Opd] | None = None, created_by: User | None = None
) -> tuple[ApiClient, str]:
    """A new active client; returns it with its token, which is not stored and never shown again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Nama klien wajib diisi.")})
    scopes = parse_scopes(scopes)
    if ApiClient.objects.filter(name=name).exists():
        raise ValidationError({"name": _("Klien bernama %(name)s sudah ada.") % {"name": name}})
    token = _new_token()
    client = ApiClient.objects.create(
        name=name,
        token_prefix=token[:PREFIX_LENGTH],
        token_hash=hash_token(token),
        scopes=scopes,
        created_by=created_by,
    )
    if opds:
        client.opds.set(opds)
    return client, token


def api_client_revoke(*, client: ApiClient) -> ApiClient:
    """Deactivate the client: its token stops working at once. Revoking twice changes nothing."""
    ApiClient.objects.filter(pk=client.pk, active=True).update(
        active=False, revoked_at=timezone.now()
    )
    client.refresh_from_db()
    return client


def api_client_rotate(*, client: ApiClient) -> tuple[ApiClient, str]:
    """A new token for an active client; the old one stops working at once."""
    if not client.active:
        raise ValidationError(_("Klien yang sudah dicabut tidak bisa diberi token baru."))
    token = _new_token()
    changed = ApiClient.objects.filter(pk=client.pk, active=True).update(
        token_prefix=token[:PREFIX_LENGTH], token_hash=hash_token(token), rotated_at=timezone.now()
    )
    if changed != 1:
        raise ValidationError(_("Klien yang sudah dicabut tidak bisa diberi token baru."))
    client.refresh_from_db()
    return client, token


def api_client_for_token(*, token: str) -> ApiClient | None:
    """The active client holding this token, or None. Marks it used at most once a minute."""
    client = (
        ApiClient.objects.filter(token_hash=hash_token(token), active=True)
        .prefetch_related("opds")
        .first()
    )
    if client is None:
        return None
    now = timezone.now()
    if client.last_used_at is None or client.last_used_at < now - LAST_USED_EVERY:
        with bookkeeping_writes():  # not the client's own write: no read-your-writes pin
            ApiClient.objects.filter(pk=client.pk).filter(
                Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_EVERY)
            ).update(last_used_at=now)
        client.last_used_at = now
    return client


def api_events_ingest(*, items: list, opd_ids: frozenset[int] | None, sender: str) -> dict:
    """Ingest a batch from an API caller; with `opd_ids`, items whose NIP is not an employee of
    those OPDs are rejected (field nip), found with one query for the whole batch. External ids
    are the `sender`'s own (Principal.sender: one client, one session user). Answers
    {"counts": {...}, "results": [one per item, in order]}."""
    results: dict[int, dict] = {}
    passed: list[tuple[int, object]] = list(enumerate(items))
    if opd_ids is not None:

        def nip_of(item) -> str:
            return str(item.get("nip") or "").strip() if isinstance(item, dict) else ""

        nips = {nip_of(item) for _i, item in passed} - {""}
        allowed = set(
            Employee.objects.filter(nip__in=nips, opd_id__in=opd_ids).values_list("nip", flat=True)
        )
        kept = []
        for index, item in passed:
            nip = nip_of(item)
            if nip and nip not in allowed:
                results[index] = attendance_services.Result(
                    index,
                    attendance_services.REJECTED,
                    field="nip",
                    message=_("NIP %(nip)s tidak terdaftar di OPD yang boleh diakses klien ini.")
                    % {"nip": nip},
                ).as_dict()
            else:
                kept.append((index, item))
        passed = kept
    if passed:
        answers = attendance_services.events_ingest(
            items=[item for _i, item in passed], source=EventSource.API, sender=sender
        )
        for (index, _item), result in zip(passed, answers, strict=True):
            row = result.as_dict()
            row["index"] = index
            results[index] = row
    ordered = [results[i] for i in range(len(items))]
    outcomes = (
        attendance_services.ACCEPTED,
        attendance_services.DUPLICATE,
        attendance_services.FLAGGED,
        attendance_services.REJECTED,
    )
    counts = dict.fromkeys(outcomes, 0)
    for row in ordered:
        counts[row["status"]] += 1
    return {"counts": counts, "results": ordered}
