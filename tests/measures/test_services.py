"""The rules of saving a measure, straight on the services."""

import uuid

import pytest

from measures import services
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


def test_different_fields_changed_by_two_people_are_both_kept(measure_a, participant_a, teammate_a):
    base = measure_a.version
    services.measure_update(
        measure=measure_a,
        values={"description": "Aina sin tekst"},
        bases={"description": ""},
        based_on_version=base,
        editor=participant_a,
    )
    result = services.measure_update(
        measure=measure_a,
        values={"goal": "Tor sitt mål"},
        bases={"goal": ""},
        based_on_version=base,
        editor=teammate_a,
    )
    assert result.conflicts == {}
    measure_a.refresh_from_db()
    assert measure_a.description == "Aina sin tekst"
    assert measure_a.goal == "Tor sitt mål"
    assert measure_a.version == base + 2
    assert measure_a.last_edited_by == teammate_a


def test_same_field_changed_by_someone_else_is_a_conflict_not_an_overwrite(
    measure_a, participant_a, teammate_a
):
    services.measure_update(
        measure=measure_a,
        values={"description": "Aina sin tekst"},
        bases={"description": ""},
        based_on_version=1,
        editor=participant_a,
    )
    result = services.measure_update(
        measure=measure_a,
        values={"description": "Tor sin tekst"},
        bases={"description": ""},
        based_on_version=1,
        editor=teammate_a,
    )
    conflict = result.conflicts["description"]
    assert (conflict.mine, conflict.theirs, conflict.by) == (
        "Tor sin tekst",
        "Aina sin tekst",
        participant_a,
    )
    measure_a.refresh_from_db()
    assert measure_a.description == "Aina sin tekst"
    assert measure_a.version == 2


def test_keep_mine_after_a_conflict_saves_on_top_of_the_other_text(
    measure_a, participant_a, teammate_a
):
    services.measure_update(
        measure=measure_a,
        values={"description": "Aina"},
        bases={"description": ""},
        based_on_version=1,
        editor=participant_a,
    )
    result = services.measure_update(
        measure=measure_a,
        values={"description": "Tor"},
        bases={"description": "Aina"},  # "Behold min": now based on the other text
        based_on_version=1,
        editor=teammate_a,
    )
    assert result.saved == ["description"]
    measure_a.refresh_from_db()
    assert measure_a.description == "Tor"


def test_own_earlier_save_is_never_a_conflict(measure_a, participant_a):
    for text in ("Første", "Første og andre"):
        result = services.measure_update(
            measure=measure_a,
            values={"description": text},
            bases={"description": ""},  # a stale base, as after a reload
            based_on_version=1,
            editor=participant_a,
        )
        assert result.conflicts == {}
    measure_a.refresh_from_db()
    assert measure_a.description == "Første og andre"


def test_every_accepted_save_is_in_the_history(measure_a, participant_a):
    before = measure_a.history.count()
    for text in ("a" * 10, "b" * 10):
        services.measure_update(
            measure=measure_a,
            values={"description": text},
            bases={},
            based_on_version=measure_a.version,  # no base: the version decides
            editor=participant_a,
        )
        measure_a.refresh_from_db()
    assert measure_a.history.count() == before + 2
    assert measure_a.history.first().last_edited_by == participant_a
    assert list(measure_a.authors.all()) == [participant_a]


def test_many_to_many_fields_are_saved_and_compared_as_sets(measure_a, participant_a, arena):
    first, second = factories.ProblemAreaFactory.create_batch(2, arena=arena)
    services.measure_update(
        measure=measure_a,
        values={"problem_areas": [second, first]},
        bases={"problem_areas": ""},
        based_on_version=1,
        editor=participant_a,
    )
    assert set(measure_a.problem_areas.all()) == {first, second}
    assert services.field_value(measure_a, "problem_areas") == f"{first.pk},{second.pk}"


def test_closed_editing_refuses_every_write(measure_a, participant_a, arena):
    arena.editing_open = False
    arena.save()
    with pytest.raises(services.EditingClosed):
        services.measure_update(
            measure=measure_a,
            values={"description": "x"},
            bases={"description": ""},
            based_on_version=1,
            editor=participant_a,
        )
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


def test_taking_back_the_last_dot_removes_the_vote(prioritising, participant_a, measure_a):
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
