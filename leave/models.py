"""Leave, sick leave and official duty over a date range (kept in the table attendance made)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opd.models import Employee


class LeaveKind(models.TextChoices):
    CUTI_TAHUNAN = "cuti_tahunan", _("Cuti tahunan")
    CUTI_SAKIT = "cuti_sakit", _("Cuti sakit")
    CUTI_BESAR = "cuti_besar", _("Cuti besar")
    CUTI_MELAHIRKAN = "cuti_melahirkan", _("Cuti melahirkan")
    CUTI_ALASAN_PENTING = "cuti_alasan_penting", _("Cuti karena alasan penting")
    SAKIT = "sakit", _("Sakit")
    DINAS_LUAR = "dinas_luar", _("Dinas luar")
    TUGAS_BELAJAR = "tugas_belajar", _("Tugas belajar")


class LeaveStatus(models.TextChoices):
    APPROVED = "approved", _("disetujui")
    PENDING = "pending", _("diajukan")
    REJECTED = "rejected", _("ditolak")
    CANCELLED = "cancelled", _("dibatalkan")
    RETURNED = "returned", _("dikembalikan")


class AttachmentStorage(FileSystemStorage):
    """Files under LEAVE_ATTACHMENT_ROOT, read when used (so a setting changed in a test holds)."""

    @property
    def base_location(self):
        return settings.LEAVE_ATTACHMENT_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def attachment_storage() -> FileSystemStorage:
    """Attachments (a doctor's letter) live outside MEDIA and STATIC, never served by URL: only
    the download view, which asks opd.access, hands them out."""
    return AttachmentStorage(base_url=None)


def attachment_path(record: LeaveRecord, filename: str) -> str:
    """A random name under the month: nothing of the employee's or the sender's file name."""
    ext = Path(filename).suffix.lower()[:6]
    return f"{timezone.now():%Y-%m}/{uuid.uuid4().hex}{ext}"


class LeaveRecord(models.Model):
    """Leave (cuti), sick leave or official duty over a date range, both ends included."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="leave"
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=LeaveKind.choices)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    status = models.CharField(
        _("status"), max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.APPROVED
    )
    note = models.TextField(_("keterangan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Yang menyetujui, menolak atau membatalkan."),
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    attachment = models.FileField(
        _("lampiran"),
        storage=attachment_storage,
        upload_to=attachment_path,
        max_length=200,
        blank=True,
        help_text=_("Surat keterangan dokter atau surat tugas (PDF, JPG atau PNG)."),
    )
    attachment_name = models.CharField(_("nama berkas lampiran"), max_length=120, blank=True)

    class Meta:
        db_table = "attendance_leaverecord"  # made by attendance, which kept it until 0007
        ordering = ["employee", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="leave_end_after_start")
        ]
        indexes = [
            models.Index(fields=["employee", "start", "end"], name="attendance__employe_d5e1d0_idx")
        ]
        verbose_name = _("cuti, sakit atau dinas")
        verbose_name_plural = _("cuti, sakit atau dinas")

    def __str__(self) -> str:
        return f"{self.employee_id} {self.kind} {self.start}–{self.end}"
