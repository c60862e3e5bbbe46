"""Errors are explained in Norwegian, with a way on."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_unknown_page_gets_a_norwegian_404(client):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Vi fant ikke siden" in response.content.decode()


@pytest.mark.django_db
def test_a_stale_form_gets_a_norwegian_explanation():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Skjemaet ble ikke sendt" in response.content.decode()


@pytest.mark.django_db
def test_accessibility_statement_is_linked_from_every_page(client):
    page = client.get("/").content.decode()
    assert 'href="/tilgjengelighet/"' in page
    assert "WCAG 2.1" in client.get("/tilgjengelighet/").content.decode()
