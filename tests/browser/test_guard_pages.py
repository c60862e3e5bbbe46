"""The pages of the guards in a real browser: the refused join (429) and the staff idle warning,
accessible at 375 and 1280 px."""

from types import SimpleNamespace

import django_ratelimit.core
from django.test import Client

from arena.models import ArenaMembership
from tests import factories
from tests.browser.conftest import VIEWPORTS, assert_accessible_and_local


@VIEWPORTS
def test_too_many_wrong_codes_shows_when_to_try_again_with_the_code_kept(
    new_page, viewport, monkeypatch
):
    # The limits count in fixed windows: held still, the 11 tries cannot straddle a window's
    # edge on a slow machine (the live server runs in this process).
    still = SimpleNamespace(time=lambda: 1_800_000_005.0)
    monkeypatch.setattr(django_ratelimit.core, "time", still)
    factories.ArenaFactory(join_code="BUS7Q4K", slug="bus")
    page = new_page(viewport)
    page.goto("/bli-med/")
    for n in range(11):
        page.fill("input[name=code]", f"WRONG{n}")
        with page.expect_navigation():
            page.click("button[type=submit]")
    assert "prøv igjen (klokka" in page.inner_text("main")
    assert page.input_value("input[name=code]") == "WRONG10"
    assert_accessible_and_local(page)
    response = page.goto("/bli-med/BUS7Q4K/aktorer/")
    assert response.status == 429
    assert_accessible_and_local(page)


@VIEWPORTS
def test_staff_are_warned_before_the_idle_timeout_and_can_go_on(
    new_page, viewport, live_server, settings
):
    settings.STAFF_IDLE_SECONDS = settings.STAFF_IDLE_WARNING_SECONDS + 2  # warn after 2 s
    arena = factories.ArenaFactory(slug="bus")
    user = factories.UserFactory(username="fasilitator")
    factories.ArenaMembershipFactory(arena=arena, user=user, role=ArenaMembership.Role.FACILITATOR)
    client = Client()
    client.force_login(user)
    page = new_page(viewport)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page.goto("/a/bus/")
    warning = page.locator("#idle-warning")
    warning.wait_for(state="visible", timeout=8_000)
    assert "logget ut" in warning.inner_text()
    assert_accessible_and_local(page)
    with page.expect_response("**/konto/aktiv/") as answer:
        warning.get_by_role("button").click()
    assert answer.value.status == 204
    assert warning.is_hidden()
