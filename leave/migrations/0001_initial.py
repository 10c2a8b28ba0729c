# LeaveRecord, moved from attendance with its table (attendance_leaverecord, made by attendance
# 0001 and 0004): state only, no table created and no row copied.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("attendance", "0007_leaverecord_to_leave"),
        ("opd", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="LeaveRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("cuti_tahunan", "Cuti tahunan"),
                                    ("cuti_sakit", "Cuti sakit"),
                                    ("cuti_besar", "Cuti besar"),
                                    ("cuti_melahirkan", "Cuti melahirkan"),
                                    ("cuti_alasan_penting", "Cuti karena alasan penting"),
                                    ("sakit", "Sakit"),
                                    ("dinas_luar", "Dinas luar"),
                                    ("tugas_belajar", "Tugas belajar"),
                                ],
                                max_length=20,
                                verbose_name="jenis",
                            ),
                        ),
                        ("start", models.DateField(verbose_name="mulai")),
                        ("end", models.DateField(verbose_name="selesai")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("approved", "disetujui"),
                                    ("pending", "diajukan"),
                                    ("rejected", "ditolak"),
                                    ("cancelled", "dibatalkan"),
                                ],
                                default="approved",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("note", models.TextField(blank=True, verbose_name="keterangan")),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="dicatat pada"),
                        ),
                        (
                            "decided_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="diputuskan pada"
                            ),
                        ),
                        (
                            "decision_note",
                            models.TextField(blank=True, verbose_name="catatan keputusan"),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="dicatat oleh",
                            ),
                        ),
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                help_text="Yang menyetujui, menolak atau membatalkan.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="diputuskan oleh",
                            ),
                        ),
                        (
                            "employee",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="leave",
                                to="opd.employee",
                                verbose_name="pegawai",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "cuti, sakit atau dinas",
                        "verbose_name_plural": "cuti, sakit atau dinas",
                        "db_table": "attendance_leaverecord",
                        "ordering": ["employee", "start"],
                        "indexes": [
                            models.Index(
                                fields=["employee", "start", "end"],
                                name="attendance__employe_d5e1d0_idx",
                            )
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("end__gte", models.F("start"))),
                                name="leave_end_after_start",
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
