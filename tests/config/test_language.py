import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_indonesian_until_the_user_switches(client, world):
    client.force_login(world.hr)
    body = client.get("/opd/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/opd/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert 'lang="en"' in client.get("/opd/").content.decode()


def test_an_unknown_language_cookie_falls_back_to_indonesian(client, world):
    client.force_login(world.hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert 'lang="id"' in client.get("/opd/").content.decode()
