"""The room in Chromium (decisions 40, 41): the projector in each mode at 1920×1080 with zero
axe violations and a QR code that decodes to the join address, the timer counting on a phone
after the facilitator starts it, and a message reaching two phones."""

import io
import re

import pytest
import zxingcpp
from django.conf import settings
from django.test import Client
from PIL import Image
from playwright.sync_api import expect

from arena import services as arena_services
from measures import services
from measures.models import Room
from tests import factories
from tests.browser.conftest import LAPTOP, PHONE, VIEWPORTS, axe_violations, settle
from tests.conftest import log_in_participant

PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture
def room(db):
    arena = factories.ArenaFactory(slug="buskerud", join_code="BUS7Q4K")
    user = factories.UserFactory(username="kari")
    factories.ArenaMembershipFactory(arena=arena, user=user, role="facilitator")
    groups = [
        factories.GroupFactory(arena=arena, name=name, order=n)
        for n, name in enumerate(["Bord Nord", "Bord Sør"])
    ]
    factories.ProgramSessionFactory(arena=arena, title="Gruppearbeid 1", is_current=True)
    for n, group in enumerate(groups):
        measure = factories.MeasureFactory(
            arena=arena,
            group=group,
            status="submitted",
            title=f"Felles formidling av læreplasser {n + 1}",
            description="Mange lærlingplasser i industrien står tomme. " * 4,
            goal="Åtti prosent av søkerne får læreplass innen 1. oktober.",
        )
        factories.MeasureActorFactory(measure=measure, role_kind="lead")
        factories.VoteFactory(measure=measure, dots=3 - n)
    phones = [factories.ParticipantFactory(arena=arena, group=g) for g in groups]
    return arena, user, phones


def _cookie(page, client, live_server):
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}
    page.context.add_cookies([cookie])


def staff_page(new_page, live_server, user, viewport=LAPTOP):
    page = new_page(viewport)
    client = Client()
    client.force_login(user)
    _cookie(page, client, live_server)
    return page


def phone_page(new_page, live_server, participant, viewport=PHONE):
    page = new_page(viewport)
    _cookie(page, log_in_participant(Client(), participant), live_server)
    return page


