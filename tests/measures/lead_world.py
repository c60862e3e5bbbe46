"""A small arena built by hand for the summary and export tests; every expected number in
those tests is counted from what is written here."""

import datetime

from arena.models import Arena
from measures.models import Funding, Measure, MeasureActor
from participants.models import Organisation
from tests import factories

REAL = "Dette er et ordentlig svar med nok ord til å telle."


def build_summary_arena(arena):
    """Four measures, four organisations, four target groups and three problem areas."""
    arena.status = Arena.Status.CLOSED
    arena.venue = "Drammen"
    arena.purpose = "Økt yrkesdeltagelse – fra skole til arbeid."
    arena.save()
    pa_basic = factories.ProblemAreaFactory(arena=arena, title="Grunnleggende ferdigheter", order=1)
    pa_school = factories.ProblemAreaFactory(
        arena=arena, title="Fullføring i videregående", order=2
    )
    factories.ProblemAreaFactory(arena=arena, title="Kompetanse arbeidslivet trenger", order=3)
    young = factories.TargetGroupFactory(arena=arena, name="Unge", order=1)
    young_adults = factories.TargetGroupFactory(arena=arena, name="Unge voksne", order=2)
    immigrants = factories.TargetGroupFactory(arena=arena, name="Innvandrere", order=3)
    factories.TargetGroupFactory(arena=arena, name="Personer med nedsatt funksjonsevne", order=4)

    county = factories.OrganisationFactory(
        name="Buskerud fylkeskommune", kind=Organisation.Kind.COUNTY
    )
    nav = factories.OrganisationFactory(name="NAV Buskerud", kind=Organisation.Kind.STATE_AGENCY)
    nho = factories.OrganisationFactory(name="NHO Buskerud", kind=Organisation.Kind.EMPLOYERS)
    drammen = factories.OrganisationFactory(
        name="Drammen kommune", kind=Organisation.Kind.MUNICIPALITY
    )
    group = factories.GroupFactory(arena=arena, name="Bord 1")
    people = [
        factories.ParticipantFactory(arena=arena, group=group, organisation=org, display_name=name)
        for org, name in [
            (county, "Kari Fylke"),
            (county, "Per Fylke"),
            (nav, "Nina Nav"),
            (drammen, "Dag Drammen"),
            (drammen, "Dina Drammen"),
        ]
    ]

    m1 = factories.MeasureFactory(
        arena=arena,
        group=group,
        title="Felles formidling av læreplasser",
        status=Measure.Status.AGREED,
        direction=Measure.Direction.PREVENT,
        description=REAL,
        way_of_working=REAL,
        arenas_to_develop="Månedlig formidlingsmøte\nRegionalt råd",
        arenas_to_discontinue="Det gamle rådet",
        goal="80 % av søkerne får læreplass innen 1. oktober 2027.",
        horizon=Measure.Horizon.MEDIUM,
        start_year=2026,
        start_term=Measure.Term.AUTUMN,
        end_year=2029,
        end_term=Measure.Term.SPRING,
        contact_name="Kari Fylke",
        contact_email="kari@example.org",
    )
    m1.problem_areas.set([pa_school])
    m1.target_groups.set([young])
    m2 = factories.MeasureFactory(
        arena=arena,
        group=group,
        title="Språk og arbeid for innvandrere",
        status=Measure.Status.SUBMITTED,
        direction=Measure.Direction.INTO_WORK,
        description=REAL,
        horizon=Measure.Horizon.SHORT,
        start_year=2026,
    )
    m2.problem_areas.set([pa_basic])
    m2.target_groups.set([immigrants, young_adults])
    m3 = factories.MeasureFactory(arena=arena, group=group, title="Tom idé", description="?")
    m4 = factories.MeasureFactory(
        arena=arena,
        group=group,
        title="Sommerjobb for unge",
        direction=Measure.Direction.BOTH,
        description=REAL,
        way_of_working=REAL,
        goal=REAL,
        horizon=Measure.Horizon.LONG,
        start_year=2027,
        end_year=2031,
    )
    m4.problem_areas.set([pa_basic, pa_school])
    m4.target_groups.set([young])

    lead, partner = MeasureActor.Role.LEAD, MeasureActor.Role.PARTNER
    for measure, org, role, text in [
        (m1, county, lead, "Eier ordningen"),
        (m1, nho, partner, "Rekrutterer bedrifter"),
        (m1, nav, MeasureActor.Role.CONTRIBUTOR, ""),
        (m2, nav, lead, ""),
        (m2, drammen, partner, ""),
        (m2, county, partner, ""),
        (m3, drammen, lead, ""),
        (m4, county, lead, ""),
        (m4, nav, partner, ""),
        (m4, nho, MeasureActor.Role.FINANCIER, ""),
    ]:
        factories.MeasureActorFactory(
            measure=measure, organisation=org, role_kind=role, role_text=text
        )
    factories.IndicatorFactory(
        measure=m1, indicator="Andel med læreplass", target="80 %", due=datetime.date(2027, 10, 1)
    )
    factories.FundingFactory(
        measure=m1,
        organisation=county,
        kind=Funding.Kind.OWN_BUDGET,
        status=Funding.Status.COMMITTED,
        amount=500000,
    )
    factories.FundingFactory(
        measure=m1,
        organisation=None,
        source="HK-dir",
        kind=Funding.Kind.GRANT,
        status=Funding.Status.ASKED,
    )
    factories.FundingFactory(
        measure=m4,
        organisation=nho,
        kind=Funding.Kind.CO_FUNDING,
        status=Funding.Status.COMMITTED,
        amount=200000,
    )
    for measure, person, dots in [
        (m2, people[0], 3),
        (m2, people[1], 2),
        (m1, people[2], 2),
        (m1, people[3], 1),
        (m4, people[4], 3),
    ]:
        factories.VoteFactory(measure=measure, participant=person, dots=dots)
    factories.CommitmentFactory(
        measure=m1, organisation=drammen, participant=people[3], text="Vi stiller med veiledere"
    )
    factories.CommentFactory(measure=m1, participant=people[4], author_name="Dina Drammen")
    return {"m1": m1, "m2": m2, "m3": m3, "m4": m4, "people": people, "group": group}


def add_plain_measures(arena, count):
    """`count` measures with a lead, an indicator, a funding row, a vote and a commitment each."""
    group = factories.GroupFactory(arena=arena)
    area = factories.ProblemAreaFactory(arena=arena)
    target = factories.TargetGroupFactory(arena=arena)
    voter = factories.ParticipantFactory(arena=arena, group=group)
    for _ in range(count):
        measure = factories.MeasureFactory(
            arena=arena, group=group, direction=Measure.Direction.BOTH, description=REAL
        )
        measure.problem_areas.add(area)
        measure.target_groups.add(target)
        factories.MeasureActorFactory(measure=measure, role_kind=MeasureActor.Role.LEAD)
        factories.IndicatorFactory(measure=measure)
        factories.FundingFactory(measure=measure, amount=1000)
        factories.VoteFactory(measure=measure, participant=voter)
        factories.CommitmentFactory(measure=measure)
        factories.CommentFactory(measure=measure, participant=voter)
