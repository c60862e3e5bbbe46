"""The summary and follow-up pages in a real browser: accessible at 375 and 1280 px, local only."""

import pytest
from django.test import Client

from arena.models import ArenaMembership
from measures.followup import followup_token_ensure
from measures.models import Measure
from tests import factories
from tests.browser.conftest import VIEWPORTS, assert_accessible_and_local, shoot
from tests.measures.lead_world import build_summary_arena


@pytest.fixture
def lead_world(db):
    arena = factories.ArenaFactory(title="Arena for økt yrkesdeltagelse", slug="buskerud")
    world = build_summary_arena(arena)
    user = factories.UserFactory(username="prosjektleder")
    factories.ArenaMembershipFactory(arena=arena, user=user, role=ArenaMembership.Role.PROJECT_LEAD)
    factories.FollowUpUpdateFactory(measure=world["m1"], text="Første møte er holdt.")
    world.update(arena=arena, user=user, token=followup_token_ensure(measure=world["m1"]))
    return world


def staff_page(new_page, viewport, user, live_server):
    client = Client()
    client.force_login(user)
    page = new_page(viewport)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


@VIEWPORTS
def test_summary_page_is_accessible_and_self_contained(new_page, viewport, lead_world, live_server):
    page = staff_page(new_page, viewport, lead_world["user"], live_server)
    response = page.goto("/a/buskerud/oppsummering/")
    assert response.status == 200
    assert page.locator("h1").inner_text().startswith("Oppsummering")
    assert page.locator("img[src^='data:image/svg+xml']").count() >= 7
    # Open the folded parts too, so that axe checks them.
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    assert_accessible_and_local(page)
    shoot(page, f"summary-{viewport['width']}", full_page=True)


@VIEWPORTS
def test_follow_up_page_is_accessible_and_self_contained(
    new_page, viewport, lead_world, live_server
):
    page = staff_page(new_page, viewport, lead_world["user"], live_server)
    response = page.goto("/a/buskerud/oppfolging/")
    assert response.status == 200
    assert "Felles formidling av læreplasser" in page.locator("main").inner_text()
    assert_accessible_and_local(page)
    shoot(page, f"followup-{viewport['width']}", full_page=True)


@VIEWPORTS
def test_owner_reports_status_on_an_accessible_page(new_page, viewport, lead_world):
    page = new_page(viewport)
    response = page.goto(f"/oppfolging/{lead_world['token']}/")
    assert response.status == 200
    assert_accessible_and_local(page)
    page.get_by_label("Forsinket").check()
    page.get_by_role("button", name="Send status").click()
    # Without a reason the report is refused, with the choice kept.
    assert page.get_by_text("Skriv kort hvorfor tiltaket er forsinket eller stanset.").is_visible()
    assert page.get_by_label("Forsinket").is_checked()
    assert_accessible_and_local(page)
    page.get_by_label("Kort om status").fill("Venter på svar om tilskudd.")
    page.get_by_label("Ditt navn").fill("Kari Fylke")
    page.get_by_role("button", name="Send status").click()
    assert page.get_by_text("Takk! Statusen er lagret.").is_visible()
    assert page.get_by_text("Venter på svar om tilskudd.").is_visible()
    shoot(page, f"owner-{viewport['width']}", full_page=True)
    measure = Measure.objects.get(pk=lead_world["m1"].pk)
    assert measure.status == Measure.Status.STARTED


# Every table that is wider than its column sits in a container that scrolls sideways;
# the page itself never does (the issue found the last table clipped by 19 px).
OVERFLOWING = """() => [...document.querySelectorAll('.summary table')].filter(t => {
  const box = t.parentElement;
  const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
  return !scrolls && t.getBoundingClientRect().width > box.clientWidth + 0.5;
}).map(t => (t.caption ? t.caption.textContent : t.outerHTML.slice(0, 80)))"""
PAGE_WIDTHS = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"


@VIEWPORTS
def test_no_summary_table_overflows_without_a_scroll_container(
    new_page, viewport, lead_world, live_server
):
    page = staff_page(new_page, viewport, lead_world["user"], live_server)
    page.goto("/a/buskerud/oppsummering/")
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate(PAGE_WIDTHS)[0] <= page.evaluate(PAGE_WIDTHS)[1]
    # The check sees a table that is too wide for a plain column (an unbreakable word: the
    # CSP refuses an inline style).
    page.evaluate(
        "() => document.querySelector('#participation-heading').insertAdjacentHTML('afterend',"
        " '<div><table><caption>Bred</caption><tr><td>' + 'x'.repeat(400)"
        " + '</td></tr></table></div>')"
    )
    assert page.evaluate(OVERFLOWING) == ["Bred"]


@VIEWPORTS
def test_the_demo_summary_has_no_table_wider_than_its_column(new_page, viewport, live_server):
    from measures.demo import demo_arena_seed

    arena, _logins = demo_arena_seed()
    user = factories.UserFactory()
    factories.ArenaMembershipFactory(arena=arena, user=user, role=ArenaMembership.Role.PROJECT_LEAD)
    page = staff_page(new_page, viewport, user, live_server)
    assert page.goto(f"/a/{arena.slug}/oppsummering/").status == 200
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate(PAGE_WIDTHS)[0] <= page.evaluate(PAGE_WIDTHS)[1]
