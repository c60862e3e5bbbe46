"""Reads for the live screens (facilitation board and wall): plain data, a fixed number of
queries whatever the number of measures, and a cheap fingerprint for conditional GET."""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Subquery, Sum
from django.utils import timezone

from arena.models import Arena
from measures.models import Commitment, Funding, Indicator, Measure, MeasureActor, Vote
from participants.models import Organisation, Participant

WALL_MEASURES = 12
RECENT_ACTIVITY = 8
# A measure this young slides in on the wall; older ones stay still when the wall refreshes.
NEW_ON_WALL = datetime.timedelta(seconds=20)


def _scalar(queryset, group_by, aggregate):
    """One aggregate of `queryset` as a subquery on the arena row."""
    return Subquery(queryset.order_by().values(group_by).annotate(v=aggregate).values("v")[:1])


def fingerprint(arena):
    """An ETag for everything the live screens show, from one query of aggregates.

    It changes when a measure or one of its rows is created, changed or deleted (the
    historical tables record every save), when someone joins or moves, votes or commits, and
    when the arena or its program changes (the services touch `Arena.updated_at`).
    """
    measure_history = Measure.history.model
    historical = [measure_history] + [m.history.model for m in (MeasureActor, Indicator, Funding)]
    annotations = {
        "measure_n": _scalar(Measure.objects.filter(arena=OuterRef("pk")), "arena", Count("pk")),
        "participant_n": _scalar(
            Participant.objects.filter(arena=OuterRef("pk")), "arena", Count("pk")
        ),
        "participant_last": _scalar(
            Participant.objects.filter(arena=OuterRef("pk")), "arena", Max("joined_at")
        ),
        "dots": _scalar(
            Vote.objects.filter(measure__arena=OuterRef("pk")), "measure__arena", Sum("dots")
        ),
        "vote_last": _scalar(
            Vote.objects.filter(measure__arena=OuterRef("pk")), "measure__arena", Max("updated_at")
        ),
        "commitment_n": _scalar(
            Commitment.objects.filter(measure__arena=OuterRef("pk")), "measure__arena", Count("pk")
        ),
    }
    for index, model in enumerate(historical):
        arena_path = "arena" if model is measure_history else "measure__arena"
        annotations[f"history_{index}"] = _scalar(
            model.objects.filter(**{arena_path: OuterRef("pk")}), arena_path, Max("history_id")
        )
    row = Arena.objects.filter(pk=arena.pk).values("updated_at").annotate(**annotations).get()
    return hashlib.md5(repr(sorted(row.items())).encode(), usedforsecurity=False).hexdigest()


@dataclass
class GroupColumn:
    group: object
    measures: list = field(default_factory=list)


def facilitation_board(arena):
    """Everything the facilitation screen shows. Queries: measures, their 6 prefetches
    (actors, their organisations, indicators, fundings, their organisations, problem areas),
    groups, joined by kind, recent participants, current session = 11, for any number of
    measures."""
    measures = list(arena.measures.with_rows().order_by("-updated_at", "-id"))
    columns = {g.pk: GroupColumn(g) for g in arena.groups.all()}
    no_group = GroupColumn(None)
    complete = 0
    for measure in measures:
        complete += measure.completeness.is_complete
        columns.get(measure.group_id, no_group).measures.append(measure)
    by_kind = dict(
        arena.participants.order_by().values_list("organisation__kind").annotate(n=Count("pk"))
    )
    joined = sum(by_kind.values())
    kinds = [
        (label, by_kind[value]) for value, label in Organisation.Kind.choices if by_kind.get(value)
    ]
    recent_people = list(
        arena.participants.select_related("organisation", "group").order_by("-joined_at")[
            :RECENT_ACTIVITY
        ]
    )
    activity = sorted(
        [("measure", m.updated_at, m) for m in measures[:RECENT_ACTIVITY]]
        + [("participant", p.joined_at, p) for p in recent_people],
        key=lambda item: item[1],
        reverse=True,
    )[:RECENT_ACTIVITY]
    return {
        "columns": [*columns.values(), *([no_group] if no_group.measures else [])],
        "joined": joined,
        "measure_count": len(measures),
        "complete_count": complete,
        "kinds": kinds,
        "activity": activity,
        "current_session": arena.sessions.filter(is_current=True).first(),
    }


def wall(arena, *, problem_area=None, group=None):
    """The newest measures (filtered) and, during prioritisation, the ranking.

    Queries: current session, measures + 6 prefetches, and the ranking when it is shown = 8."""
    current = arena.sessions.filter(is_current=True).first()
    measures = arena.measures.with_rows().order_by("-created_at", "-id")
    if problem_area is not None:
        measures = measures.filter(problem_areas=problem_area)
    if group is not None:
        measures = measures.filter(group=group)
    measures = list(measures[:WALL_MEASURES])
    fresh_since = timezone.now() - NEW_ON_WALL
    for measure in measures:
        measure.is_new = measure.created_at >= fresh_since
    prioritising = current is not None and current.kind == current.Kind.PRIORITISATION
    ranking = None
    if prioritising and arena.ranking_revealed:
        ranking = ranking_rows(arena)
    return {
        "current_session": current,
        "measures": measures,
        "prioritising": prioritising,
        "ranking": ranking,
    }


def ranking_rows(arena, limit=15):
    """Measures by dots, then commitments; `top` is the largest dot count, for the bars."""
    rows = list(Measure.objects.filter(arena=arena).select_related("group").ranked()[:limit])
    top = max((r.dot_count for r in rows), default=0) or 1
    for row in rows:
        row.top = top
    return rows
