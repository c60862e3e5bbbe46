"""Nothing typed is ever lost: autosave, reload, offline, two people on one field; and every
participant page and state without axe violations at 375 and 1280 px."""

import re

import pytest
from playwright.sync_api import expect

from measures.models import Measure
from tests import factories
from tests.browser.conftest import (
    PHONE,
    VIEWPORTS,
    assert_accessible_and_local,
    axe_violations,
    shoot,
)

SAVED = re.compile(r"Lagret \d\d:\d\d")


@pytest.fixture
def table():
    arena = factories.ArenaFactory(slug="buskerud", join_code="BUS7Q4K")
    group = factories.GroupFactory(arena=arena, name="Bord 1")
    factories.ProblemAreaFactory(arena=arena, title="Frafall i videregående")
    factories.TargetGroupFactory(arena=arena, name="Unge")
    measure = factories.MeasureFactory(arena=arena, group=group, title="Felles formidling")
    aina = factories.ParticipantFactory(arena=arena, group=group, display_name="Aina")
    tor = factories.ParticipantFactory(arena=arena, group=group, display_name="Tor")
    return measure, aina, tor


def open_step(new_page, participant, measure, step, viewport=PHONE):
    page = new_page(viewport)
    page.goto(f"/fortsett/{participant.resume_token}/")
    page.goto(f"/a/{measure.arena.slug}/hjem/tiltak/{measure.pk}/rediger/{step}/")
    return page


def saved_description(measure):
    return Measure.objects.get(pk=measure.pk).description


def test_resume_link_leaves_no_token_in_the_address(new_page, table):
    _measure, aina, _tor = table
    page = new_page(PHONE)
    page.goto(f"/fortsett/{aina.resume_token}/")
    assert page.url.endswith("/a/buskerud/hjem/")
    assert aina.resume_token not in page.url


def test_autosave_survives_a_reload(new_page, table):
    measure, aina, _tor = table
    page = open_step(new_page, aina, measure, 1)
    page.locator("#id_description").press_sequentially("Elever får ikke læreplass.")
    expect(page.locator("#save-status")).to_have_text(SAVED)
    page.reload()
    expect(page.locator("#id_description")).to_have_value("Elever får ikke læreplass.")
    assert saved_description(measure) == "Elever får ikke læreplass."
    assert Measure.objects.get(pk=measure.pk).last_edited_by == aina


def test_text_typed_just_before_a_reload_comes_back_from_the_browser(new_page, table):
    measure, aina, _tor = table
    page = open_step(new_page, aina, measure, 1)
    page.locator("#id_description").press_sequentially("Skrevet rett før")
    page.reload()  # before the pause that would have saved it
    expect(page.locator("#id_description")).to_have_value("Skrevet rett før")
    expect(page.locator("#save-status")).to_have_text(SAVED)
    assert saved_description(measure) == "Skrevet rett før"


@VIEWPORTS
def test_offline_period_loses_nothing(new_page, table, viewport):
    measure, aina, _tor = table
    page = open_step(new_page, aina, measure, 1, viewport)
    field = page.locator("#id_description")
    field.press_sequentially("Før bruddet.")
    expect(page.locator("#save-status")).to_have_text(SAVED)
    page.context.set_offline(True)
    field.press_sequentially(" Under bruddet.")
    expect(page.locator("#save-status")).to_have_text(
        "Frakoblet – teksten er trygg på denne enheten"
    )
    assert axe_violations(page) == []  # not assert_accessible_and_local: offline is never idle
    shoot(page, f"participant-offline-{viewport['width']}")
    assert saved_description(measure) == "Før bruddet."
    page.context.set_offline(False)
    expect(page.locator("#save-status")).to_have_text(SAVED, timeout=15_000)
    assert saved_description(measure) == "Før bruddet. Under bruddet."


@VIEWPORTS
def test_two_people_on_the_same_field_both_keep_their_words(new_page, table, viewport):
    # Was: a conflict dialog with "Behold min" / "Slå sammen". Now the texts merge by themselves
    # (issue 9); the intent stays: nobody's words are lost, and nothing is repeated.
    measure, aina, tor = table
    aina_page = open_step(new_page, aina, measure, 1, viewport)
    tor_page = open_step(new_page, tor, measure, 1, viewport)
    aina_page.locator("#id_description").press_sequentially("Ainas tekst.")
    expect(aina_page.locator("#save-status")).to_have_text(SAVED)
    expect(tor_page.locator("#id_description")).to_have_value("Ainas tekst.", timeout=10_000)
    tor_page.locator("#id_description").press("Control+End")
    tor_page.locator("#id_description").press_sequentially(" Tors tekst.")
    expect(tor_page.locator("#save-status")).to_have_text(SAVED)
    expect(aina_page.locator("#id_description")).to_have_value(
        "Ainas tekst. Tors tekst.", timeout=10_000
    )
    expect(tor_page.locator(".overlap")).to_have_count(0)
    assert_accessible_and_local(tor_page)
    assert saved_description(measure) == "Ainas tekst. Tors tekst."


