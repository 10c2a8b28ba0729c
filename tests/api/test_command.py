"""create_api_client: prints the token once, stores only its hash, refuses unknown input."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from api.models import ApiClient
from api.services import hash_token


def run(*args) -> str:
    out = io.StringIO()
    call_command("create_api_client", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_a_token_that_is_stored_only_as_its_hash(world):
    out = run("TPP", "--scopes", "schedule:read,org:read", "--opd", "DISKOMINFO")
    token = out.strip().splitlines()[-1]
    client = ApiClient.objects.get(name="TPP")
    assert client.token_hash == hash_token(token)
    assert token not in (client.token_hash, client.token_prefix)
    assert token.startswith(client.token_prefix)
    assert client.scopes == ["org:read", "schedule:read"]
    assert [o.code for o in client.opds.all()] == ["DISKOMINFO"]


def test_an_unknown_scope_is_named_and_nothing_is_created(world):
    with pytest.raises(CommandError, match="schedule:write"):
        run("TPP", "--scopes", "schedule:read,schedule:write")
    assert not ApiClient.objects.exists()


def test_an_unknown_opd_code_is_named_and_nothing_is_created(world):
    with pytest.raises(CommandError, match="DINKES"):
        run("TPP", "--scopes", "schedule:read", "--opd", "DINKES")
    assert not ApiClient.objects.exists()


def test_the_command_exits_with_status_1_on_bad_input(world):
    import subprocess
    import sys

    from django.conf import settings

    # a real process: CommandError becomes exit status 1 and a message on stderr
    done = subprocess.run(
        [sys.executable, "manage.py", "create_api_client", "X", "--scopes", "nope:read"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:///:memory:"},
    )
    assert done.returncode == 1
    assert "nope:read" in done.stderr


def test_a_client_without_opds_may_use_every_opd(world):
    run("Dasbor", "--scopes", "summary:read")
    assert not ApiClient.objects.get(name="Dasbor").opds.exists()
