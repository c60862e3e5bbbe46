"""Voting in Chromium (decision 42): dots placed and moved without a reload (htmx) and, with
JavaScript off, as plain forms; only measures sent in take part."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from measures.models import Vote
from tests import factories
from tests.browser.conftest import PHONE, axe_violations
from tests.conftest import log_in_participant

# The dots left, announced; the room bar's message region is a second status on the page.
DOTS_STATUS = '#dots-left[role="status"]'


@pytest.fixture
def voting(db):
    arena = factories.ArenaFactory(slug="buskerud", dots_per_participant=2)
    group = factories.GroupFactory(arena=arena, name="Bord Nord")
    factories.ProgramSessionFactory(arena=arena, kind="prioritisation", is_current=True)
    for title in ("Felles formidling av læreplasser", "Karrieresenter på skolen"):
        factories.MeasureFactory(
            arena=arena, group=group, title=title, status="submitted",
            description="Mange lærlingplasser i industrien står tomme.",
        )  # fmt: skip
    factories.MeasureFactory(arena=arena, group=group, title="Tomt utkast")
    return arena, factories.ParticipantFactory(arena=arena, group=group)


def _phone(new_page, live_server, participant, **context_args):
    page = new_page(PHONE, **context_args)
    client = log_in_participant(Client(), participant)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}
    page.context.add_cookies([cookie])
    return page


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_dots_are_placed_and_moved(new_page, live_server, voting, javascript):
    arena, participant = voting
    page = _phone(new_page, live_server, participant, java_script_enabled=javascript)
    page.goto(f"/a/{arena.slug}/hjem/prioritering/")
    expect(page.get_by_text("Du har 2 prikker igjen.")).to_be_visible()
    expect(page.get_by_text("Tomt utkast")).to_have_count(0)
    expect(page.get_by_text("Mange lærlingplasser").first).to_be_visible()
    loads = []
    page.on("load", lambda _page: loads.append(1))
    first, second = "Felles formidling av læreplasser", "Karrieresenter på skolen"
    page.get_by_role("button", name=f"Gi en prikk til {first}").click()
    expect(page.locator(DOTS_STATUS)).to_have_text("Du har 1 prikk igjen.")
    page.get_by_role("button", name=f"Gi en prikk til {first}").click()
    expect(page.locator(DOTS_STATUS)).to_have_text("Du har 0 prikker igjen.")
    expect(page.get_by_role("button", name=f"Gi en prikk til {second}")).to_be_disabled()
    page.get_by_role("button", name=f"Ta bort en prikk fra {first}").click()  # move one
    page.get_by_role("button", name=f"Gi en prikk til {second}").click()
    expect(page.locator(DOTS_STATUS)).to_have_text("Du har 0 prikker igjen.")
    dots = dict(Vote.objects.filter(participant=participant).values_list("measure__title", "dots"))
    assert dots == {first: 1, second: 1}
    assert (len(loads) == 0) is javascript  # htmx: no page load; without JS: one per dot
    if javascript:
        # the last "+" is now disabled: the focus is on that measure's "−", not lost
        page.wait_for_function("document.activeElement.id.startsWith('vote-remove-')")
        assert axe_violations(page) == []  # axe itself needs JavaScript; the markup is one
