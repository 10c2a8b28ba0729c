"""The default working hours (no OPD): 07:30–16:00 Mon–Thu, 07:30–16:30 Fri, and TL/PSW tiers.

The cuts follow the common Perkada scheme (0.5%, 1%, 1.25%, 1.5% of TPP per occurrence); HR edits
them in the admin.
"""

from decimal import Decimal

from django.db import migrations

BANDS = ((1, 30), (31, 60), (61, 90), (91, None))
CUTS = (Decimal("0.50"), Decimal("1.00"), Decimal("1.25"), Decimal("1.50"))


def create_default(apps, schema_editor):
    WorkingHours = apps.get_model("attendance", "WorkingHours")
    LatenessTier = apps.get_model("attendance", "LatenessTier")
    if WorkingHours.objects.filter(opd__isnull=True).exists():
        return
    policy = WorkingHours.objects.create(opd=None)
    LatenessTier.objects.bulk_create(
        LatenessTier(
            policy=policy,
            kind=kind,
            code=f"{kind}{i}",
            min_minutes=low,
            max_minutes=high,
            cut_percent=cut,
        )
        for kind in ("TL", "PSW")
        for i, ((low, high), cut) in enumerate(zip(BANDS, CUTS, strict=True), start=1)
    )


def remove_default(apps, schema_editor):
    apps.get_model("attendance", "WorkingHours").objects.filter(opd__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("attendance", "0001_initial")]

    operations = [migrations.RunPython(create_default, remove_default)]
