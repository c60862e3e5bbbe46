"""A staff form that Chromium sends twice acts once (decision 66). The page's request is let
through twice (as a browser resends a form after a dropped connection), with the body Chromium
built from the form, op and all, with and without JavaScript; the page then shows the second
answer."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from arena.models import Arena, ProgramSession
from tests import factories
from tests.browser.conftest import LAPTOP


@pytest.fixture
def arena_and_facilitator(db):
    arena = factories.ArenaFactory(slug="buskerud", join_code="BUS7Q4K")
    user = factories.UserFactory(username="kari")
    factories.ArenaMembershipFactory(arena=arena, user=user, role="facilitator")
    factories.ProgramSessionFactory(arena=arena, title="Gruppearbeid 1", is_current=True)
    return arena, user


def _staff_page(new_page, live_server, user, **context_args):
    page = new_page(LAPTOP, **context_args)
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}
    page.context.add_cookies([cookie])
    return page


def _sent_twice(page, path):
    """Every POST to `path` reaches the server twice; the page gets the second answer."""
    posts = []

    def twice(route):
        if route.request.method != "POST":
            route.continue_()
            return
        posts.append(route.request.post_data)
        route.fetch(max_redirects=0)
        route.fulfill(response=route.fetch(max_redirects=0))

    page.route(lambda url: url.endswith(path), twice)
    return posts


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_plus_five_minutes_sent_twice_adds_five_minutes(
    new_page, live_server, arena_and_facilitator, javascript
):
    arena, user = arena_and_facilitator
    page = _staff_page(new_page, live_server, user, java_script_enabled=javascript)
    page.goto(f"/a/{arena.slug}/fasilitering/")
    posts = _sent_twice(page, "/fasilitering/nedtelling/")
    page.get_by_role("button", name="+5 min").click()
    expect(page.get_by_text("Dette ble allerede gjort.")).to_be_visible()
    assert len(posts) == 1
    assert "op=" in posts[0]
    assert ProgramSession.objects.get(arena=arena).timer_left == 300  # not 600


def test_a_new_code_sent_twice_makes_one_code(new_page, live_server, arena_and_facilitator):
    """The «Lag ny kode» form asks first (data-confirm, with JavaScript); the code the first
    request made is the one the page shows and the one that works."""
    arena, user = arena_and_facilitator
    page = _staff_page(new_page, live_server, user)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"/a/{arena.slug}/")
    revision = Arena.objects.get(pk=arena.pk).revision
    _sent_twice(page, "/kode/ny/")
    page.get_by_role("button", name="Lag ny kode").click()
    expect(page.get_by_text("Den nye koden er allerede laget.")).to_be_visible()
    arena = Arena.objects.get(pk=arena.pk)
    assert arena.revision == revision + 1
    assert arena.join_code != "BUS7Q4K"
    expect(page.locator(".join-code-large")).to_have_text(arena.join_code_display)
