"""The arena as a whole: coverage, the actor matrix, financing, horizons, ranking, completeness,
participation and key figures, gathered into one `ArenaSummary` in 13 queries whatever the size.

Built on the per-measure rows of `measures.summaries.measure` (10 queries); besides those it reads
only the problem areas, target groups and participants, and computes every aggregate in Python.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from arena.models import ProblemArea, TargetGroup
from measures.models import QUESTIONS, Measure, MeasureActor
from measures.summaries.measure import summary_measures
from measures.summaries.money import Financing, actor_views, financing_summary
from participants.models import Organisation, Participant

# An organisation with at least this many measures "carries many"; shown first in the matrix.
MANY_MEASURES = 3
# The two directions of the invitation; a measure for "both" covers both.
COVERAGE_DIRECTIONS = (Measure.Direction.PREVENT, Measure.Direction.INTO_WORK)
# Short role codes for the actor × measure matrix, where space is tight.
ROLE_ABBREVIATIONS = {
    MeasureActor.Role.LEAD: "A",
    MeasureActor.Role.PARTNER: "P",
    MeasureActor.Role.CONTRIBUTOR: "B",
    MeasureActor.Role.FINANCIER: "F",
}


@dataclass(frozen=True)
class AreaSection:
    title: str
    description: str
    measures: tuple


@dataclass(frozen=True)
class Coverage:
    """Target group × direction: how many measures cover each combination."""

    directions: tuple  # labels, in COVERAGE_DIRECTIONS order
    rows: tuple  # (target group name, (count per direction, ...))
    gaps: tuple  # (target group name, direction label) with no measure
    without_target_group: int
    without_direction: int


@dataclass(frozen=True)
class OrganisationLoad:
    name: str
    kind_label: str
    measures: int
    leads: int
    roles: tuple  # per measure column: role abbreviation or ""


@dataclass(frozen=True)
class ActorMatrix:
    measures: tuple  # (pk, title) columns
    organisations: tuple  # OrganisationLoad, most measures first
    carrying_many: tuple  # OrganisationLoad with at least MANY_MEASURES measures
    single_actor_measures: tuple  # (title, actor count) for measures with fewer than two actors


@dataclass(frozen=True)
class Horizons:
    counts: tuple  # (horizon label, count), plus "not answered"
    years: tuple  # (year, number of measures running that year)
    timeline: tuple  # (title, horizon label, start year, end year, period) with a start year


@dataclass(frozen=True)
class RankingRow:
    rank: int
    title: str
    dots: int
    voters: int
    commitments: int


@dataclass(frozen=True)
class CompletenessSummary:
    per_question: tuple  # (number, question, answered count)
    distribution: tuple  # (answered questions 0..6, number of measures)
    complete: int


@dataclass(frozen=True)
class ParticipationRow:
    kind_label: str
    participants: int
    organisations: int
    actor_roles: int
    leads: int


@dataclass(frozen=True)
class KeyFigures:
    measures: int
    complete: int
    agreed: int
    participants: int
    organisations_present: int
    actors_in_measures: int
    dots: int
    commitments: int
    gaps: int
    prioritised: int = 0  # status "prioritised" (agreed ones are counted in `agreed`)
    left_out: int = 0  # measures outside the chosen statuses


@dataclass
class ArenaSummary:
    arena_title: str
    arena_slug: str
    venue: str
    purpose: str
    start_date: datetime.date
    end_date: datetime.date
    status_label: str
    generated_on: datetime.date
    key_figures: KeyFigures
    measures: tuple
    areas: tuple
    coverage: Coverage
    actor_matrix: ActorMatrix
    financing: Financing
    horizons: Horizons
    ranking: tuple
    commitments: tuple  # (measure title, CommitmentRow)
    completeness: CompletenessSummary
    participation: tuple
    questions: tuple = field(default_factory=lambda: tuple(str(label) for _, label in QUESTIONS))
    actors: tuple = ()  # ActorView per organisation: what it has taken on, by role
    appendix: tuple = ()  # drafts printed as an appendix when the lead asks for it
    default_language: str = "nb"

    @property
    def has_votes(self):
        """A ranking means something only when dots were given."""
        return self.key_figures.dots > 0

    @property
    def prioritised_measures(self):
        """Prioritised and agreed measures, most dots first: the summary's short list."""
        chosen = set(Measure.AGREED_STATUSES) | {Measure.Status.PRIORITISED}
        return tuple(
            sorted(
                (m for m in self.measures if m.status in chosen),
                key=lambda m: (-m.dots, m.title.casefold()),
            )
        )

    @property
    def followed_measures(self):
        return tuple(m for m in self.measures if m.status in Measure.AGREED_STATUSES)


