# LeaveRecord moves to the leave app, which keeps its table (attendance_leaverecord): this
# migration only forgets the model in attendance's state; leave 0001 adds it to leave's.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0006_event_flag_params"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="LeaveRecord")],
            database_operations=[],
        ),
    ]
