"""The rules of saving a measure, straight on the services."""

import uuid

import pytest

from measures import editor, services
from measures.models import Measure, Vote
from tests import factories


def test_double_submit_with_the_same_key_creates_one_measure(arena, group_a, participant_a):
    key = uuid.uuid4()
    first, created = services.measure_create(
        arena=arena, group=group_a, title="Læreplass", creation_key=key, editor=participant_a
    )
    again, created_again = services.measure_create(
        arena=arena, group=group_a, title="Læreplass", creation_key=key, editor=participant_a
    )
    assert (created, created_again) == (True, False)
    assert first == again
    assert Measure.objects.count() == 1


# The conflict tests of measure_update (different fields, the same field, "keep mine", one's own
# earlier save) were replaced in issue 9 by the merge: tests/measures/test_editor_service.py.


def test_every_accepted_save_of_another_field_is_in_the_history(measure_a, participant_a):
    # One person's saves of ONE field within minutes fold into one row: test_history_folding.
    before = measure_a.history.count()
    for name in ("description", "goal"):
        editor.field_save(
            measure=measure_a, name=name, base="", value="a" * 10, op=uuid.uuid4(),
            editor=participant_a,
        )  # fmt: skip
    assert measure_a.history.count() == before + 2
    assert measure_a.history.first().last_edited_by == participant_a
    assert list(measure_a.authors.all()) == [participant_a]


def test_ticks_are_saved_as_sets(measure_a, participant_a, arena):
    first, second = factories.ProblemAreaFactory.create_batch(2, arena=arena)
    result = editor.ticks_change(
        measure=measure_a, name="problem_areas", add=[str(second.pk), first.pk], remove=[],
        op=uuid.uuid4(), editor=participant_a,
    )  # fmt: skip
    assert set(measure_a.problem_areas.all()) == {first, second}
    assert result.value == editor.field_shown(measure_a, "problem_areas") == [first.pk, second.pk]


def test_closed_editing_refuses_every_write(measure_a, participant_a, arena):
    arena.editing_open = False
    arena.save()
    refused = editor.field_save(
        measure=measure_a, name="description", base="", value="x", op=uuid.uuid4(),
        editor=participant_a,
    )  # fmt: skip
    assert refused.status == "refused"
    with pytest.raises(services.EditingClosed):
        services.measure_create(
            arena=arena, group=None, title="x", creation_key=uuid.uuid4(), editor=participant_a
        )
    with pytest.raises(services.EditingClosed):
        services.measure_submit(measure=measure_a, editor=participant_a)
    measure_a.refresh_from_db()
    assert measure_a.description == ""


def test_submit_moves_a_draft_to_submitted_once(measure_a, participant_a):
    services.measure_submit(measure=measure_a, editor=participant_a)
    measure_a.refresh_from_db()
    assert measure_a.status == Measure.Status.SUBMITTED
    assert measure_a.submitted_at is not None
    version = measure_a.version
    services.measure_submit(measure=measure_a, editor=participant_a)
    measure_a.refresh_from_db()
    assert measure_a.version == version


@pytest.fixture
def prioritising(arena):
    factories.ProgramSessionFactory(arena=arena, kind="prioritisation", is_current=True)
    return arena


def test_dots_are_limited_to_the_arenas_number(prioritising, participant_a, measure_a):
    other = factories.MeasureFactory(arena=prioritising)
    prioritising.measures.update(status="submitted")
    measure_a.refresh_from_db()
    other.refresh_from_db()
    for _ in range(3):
        services.vote_change(participant=participant_a, measure=measure_a, delta=1)
    with pytest.raises(services.VoteRefused):
        services.vote_change(participant=participant_a, measure=other, delta=1)
    services.vote_change(participant=participant_a, measure=measure_a, delta=-1)
    services.vote_change(participant=participant_a, measure=other, delta=1)
    assert services.dots_used(participant_a) == 3
    assert Vote.objects.get(measure=measure_a).dots == 2


def test_dots_cannot_be_given_outside_a_prioritisation_session(arena, participant_a, measure_a):
    with pytest.raises(services.VoteRefused):
        services.vote_change(participant=participant_a, measure=measure_a, delta=1)


def test_dots_cannot_be_given_to_a_draft(prioritising, participant_a, measure_a):
    with pytest.raises(services.VoteRefused, match="sendt inn"):
        services.vote_change(participant=participant_a, measure=measure_a, delta=1)
    assert not Vote.objects.exists()


def test_taking_back_the_last_dot_removes_the_vote(prioritising, participant_a, measure_a):
    measure_a.status = "submitted"
    services.vote_change(participant=participant_a, measure=measure_a, delta=1)
    services.vote_change(participant=participant_a, measure=measure_a, delta=-1)
    assert not Vote.objects.exists()


def test_commitment_is_one_per_organisation_and_can_be_updated(measure_a, participant_a):
    services.commitment_save(
        measure=measure_a, participant=participant_a, role_kind="partner", text="Vi stiller rom"
    )
    services.commitment_save(
        measure=measure_a, participant=participant_a, role_kind="financier", text="Og penger"
    )
    commitment = measure_a.commitments.get()
    assert (commitment.organisation, commitment.role_kind) == (
        participant_a.organisation,
        "financier",
    )
