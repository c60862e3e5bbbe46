"""One measure as plain data: what the summary page, the exports and the report print per measure.

`summary_measures(arena)` reads an arena's measures with every related row in 10 queries whatever
their number, as plain rows (`values_list`), and turns each into a `MeasureSummary`. Labels are
plain strings in the active language.
"""

import datetime
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from arena.dates import date_say
from measures.models import (
    QUESTIONS,
    Comment,
    Commitment,
    Completeness,
    FollowUpUpdate,
    Funding,
    Indicator,
    Measure,
    MeasureActor,
    Vote,
)
from measures.models.measure import is_real_answer, split_lines
from measures.summaries.rows import (
    ActorRole,
    Answer,
    CommentRow,
    CommitmentRow,
    FundingRow,
    IndicatorRow,
    format_amount,
    period_text,  # noqa: E402 - the rows a summary holds
)
from participants.models import Organisation


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
        t = _texts()
        texts = (
            self.description,
            "\n".join(_actor_line(a) for a in self.actors),
            _way_of_working_text(self, t),
            "\n".join(filter(None, [self.goal, *(_indicator_line(i, t) for i in self.indicators)])),
            "\n".join(_funding_line(f) for f in self.fundings),
            " – ".join(filter(None, [self.horizon_label, self.period])),
        )
        return tuple(
            Answer(number, label, text.strip(), answered)
            for number, label, text, answered in zip(
                range(1, 7), t["questions"], texts, self.completeness.answered, strict=True
            )
        )


# The answers' fixed words per language, looked up once: a report of 1,000 measures asked
# gettext for the same dozen strings tens of thousands of times.
_TEXTS = {}


def _texts():
    language = translation.get_language()
    if language not in _TEXTS:
        _TEXTS[language] = {
            "questions": tuple(str(label) for _number, label in QUESTIONS),
            "target": _("mål: %(target)s"),
            "due": _("innen %(date)s"),
            "indicator": _("Indikator: %(text)s"),
            "develop": _("Arenaer som må utvikles: %(list)s"),
            "discontinue": _("Arenaer som kan saneres: %(list)s"),
        }
    return _TEXTS[language]


def _actor_line(actor):
    line = f"{actor.organisation} – {actor.role_label}"
    return f"{line}: {actor.role_text}" if actor.role_text else line


def _indicator_line(indicator, t):
    parts = [indicator.indicator]
    if indicator.target:
        parts.append(t["target"] % {"target": indicator.target})
    if indicator.due:
        parts.append(t["due"] % {"date": date_say(indicator.due, "numeric")})
    return t["indicator"] % {"text": ", ".join(parts)}


def _funding_line(funding):
    parts = [funding.kind_label, funding.status_label]
    if funding.amount is not None:
        parts.append(format_amount(funding.amount))
    return f"{funding.financier} ({', '.join(parts)})"


def _way_of_working_text(measure, t):
    lines = [measure.way_of_working] if measure.way_of_working else []
    if measure.arenas_to_develop:
        lines.append(t["develop"] % {"list": "; ".join(measure.arenas_to_develop)})
    if measure.arenas_to_discontinue:
        lines.append(t["discontinue"] % {"list": "; ".join(measure.arenas_to_discontinue)})
    return "\n".join(lines)


def _labels(choices):
    """{value: label} in the active language, built once per summary: a model's
    `get_FOO_display()` resolves a lazy translation on every call, which was a third of the
    summary's time at 1,000 measures."""
    return {value: str(label) for value, label in choices}


def _grouped(rows):
    """{measure id: [row, ...]} from (measure id, ...) tuples, in the query's order."""
    grouped = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(row)
    return grouped


MEASURE_FIELDS = (
    "id",
    "title",
    "group__name",
    "status",
    "direction",
    "description",
    "way_of_working",
    "arenas_to_develop",
    "arenas_to_discontinue",
    "goal",
    "horizon",
    "start_year",
    "start_term",
    "end_year",
    "end_term",
    "contact_name",
    "contact_email",
    "created_at",
)


