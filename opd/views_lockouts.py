"""HR's page of locked-out logins (accounts/throttle.py): who is locked, until when; unlock."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.throttle import (
    account_limit,
    address_limit,
    cool_off,
    lockout_release,
    lockouts_current,
)
from opd import access


@login_required
def lockout_list(request):
    access.require(access.can_unlock_logins(request.user))
    lockouts = lockouts_current()
    usernames = [lock.key for lock in lockouts if lock.kind == "account"]
    names = {
        u.username.lower(): u.get_full_name() or getattr(getattr(u, "employee", None), "name", "")
        for u in User.objects.filter(username__in=usernames).select_related("employee")
    }
    rows = [(lock, names.get(lock.key, "")) for lock in lockouts]
    context = {
        "rows": rows,
        "account_limit": account_limit(),
        "address_limit": address_limit(),
        "minutes": int(cool_off().total_seconds() // 60),
    }
    return render(request, "opd/lockouts.html", context)


@login_required
@require_POST
def lockout_unlock(request):
    access.require(access.can_unlock_logins(request.user))
    kind = request.POST.get("kind", "")
    key = request.POST.get("key", "").strip()
    if kind not in ("account", "address") or not key:
        messages.error(request, _("Pilih akun atau alamat yang akan dibuka kuncinya."))
        return redirect("opd:lockouts")
    try:
        lockout_release(kind=kind, key=key)
    except ValueError:  # an address that is not one
        messages.error(request, _("Alamat %(key)s tidak sah.") % {"key": key})
        return redirect("opd:lockouts")
    if kind == "account":
        messages.success(
            request, _("Kunci akun %(key)s dibuka; pemiliknya bisa masuk lagi.") % {"key": key}
        )
    else:
        messages.success(request, _("Kunci alamat %(key)s dibuka.") % {"key": key})
    return redirect("opd:lockouts")
