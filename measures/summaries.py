"""The read side for project leads: one arena as plain data, in a fixed number of queries.

The summary page and every export (CSV, XLSX, DOCX, PDF, JSON) are built from
`arena_summary(arena)`, so that every format says the same thing. Labels are turned into plain
strings here, in the active language, so that exporters never touch the ORM.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from arena.models import ProblemArea, TargetGroup
from measures.models import (
    QUESTIONS,
    Comment,
    Commitment,
    Completeness,
    Funding,
    Measure,
    MeasureActor,
)
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
class ActorRole:
    organisation: str
    organisation_id: int
    kind_label: str
    role: str
    role_label: str
    role_text: str


@dataclass(frozen=True)
class IndicatorRow:
    indicator: str
    target: str
    due: datetime.date | None


@dataclass(frozen=True)
class FundingRow:
    financier: str
    organisation_id: int | None
    kind_label: str
    status: str
    status_label: str
    amount: int | None


@dataclass(frozen=True)
class CommitmentRow:
    organisation: str
    role_label: str
    text: str
    said_by: str
    created_at: datetime.datetime


@dataclass(frozen=True)
class CommentRow:
    author: str
    text: str
    hidden: bool
    created_at: datetime.datetime


@dataclass(frozen=True)
class Answer:
    number: int
    question: str
    text: str
    answered: bool


@dataclass
class MeasureSummary:
    pk: int
    title: str
    group: str
    status: str
    status_label: str
    direction: str
    direction_label: str
    problem_areas: tuple
    target_groups: tuple
    description: str
    actors: tuple
    way_of_working: str
    arenas_to_develop: tuple
    arenas_to_discontinue: tuple
    goal: str
    indicators: tuple
    fundings: tuple
    horizon: str
    horizon_label: str
    start_year: int | None
    end_year: int | None
    period: str
    completeness: Completeness
    dots: int
    voters: int
    commitments: tuple
    comments: tuple
    contact_name: str
    contact_email: str
    created_at: datetime.datetime

    @property
    def lead(self):
        return next((a for a in self.actors if a.role == MeasureActor.Role.LEAD), None)

    @property
    def answered_count(self):
        return self.completeness.count

    @property
    def answers(self):
        """The six answers as plain text, as the report and the spreadsheets print them."""
        texts = (
            self.description,
            "\n".join(_actor_line(a) for a in self.actors),
            _way_of_working_text(self),
            "\n".join(filter(None, [self.goal, *(_indicator_line(i) for i in self.indicators)])),
            "\n".join(_funding_line(f) for f in self.fundings),
            " – ".join(filter(None, [self.horizon_label, self.period])),
        )
        return tuple(
            Answer(number, str(label), text.strip(), answered)
            for (number, label), text, answered in zip(
                QUESTIONS, texts, self.completeness.answered, strict=True
            )
        )


def _actor_line(actor):
    line = f"{actor.organisation} – {actor.role_label}"
    return f"{line}: {actor.role_text}" if actor.role_text else line


def _indicator_line(indicator):
    parts = [indicator.indicator]
    if indicator.target:
        parts.append(_("mål: %(target)s") % {"target": indicator.target})
    if indicator.due:
        parts.append(_("innen %(date)s") % {"date": indicator.due.strftime("%d.%m.%Y")})
    return _("Indikator: %(text)s") % {"text": ", ".join(parts)}


def _funding_line(funding):
    parts = [funding.kind_label, funding.status_label]
    if funding.amount is not None:
        parts.append(format_amount(funding.amount))
    return f"{funding.financier} ({', '.join(parts)})"


def _way_of_working_text(measure):
    lines = [measure.way_of_working] if measure.way_of_working else []
    if measure.arenas_to_develop:
        lines.append(
            _("Arenaer som må utvikles: %(list)s") % {"list": "; ".join(measure.arenas_to_develop)}
        )
    if measure.arenas_to_discontinue:
        lines.append(
            _("Arenaer som kan saneres: %(list)s")
            % {"list": "; ".join(measure.arenas_to_discontinue)}
        )
    return "\n".join(lines)


def format_amount(amount):
    """12 500 000 kr: Norwegian thousands separator (a non-breaking space)."""
    return f"{amount:,.0f}".replace(",", "\u00a0") + "\u00a0kr"


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
class FinancierRow:
    name: str
    measures: int
    possible: int
    asked: int
    committed: int
    amount_committed: int
    amount_total: int


@dataclass(frozen=True)
class Financing:
    financiers: tuple
    status_counts: tuple  # (status label, count)
    amount_committed: int
    amount_total: int
    without_funding: int


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


def summary_measures(arena):
    """The arena's measures with every row the summary reads: 11 queries whatever their number.

    measures+group, actors, their organisations, indicators, fundings, their organisations,
    problem areas, target groups, votes, commitments (+organisation, participant), comments.
    """
    return (
        Measure.objects.filter(arena=arena)
        .with_rows()
        .prefetch_related(
            "target_groups",
            "votes",
            Prefetch(
                "commitments",
                queryset=Commitment.objects.select_related("organisation", "participant"),
            ),
            Prefetch("comments", queryset=Comment.objects.order_by("created_at", "id")),
        )
        .order_by("created_at", "id")
    )


def measure_summary(measure):
    """One measure as plain data; reads only what `summary_measures` prefetched."""
    return MeasureSummary(
        pk=measure.pk,
        title=measure.title,
        group=measure.group.name if measure.group else "",
        status=measure.status,
        status_label=str(measure.get_status_display()),
        direction=measure.direction,
        direction_label=str(measure.get_direction_display()) if measure.direction else "",
        problem_areas=tuple(p.title for p in measure.problem_areas.all()),
        target_groups=tuple(t.name for t in measure.target_groups.all()),
        description=measure.description,
        actors=tuple(
            ActorRole(
                organisation=a.organisation.name,
                organisation_id=a.organisation_id,
                kind_label=str(a.organisation.get_kind_display()),
                role=a.role_kind,
                role_label=str(a.get_role_kind_display()),
                role_text=a.role_text,
            )
            for a in measure.actors.all()
        ),
        way_of_working=measure.way_of_working,
        arenas_to_develop=tuple(measure.arenas_to_develop_list),
        arenas_to_discontinue=tuple(measure.arenas_to_discontinue_list),
        goal=measure.goal,
        indicators=tuple(
            IndicatorRow(i.indicator, i.target, i.due) for i in measure.indicators.all()
        ),
        fundings=tuple(
            FundingRow(
                financier=f.organisation.name if f.organisation else f.source,
                organisation_id=f.organisation_id,
                kind_label=str(f.get_kind_display()),
                status=f.status,
                status_label=str(f.get_status_display()),
                amount=int(f.amount) if f.amount is not None else None,
            )
            for f in measure.fundings.all()
        ),
        horizon=measure.horizon,
        horizon_label=str(measure.get_horizon_display()) if measure.horizon else "",
        start_year=measure.start_year,
        end_year=measure.end_year,
        period=str(measure.period_display),
        completeness=measure.completeness,
        dots=sum(v.dots for v in measure.votes.all()),
        voters=len(measure.votes.all()),
        commitments=tuple(
            CommitmentRow(
                organisation=c.organisation.name,
                role_label=str(c.get_role_kind_display()),
                text=c.text,
                said_by=c.participant.display_name if c.participant else "",
                created_at=c.created_at,
            )
            for c in measure.commitments.all()
        ),
        comments=tuple(
            CommentRow(c.author_name, c.text, c.hidden, c.created_at)
            for c in measure.comments.all()
        ),
        contact_name=measure.contact_name,
        contact_email=measure.contact_email,
        created_at=measure.created_at,
    )


def arena_summary(arena, *, today=None):
    """Everything the summary page and the exports show, in 14 queries whatever the size:
    the 11 of `summary_measures`, problem areas, target groups, participants per kind."""
    measures = tuple(measure_summary(m) for m in summary_measures(arena))
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
        ),
        measures=measures,
        areas=_areas(measures, problem_areas),
        coverage=coverage,
        actor_matrix=matrix,
        financing=_financing(measures),
        horizons=_horizons(measures),
        ranking=_ranking(measures),
        commitments=commitments,
        completeness=_completeness(measures),
        participation=_participation(measures, participants),
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


def _financing(measures):
    rows = {}
    for m in measures:
        for f in m.fundings:
            row = rows.setdefault(
                f.financier,
                {"measures": set(), **dict.fromkeys(Funding.Status.values, 0), "amc": 0, "amt": 0},
            )
            row["measures"].add(m.pk)
            row[f.status] += 1
            row["amt"] += f.amount or 0
            if f.status == Funding.Status.COMMITTED:
                row["amc"] += f.amount or 0
    financiers = sorted(
        (
            FinancierRow(
                name=name,
                measures=len(r["measures"]),
                possible=r[Funding.Status.POSSIBLE],
                asked=r[Funding.Status.ASKED],
                committed=r[Funding.Status.COMMITTED],
                amount_committed=r["amc"],
                amount_total=r["amt"],
            )
            for name, r in rows.items()
        ),
        key=lambda r: (-r.measures, r.name.casefold()),
    )
    statuses = Counter(f.status for m in measures for f in m.fundings)
    return Financing(
        financiers=tuple(financiers),
        status_counts=tuple((str(s.label), statuses[s.value]) for s in Funding.Status),
        amount_committed=sum(r.amount_committed for r in financiers),
        amount_total=sum(r.amount_total for r in financiers),
        without_funding=sum(1 for m in measures if not m.fundings),
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
