"""factory-boy factories for every model, in one module."""

import datetime

import factory
from django.contrib.auth import get_user_model

from arena.models import (
    Arena,
    ArenaMembership,
    Group,
    Plan,
    PlanGoal,
    ProblemArea,
    ProgramSession,
    TargetGroup,
)
from measures.models import (
    Comment,
    Commitment,
    FollowUpUpdate,
    Funding,
    Indicator,
    Measure,
    MeasureActor,
    Vote,
)
from participants.models import Organisation, Participant

PASSWORD = "riktig-hest-batteri-stift"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Kari"
    password = factory.django.Password(PASSWORD)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Regional plan nr. {n}")


class PlanGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanGoal

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Mål {n}")


class ArenaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Arena

    title = factory.Sequence(lambda n: f"Arena {n}")
    slug = factory.Sequence(lambda n: f"arena-{n}")
    join_code = factory.Sequence(lambda n: f"TST{n:04d}")
    start_date = datetime.date(2026, 3, 10)
    end_date = datetime.date(2026, 3, 11)
    status = Arena.Status.OPEN


class ProgramSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramSession

    arena = factory.SubFactory(ArenaFactory)
    day = factory.LazyAttribute(lambda s: s.arena.start_date)
    starts_at = datetime.time(10, 15)
    ends_at = datetime.time(11, 30)
    title = factory.Sequence(lambda n: f"Gruppearbeid {n}")
    kind = ProgramSession.Kind.GROUP_WORK
    allows_editing = True


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    arena = factory.SubFactory(ArenaFactory)
    name = factory.Sequence(lambda n: f"Bord {n}")


class ArenaMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArenaMembership

    arena = factory.SubFactory(ArenaFactory)
    user = factory.SubFactory(UserFactory)
    role = ArenaMembership.Role.FACILITATOR


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Aktør {n}")
    kind = Organisation.Kind.MUNICIPALITY
    confirmed = True  # the registry staff keep; participants' additions are made unconfirmed


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    arena = factory.SubFactory(ArenaFactory)
    display_name = factory.Sequence(lambda n: f"Deltaker {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    group = factory.SubFactory(GroupFactory, arena=factory.SelfAttribute("..arena"))


class ProblemAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProblemArea

    arena = factory.SubFactory(ArenaFactory)
    title = factory.Sequence(lambda n: f"Problemstilling {n}")


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup

    arena = factory.SubFactory(ArenaFactory)
    name = factory.Sequence(lambda n: f"Målgruppe {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    arena = factory.SubFactory(ArenaFactory)
    group = factory.SubFactory(GroupFactory, arena=factory.SelfAttribute("..arena"))
    title = factory.Sequence(lambda n: f"Tiltak {n}")


class MeasureActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureActor

    measure = factory.SubFactory(MeasureFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role_kind = MeasureActor.Role.PARTNER


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    measure = factory.SubFactory(MeasureFactory)
    indicator = "Andel søkere som får læreplass"
    target = "80 %"


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funding

    measure = factory.SubFactory(MeasureFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = Funding.Kind.OWN_BUDGET


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    measure = factory.SubFactory(MeasureFactory)
    participant = factory.SubFactory(
        ParticipantFactory, arena=factory.SelfAttribute("..measure.arena")
    )
    author_name = factory.LazyAttribute(lambda c: c.participant.display_name)
    text = "Godt forslag – ta med karrieresenteret."


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    measure = factory.SubFactory(MeasureFactory)
    participant = factory.SubFactory(
        ParticipantFactory, arena=factory.SelfAttribute("..measure.arena")
    )
    dots = 1


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    measure = factory.SubFactory(MeasureFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class FollowUpUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpUpdate

    measure = factory.SubFactory(MeasureFactory, status=Measure.Status.AGREED)
    status = FollowUpUpdate.Status.STARTED
    text = "Første møte er holdt."
