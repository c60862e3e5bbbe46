"""Many tables at once on the Bord tab, in a real browser at 375 and 1280 px: accessible, the
range's refusal included."""

import pytest

from arena.models import ArenaMembership
from tests import factories
from tests.browser.conftest import VIEWPORTS, assert_accessible_and_local
from tests.browser.test_staff_pages import assert_no_sideways_scroll, staff_page


@pytest.fixture
def tables_world(db):
    arena = factories.ArenaFactory(title="Arena for økt yrkesdeltagelse", slug="buskerud")
    factories.GroupFactory(arena=arena, name="Bord 3", order=0)
    user = factories.UserFactory(username="fasilitator")
    factories.ArenaMembershipFactory(arena=arena, user=user, role=ArenaMembership.Role.FACILITATOR)
    return arena, user


@VIEWPORTS
def test_facilitator_adds_twelve_tables_at_once(new_page, viewport, tables_world, live_server):
    arena, user = tables_world
    page = staff_page(new_page, viewport, user, live_server)
    assert page.goto("/a/buskerud/bord/").status == 200
    assert_accessible_and_local(page)
    assert_no_sideways_scroll(page, viewport)
    form = page.get_by_role("region", name="Flere bord på en gang")
    form.get_by_label("Til nummer").fill("0")
    form.get_by_role("button", name="Legg til bordene").click()
    page.get_by_text("Til-nummeret kan ikke være lavere.").wait_for()
    assert_accessible_and_local(page)
    assert_no_sideways_scroll(page, viewport)
    page.get_by_label("Til nummer").fill("12")
    page.get_by_role("button", name="Legg til bordene").click()
    page.get_by_text("11 bord er lagt til. 1 fantes fra før.").wait_for()
    assert page.get_by_role("heading", name="Bord 12").is_visible()
    assert arena.groups.count() == 12
    assert_accessible_and_local(page)
