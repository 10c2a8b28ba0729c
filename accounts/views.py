"""The inbox: the user's notifications, newest first; opening one marks it read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import notifications
from common.views import page_of


@login_required
@require_GET
def inbox(request):
    page = page_of(request, notifications.inbox(user_id=request.user.pk), notifications.INBOX_PAGE)
    items = notifications.shown(page.object_list)
    unread = notifications.unread_count(user_id=request.user.pk)
    return render(request, "accounts/inbox.html", {"page": page, "items": items, "unread": unread})


@login_required
@require_POST
def open_one(request, pk: int):
    """Mark one read and go to the page where the person acts (or back to the inbox)."""
    notifications.mark_read(user_id=request.user.pk, pk=pk)
    found = notifications.inbox(user_id=request.user.pk).filter(pk=pk).first()
    target = found.url if found and found.url else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("inbox:list")


@login_required
@require_POST
def read_all(request):
    notifications.mark_read(user_id=request.user.pk)
    return redirect("inbox:list")


@login_required
@require_POST
def reminder_switch(request):
    """The daily check-in reminder on or off, from the profile page."""
    on = request.POST.get("on") == "1"
    notifications.reminder_set(user=request.user, on=on)
    if on:
        messages.success(request, _("Pengingat presensi harian dinyalakan."))
    else:
        messages.success(request, _("Pengingat presensi harian dimatikan."))
    return redirect("opd:me")