def test_two_people_on_different_fields_both_keep_their_text(new_page, table):
    measure, aina, tor = table
    aina_page = open_step(new_page, aina, measure, 3)
    tor_page = open_step(new_page, tor, measure, 3)
    aina_page.locator("#id_way_of_working").press_sequentially("Månedlige møter.")
    expect(aina_page.locator("#save-status")).to_have_text(SAVED)
    tor_page.locator("#id_arenas_to_develop").press_sequentially("Formidlingsmøtet")
    expect(tor_page.locator("#save-status")).to_have_text(SAVED)
    expect(tor_page.locator(".conflict")).to_have_count(0)
    saved = Measure.objects.get(pk=measure.pk)
    assert (saved.way_of_working, saved.arenas_to_develop) == (
        "Månedlige møter.",
        "Formidlingsmøtet",
    )


@VIEWPORTS
def test_closed_editing_shows_the_text_to_copy(new_page, table, viewport):
    measure, aina, _tor = table
    page = open_step(new_page, aina, measure, 1, viewport)
    measure.arena.editing_open = False
    measure.arena.save()
    page.locator("#id_description").press_sequentially("Må ikke bli borte")
    expect(page.locator("#save-status")).to_have_text("Ikke lagret – redigeringen er stengt")
    expect(page.locator("#refused-description, .refused textarea").first).to_have_value(
        "Må ikke bli borte"
    )
    assert_accessible_and_local(page)
    assert saved_description(measure) == ""


@VIEWPORTS
def test_every_editor_step_review_and_detail_are_accessible(new_page, table, viewport):
    measure, aina, _tor = table
    factories.MeasureActorFactory(measure=measure, role_kind="lead")
    factories.FundingFactory(measure=measure)
    page = open_step(new_page, aina, measure, 0, viewport)
    for step in range(7):
        page.goto(f"/a/buskerud/hjem/tiltak/{measure.pk}/rediger/{step}/")
        assert_accessible_and_local(page)
        shoot(page, f"participant-edit-{step}-{viewport['width']}")
    # A validation error on the time step.
    page.locator("#id_start_year").fill("2030")
    page.locator("#id_end_year").fill("2027")
    page.get_by_role("button", name="Se over").last.click()
    # Whichever of the two years reaches the server second is the one refused.
    expect(page.locator(".invalid-feedback").first).to_contain_text(
        re.compile(r"Sluttåret kan ikke være før|Startåret kan ikke være etter")
    )
    assert_accessible_and_local(page)
    for path in ("se-over/", ""):
        page.goto(f"/a/buskerud/hjem/tiltak/{measure.pk}/{path}")
        assert_accessible_and_local(page)
    shoot(page, f"participant-detail-{viewport['width']}", full_page=True)


@VIEWPORTS
def test_join_pages_with_errors_home_list_and_dots_are_accessible(new_page, table, viewport):
    measure, aina, _tor = table
    measure.status = "submitted"  # only measures sent in take part in the dots (decision 42)
    measure.save()
    factories.ProgramSessionFactory(
        arena=measure.arena, kind="prioritisation", is_current=True, title="Prioritering"
    )
    page = new_page(viewport)
    page.goto("/bli-med/")
    page.locator("#id_code").fill("feil-kode")
    page.get_by_role("button", name="Neste").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("Vi finner ingen arena")
    assert_accessible_and_local(page)
    page.goto("/bli-med/BUS7Q4K/")
    page.get_by_role("button", name="Neste").last.click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert_accessible_and_local(page)
    page.goto(f"/fortsett/{aina.resume_token}/")
    assert_accessible_and_local(page)
    shoot(page, f"participant-home-{viewport['width']}", full_page=True)
    for path in ("tiltak/", "prioritering/", "tiltak/nytt/"):
        page.goto(f"/a/buskerud/hjem/{path}")
        assert_accessible_and_local(page)
    page.goto("/a/buskerud/hjem/prioritering/")
    page.get_by_role("button", name=f"Gi en prikk til {measure.title}").click()
    expect(page.get_by_text("Du har 2 prikker igjen.")).to_be_visible()
    assert_accessible_and_local(page)


