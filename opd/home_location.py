"""Home locations: the employee sends theirs from the phone, the OPD admin approves or returns it;
approved, it becomes Employee.home_latitude / home_longitude (the WFH check-in's geofence centre,
attendance.services). Who may decide: opd.access.can_decide_home_location. The employee hears
of the decision in the inbox (accounts.notifications.notify)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import NotificationKind, User
from accounts.notifications import notify
from opd import access
from opd.models import Employee, HomeLocationRequest, HomeLocationStatus

MAX_ACCURACY_M = 200  # a phone's fix worse than this is no house's position


def _coordinate(value, name: str, label: str, limit: int) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {
                name: _("%(label)s kosong atau bukan angka: izinkan lokasi di ponsel lalu ulangi.")
                % {"label": label}
            }
        ) from None
    if not number.is_finite() or not -limit <= number <= limit:
        raise ValidationError(
            {name: _("%(label)s harus antara -%(n)s dan %(n)s.") % {"label": label, "n": limit}}
        )
    return number.quantize(Decimal("0.000001"))


@transaction.atomic
def home_location_submit(
    *, employee: Employee, latitude, longitude, accuracy_m, address_note: str
) -> HomeLocationRequest:
    """A new request from the employee; one still pending is replaced by it."""
    lat = _coordinate(latitude, "latitude", _("Lintang"), 90)
    lon = _coordinate(longitude, "longitude", _("Bujur"), 180)
    accuracy = None
    if accuracy_m not in (None, ""):
        try:
            accuracy = round(float(accuracy_m))
        except (TypeError, ValueError):
            raise ValidationError({"accuracy_m": _("Akurasi bukan angka.")}) from None
        if accuracy < 0 or accuracy > MAX_ACCURACY_M:
            raise ValidationError(
                {
                    "accuracy_m": _(
                        "Akurasi lokasi %(m)s m terlalu kasar (paling kasar %(max)s m): "
                        "ulangi di luar ruangan atau dekat jendela."
                    )
                    % {"m": accuracy, "max": MAX_ACCURACY_M}
                }
            )
    note = (address_note or "").strip()
    if not note:
        raise ValidationError({"address_note": _("Tulis alamat rumah (jalan, RT/RW, kelurahan).")})
    HomeLocationRequest.objects.filter(
        employee=employee, status=HomeLocationStatus.PENDING
    ).delete()
    return HomeLocationRequest.objects.create(
        employee=employee, latitude=lat, longitude=lon, accuracy_m=accuracy, address_note=note[:300]
    )


@transaction.atomic
def home_location_decide(
    *, request: HomeLocationRequest, user: User, approve: bool, note: str = ""
) -> HomeLocationRequest:
    """Approve (the employee's home location becomes this one) or return (with a note saying
    why). Only a pending request; two deciders at once: the first wins."""
    employee = request.employee
    if not access.can_decide_home_location(user, employee):
        raise PermissionDenied
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError(
            {"note": _("Tulis alasan pengembalian agar pegawai bisa memperbaiki.")}
        )
    status = HomeLocationStatus.APPROVED if approve else HomeLocationStatus.RETURNED
    changed = HomeLocationRequest.objects.filter(
        pk=request.pk, status=HomeLocationStatus.PENDING
    ).update(status=status, decision_note=note[:300], decided_by=user, decided_at=timezone.now())
    if changed != 1:
        raise ValidationError(_("Pengajuan ini sudah diputuskan."))
    if approve:
        Employee.objects.filter(pk=employee.pk).update(
            home_latitude=request.latitude, home_longitude=request.longitude
        )
    notify(
        users=[employee.user_id],
        kind=NotificationKind.HOME_LOCATION_DECIDED,
        params={"status": status, "note": note},
        url=reverse("selfservice:home_location"),
    )
    request.refresh_from_db()
    return request


def home_location_queue(*, user: User) -> QuerySet[HomeLocationRequest]:
    """Pending requests the user may decide, oldest first."""
    return (
        HomeLocationRequest.objects.filter(
            status=HomeLocationStatus.PENDING,
            employee__in=access.home_location_decidable_employees(user),
        )
        .select_related("employee", "employee__opd", "employee__unit")
        .order_by("created_at", "id")
    )


def my_home_requests(*, employee: Employee) -> QuerySet[HomeLocationRequest]:
    return HomeLocationRequest.objects.filter(employee=employee).order_by("-created_at", "-id")[:5]