def summary_measures(arena):
    """The arena's measures as `MeasureSummary`, in 10 queries whatever their number, read with
    `values_list` (no model instances: building them was most of the time at 1,000 measures).

    measures+group, actors+organisation, indicators, fundings+organisation, problem areas,
    target groups, votes, commitments (+organisation, participant), comments, follow-up reports.
    """
    of_arena = {"measure__arena": arena}
    actors = _grouped(
        MeasureActor.objects.filter(**of_arena)
        .order_by("measure", "order", "id")
        .values_list(
            "measure_id",
            "organisation_id",
            "organisation__name",
            "organisation__kind",
            "role_kind",
            "role_text",
        )
    )
    indicators = _grouped(
        Indicator.objects.filter(**of_arena)
        .order_by("measure", "order", "id")
        .values_list("measure_id", "indicator", "target", "due")
    )
    fundings = _grouped(
        Funding.objects.filter(**of_arena)
        .order_by("measure", "order", "id")
        .values_list(
            "measure_id",
            "organisation_id",
            "organisation__name",
            "source",
            "kind",
            "status",
            "amount",
        )
    )
    areas = _grouped(
        Measure.problem_areas.through.objects.filter(**of_arena)
        .order_by("measure", "problemarea__order", "problemarea__id")
        .values_list("measure_id", "problemarea__title")
    )
    targets = _grouped(
        Measure.target_groups.through.objects.filter(**of_arena)
        .order_by("measure", "targetgroup__order", "targetgroup__id")
        .values_list("measure_id", "targetgroup__name")
    )
    votes = _grouped(Vote.objects.filter(**of_arena).values_list("measure_id", "dots"))
    commitments = _grouped(
        Commitment.objects.filter(**of_arena)
        .order_by("measure", "created_at", "id")
        .values_list(
            "measure_id",
            "organisation__name",
            "role_kind",
            "text",
            "participant__display_name",
            "created_at",
        )
    )
    comments = _grouped(
        Comment.objects.filter(**of_arena)
        .order_by("measure", "created_at", "id")
        .values_list("measure_id", "author_name", "text", "hidden", "created_at")
    )
    latest = {}
    for row in (
        FollowUpUpdate.objects.filter(**of_arena)
        .order_by("measure", "-reported_on", "-id")
        .values_list("measure_id", "status", "reported_on", "text")
    ):
        latest.setdefault(row[0], row)
    labels = {
        "status": _labels(Measure.Status.choices),
        "direction": _labels(Measure.Direction.choices),
        "horizon": _labels(Measure.Horizon.choices),
        "term": _labels(Measure.Term.choices),
        "kind": _labels(Organisation.Kind.choices),
        "role": _labels(MeasureActor.Role.choices),
        "funding_kind": _labels(Funding.Kind.choices),
        "funding_status": _labels(Funding.Status.choices),
        "followup": _labels(FollowUpUpdate.Status.choices),
    }
    rows = Measure.objects.filter(arena=arena).order_by("created_at", "id").values(*MEASURE_FIELDS)
    return tuple(
        _measure(
            m,
            labels,
            actors.get(m["id"], ()),
            indicators.get(m["id"], ()),
            fundings.get(m["id"], ()),
            areas.get(m["id"], ()),
            targets.get(m["id"], ()),
            votes.get(m["id"], ()),
            commitments.get(m["id"], ()),
            comments.get(m["id"], ()),
            latest.get(m["id"]),
        )
        for m in rows
    )


def _measure(
    m, labels, actors, indicators, fundings, areas, targets, votes, commitments, comments, latest
):
    lead = MeasureActor.Role.LEAD
    develop = split_lines(m["arenas_to_develop"])
    discontinue = split_lines(m["arenas_to_discontinue"])
    completeness = Completeness(
        answered=(
            is_real_answer(m["description"]),
            any(a[4] == lead for a in actors),
            is_real_answer(m["way_of_working"]) or bool(develop or discontinue),
            is_real_answer(m["goal"]) or bool(indicators),
            bool(fundings),
            bool(m["horizon"]),
        )
    )
    return MeasureSummary(
        pk=m["id"],
        title=m["title"],
        group=m["group__name"] or "",
        status=m["status"],
        status_label=labels["status"].get(m["status"], m["status"]),
        direction=m["direction"],
        direction_label=labels["direction"].get(m["direction"], ""),
        problem_areas=tuple(a[1] for a in areas),
        target_groups=tuple(t[1] for t in targets),
        description=m["description"],
        actors=tuple(
            ActorRole(
                organisation=name,
                organisation_id=org_id,
                kind_label=labels["kind"].get(kind, kind),
                role=role,
                role_label=labels["role"].get(role, role),
                role_text=text,
            )
            for _m, org_id, name, kind, role, text in actors
        ),
        way_of_working=m["way_of_working"],
        arenas_to_develop=tuple(develop),
        arenas_to_discontinue=tuple(discontinue),
        goal=m["goal"],
        indicators=tuple(IndicatorRow(text, target, due) for _m, text, target, due in indicators),
        fundings=tuple(
            FundingRow(
                financier=name if org_id else source,
                organisation_id=org_id,
                kind_label=labels["funding_kind"].get(kind, kind),
                status=status,
                status_label=labels["funding_status"].get(status, status),
                amount=int(amount) if amount is not None else None,
            )
            for _m, org_id, name, source, kind, status, amount in fundings
        ),
        horizon=m["horizon"],
        horizon_label=labels["horizon"].get(m["horizon"], ""),
        start_year=m["start_year"],
        end_year=m["end_year"],
        period=period_text(
            m["start_term"], m["start_year"], m["end_term"], m["end_year"], labels["term"]
        ),
        completeness=completeness,
        dots=sum(v[1] for v in votes),
        voters=len(votes),
        commitments=tuple(
            CommitmentRow(
                organisation=org,
                role_label=labels["role"].get(role, role),
                text=text,
                said_by=said_by or "",
                created_at=created_at,
            )
            for _m, org, role, text, said_by, created_at in commitments
        ),
        comments=tuple(
            CommentRow(author, text, hidden, created_at)
            for _m, author, text, hidden, created_at in comments
        ),
        contact_name=m["contact_name"],
        contact_email=m["contact_email"],
        created_at=m["created_at"],
        followup_status=latest[1] if latest else "",
        followup_status_label=labels["followup"].get(latest[1], "") if latest else "",
        followup_on=latest[2] if latest else None,
        followup_text=latest[3] if latest else "",
    )