def test_typed_rows_come_back_after_a_reload(new_page, table):
    measure, aina, _tor = table
    page = open_step(new_page, aina, measure, 5)
    # The row's saves don't get through (a lost connection), so what comes back after the
    # reload can only come from the device, and no save is in flight while the page reloads.
    page.route("**/rader/**", lambda route: route.abort())
    page.locator("#id_fundings-0-financier").press_sequentially("Erasmus+")
    page.locator("#id_fundings-0-kind").select_option("grant")
    page.reload()  # the row is kept on the device and sent again after the reload
    expect(page.locator("#id_fundings-0-financier")).to_have_value("Erasmus+")
    expect(page.locator("#id_fundings-0-kind")).to_have_value("grant")
    assert not measure.fundings.exists()
    page.unroute("**/rader/**")
    page.evaluate("() => window.dispatchEvent(new Event('online'))")  # the connection is back
    # Kept on the device until the server confirmed it: then nothing is left to send.
    page.wait_for_function("() => !Object.keys(localStorage).some(k => k.startsWith('ta:m:'))")
    assert_accessible_and_local(page)
    page.get_by_role("button", name="Neste").click()
    page.wait_for_url("**/rediger/6/")
    funding = measure.fundings.get()
    assert (funding.source, funding.kind) == ("Erasmus+", "grant")
    page.goto(f"/a/buskerud/hjem/tiltak/{measure.pk}/rediger/5/")
    expect(page.locator("#id_fundings-0-financier")).to_have_value("Erasmus+")


def test_offline_step_button_keeps_the_page(new_page, table):
    measure, aina, _tor = table
    page = open_step(new_page, aina, measure, 2)
    page.locator("#id_actors-0-organisation_name").press_sequentially("NAV Buskerud")
    page.context.set_offline(True)
    page.get_by_role("button", name="Neste").click()
    expect(page.locator("#save-status")).to_have_text(
        "Frakoblet – teksten er trygg på denne enheten"
    )
    expect(page.locator("#id_actors-0-organisation_name")).to_have_value("NAV Buskerud")
    page.context.set_offline(False)


def test_editor_works_without_javascript(new_page, table):
    measure, aina, _tor = table
    page = new_page(PHONE, java_script_enabled=False)
    page.goto(f"/fortsett/{aina.resume_token}/")
    page.goto(f"/a/buskerud/hjem/tiltak/{measure.pk}/rediger/1/")
    page.locator("#id_description").fill("Uten JavaScript går det også.")
    page.get_by_role("button", name="Neste").click()
    page.wait_for_url("**/rediger/2/")
    assert saved_description(measure) == "Uten JavaScript går det også."
    page.locator("#id_actors-0-organisation_name").fill("Helt ny aktør")
    page.get_by_role("button", name="Lagre og legg til en rad til").click()
    expect(page.locator(".invalid-feedback").first).to_contain_text("finnes ikke i listen")
    expect(page.locator("#id_actors-0-organisation_name")).to_have_value("Helt ny aktør")
    page.locator("#id_actors-0-new_kind").select_option("frivillig")
    page.get_by_role("button", name="Lagre og legg til en rad til").click()
    expect(page.locator("#id_actors-1-organisation_name")).to_be_visible()
    assert measure.actors.get().organisation.name == "Helt ny aktør"


def test_adding_a_row_keeps_the_page_and_moves_to_the_new_row(new_page, table):
    measure, aina, _tor = table
    page = open_step(new_page, aina, measure, 4)
    first = page.locator(".row-list > .row-card").first
    expect(first.locator(".row-delete")).to_be_hidden()  # nothing to remove in an empty card
    page.locator("#id_goal").press_sequentially("Flere får læreplass.")
    page.locator("#id_indicators-0-indicator").press_sequentially("Andel med læreplass")
    expect(first.locator(".row-delete")).to_be_visible()
    page.locator("#id_indicators-0-target").press_sequentially("80 %")
    page.get_by_role("button", name="Lagre og legg til en rad til").click()
    expect(page.locator("#id_indicators-1-indicator")).to_be_focused()
    expect(first.locator("legend")).to_have_text("Indikator 1")  # saved: no longer "Ny …"
    expect(page.locator(".row-list > .row-card").nth(1).locator(".row-delete")).to_be_hidden()
    expect(page.locator("#id_goal")).to_have_value("Flere får læreplass.")
    assert page.url.endswith("/rediger/4/")
    assert [i.indicator for i in measure.indicators.all()] == ["Andel med læreplass"]
    assert_accessible_and_local(page)
    page.locator("#id_goal").press_sequentially(" Raskt.")
    # The field's base follows each confirmed save: autosave still works after the swap.
    expect(page.locator("#base-goal")).to_have_value("Flere får læreplass. Raskt.")
    assert Measure.objects.get(pk=measure.pk).goal == "Flere får læreplass. Raskt."


def test_a_row_without_its_organisation_says_so_once_at_the_card(new_page, table):
    measure, aina, _tor = table
    page = open_step(new_page, aina, measure, 2)
    page.locator("#id_actors-0-role_text").press_sequentially("Rekrutterer bedrifter")
    feedback = page.locator("#feedback-actors-0 > div")
    expect(feedback).to_have_count(1)
    expect(feedback).to_contain_text("Fyll ut dette feltet.")
    expect(page.locator("#id_actors-0-role_text")).to_have_value("Rekrutterer bedrifter")
    assert not measure.actors.exists()
