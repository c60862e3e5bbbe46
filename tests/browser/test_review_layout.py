"""The review page's facts read label above answer on a phone and side by side on a laptop."""

import pytest

from tests import factories
from tests.browser.conftest import LAPTOP, PHONE, assert_accessible_and_local


@pytest.fixture
def measure_and_writer(db):
    arena = factories.ArenaFactory(slug="buskerud", join_code="BUS7Q4K")
    group = factories.GroupFactory(arena=arena, name="Bord 1")
    area = factories.ProblemAreaFactory(arena=arena, title="Frafall i videregående opplæring")
    measure = factories.MeasureFactory(arena=arena, group=group, title="Felles formidling")
    measure.problem_areas.add(area)
    aina = factories.ParticipantFactory(arena=arena, group=group, display_name="Aina")
    return measure, aina


def _facts(new_page, viewport, measure, participant):
    page = new_page(viewport)
    page.goto(f"/fortsett/{participant.resume_token}/")
    page.goto(f"/a/buskerud/hjem/tiltak/{measure.pk}/se-over/")
    label = page.locator(".measure-facts dt", has_text="Problemstillinger").bounding_box()
    answer = page.locator(".measure-facts dd", has_text="Frafall").bounding_box()
    return page, label, answer


@pytest.mark.parametrize(("viewport", "stacked"), [(PHONE, True), (LAPTOP, False)])
def test_review_facts_stack_on_a_phone_only(new_page, measure_and_writer, viewport, stacked):
    measure, aina = measure_and_writer
    page, label, answer = _facts(new_page, viewport, measure, aina)
    if stacked:
        assert answer["x"] == pytest.approx(label["x"], abs=1)
        assert answer["y"] >= label["y"] + label["height"] - 1
        assert answer["width"] > 0.8 * page.viewport_size["width"] - 64
    else:
        assert answer["x"] > label["x"] + label["width"]
    assert_accessible_and_local(page)
