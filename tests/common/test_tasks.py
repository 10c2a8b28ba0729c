"""Tasks queued by name (common.tasks): every name the code queues is a registered task."""

import ast
from pathlib import Path

from celery import current_app

from common.tasks import queue_on_commit

ROOT = Path(__file__).resolve().parents[2]
APPS = [p for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name not in {"tests"}]


def _queued_names() -> set[str]:
    names = set()
    for app in APPS:
        for path in app.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", getattr(node.func, "attr", None))
                    in {"queue", "queue_on_commit", "task"}
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    names.add(node.args[0].value)
    return names


def test_every_task_name_the_code_queues_is_registered():
    current_app.loader.import_default_modules()
    missing = _queued_names() - set(current_app.tasks)
    assert not missing, f"queued by name but no such task: {sorted(missing)}"


def test_a_queued_task_runs_eagerly_once_the_transaction_commits(
    db, django_capture_on_commit_callbacks
):
    ran = []

    @current_app.task(name="tests.common.record")
    def record(value):
        ran.append(value)

    with django_capture_on_commit_callbacks(execute=True):
        queue_on_commit("tests.common.record", 7)
        assert ran == []  # not before the commit
    assert ran == [7]  # eagerly, in this process: no broker needed
