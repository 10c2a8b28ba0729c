"""The employee's eligibility in the API (opd.eligibility): its shape, and a whole page read at
once."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from opd.eligibility_records import describe, eligibility_of_loaded


class EligibilitySerializer(serializers.Serializer):
    eligible = serializers.BooleanField(help_text="Boleh WFH hari ini.")
    reason = serializers.CharField(
        help_text="disciplinary, new_in_post, frontline, other; kosong bila boleh."
    )
    since = serializers.DateField(allow_null=True, help_text="Sejak kapan alasannya berlaku.")
    until = serializers.DateField(
        allow_null=True, help_text="Hari pertama boleh WFH lagi; null bila belum ada."
    )
    manual = serializers.BooleanField(help_text="Ditetapkan HR (bukan dari catatan).")
    text = serializers.CharField(help_text="Alasan dan sampai kapan, dalam kalimat.")


class EmployeeListSerializer(serializers.ListSerializer):
    """Reads the eligibility of a whole page at once (opd.eligibility_records: three queries)."""

    def to_representation(self, data):
        items = list(data.all() if hasattr(data, "all") else data)
        today = self.context.get("today") or timezone.localdate()
        self.child.context["eligibility"] = eligibility_of_loaded(items, today)
        return super().to_representation(items)


def eligibility_data(context: dict, employee) -> dict:
    """The employee's answer of today, from the page's batch when the list read one."""
    known = context.get("eligibility")
    answer = known.get(employee.pk) if known else None
    if answer is None:
        today = context.get("today") or timezone.localdate()
        answer = eligibility_of_loaded([employee], today)[employee.pk]
    return {
        "eligible": answer.eligible,
        "reason": answer.reason,
        "since": answer.since.isoformat() if answer.since else None,
        "until": answer.until.isoformat() if answer.until else None,
        "manual": answer.manual,
        "text": describe(answer),
    }
