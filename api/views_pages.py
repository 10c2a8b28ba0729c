"""HR pages for API clients: list, create (token shown once), revoke, rotate (new token shown once);
and the webhook log: every subscription and delivery, re-send a failed one, switch one off.

Tokens are never stored, so they are rendered straight into the response of the POST that made
them, never put in the session or a redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from api import selectors_webhooks as webhook_selectors
from api import services, webhooks
from api.forms import ApiClientForm
from api.models import ApiClient, WebhookDelivery, WebhookEvent, WebhookSubscription
from common.views import errors_to_form, page_of
from opd import access

PAGE_SIZE = 50


def _require_hr(user) -> None:
    access.require(access.scope_for(user).is_hr)


@login_required
@require_http_methods(["GET", "POST"])
def client_list(request):
    _require_hr(request.user)
    form = ApiClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client, token = services.api_client_create(
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                opds=list(form.cleaned_data["opds"]),
                created_by=request.user,
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            return render(
                request, "api/token.html", {"client": client, "token": token, "created": True}
            )
    clients = ApiClient.objects.prefetch_related("opds").order_by("-active", "name", "id")
    page = page_of(request, clients, PAGE_SIZE)
    status = 400 if request.method == "POST" else 200
    return render(request, "api/client_list.html", {"page": page, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def client_revoke(request, pk: int):
    _require_hr(request.user)
    client = get_object_or_404(ApiClient, pk=pk)
    if request.method == "POST":
        services.api_client_revoke(client=client)
        messages.success(
            request, _("Klien %(name)s dicabut; tokennya tidak berlaku lagi.") % {"name": client}
        )
        return redirect("api_pages:clients")
    return render(request, "api/confirm.html", {"client": client, "action": "revoke"})


@login_required
@require_http_methods(["GET", "POST"])
def client_rotate(request, pk: int):
    _require_hr(request.user)
    client = get_object_or_404(ApiClient, pk=pk)
    if not client.active:
        messages.error(request, _("Klien yang sudah dicabut tidak bisa diberi token baru."))
        return redirect("api_pages:clients")
    if request.method == "POST":
        try:
            client, token = services.api_client_rotate(client=client)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("api_pages:clients")
        return render(
            request, "api/token.html", {"client": client, "token": token, "created": False}
        )
    return render(request, "api/confirm.html", {"client": client, "action": "rotate"})


# -- webhooks ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def webhook_log(request):
    """HR's view of every client's webhooks and deliveries, filtered by client, status, event."""
    _require_hr(request.user)
    filters = webhook_selectors.delivery_filters(request.GET)
    deliveries = webhook_selectors.deliveries_for_hr(**filters)
    page = page_of(request, deliveries, PAGE_SIZE)
    context = {
        "page": page,
        "filters": filters,
        "subscriptions": webhook_selectors.subscriptions_for_hr(client_id=filters["client_id"]),
        "clients": ApiClient.objects.filter(webhooks__isnull=False).distinct().order_by("name"),
        "statuses": WebhookDelivery.Status.choices,
        "events": WebhookEvent.choices,
    }
    return render(request, "api/webhook_log.html", context)


@login_required
@require_http_methods(["POST"])
def webhook_resend(request, pk: int):
    _require_hr(request.user)
    delivery = get_object_or_404(WebhookDelivery.objects.select_related("subscription"), pk=pk)
    if webhooks.delivery_resend(delivery=delivery):
        messages.success(request, _("Kiriman dijadwalkan ulang."))
    elif not delivery.subscription.active:
        messages.error(request, _("Langganan webhook ini tidak aktif; kiriman tidak diulang."))
    else:
        messages.error(request, _("Hanya kiriman yang gagal yang dapat dikirim ulang."))
    return redirect(_back_to_log(request))


@login_required
@require_http_methods(["POST"])
def webhook_toggle(request, pk: int):
    _require_hr(request.user)
    subscription = get_object_or_404(WebhookSubscription, pk=pk, deleted_at__isnull=True)
    active = not subscription.active
    webhooks.subscription_set_active(subscription=subscription, active=active)
    if active:
        messages.success(request, _("Webhook %(url)s aktif lagi.") % {"url": subscription.url})
    else:
        messages.success(
            request,
            _("Webhook %(url)s dinonaktifkan; tidak ada kiriman lagi.") % {"url": subscription.url},
        )
    return redirect(_back_to_log(request))


def _back_to_log(request) -> str:
    """The log page with the filters the form was sent from (only our own query string)."""
    url = reverse("api_pages:webhooks")
    query = request.POST.get("next_query", "")
    kept = QueryDict(query).urlencode() if query else ""
    return f"{url}?{kept}" if kept else url