def arena_summary(arena, *, today=None, statuses=None, drafts_appendix=False):
    """Everything the summary page and the exports show, in 13 queries whatever the size:
    the 10 of `summary_measures`, problem areas, target groups, participants per kind.

    `statuses` limits the measures (and every figure) to those statuses; with
    `drafts_appendix` the drafts left out come back as `appendix`, counted in no figure."""
    every = summary_measures(arena)
    measures = every if statuses is None else tuple(m for m in every if m.status in statuses)
    left_out = statuses is not None and Measure.Status.DRAFT not in statuses
    drafts = tuple(m for m in every if left_out and m.status == Measure.Status.DRAFT)
    problem_areas = list(ProblemArea.objects.filter(arena=arena).order_by("order", "id"))
    target_groups = list(TargetGroup.objects.filter(arena=arena).order_by("order", "id"))
    participants = list(
        Participant.objects.filter(arena=arena).values_list("organisation_id", "organisation__kind")
    )
    coverage = _coverage(measures, target_groups)
    matrix = _actor_matrix(measures)
    commitments = tuple((m.title, c) for m in measures for c in m.commitments)
    return ArenaSummary(
        arena_title=arena.title,
        arena_slug=arena.slug,
        venue=arena.venue,
        purpose=arena.purpose,
        start_date=arena.start_date,
        end_date=arena.end_date,
        status_label=str(arena.get_status_display()),
        generated_on=today or timezone.localdate(),
        key_figures=KeyFigures(
            measures=len(measures),
            complete=sum(1 for m in measures if m.completeness.is_complete),
            agreed=sum(1 for m in measures if m.status in Measure.AGREED_STATUSES),
            participants=len(participants),
            organisations_present=len({org for org, _kind in participants}),
            actors_in_measures=len(matrix.organisations),
            dots=sum(m.dots for m in measures),
            commitments=len(commitments),
            gaps=len(coverage.gaps),
            prioritised=sum(1 for m in measures if m.status == Measure.Status.PRIORITISED),
            left_out=len(every) - len(measures),
        ),
        measures=measures,
        areas=_areas(measures, problem_areas),
        coverage=coverage,
        actor_matrix=matrix,
        financing=financing_summary(measures),
        horizons=_horizons(measures),
        ranking=_ranking(measures),
        commitments=commitments,
        completeness=_completeness(measures),
        participation=_participation(measures, participants),
        actors=actor_views(measures),
        appendix=drafts if drafts_appendix else (),
        default_language=arena.default_language,
    )


def _areas(measures, problem_areas):
    """One section per problem area, in the facilitator's order; a measure under several areas
    appears under each, and measures with none under a last section."""
    sections = [
        AreaSection(
            area.title,
            area.description,
            tuple(m for m in measures if area.title in m.problem_areas),
        )
        for area in problem_areas
    ]
    loose = tuple(m for m in measures if not m.problem_areas)
    if loose:
        sections.append(AreaSection(_("Uten problemstilling"), "", loose))
    return tuple(sections)


def _covers(measure, direction):
    return measure.direction in (direction, Measure.Direction.BOTH)


def _coverage(measures, target_groups):
    rows, gaps = [], []
    for group in target_groups:
        counts = tuple(
            sum(1 for m in measures if group.name in m.target_groups and _covers(m, direction))
            for direction in COVERAGE_DIRECTIONS
        )
        rows.append((group.name, counts))
        gaps.extend(
            (group.name, str(direction.label))
            for direction, count in zip(COVERAGE_DIRECTIONS, counts, strict=True)
            if count == 0
        )
    return Coverage(
        directions=tuple(str(d.label) for d in COVERAGE_DIRECTIONS),
        rows=tuple(rows),
        gaps=tuple(gaps),
        without_target_group=sum(1 for m in measures if not m.target_groups),
        without_direction=sum(1 for m in measures if not m.direction),
    )


