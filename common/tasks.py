"""Queueing a Celery task from a service without importing the module that defines it.

A task module imports its service (the task takes ids and calls one service); a service that
queues work must therefore not import the task module back, or the two form an import cycle.
Services name the task instead (the name its @shared_task gives, e.g. "wfh.generate_roster") and
this module finds it in the Celery app's registry, importing every app's tasks module first if the
process has not yet (a worker does at start, a web process only here), so an eager app (no
REDIS_URL) still runs it in-process. A name that no task carries fails loudly (KeyError);
tests/common/test_tasks.py checks every name the code queues against the registry.
"""

from __future__ import annotations

from celery import current_app
from django.db import transaction


def task(name: str):
    """The registered task called `name`. A worker imports every app's tasks module at start;
    a web process or a test may not have yet, so on a miss they are imported first."""
    tasks = current_app.tasks
    if name not in tasks:
        current_app.loader.import_default_modules()
    return tasks[name]


def queue(name: str, *args, countdown: int | None = None, **kwargs) -> None:
    """Send the task now (inside a transaction, prefer `queue_on_commit`)."""
    task(name).apply_async(args, kwargs, countdown=countdown)


def queue_on_commit(name: str, *args, countdown: int | None = None, **kwargs) -> None:
    """Send the task once the current transaction commits: the worker then reads the rows the
    caller wrote. Outside a transaction Django runs the callback at once."""
    transaction.on_commit(lambda: queue(name, *args, countdown=countdown, **kwargs))
