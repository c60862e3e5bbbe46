import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_pages_are_in_bokmal_whatever_the_browser_asks_for(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nb"
    assert '<html lang="nb">' in response.content.decode()


@pytest.mark.parametrize("code", ["nn", "en"])
def test_the_chosen_language_is_kept(client, code):
    response = client.post("/i18n/setlang/", {"language": code, "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == code
    page = client.get("/")
    assert page["Content-Language"] == code
    assert f'<html lang="{code}">' in page.content.decode()


def test_an_unknown_language_cookie_falls_back_to_bokmal(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert client.get("/")["Content-Language"] == "nb"
