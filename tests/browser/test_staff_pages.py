"""The Tiltak tab, the staff measure page and the Deltakere tab in a real browser: accessible at
375 and 1280 px (the status form's refusal included), nothing from other origins."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from arena.models import ArenaMembership
from measures.models import Measure, MeasureActor
from participants.models import Participant
from tests import factories
from tests.browser.conftest import VIEWPORTS, assert_accessible_and_local, shoot
from tests.measures.lead_world import build_summary_arena


@pytest.fixture
def staff_world(db):
    arena = factories.ArenaFactory(title="Arena for økt yrkesdeltagelse", slug="buskerud")
    world = build_summary_arena(arena)
    user = factories.UserFactory(
        username="fasilitator", first_name="Fride", last_name="Fasilitator"
    )
    factories.ArenaMembershipFactory(arena=arena, user=user, role=ArenaMembership.Role.FACILITATOR)
    kari, nina = world["people"][0], world["people"][2]
    factories.CommentFactory(measure=world["m1"], participant=kari, text="Ta med karrieresenteret.")
    factories.CommentFactory(
        measure=world["m1"], participant=nina, text="Upassende kommentar", hidden=True
    )
    factories.VoteFactory(measure=world["m3"], participant=nina, dots=2)
    # A measure with partners only: moving it to "Vedtatt" is refused.
    loose = factories.MeasureFactory(arena=arena, group=world["group"], title="Uten ansvarlig")
    factories.MeasureActorFactory(measure=loose, role_kind=MeasureActor.Role.PARTNER)
    world.update(arena=arena, user=user, loose=loose)
    return world


def staff_page(new_page, viewport, user, live_server):
    client = Client()
    client.force_login(user)
    page = new_page(viewport)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def assert_no_sideways_scroll(page, viewport):
    """Wide tables scroll inside their own region; the page itself never does."""
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def shot(page, name, viewport):
    shoot(page, f"staff-{name}-{viewport['width']}", full_page=True)


@VIEWPORTS
def test_measures_tab_is_accessible_and_filters(new_page, viewport, staff_world, live_server):
    page = staff_page(new_page, viewport, staff_world["user"], live_server)
    assert page.goto("/a/buskerud/tiltak/").status == 200
    assert page.locator("[aria-current=page]").inner_text() == "Tiltak"
    assert page.get_by_role("link", name="Felles formidling av læreplasser").is_visible()
    assert_accessible_and_local(page)
    assert_no_sideways_scroll(page, viewport)
    shot(page, "measure-list", viewport)
    page.get_by_label("Status").select_option(label="Vedtatt")
    page.get_by_role("button", name="Vis").click()
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "Felles formidling av læreplasser" in rows.inner_text()
    assert_accessible_and_local(page)


@VIEWPORTS
def test_measure_page_moves_status_and_shows_the_refusal(
    new_page, viewport, staff_world, live_server
):
    page = staff_page(new_page, viewport, staff_world["user"], live_server)
    loose = staff_world["loose"]
    assert page.goto(f"/a/buskerud/tiltak/{loose.pk}/").status == 200
    assert_accessible_and_local(page)
    page.get_by_label("Ny status").select_option(label="Vedtatt")
    page.get_by_role("button", name="Lagre status").click()
    message = page.get_by_text("Tiltaket må ha nøyaktig én ansvarlig aktør før det kan vedtas.")
    assert message.is_visible()
    assert page.get_by_label("Ny status").input_value() == "agreed"
    assert_accessible_and_local(page)
    shot(page, "status-refused", viewport)
    page.get_by_label("Ny status").select_option(label="Prioritert")
    page.get_by_role("button", name="Lagre status").click()
    assert page.get_by_text("Statusen er nå «Prioritert».").is_visible()
    loose.refresh_from_db()
    assert loose.status == Measure.Status.PRIORITISED


@VIEWPORTS
def test_measure_page_with_comments_history_and_contact(
    new_page, viewport, staff_world, live_server
):
    page = staff_page(new_page, viewport, staff_world["user"], live_server)
    m1 = staff_world["m1"]
    assert page.goto(f"/a/buskerud/tiltak/{m1.pk}/").status == 200
    main = page.locator("main")
    assert "Eier ordningen" in main.inner_text()
    assert "Upassende kommentar" in main.inner_text()
    assert_accessible_and_local(page)
    assert_no_sideways_scroll(page, viewport)
    shot(page, "measure-detail", viewport)
    page.get_by_role("button", name="Skjul kommentaren fra Kari Fylke").click()
    assert page.get_by_role("button", name="Vis kommentaren fra Kari Fylke").is_visible()
    page.get_by_label("E-post til kontaktpersonen").fill("kari@bfk.no")
    page.get_by_role("button", name="Lagre kontaktperson").click()
    assert page.get_by_text("Kontaktpersonen er lagret.").is_visible()
    m1.refresh_from_db()
    assert m1.contact_email == "kari@bfk.no"
    assert "Fride Fasilitator" in page.locator("#history-heading + div").inner_text()


@VIEWPORTS
def test_participants_tab_moves_and_removes_after_confirming(
    new_page, viewport, staff_world, live_server
):
    page = staff_page(new_page, viewport, staff_world["user"], live_server)
    other = factories.GroupFactory(arena=staff_world["arena"], name="Bord 2")
    assert page.goto("/a/buskerud/deltakere/").status == 200
    assert page.locator("[aria-current=page]").inner_text() == "Deltakere"
    assert_accessible_and_local(page)
    assert_no_sideways_scroll(page, viewport)
    shot(page, "participant-list", viewport)
    page.get_by_label("Bord for Dag Drammen").select_option(label="Bord 2")
    page.get_by_role("button", name="Flytt Dag Drammen").click()
    expect(page.get_by_text("Dag Drammen sitter nå ved Bord 2.")).to_be_visible()
    assert Participant.objects.get(display_name="Dag Drammen").group == other
    page.get_by_role("link", name="Fjern Nina Nav").click()
    expect(page.get_by_role("heading", name="Fjerne Nina Nav?")).to_be_visible()
    assert_accessible_and_local(page)
    shot(page, "participant-delete", viewport)
    page.get_by_role("button", name="Ja, fjern Nina Nav").click()
    expect(page.get_by_text("Nina Nav er fjernet fra arenaen.")).to_be_visible()
    assert not Participant.objects.filter(display_name="Nina Nav").exists()


@VIEWPORTS
def test_summary_and_follow_up_carry_the_arena_tabs(new_page, viewport, staff_world, live_server):
    page = staff_page(new_page, viewport, staff_world["user"], live_server)
    for path, tab in (
        ("/a/buskerud/oppsummering/", "Oppsummering"),
        ("/a/buskerud/oppfolging/", "Oppfølging"),
    ):
        assert page.goto(path).status == 200
        assert page.locator("[aria-current=page]").inner_text() == tab
        assert page.locator(".summary-nav").count() == 0
        page.get_by_role("link", name="Tiltak", exact=True).click()
        assert page.locator("h1").inner_text() == "Tiltak"
