"""HR page for API clients: list, create (token shown once), revoke, rotate (new token shown once).

Tokens are never stored, so they are rendered straight into the response of the POST that made
them, never put in the session or a redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from api import services
from api.forms import ApiClientForm
from api.models import ApiClient
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
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            return render(
                request, "api/token.html", {"client": client, "token": token, "created": True}
            )
    clients = ApiClient.objects.prefetch_related("opds").order_by("-active", "name", "id")
    page = Paginator(clients, PAGE_SIZE).get_page(request.GET.get("page"))
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
