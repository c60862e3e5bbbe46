"""Issue 10's new staff pages in a real browser (decisions 29–30): the printable QR codes per
table, the organisations participants typed, and the plan list with a shared plan; and a
table's QR link joining a phone straight into that table. Accessible at 375 and 1280 px,
nothing from other origins, no sideways scroll."""

import pytest

from arena.access import table_seat
from arena.models import ArenaMembership, table_join_path
from participants.models import Participant
from tests import factories
from tests.browser.conftest import VIEWPORTS, assert_accessible_and_local
from tests.browser.test_staff_pages import assert_no_sideways_scroll, staff_page


@pytest.fixture
def trust_world(db):
    arena = factories.ArenaFactory(title="Arena for økt yrkesdeltagelse", slug="buskerud")
    other = factories.ArenaFactory(title="Annen arena", slug="annen")
    tables = [factories.GroupFactory(arena=arena, name=f"Bord {n}") for n in (1, 2, 3)]
    user = factories.UserFactory(username="fasilitator")
    factories.ArenaMembershipFactory(arena=arena, user=user, role=ArenaMembership.Role.FACILITATOR)
    typed = factories.OrganisationFactory(name="Ny Skole", confirmed=False, added_in=arena)
    factories.OrganisationFactory(name="Bekreftet skole", confirmed=True, added_in=arena)
    factories.ParticipantFactory(arena=arena, organisation=typed, group=tables[0])
    plan = factories.PlanFactory(title="Regional plan for kompetanse")
    factories.PlanGoalFactory(plan=plan, text="Flere fullfører")
    arena.plans.add(plan)
    other.plans.add(plan)
    arena.plans.add(factories.PlanFactory(title="Egen plan"))
    factories.OrganisationFactory(name="NAV Buskerud")
    return {"arena": arena, "user": user, "tables": tables}


@VIEWPORTS
@pytest.mark.parametrize(
    "path", ["/a/buskerud/plakat/bord/", "/a/buskerud/aktorer/", "/a/buskerud/planer/"]
)
def test_new_staff_pages_are_accessible(new_page, live_server, trust_world, viewport, path):
    page = staff_page(new_page, viewport, trust_world["user"], live_server)
    page.goto(path)
    assert page.locator("h1").count() == 1
    assert_accessible_and_local(page)
    assert_no_sideways_scroll(page, viewport)


def test_facilitator_confirms_a_new_organisation_in_the_browser(new_page, live_server, trust_world):
    page = staff_page(new_page, {"width": 375, "height": 740}, trust_world["user"], live_server)
    page.goto("/a/buskerud/aktorer/")
    page.get_by_role("button", name="Bekreft Ny Skole").click()
    page.get_by_text("Ny Skole er bekreftet og foreslås nå i alle arenaer.").wait_for()
    assert_accessible_and_local(page)


def test_a_tables_qr_link_seats_a_phone_at_that_table(new_page, trust_world):
    arena, table = trust_world["arena"], trust_world["tables"][2]
    arena.groups_assigned = True
    arena.save()
    page = new_page({"width": 375, "height": 740})
    page.goto(table_join_path(arena.join_code, table_seat(table, arena)))
    page.get_by_label("Hva heter du?").fill("Kari Nordmann")
    page.get_by_label("Hvem representerer du?").fill("NAV Buskerud")
    page.get_by_role("button", name="Neste").last.click()
    page.get_by_text("Bord: Bord 3.").wait_for()
    assert_accessible_and_local(page)
    page.get_by_role("button", name="Bli med").click()
    page.wait_for_url("**/a/buskerud/hjem/**")
    assert Participant.objects.get(display_name="Kari Nordmann").group == table

    page.goto(f"/bli-med/{arena.join_code}/")  # the join link again: back home, same table
    page.get_by_text("Du er allerede med som Kari Nordmann.").wait_for()
    assert Participant.objects.filter(display_name="Kari Nordmann").count() == 1
