"""The participant journey in Chromium at phone width: join, write, save, survive."""

import pytest
from playwright.sync_api import expect

from arena.models import Arena
from measures.models import Measure
from tests import factories
from tests.browser.conftest import PHONE, VIEWPORTS, assert_accessible_and_local, shoot


@pytest.fixture
def demo():
    arena = factories.ArenaFactory(
        title="Arena for økt yrkesdeltagelse",
        slug="buskerud",
        join_code="BUS7Q4K",
        privacy_text="Vi lagrer navn og organisasjon i to år.",
    )
    for name in ("Bord 1", "Bord 2"):
        factories.GroupFactory(arena=arena, name=name)
    factories.ProblemAreaFactory(arena=arena, title="Frafall i videregående")
    factories.TargetGroupFactory(arena=arena, name="Unge")
    factories.OrganisationFactory(name="NAV Buskerud", kind="statlig")
    factories.OrganisationFactory(name="Buskerud fylkeskommune", kind="fylkeskommune")
    factories.ProgramSessionFactory(
        arena=arena, title="Gruppearbeid 1", is_current=True, instructions="Lag ett tiltak."
    )
    return arena


def type_into(page, selector, text):
    page.locator(selector).press_sequentially(text)


def test_join_by_code_and_write_a_whole_measure_with_the_keyboard(new_page, demo):
    page = new_page(PHONE)
    page.goto("/bli-med/")
    assert_accessible_and_local(page)
    type_into(page, "#id_code", "bus 7q4k")
    page.locator("#id_code").press("Enter")
    page.wait_for_url("**/bli-med/BUS7Q4K/")
    assert_accessible_and_local(page)
    type_into(page, "#id_display_name", "Kari Nordmann")
    type_into(page, "#id_organisation_query", "nav")
    page.locator("#org-1, .org-hit input").first.wait_for()
    page.locator(".org-hit input").first.press("Space")
    shoot(page, "participant-join-details", full_page=True)
    page.get_by_role("button", name="Neste").last.press("Enter")
    page.wait_for_url("**/bord/")
    assert_accessible_and_local(page)
    shoot(page, "participant-join-group", full_page=True)
    page.get_by_role("button", name="Bord 2").press("Enter")
    page.wait_for_url("**/personvern/")
    assert_accessible_and_local(page)
    page.get_by_role("button", name="Bli med").press("Enter")
    page.wait_for_url("**/a/buskerud/hjem/")
    assert "Lagre lenken din" in page.content()
    assert_accessible_and_local(page)
    shoot(page, "participant-home-empty", full_page=True)

    page.get_by_role("link", name="+ Nytt tiltak").press("Enter")
    type_into(page, "#id_title", "Felles formidling av læreplasser")
    page.locator("#id_title").press("Enter")
    page.wait_for_url("**/rediger/0/")
    page.get_by_label("Frafall i videregående").press("Space")
    page.get_by_label("Unge").press("Space")
    page.get_by_label("Begge").press("Space")
    assert_accessible_and_local(page)
    shoot(page, "participant-step0", full_page=True)
    page.get_by_role("button", name="Neste").press("Enter")
    page.wait_for_url("**/rediger/1/")
    type_into(page, "#id_description", "Mange lærlingplasser står tomme. Vi lager en ordning.")
    assert_accessible_and_local(page)
    shoot(page, "participant-step1", full_page=True)
    page.get_by_role("button", name="Neste").press("Enter")
    page.wait_for_url("**/rediger/2/")
    type_into(page, "#id_actors-0-organisation_name", "Buskerud fylkeskommune")
    page.locator("#id_actors-0-role_kind").select_option("lead")
    type_into(page, "#id_actors-0-role_text", "Eier ordningen")
    assert_accessible_and_local(page)
    shoot(page, "participant-step2", full_page=True)
    page.get_by_role("button", name="Lagre og legg til en rad til").press("Enter")
    page.wait_for_url("**/rediger/2/")
    type_into(page, "#id_actors-1-organisation_name", "NAV Buskerud")
    page.locator("#id_actors-1-role_kind").select_option("partner")
    page.get_by_role("button", name="Neste").press("Enter")
    page.wait_for_url("**/rediger/3/")
    type_into(page, "#id_way_of_working", "Månedlig formidlingsmøte per region.")
    page.get_by_role("button", name="Neste").press("Enter")
    page.wait_for_url("**/rediger/4/")
    type_into(page, "#id_goal", "80 prosent får læreplass innen oktober 2027.")
    page.get_by_role("button", name="Neste").press("Enter")
    page.wait_for_url("**/rediger/5/")
    type_into(page, "#id_fundings-0-financier", "Buskerud fylkeskommune")
    page.locator("#id_fundings-0-kind").select_option("own_budget")
    page.locator("#id_fundings-0-status").select_option("committed")
    page.get_by_role("button", name="Neste").press("Enter")
    page.wait_for_url("**/rediger/6/")
    page.get_by_label("Mellomlang sikt (1–3 år)").press("Space")
    type_into(page, "#id_start_year", "2026")
    page.get_by_role("button", name="Se over").last.press("Enter")
    page.wait_for_url("**/se-over/")
    assert_accessible_and_local(page)
    shoot(page, "participant-review", full_page=True)
    assert "6 av 6 spørsmål besvart" in page.content()
    page.get_by_role("button", name="Send inn").press("Enter")
    page.wait_for_url("**/tiltak/*/")
    assert_accessible_and_local(page)
    shoot(page, "participant-detail", full_page=True)
    measure = Measure.objects.get()
    assert measure.status == Measure.Status.SUBMITTED
    assert measure.completeness.is_complete
    assert [a.organisation.name for a in measure.actors.all()] == [
        "Buskerud fylkeskommune",
        "NAV Buskerud",
    ]


@VIEWPORTS
def test_every_join_step_and_the_empty_home_are_accessible(new_page, demo, viewport):
    page = new_page(viewport)
    page.goto("/bli-med/")
    assert_accessible_and_local(page)
    page.goto("/bli-med/BUS7Q4K/")
    assert_accessible_and_local(page)
    page.locator("#id_display_name").fill("Kari")
    page.locator("summary").click()
    page.locator("#id_new_organisation_name").fill("Ny forening")
    page.get_by_role("button", name="Neste").last.click()
    expect(page.locator("#id_new_organisation_kind")).to_have_attribute("aria-invalid", "true")
    assert_accessible_and_local(page)  # validation error, typed text still there
    page.locator("#id_new_organisation_kind").select_option("frivillig")
    page.get_by_role("button", name="Neste").last.click()
    page.wait_for_url("**/bord/")
    assert_accessible_and_local(page)
    page.get_by_role("button", name="Bord 1").click()
    page.wait_for_url("**/personvern/")
    page.locator("summary").click()
    assert_accessible_and_local(page)
    page.get_by_role("button", name="Bli med").click()
    page.wait_for_url("**/hjem/")
    assert_accessible_and_local(page)
    assert Arena.objects.get().participants.get().organisation.name == "Ny forening"