def decoded_qr(page):
    """The QR code as Chromium drew it, read back by zxing-cpp from a screenshot."""
    png = page.locator(".projector-qr").screenshot()
    return [barcode.text for barcode in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize("mode", [m.value for m in Room.Mode])
def test_projector_in_each_mode_is_accessible_and_its_qr_is_the_join_address(
    new_page, live_server, room, mode
):
    arena, user, _phones = room
    services.room_change(arena=arena, mode=mode, screen_message="Velkommen tilbake etter lunsj")
    if mode == "timer":
        from arena.timer import session_timer_start

        session_timer_start(session=arena.sessions.get(is_current=True), seconds=600)
    page = staff_page(new_page, live_server, user, PROJECTOR)
    page.goto(f"/a/{arena.slug}/projektor/")
    expect(page.locator("#projector-live")).to_have_attribute("data-mode", mode)
    assert page.locator("form").count() == 0  # no controls and no chrome on the projector
    if mode == "timer":
        # Counting down from 10:00; how far it got depends on the machine's load.
        expect(page.locator(".countdown-big [data-countdown-clock]")).to_have_text(
            re.compile(r"^9:[45]\d$")
        )
    if mode == "ranking":
        expect(page.locator(".projector-rank-number").first).to_have_text("1")
        settle(page)  # the reveal's animations have brought every row in
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    assert page.origin_watcher.foreign == []
    assert decoded_qr(page) == [f"{live_server.url}/bli-med/{arena.join_code}/"]
    page.screenshot(path=f"/tmp/projector-{mode}.png")


def test_the_facilitator_switches_the_projector_live(new_page, live_server, room, fast_polls):
    arena, user, _phones = room
    projector = staff_page(new_page, live_server, user, PROJECTOR)
    projector.goto(f"/a/{arena.slug}/projektor/")
    expect(projector.get_by_role("heading", name="Nye tiltak")).to_be_visible()
    laptop = staff_page(new_page, live_server, user)
    laptop.goto(f"/a/{arena.slug}/fasilitering/")
    laptop.get_by_role("button", name="Neste tiltak →").click()
    expect(projector.get_by_text("Tiltak 1 av 2")).to_be_visible(timeout=12_000)
    laptop.get_by_role("button", name="Neste tiltak →").click()
    expect(projector.get_by_text("Tiltak 2 av 2")).to_be_visible(timeout=12_000)
    expect(projector.locator("#gallery-title")).to_have_text("Felles formidling av læreplasser 2")


def test_a_new_join_code_reaches_the_projectors_qr_without_a_reload(
    new_page, live_server, room, fast_polls
):
    arena, user, _phones = room
    projector = staff_page(new_page, live_server, user, PROJECTOR)
    projector.goto(f"/a/{arena.slug}/projektor/")
    assert decoded_qr(projector) == [f"{live_server.url}/bli-med/{arena.join_code}/"]
    arena = arena_services.join_code_regenerate(arena=arena)
    expect(projector.locator(".projector-code .join-code")).to_have_text(
        arena.join_code_display, timeout=12_000
    )
    settle(projector)
    assert decoded_qr(projector) == [f"{live_server.url}/bli-med/{arena.join_code}/"]


def _room_poll(arena):
    """Matches the address of the room poll (room.js) of the arena."""
    return lambda url: f"/a/{arena.slug}/rom/" in url


def test_timer_counts_on_a_phone_after_the_facilitator_starts_it(
    new_page, live_server, room, fast_polls
):
    arena, user, phones = room
    phone = phone_page(new_page, live_server, phones[0])
    phone.goto(f"/a/{arena.slug}/hjem/")
    timer = phone.locator("[data-room-timer]")
    expect(timer).to_be_hidden()
    laptop = staff_page(new_page, live_server, user)
    laptop.goto(f"/a/{arena.slug}/fasilitering/")
    laptop.get_by_label("Minutter").fill("10")
    laptop.get_by_role("button", name="Start nedtelling").click()
    expect(laptop.get_by_text("Nedtellingen er oppdatert.")).to_be_visible()
    expect(timer).to_be_visible(timeout=12_000)
    expect(timer).to_contain_text("Gruppearbeid 1")
    clock = timer.locator("[data-countdown-clock]")
    expect(clock).to_have_text(_minutes_left(9))
    # It counts down by itself: with the room poll cut off, the clock still changes.
    room_poll = _room_poll(arena)
    phone.route(room_poll, lambda route: route.abort())
    expect(clock).not_to_have_text(clock.text_content(), timeout=3_000)
    phone.unroute(room_poll)
    laptop.get_by_role("button", name="Pause").click()
    expect(timer).to_contain_text("På pause", timeout=12_000)


def _minutes_left(minutes):
    import re

    return re.compile(rf"^{minutes}:[0-5]\d$")


EXPOSED = """el => !el.closest('[hidden], [aria-hidden="true"]')
    && getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden'"""


def test_a_message_reaches_two_phones_and_each_can_dismiss_it(
    new_page, live_server, room, fast_polls
):
    arena, user, phones = room
    home = phone_page(new_page, live_server, phones[0])
    home.goto(f"/a/{arena.slug}/hjem/")
    measure = arena.measures.get(group=phones[1].group)
    editor = phone_page(new_page, live_server, phones[1], LAPTOP)  # a participant's laptop
    editor.goto(f"/a/{arena.slug}/hjem/tiltak/{measure.pk}/rediger/1/")
    for phone in (home, editor):
        # Before any message, the live region is already in the accessibility tree (a screen
        # reader announces changes only to a region it already watches), and empty.
        region = phone.locator(".room-bar [role=status]")
        assert region.get_attribute("role") == "status"
        assert region.get_attribute("aria-live") == "polite"
        assert region.evaluate(EXPOSED)
        assert region.text_content() == ""
        expect(phone.get_by_role("button", name="Lukk meldingen")).to_be_hidden()
        assert axe_violations(phone) == []
    laptop = staff_page(new_page, live_server, user)
    laptop.goto(f"/a/{arena.slug}/fasilitering/")
    laptop.get_by_label("Melding til alle telefoner").fill("5 minutter igjen")
    laptop.get_by_role("button", name="Send", exact=True).click()
    for phone in (home, editor):
        status = phone.get_by_role("status").filter(has_text="5 minutter igjen")
        expect(status).to_be_visible(timeout=12_000)
        expect(status).to_have_text("Melding fra fasilitator: 5 minutter igjen")
        assert status.get_attribute("data-room-live") is not None  # the same element as before
        assert axe_violations(phone) == []
    home.get_by_role("button", name="Lukk meldingen").click()
    expect(home.get_by_text("5 minutter igjen")).to_be_hidden()
    assert home.locator(".room-bar [role=status]").evaluate(EXPOSED)  # ready for the next one
    for _ in range(2):  # two polls later (the first one answered and handled) it stays dismissed
        with home.expect_response(lambda response: _room_poll(arena)(response.url)):
            pass
    expect(home.get_by_text("5 minutter igjen")).to_be_hidden()
    expect(editor.get_by_text("5 minutter igjen")).to_be_visible()


@VIEWPORTS
def test_status_change_says_what_it_will_do_and_the_overview_lists_what_is_missing(
    new_page, live_server, room, viewport
):
    arena, user, _phones = room
    page = staff_page(new_page, live_server, user, viewport)
    page.goto(f"/a/{arena.slug}/")
    expect(page.get_by_text("Før arenaen er klar, mangler:")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("combobox", name="Status").select_option("closed")
    page.get_by_role("button", name="Endre status …").click()
    expect(page.get_by_role("heading", name="Sette status til «Avsluttet»?")).to_be_visible()
    expect(page.get_by_text("«Gruppearbeid 1» avsluttes.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ja, sett status til «Avsluttet»").click()
    expect(page.get_by_text("Status er nå «Avsluttet».")).to_be_visible()
    page.get_by_role("combobox", name="Status").select_option("open")
    page.get_by_role("button", name="Endre status …").click()
    expect(page.get_by_label("Start «Gruppearbeid 1» igjen")).to_be_checked()
    page.get_by_role("button", name="Ja, sett status til «Åpen»").click()
    expect(page.get_by_text("Status er nå «Åpen».")).to_be_visible()
    assert arena.sessions.get(is_current=True).title == "Gruppearbeid 1"


@VIEWPORTS
def test_facilitation_screen_with_the_room_controls_is_accessible(
    new_page, live_server, room, viewport
):
    arena, user, _phones = room
    page = staff_page(new_page, live_server, user, viewport)
    page.goto(f"/a/{arena.slug}/fasilitering/")
    expect(page.get_by_role("heading", name="Projektor")).to_be_visible()
    assert axe_violations(page) == []
