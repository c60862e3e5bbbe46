"""The edit history grows with meaning, not keystrokes (issue 10, decision 32): one person's
saves of one text field in one five-minute period are one history row holding the last text;
everything else still gets a row of its own."""

import datetime
import uuid
from unittest import mock

import pytest
from django.apps import apps
from django.utils import timezone

from measures import editor
from measures.editor_core import COALESCE_SECONDS
from measures.models import MeasureChange
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    """Django's clock, moved by hand: starts at the beginning of a period."""
    start = timezone.now() + datetime.timedelta(days=1)
    now = [start - datetime.timedelta(seconds=int(start.timestamp()) % COALESCE_SECONDS)]
    with mock.patch("django.utils.timezone.now", side_effect=lambda: now[0]):
        yield now


def type_(measure, person, name, text, base, clock, seconds=1):
    clock[0] += datetime.timedelta(seconds=seconds)
    result = editor.field_save(
        measure=measure, name=name, base=base, value=text, op=uuid.uuid4(), editor=person
    )
    assert result.status == "saved", result
    return result.value


def test_fifty_saves_of_one_field_by_one_person_in_a_period_are_one_row(
    measure_a, participant_a, clock
):
    history_before = measure_a.history.count()
    text = ""
    for i in range(50):
        text = type_(measure_a, participant_a, "goal", f"{text} ord{i}".strip(), text, clock)
    [change] = MeasureChange.objects.filter(measure=measure_a)
    assert change.value == text
    assert change.revision == measure_a.version + 50  # the revision still counts every save
    assert measure_a.history.count() == history_before + 1
    assert measure_a.history.latest("history_id").goal == text
    measure_a.refresh_from_db()
    assert measure_a.version == change.revision


def test_the_next_period_another_field_or_another_person_start_a_new_row(
    measure_a, participant_a, teammate_a, clock
):
    goal = type_(measure_a, participant_a, "goal", "Flere", "", clock)
    goal = type_(measure_a, participant_a, "goal", "Flere får", goal, clock)
    type_(measure_a, participant_a, "description", "Mange", "", clock)
    goal = type_(measure_a, participant_a, "goal", "Flere får plass", goal, clock)
    goal = type_(measure_a, teammate_a, "goal", "Flere får plass raskt", goal, clock)
    goal = type_(measure_a, teammate_a, "goal", "Flere får plass raskt nå", goal, clock)
    type_(measure_a, teammate_a, "goal", "Flere får plass raskt nå.", goal, clock, COALESCE_SECONDS)
    rows = list(
        MeasureChange.objects.filter(measure=measure_a).values_list("name", "by_name", "value")
    )
    assert rows == [
        ("goal", "Aina A", "Flere får"),
        ("description", "Aina A", "Mange"),
        ("goal", "Aina A", "Flere får plass"),
        ("goal", "Tor T", "Flere får plass raskt nå"),
        ("goal", "Tor T", "Flere får plass raskt nå."),
    ]
    assert measure_a.history.filter(history_type="~").count() == 5


def test_a_save_by_staff_in_between_keeps_its_own_history_row(measure_a, participant_a, clock):
    from measures.followup import measure_contact_set

    goal = type_(measure_a, participant_a, "goal", "Flere", "", clock)
    clock[0] += datetime.timedelta(seconds=1)  # (the one clock tick the test must give)
    measure_contact_set(measure=measure_a, name="Kari Nordmann", email="")
    type_(measure_a, participant_a, "goal", "Flere får", goal, clock)
    latest, contact, first = measure_a.history.order_by("-history_id")[:3]
    assert (first.goal, first.contact_name) == ("Flere", "")
    assert (contact.goal, contact.contact_name) == ("Flere", "Kari Nordmann")
    assert (latest.goal, latest.contact_name) == ("Flere får", "Kari Nordmann")


def test_ticks_and_rows_are_never_folded(measure_a, participant_a, arena, clock):
    areas = factories.ProblemAreaFactory.create_batch(2, arena=arena)
    for area in areas:
        clock[0] += datetime.timedelta(seconds=1)
        editor.ticks_change(
            measure=measure_a, name="problem_areas", add=[area.pk], remove=[], op=uuid.uuid4(),
            editor=participant_a,
        )  # fmt: skip
    assert MeasureChange.objects.filter(measure=measure_a, kind="ticks").count() == 2


def test_the_latest_save_resent_is_still_answered_from_its_record(measure_a, participant_a, clock):
    type_(measure_a, participant_a, "goal", "Flere", "", clock)
    op = uuid.uuid4()
    save = {
        "measure": measure_a,
        "name": "goal",
        "base": "Flere",
        "op": op,
        "editor": participant_a,
    }
    first = editor.field_save(value="Flere får", **save)
    again = editor.field_save(value="Flere får", **save)  # the answer was lost: resent
    assert (again.rev, again.written) == (first.rev, False)
    assert MeasureChange.objects.get(measure=measure_a).value == "Flere får"


def test_a_text_save_copies_no_ticks_into_history_and_a_tick_change_does(
    measure_a, participant_a, teammate_a, arena, clock
):
    """Decision 55: the ticks are copied into a history row only where they change (their own
    history is their change rows); a text save's row says what it was instead."""
    area = factories.ProblemAreaFactory(arena=arena)
    copies = apps.get_model("measures", "HistoricalMeasure_problem_areas").objects
    editor.ticks_change(
        measure=measure_a, name="problem_areas", add=[area.pk], remove=[], op=uuid.uuid4(),
        editor=participant_a,
    )  # fmt: skip
    copied = copies.count()
    assert copied >= 1
    goal = type_(measure_a, participant_a, "goal", "Flere", "", clock)
    type_(measure_a, teammate_a, "goal", f"{goal} får plass", goal, clock)
    assert copies.count() == copied
    latest = measure_a.history.latest("history_id")
    assert (latest.goal, latest.history_change_reason) == ("Flere får plass", "field:goal")
    assert list(measure_a.problem_areas.all()) == [area]  # the measure's own ticks stay


def test_a_save_the_database_refuses_is_an_answer_and_writes_nothing(
    client_a, measure_a, participant_a
):
    """The autosave's one transaction (decision 55): an unforeseen rule of the database rolls
    it all back and answers with what is saved, never a 500."""
    from django.db import IntegrityError
    from django.urls import reverse

    url = reverse(
        "measures:field-save",
        kwargs={"slug": measure_a.arena.slug, "pk": measure_a.pk, "name": "goal"},
    )
    version = measure_a.version
    with mock.patch("measures.editor.record", side_effect=IntegrityError("refused")):
        response = client_a.post(url, {"base": "", "value": "Flere", "op": str(uuid.uuid4())})
    assert response.status_code == 200
    answer = response.json()
    assert answer["status"] == "invalid"
    assert answer["message"] == "Dette kunne ikke lagres slik. Sjekk feltet og prøv igjen."
    measure_a.refresh_from_db()
    assert (measure_a.goal, measure_a.version) == ("", version)
