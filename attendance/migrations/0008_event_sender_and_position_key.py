"""Events keep their sender (an external id is unique per sender, no longer per source) and the
spot they were sent from to 5 decimals (the key of the fake-GPS checks). Events already stored
keep sender "" (matched as duplicates for the same employee only) and get their spot computed."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import migrations, models

STEP = Decimal("0.00001")
CHUNK = 2000


def _five(value) -> str:
    # the rounding of attendance.rules.position_key at the time of this migration
    number = Decimal(str(value)).quantize(STEP, rounding=ROUND_HALF_UP)
    return format(number.copy_abs() if number.is_zero() else number, "f")


def fill_position_keys(apps, schema_editor):
    Event = apps.get_model("attendance", "AttendanceEvent")
    located = Event.objects.filter(latitude__isnull=False, longitude__isnull=False, position_key="")
    last = 0
    while True:
        chunk = list(
            located.filter(pk__gt=last).order_by("pk").only("pk", "latitude", "longitude")[:CHUNK]
        )
        if not chunk:
            return
        for event in chunk:
            event.position_key = f"{_five(event.latitude)},{_five(event.longitude)}"
        Event.objects.bulk_update(chunk, ["position_key"], batch_size=CHUNK)
        last = chunk[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0007_leaverecord_to_leave"),
    ]

    operations = [
        migrations.AddField(
            model_name="attendanceevent",
            name="sender",
            field=models.CharField(
                blank=True, db_default="", default="", max_length=40, verbose_name="pengirim"
            ),
        ),
        migrations.AddField(
            model_name="attendanceevent",
            name="position_key",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                max_length=24,
                verbose_name="titik (5 desimal)",
            ),
        ),
        # the new constraint is weaker than the old one, so the stored events already satisfy it
        migrations.AddConstraint(
            model_name="attendanceevent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("external_id", ""), _negated=True),
                fields=("source", "sender", "external_id"),
                name="event_external_id_unique_per_sender",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="attendanceevent",
            name="event_external_id_unique_per_source",
        ),
        migrations.RunPython(fill_position_keys, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="attendanceevent",
            index=models.Index(
                condition=models.Q(("position_key", ""), _negated=True),
                fields=["day", "position_key", "employee"],
                name="event_position_by_day",
            ),
        ),
        migrations.AddIndex(
            model_name="attendanceevent",
            index=models.Index(
                condition=models.Q(("position_key", ""), _negated=True),
                fields=["employee", "position_key"],
                name="event_position_by_employee",
            ),
        ),
    ]
