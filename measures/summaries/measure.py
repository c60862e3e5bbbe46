"""One measure as plain data: what the summary page, the exports and the report print per measure.

`summary_measures(arena)` reads an arena's measures with every related row in 11 queries whatever
their number, and `measure_summary(measure)` turns one of them into a `MeasureSummary` without
touching the database again. Labels are plain strings in the active language.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from measures.models import (
    QUESTIONS,
    Comment,
    Commitment,
    Completeness,
    FollowUpUpdate,
    Funding,
    Measure,
    MeasureActor,
)


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
    # The owner's latest follow-up report, if any (agreed measures only get one).
    followup_status: str = ""
    followup_status_label: str = ""
    followup_on: datetime.date | None = None
    followup_text: str = ""

    @property
    def amount_committed(self):
        return sum(f.amount or 0 for f in self.fundings if f.status == Funding.Status.COMMITTED)

    @property
    def amount_sought(self):
        """Money named but not yet committed: possible sources and applications."""
        return sum(f.amount or 0 for f in self.fundings if f.status != Funding.Status.COMMITTED)

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
        parts.append(
            _("innen %(date)s") % {"date": date_format(indicator.due, "SHORT_DATE_FORMAT")}
        )
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


def summary_measures(arena):
    """The arena's measures with every row the summary reads: 12 queries whatever their number.

    measures+group, actors, their organisations, indicators, fundings, their organisations,
    problem areas, target groups, votes, commitments (+organisation, participant), comments,
    follow-up reports.
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
            Prefetch("followups", queryset=FollowUpUpdate.objects.order_by("-reported_on", "-id")),
        )
        .order_by("created_at", "id")
    )


def measure_summary(measure):
    """One measure as plain data; reads only what `summary_measures` prefetched."""
    latest = next(iter(measure.followups.all()), None)
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
        followup_status=latest.status if latest else "",
        followup_status_label=str(latest.get_status_display()) if latest else "",
        followup_on=latest.reported_on if latest else None,
        followup_text=latest.text if latest else "",
    )
