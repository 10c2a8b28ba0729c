"""API v1 webhook endpoints: a token client registers, lists, pings and deletes its own webhooks
and reads their delivery log. Thin: the rules are in api.webhooks."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from rest_framework import exceptions, generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api import docs_webhooks, webhooks
from api.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from api.permissions import HasScope
from api.serializers_webhooks import (
    WebhookCreatedSerializer,
    WebhookCreateSerializer,
    WebhookDeliverySerializer,
    WebhookSecretSerializer,
    WebhookSubscriptionSerializer,
)


class TokenClientOnly(permissions.BasePermission):
    """Webhooks belong to API clients: a browser session is refused, saying why."""

    message = _("Webhook hanya untuk klien API bertoken; sesi peramban tidak dapat memakainya.")

    def has_permission(self, request, view) -> bool:
        return getattr(request.user, "client", None) is not None


class WebhookViewMixin:
    permission_classes = [HasScope, TokenClientOnly]

    def subscriptions(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no client
            return WebhookSubscription.objects.none()
        return WebhookSubscription.objects.filter(
            client=self.request.auth, deleted_at__isnull=True
        ).order_by("id")

    def subscription(self) -> WebhookSubscription:
        found = self.subscriptions().filter(pk=self.kwargs["id"]).first()
        if found is None:
            raise exceptions.NotFound(
                _("Webhook %(id)s tidak ditemukan.") % {"id": self.kwargs["id"]}
            )
        return found


@docs_webhooks.endpoint(
    summary="Daftar webhook klien ini",
    description="Webhook yang didaftarkan klien ini, urut id. Rahasia tidak ditampilkan lagi.",
    examples=docs_webhooks.LIST_EXAMPLES,
)
@docs_webhooks.endpoint(
    method="post",
    summary="Daftarkan webhook",
    description=(
        'Isi: `{"url": "https://…", "events": ["roster.published", "summary.ready"]}`. Jawaban '
        "201 memuat `secret`, rahasia penanda tangan yang **hanya ditampilkan sekali ini** "
        "(ganti dengan `POST /webhooks/{id}/rotate-secret/` bila hilang). URL harus http(s), "
        "tanpa nama pengguna/kata sandi, ke alamat publik (bukan localhost, jaringan privat atau "
        "link-local), dan belum terdaftar untuk klien ini; paling banyak 10 webhook per klien. "
        "Uji penerima Anda dengan `POST /webhooks/{id}/ping/`."
    ),
    request=WebhookCreateSerializer,
    response=WebhookCreatedSerializer,
    status=201,
    examples=docs_webhooks.CREATE_EXAMPLES,
    bad_request=docs_webhooks.ERR_400_CREATE,
)
class WebhookListView(WebhookViewMixin, generics.ListAPIView):
    serializer_class = WebhookSubscriptionSerializer

    def get_queryset(self):
        return self.subscriptions()

    def post(self, request):
        if not isinstance(request.data, dict):
            raise exceptions.ValidationError(
                {"non_field_errors": [_('Kirim objek JSON {"url": ..., "events": [...]}.')]}
            )
        subscription, secret = webhooks.subscription_create(
            client=request.auth, url=request.data.get("url"), events=request.data.get("events")
        )
        data = WebhookCreatedSerializer(subscription).data
        data["secret"] = secret
        return Response(data, status=status.HTTP_201_CREATED)


@docs_webhooks.endpoint(
    summary="Satu webhook",
    description="Webhook `id` milik klien ini.",
    response=WebhookSubscriptionSerializer,
    examples=docs_webhooks.DETAIL_EXAMPLES,
    not_found=True,
)
@docs_webhooks.endpoint(
    method="delete",
    summary="Hapus webhook",
    description="Tidak ada kiriman lagi ke URL ini, termasuk percobaan ulang yang tertunda.",
    status=204,
    examples=[],
    not_found=True,
)
class WebhookDetailView(WebhookViewMixin, APIView):
    def get(self, request, id: int):
        return Response(WebhookSubscriptionSerializer(self.subscription()).data)

    def delete(self, request, id: int):
        webhooks.subscription_delete(subscription=self.subscription())
        return Response(status=status.HTTP_204_NO_CONTENT)


@docs_webhooks.endpoint(
    method="post",
    summary="Kirim ping sekarang",
    description=(
        "Mengirim satu kiriman `ping` ke URL webhook saat ini juga (satu percobaan, tanpa "
        "coba ulang) dan menjawab hasilnya: `status` `delivered` bila penerima menjawab 2xx, "
        "`failed` bila tidak. Kode status dan galat penerima tidak ditampilkan (BKPSDM "
        "melihatnya di log webhook); ping yang gagal dijawab setelah batas waktu kiriman. Tanpa "
        "isi permintaan."
    ),
    request=None,
    response=WebhookDeliverySerializer,
    examples=docs_webhooks.PING_EXAMPLES,
    not_found=True,
    bad_request=docs_webhooks.ERR_400_PING,
)
class WebhookPingView(WebhookViewMixin, APIView):
    def post(self, request, id: int):
        subscription = self.subscription()
        if not subscription.active:
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Webhook ini tidak aktif; tidak ada kiriman.")]}
            )
        delivery = webhooks.subscription_ping(subscription=subscription)
        return Response(WebhookDeliverySerializer(delivery).data)


@docs_webhooks.endpoint(
    method="post",
    summary="Ganti rahasia penanda tangan",
    description=(
        "Rahasia baru ditampilkan sekali; kiriman berikutnya (termasuk percobaan ulang) "
        "ditandatangani dengannya. Tanpa isi permintaan."
    ),
    request=None,
    response=WebhookSecretSerializer,
    examples=docs_webhooks.SECRET_EXAMPLES,
    not_found=True,
)
class WebhookRotateSecretView(WebhookViewMixin, APIView):
    def post(self, request, id: int):
        subscription = self.subscription()
        secret = webhooks.subscription_rotate_secret(subscription=subscription)
        return Response({"id": subscription.pk, "secret": secret})


class DeliveryFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=WebhookDelivery.Status.choices, label="Status kiriman")
    event = filters.ChoiceFilter(choices=WebhookEvent.choices, label="Peristiwa")

    class Meta:
        model = WebhookDelivery
        fields = ["status", "event"]


@docs_webhooks.endpoint(
    summary="Log kiriman satu webhook",
    description=(
        "Kiriman ke webhook `id`, terbaru dulu: peristiwa, `event_id` (= header X-WFH-Delivery), "
        "status (`pending`, `retrying`, `delivered`, `failed`), jumlah percobaan, kode HTTP dan "
        "galat terakhir, percobaan berikutnya, dan `data` yang dikirim. Saring dengan `status` "
        "dan `event`."
    ),
    examples=docs_webhooks.DELIVERIES_EXAMPLES,
    not_found=True,
)
class WebhookDeliveryListView(WebhookViewMixin, generics.ListAPIView):
    serializer_class = WebhookDeliverySerializer
    filterset_class = DeliveryFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WebhookDelivery.objects.none()
        return self.subscription().deliveries.order_by("-created_at", "-id")
