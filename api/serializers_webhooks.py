"""Shapes of the webhook endpoints (output only; registration is checked by api.webhooks)."""

from __future__ import annotations

from rest_framework import serializers

from api.models import WebhookDelivery, WebhookSubscription
from api.webhooks import SUBSCRIBABLE


class WebhookSubscriptionSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=SUBSCRIBABLE),
        help_text="Peristiwa yang dikirim ke URL ini.",
    )
    active = serializers.BooleanField(
        read_only=True, help_text="false bila BKPSDM menonaktifkannya: tidak ada kiriman."
    )

    class Meta:
        model = WebhookSubscription
        fields = ["id", "url", "events", "active", "created_at", "last_delivery_at"]
        read_only_fields = fields


class WebhookCreateSerializer(serializers.Serializer):
    """Only for the documentation: the body is checked by api.webhooks.subscription_create."""

    url = serializers.URLField(
        max_length=500,
        help_text="http(s) URL penerima; tanpa nama pengguna/kata sandi; alamat publik.",
    )
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=SUBSCRIBABLE),
        min_length=1,
        help_text=(
            "roster.published (butuh schedule:read atau roster:write), summary.ready (butuh "
            "summary:read atau attendance:read)."
        ),
    )


class WebhookCreatedSerializer(WebhookSubscriptionSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="Rahasia penanda tangan; hanya ditampilkan sekarang (dan saat diganti).",
    )

    class Meta(WebhookSubscriptionSerializer.Meta):
        fields = [*WebhookSubscriptionSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookSecretSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    secret = serializers.CharField(
        read_only=True, help_text="Rahasia baru; yang lama tidak dipakai lagi."
    )


class WebhookDeliverySerializer(serializers.ModelSerializer):
    """What a client sees of a delivery: delivered or not, never the receiver's status code or
    the connection error (a port scanner's answers); HR's webhook log page shows those."""

    data = serializers.JSONField(source="payload", read_only=True, help_text="Isi `data` kiriman.")

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "event_id",
            "status",
            "attempts",
            "next_attempt_at",
            "delivered_at",
            "created_at",
            "data",
        ]
        read_only_fields = fields
