"""Reads for the live screens (facilitation board and wall): plain data, a fixed number of
queries whatever the number of measures, and each measure as its cached card
(`measures.cards`). Their conditional GET is answered from the arena's revision
(`arena.revisions`), not from here."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from measures import cards
from measures.models import Measure
from participants.models import Organisation

WALL_MEASURES = 12
RECENT_ACTIVITY = 8
# A measure this young slides in on the wall; older ones stay still when the wall refreshes.
NEW_ON_WALL = datetime.timedelta(seconds=20)


@dataclass
class GroupColumn:
    group: object
    measures: list = field(default_factory=list)
    cards: list = field(default_factory=list)


def facilitation_board(arena):
    """Everything the facilitation screen shows. Queries: measures (light, with their table),
    groups, joined by kind, recent participants, current session = 5, for any number of
    measures; plus one for the texts and rows of the measures whose card or completeness is
    not cached yet."""
    measures = list(cards.light(arena.measures.order_by("-updated_at", "-id")))
    columns = {g.pk: GroupColumn(g) for g in arena.groups.all()}
    no_group = GroupColumn(None)
    for measure, card in zip(measures, cards.cards("board", measures, arena=arena), strict=True):
        column = columns.get(measure.group_id, no_group)
        column.measures.append(measure)
        column.cards.append(card)
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
        "complete_count": cards.complete_count(measures),
        "kinds": kinds,
        "activity": activity,
        "current_session": arena.sessions.filter(is_current=True).first(),
    }


def wall(arena, *, problem_area=None, group=None):
    """The newest measures (filtered) and, during prioritisation, the ranking.

    Queries: current session, measures (light, with their table), their problem areas, and the
    ranking when it is shown = 4; plus one for the measures whose card is not cached yet."""
    current = arena.sessions.filter(is_current=True).first()
    measures = cards.light(arena.measures.order_by("-created_at", "-id")).prefetch_related(
        "problem_areas"
    )
    if problem_area is not None:
        measures = measures.filter(problem_areas=problem_area)
    if group is not None:
        measures = measures.filter(group=group)
    measures = list(measures[:WALL_MEASURES])
    fresh_since = timezone.now() - NEW_ON_WALL
    for measure, card in zip(measures, cards.cards("wall", measures, arena=arena), strict=True):
        measure.is_new = measure.created_at >= fresh_since
        measure.card = card
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
