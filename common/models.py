"""The task outbox: work that must follow a commit, written in the same transaction.

`common.tasks.queue_on_commit` writes a row beside the caller's own rows; once the transaction
commits the task is published to the broker and its row deleted. When the broker does not answer
the row stays, and `outbox_drain` (beat, every TASK_OUTBOX_SWEEP_S, and each worker at start)
sends it later: a committed change never loses the work that follows it. The model knows no
other model of the project (common is the lowest layer).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class QueuedTask(models.Model):
    """A Celery task (by its registered name) waiting to be published."""

    name = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    countdown = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # the drain sends a row once this has passed: a short grace after the commit (the commit's
    # own publish goes first), then later after each failed attempt
    due_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("tugas dalam antrean")
        verbose_name_plural = _("tugas dalam antrean")

    def __str__(self) -> str:
        return f"{self.name}{tuple(self.args)}"
