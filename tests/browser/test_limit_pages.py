"""Limits of decision 50 in Chromium: dots over the limit say when to try again in the list's
live status line (htmx) or on the reloaded page (no JavaScript, a 429); and the privacy page
that states the export log's retention. Accessible at 375 and 1280 px."""

from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.core.cache import caches
from playwright.sync_api import expect

from arena import limits
from measures.models import Vote
from tests.browser.conftest import VIEWPORTS, assert_accessible_and_local
from tests.browser.test_voting import _phone, voting  # noqa: F401 (the fixture)

# The dots left, announced; the room bar's message region is a second status on the page.
DOTS_STATUS = '#dots-left[role="status"]'


@VIEWPORTS
@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_dots_over_the_limit_say_when_to_try_again(
    new_page,
    live_server,
    voting,  # noqa: F811
    viewport,
    javascript,
    monkeypatch,
):
    monkeypatch.setattr(
        django_ratelimit.core, "time", SimpleNamespace(time=lambda: 1_800_000_005.0)
    )
    monkeypatch.setitem(limits.LIMITS, "dot", (limits.Limit("who", "1/m"),))
    caches["limits"].clear()  # the window is held still: no other test's count may be in it
    arena, participant = voting
    page = _phone(new_page, live_server, participant, java_script_enabled=javascript)
    page.set_viewport_size(viewport)
    page.goto(f"/a/{arena.slug}/hjem/prioritering/")
    title = "Felles formidling av læreplasser"
    page.get_by_role("button", name=f"Gi en prikk til {title}").click()
    expect(page.get_by_text("Du har 1 prikk igjen.")).to_be_visible()
    if javascript:
        page.get_by_role("button", name=f"Gi en prikk til {title}").click()
        expect(page.locator(DOTS_STATUS)).to_contain_text("prøv igjen (klokka")
    else:
        with page.expect_navigation() as loaded:
            page.get_by_role("button", name=f"Gi en prikk til {title}").click()
        assert loaded.value.status == 429
        expect(page.get_by_text("prøv igjen (klokka").first).to_be_visible()
    assert Vote.objects.get(participant=participant).dots == 1
    if javascript:  # axe itself needs JavaScript; without it the markup is the same template
        assert_accessible_and_local(page)


@VIEWPORTS
def test_the_privacy_page_is_accessible(new_page, viewport, db):
    page = new_page(viewport)
    page.goto("/personvern/")
    assert "slettes automatisk 24 måneder etter nedlastingen" in page.inner_text("main")
    assert_accessible_and_local(page)
