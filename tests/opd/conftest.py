import pytest
from django.urls import reverse


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    """POST the import page's confirm; the run task queued on commit runs (eagerly) before the
    redirect is followed, as a worker runs it outside a test's transaction."""

    def post(batch, follow: bool = False):
        with django_capture_on_commit_callbacks(execute=True):
            resp = client.post(reverse("opd:import_confirm", args=[batch.pk]))
        if follow and resp.status_code == 302:
            resp = client.get(resp.url)
        return resp

    return post
