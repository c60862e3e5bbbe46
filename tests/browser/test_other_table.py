"""Another table's editor link leads to the measure's read-only page, at 375 and 1280 px."""

import pytest

from tests import factories
from tests.browser.conftest import VIEWPORTS, assert_accessible_and_local


@pytest.fixture
def two_tables(db):
    arena = factories.ArenaFactory(slug="buskerud", join_code="BUS7Q4K")
    group_a = factories.GroupFactory(arena=arena, name="Bord 1")
    group_b = factories.GroupFactory(arena=arena, name="Bord 2")
    measure = factories.MeasureFactory(arena=arena, group=group_a, title="Felles formidling")
    bjorn = factories.ParticipantFactory(arena=arena, group=group_b, display_name="Bjørn")
    return measure, bjorn


@VIEWPORTS
def test_another_tables_editor_points_to_the_measure(new_page, viewport, two_tables):
    measure, bjorn = two_tables
    page = new_page(viewport)
    page.goto(f"/fortsett/{bjorn.resume_token}/")
    response = page.goto(f"/a/buskerud/hjem/tiltak/{measure.pk}/rediger/1/")
    assert response.status == 403
    page.get_by_text("«Felles formidling» skrives ved Bord 1.").wait_for()
    assert_accessible_and_local(page)
    page.get_by_role("link", name="Les tiltaket").click()
    page.wait_for_url(f"**/a/buskerud/hjem/tiltak/{measure.pk}/")
    assert page.get_by_role("heading", name="Felles formidling", level=1).is_visible()
