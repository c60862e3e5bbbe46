"""Reads for the live screens (facilitation board and wall): plain data, a fixed number of
queries whatever the number of measures, and each measure as its cached card
(`measures.cards`). Their conditional GET is answered from the arena's revision
(`arena.revisions`), not from here."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from measures import cards
from measures.models import QUESTIONS, Measure, Room
from measures.similar_pairs import board_pairs
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
    not cached yet; and, once two tables have sent measures in, the alike pairs' 1–2
    (`similar_pairs.board_pairs`)."""
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
        "pairs": board_pairs(arena, measures),
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
    """The measures taking part, by dots, then commitments; `top` is the largest dot count,
    for the bars, and `rank` the place, shared by measures with as many dots and commitments
    (1, 2, 2, 4)."""
    rows = list(
        Measure.objects.filter(arena=arena).taking_part().select_related("group").ranked()[:limit]
    )
    top = max((r.dot_count for r in rows), default=0) or 1
    previous = None
    for place, row in enumerate(rows, start=1):
        row.top = top
        score = (row.dot_count, row.commitment_count)
        row.rank = previous.rank if previous is not None and score == previous.score else place
        row.score, previous = score, row
    return rows


PROJECTOR_ARRIVALS = 6
# The first lines of the description on an arrivals card: readable from the back of the room.
PROJECTOR_FIELDS = (*cards.LIGHT_FIELDS, "description")


def projector(arena):
    """What the projected page shows in the room's mode (decision 40).

    Queries: room, current session = 2, then by mode: arrivals: measures (+ one for the texts
    of the uncached) = 1–2; gallery: the order, the measure and its six kinds of rows = 8;
    ranking: 1; message and timer: none. None grows with the number of measures."""
    room = Room.objects.filter(arena=arena).first() or Room(arena=arena)
    data = {"room": room, "current_session": arena.sessions.filter(is_current=True).first()}
    if room.mode == Room.Mode.ARRIVALS:
        measures = list(
            arena.measures.select_related("group")
            .only(*PROJECTOR_FIELDS)
            .order_by("-created_at", "-id")[:PROJECTOR_ARRIVALS]
        )
        fresh_since = timezone.now() - NEW_ON_WALL
        html = cards.cards("projector", measures, arena=arena)
        data["arrivals"] = [
            (m.created_at >= fresh_since, card) for m, card in zip(measures, html, strict=True)
        ]
    elif room.mode == Room.Mode.GALLERY:
        data.update(gallery_position(arena, room))
    elif room.mode == Room.Mode.RANKING:
        data["ranking"] = ranking_rows(arena, limit=10)
    return data


def gallery_position(arena, room):
    """The measure the gallery shows (the room's, else the first) with its place in the walk."""
    order = list(
        Measure.objects.filter(arena=arena)
        .taking_part()
        .in_gallery_order()
        .values_list("pk", flat=True)
    )
    if not order:
        return {"measure": None, "position": 0, "total": 0}
    pk = room.gallery_measure_id if room.gallery_measure_id in order else order[0]
    measure = Measure.objects.with_rows().prefetch_related("target_groups", "plan_goals").get(pk=pk)
    measure.arena = arena
    position = order.index(pk) + 1
    return {"measure": measure, "position": position, "total": len(order), "questions": QUESTIONS}