def _actor_matrix(measures):
    names, kinds, roles = {}, {}, {}
    for m in measures:
        for a in m.actors:
            names[a.organisation_id] = a.organisation
            kinds[a.organisation_id] = a.kind_label
            roles[(a.organisation_id, m.pk)] = a.role
    loads = []
    for org_id, name in names.items():
        row = tuple(ROLE_ABBREVIATIONS.get(roles.get((org_id, m.pk)), "") for m in measures)
        loads.append(
            OrganisationLoad(
                name=name,
                kind_label=kinds[org_id],
                measures=sum(1 for r in row if r),
                leads=row.count(ROLE_ABBREVIATIONS[MeasureActor.Role.LEAD]),
                roles=row,
            )
        )
    loads.sort(key=lambda o: (-o.measures, -o.leads, o.name.casefold()))
    return ActorMatrix(
        measures=tuple((m.pk, m.title) for m in measures),
        organisations=tuple(loads),
        carrying_many=tuple(o for o in loads if o.measures >= MANY_MEASURES),
        single_actor_measures=tuple(
            (m.title, len(m.actors)) for m in measures if len(m.actors) < 2
        ),
    )


def _horizons(measures):
    counts = Counter(m.horizon for m in measures)
    labelled = [(str(h.label), counts[h.value]) for h in Measure.Horizon]
    labelled.append((_("Ikke besvart"), counts[""]))
    dated = [m for m in measures if m.start_year]
    years = ()
    if dated:
        first = min(m.start_year for m in dated)
        last = max(m.end_year or m.start_year for m in dated)
        years = tuple(
            (year, sum(1 for m in dated if m.start_year <= year <= (m.end_year or m.start_year)))
            for year in range(first, last + 1)
        )
    timeline = tuple(
        (m.title, m.horizon_label, m.start_year, m.end_year, m.period)
        for m in sorted(dated, key=lambda m: (m.start_year, m.end_year or m.start_year, m.title))
    )
    return Horizons(counts=tuple(labelled), years=years, timeline=timeline)


def _ranking(measures):
    ordered = sorted(measures, key=lambda m: (-m.dots, -len(m.commitments), m.title.casefold()))
    rows, rank, previous = [], 0, None
    for position, m in enumerate(ordered, start=1):
        # Equal dots share a rank (1, 2, 2, 4), as on a sports table.
        if m.dots != previous:
            rank, previous = position, m.dots
        rows.append(RankingRow(rank, m.title, m.dots, m.voters, len(m.commitments)))
    return tuple(rows)


def _completeness(measures):
    per_question = tuple(
        (number, str(label), sum(1 for m in measures if m.completeness.answered[number - 1]))
        for number, label in QUESTIONS
    )
    distribution = Counter(m.answered_count for m in measures)
    return CompletenessSummary(
        per_question=per_question,
        distribution=tuple((n, distribution[n]) for n in range(7)),
        complete=distribution[6],
    )


def _participation(measures, participants):
    people = Counter(kind for _org, kind in participants)
    orgs = {}
    for org, kind in participants:
        orgs.setdefault(kind, set()).add(org)
    # Measures carry the kind's label; map labels back through the choices.
    label_of = {kind.value: str(kind.label) for kind in Organisation.Kind}
    roles = Counter(a.kind_label for m in measures for a in m.actors)
    leads = Counter(m.lead.kind_label for m in measures if m.lead)
    rows = [
        ParticipationRow(
            kind_label=label_of[kind],
            participants=people[kind],
            organisations=len(orgs.get(kind, ())),
            actor_roles=roles[label_of[kind]],
            leads=leads[label_of[kind]],
        )
        for kind in Organisation.Kind.values
    ]
    return tuple(r for r in rows if r.participants or r.actor_roles)


def report_sections(summary):
    """The report's sections: each measure in full under its first problem area, and as a
    reference under the others, so that a printed report never repeats a measure."""
    seen, sections = set(), []
    for area in summary.areas:
        entries = []
        for measure in area.measures:
            entries.append((measure, measure.pk not in seen))
            seen.add(measure.pk)
        sections.append((area, tuple(entries)))
    return tuple(sections)
