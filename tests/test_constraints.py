"""Every database constraint of the domain model, each shown to hold by a row it refuses."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction

from arena.models import ArenaMembership, ProgramSession
from measures.models import Funding, Measure, MeasureActor
from participants.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db


def refused(make):
    """True when the database refuses the row `make()` writes."""
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_arena_cannot_end_before_it_starts():
    assert refused(
        lambda: factories.ArenaFactory(
            start_date=datetime.date(2027, 2, 11), end_date=datetime.date(2027, 2, 10)
        )
    )
    assert not refused(
        lambda: factories.ArenaFactory(
            start_date=datetime.date(2027, 2, 10), end_date=datetime.date(2027, 2, 10)
        )
    )


def test_arena_join_code_is_unique():
    factories.ArenaFactory(join_code="BUS7Q4K")
    assert refused(lambda: factories.ArenaFactory(join_code="BUS7Q4K"))


@pytest.mark.parametrize("code", ["bus7q4k", "BUS-7Q4K", "ABC", "BUS 7Q4K", ""])
def test_arena_join_code_is_stored_normalised(code):
    assert refused(lambda: factories.ArenaFactory(join_code=code))


def test_arena_slug_is_unique():
    factories.ArenaFactory(slug="buskerud")
    assert refused(lambda: factories.ArenaFactory(slug="buskerud"))


def test_arena_has_at_least_one_dot_per_participant():
    assert refused(lambda: factories.ArenaFactory(dots_per_participant=0))


def test_plan_title_and_goal_text_are_unique():
    plan = factories.PlanFactory(title="Regional plan for kunnskapssamfunnet")
    assert refused(lambda: factories.PlanFactory(title="Regional plan for kunnskapssamfunnet"))
    factories.PlanGoalFactory(plan=plan, text="Flere fullfører")
    assert refused(lambda: factories.PlanGoalFactory(plan=plan, text="Flere fullfører"))
    assert not refused(lambda: factories.PlanGoalFactory(text="Flere fullfører"))


def test_program_session_ends_after_it_starts():
    assert refused(
        lambda: factories.ProgramSessionFactory(
            starts_at=datetime.time(11, 0), ends_at=datetime.time(11, 0)
        )
    )


def test_only_one_current_session_per_arena():
    arena = factories.ArenaFactory()
    factories.ProgramSessionFactory(arena=arena, is_current=True)
    factories.ProgramSessionFactory(arena=arena, is_current=False)
    assert refused(lambda: factories.ProgramSessionFactory(arena=arena, is_current=True))
    assert not refused(lambda: factories.ProgramSessionFactory(is_current=True))
    assert ProgramSession.objects.filter(arena=arena, is_current=True).count() == 1


def test_group_names_are_unique_per_arena():
    group = factories.GroupFactory(name="Bord 1")
    assert refused(lambda: factories.GroupFactory(arena=group.arena, name="Bord 1"))
    assert not refused(lambda: factories.GroupFactory(name="Bord 1"))


def test_a_user_has_one_membership_per_arena():
    membership = factories.ArenaMembershipFactory()
    assert refused(
        lambda: factories.ArenaMembershipFactory(
            arena=membership.arena, user=membership.user, role=ArenaMembership.Role.PROJECT_LEAD
        )
    )


def test_organisation_names_are_unique_regardless_of_case():
    factories.OrganisationFactory(name="NAV Buskerud")
    assert refused(lambda: factories.OrganisationFactory(name="nav buskerud"))
    assert Organisation.objects.count() == 1


def test_participant_consent_to_followup_needs_an_email():
    assert refused(lambda: factories.ParticipantFactory(consents_to_followup=True, email=""))
    assert not refused(
        lambda: factories.ParticipantFactory(consents_to_followup=True, email="kari@example.org")
    )


def test_participant_resume_tokens_are_unique_and_generated():
    first = factories.ParticipantFactory()
    second = factories.ParticipantFactory()
    assert len(first.resume_token) >= 40
    assert first.resume_token != second.resume_token
    assert refused(lambda: factories.ParticipantFactory(resume_token=first.resume_token))


def test_problem_areas_and_target_groups_are_unique_per_arena():
    area = factories.ProblemAreaFactory(title="Basiskompetanse")
    assert refused(lambda: factories.ProblemAreaFactory(arena=area.arena, title="Basiskompetanse"))
    target = factories.TargetGroupFactory(name="Unge")
    assert refused(lambda: factories.TargetGroupFactory(arena=target.arena, name="Unge"))


def test_measure_version_starts_at_one():
    assert factories.MeasureFactory().version == 1
    assert refused(lambda: factories.MeasureFactory(version=0))


def test_measure_cannot_end_before_it_starts():
    assert refused(lambda: factories.MeasureFactory(start_year=2028, end_year=2027))
    assert not refused(lambda: factories.MeasureFactory(start_year=2027, end_year=2027))


@pytest.mark.parametrize("field", ["start_year", "end_year"])
def test_measure_years_are_sensible(field):
    assert refused(lambda: factories.MeasureFactory(**{field: 27}))
    assert not refused(lambda: factories.MeasureFactory(**{field: 2027}))


def test_a_creation_key_creates_one_measure():
    key = uuid.uuid4()
    factories.MeasureFactory(creation_key=key)
    assert refused(lambda: factories.MeasureFactory(creation_key=key))
    assert Measure.objects.filter(creation_key=key).count() == 1


def test_measure_followup_tokens_are_unique():
    factories.MeasureFactory(followup_token="hemmelig")
    assert refused(lambda: factories.MeasureFactory(followup_token="hemmelig"))
    # Measures without a token yet do not collide with each other.
    assert not refused(lambda: factories.MeasureFactory(followup_token=None))
    assert not refused(lambda: factories.MeasureFactory(followup_token=None))


def test_an_organisation_appears_once_per_measure():
    actor = factories.MeasureActorFactory()
    assert refused(
        lambda: factories.MeasureActorFactory(
            measure=actor.measure, organisation=actor.organisation
        )
    )


def test_two_leads_at_once_are_both_kept():
    """Replaced (issue 9): the database no longer refuses a second lead. Two people at a table
    may choose a lead at the same moment, and both rows must survive; the editor then asks them
    to choose (`measures.editor.lead_choose`), and moving a measure to agreed still needs
    exactly one (tests/measures/test_followup.py)."""
    lead = factories.MeasureActorFactory(role_kind=MeasureActor.Role.LEAD)
    assert not refused(
        lambda: factories.MeasureActorFactory(
            measure=lead.measure, role_kind=MeasureActor.Role.LEAD
        )
    )


def test_a_row_key_creates_one_row_per_measure():
    import uuid

    key = uuid.uuid4()
    first = factories.IndicatorFactory(creation_key=key)
    assert refused(lambda: factories.IndicatorFactory(measure=first.measure, creation_key=key))
    assert not refused(lambda: factories.IndicatorFactory(creation_key=key))


def test_a_change_has_one_revision_and_one_op_per_measure():
    import uuid

    from django.utils import timezone

    from measures.models import MeasureChange

    measure = factories.MeasureFactory()
    op = uuid.uuid4()

    def change(revision, op):
        return lambda: MeasureChange.objects.create(
            measure=measure, revision=revision, kind="field", name="goal", at=timezone.now(), op=op
        )

    change(2, op)()
    assert refused(change(2, uuid.uuid4()))
    assert refused(change(3, op))
    assert not refused(change(3, uuid.uuid4()))


def test_funding_names_an_organisation_or_a_source():
    assert refused(lambda: factories.FundingFactory(organisation=None, source=""))
    assert not refused(lambda: factories.FundingFactory(organisation=None, source="Erasmus+"))


def test_funding_amount_is_not_negative():
    assert refused(lambda: factories.FundingFactory(amount=-1))
    assert not refused(lambda: factories.FundingFactory(amount=0))
    assert Funding.objects.count() == 1


def test_a_participant_has_one_vote_row_per_measure_with_at_least_one_dot():
    vote = factories.VoteFactory()
    assert refused(
        lambda: factories.VoteFactory(measure=vote.measure, participant=vote.participant)
    )
    assert refused(lambda: factories.VoteFactory(dots=0))


def test_an_organisation_commits_once_per_measure():
    commitment = factories.CommitmentFactory()
    assert refused(
        lambda: factories.CommitmentFactory(
            measure=commitment.measure, organisation=commitment.organisation
        )
    )
