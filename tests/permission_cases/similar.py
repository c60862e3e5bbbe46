"""Cases for measures that are the same idea (decisions 48, 49): the editor's suggestions
(the measure's table only), and the facilitators' link, merge and undo (project leads read
the suggestions on the staff page, which `staff_pages` covers, but change nothing: 404).

A merge's first POST shows what will happen (200) and writes nothing; the second does it."""

from measures.models import MeasureLink
from tests import factories
from tests.permission_cases import Case, participants_of_arena, staff, wrong_arena


def _measure_a(world):
    return {"slug": world.arena.slug, "pk": world.measure_a.pk}


def _other_arenas_measure(world):
    return {"slug": world.arena.slug, "pk": world.measure_other_arena.pk}


def _other_b(world):
    return {"other": world.measure_b.pk}


def _other_of_other_arena(world):
    """This arena's measure with another arena's measure as the one to link or merge."""
    return {"other": world.measure_other_arena.pk}


def _link(world, kind=MeasureLink.Kind.LINK):
    """A standing link (A → B) or merge record (B → A): one of each per pair and direction, so
    a case asked twice for its arguments finds the same row."""
    source, target = (world.measure_a, world.measure_b)
    if kind == MeasureLink.Kind.MERGE:
        source, target = target, source
    link, _created = MeasureLink.objects.get_or_create(
        arena=world.arena, kind=kind, source=source, target=target, undone_at=None
    )
    return {"slug": world.arena.slug, "pk": link.pk}


def _other_arenas_link(world):
    other = factories.MeasureFactory(arena=world.other_arena)
    link, _created = MeasureLink.objects.get_or_create(
        arena=world.other_arena,
        kind=MeasureLink.Kind.LINK,
        source=world.measure_other_arena,
        target=other,
        undone_at=None,
    )
    return {"slug": world.arena.slug, "pk": link.pk}


FACILITATOR_POST = staff(302, project_lead=404)
FACILITATOR_PAGE = staff(200, project_lead=404)
NOT_FOUND_FOR_STAFF = staff(404)
GET_ONLY = {**staff(405), "facilitator_other_arena": 405}

CASES = [
    Case(
        "measures:measure-similar",
        participants_of_arena(200, group_b=404),
        kwargs=_measure_a,
    ),
    wrong_arena("measures:measure-similar", _other_arenas_measure),
    Case(
        "measures:measure-link-create",
        FACILITATOR_POST,
        method="post",
        kwargs=_measure_a,
        data=_other_b,
    ),
    Case("measures:measure-link-create", GET_ONLY, kwargs=_measure_a),
    wrong_arena(
        "measures:measure-link-create",
        _other_arenas_measure,
        method="post",
        data=_other_b,
        expect=NOT_FOUND_FOR_STAFF,
    ),
    Case(
        "measures:measure-link-create",
        NOT_FOUND_FOR_STAFF,
        method="post",
        kwargs=_measure_a,
        data=_other_of_other_arena,
        label="other-of-another-arena",
    ),
    Case(
        "measures:measure-merge",
        FACILITATOR_PAGE,
        method="post",
        kwargs=_measure_a,
        data=_other_b,
        label="confirm",
    ),
    Case(
        "measures:measure-merge",
        FACILITATOR_POST,
        method="post",
        kwargs=_measure_a,
        data=lambda world: {**_other_b(world), "confirmed": "1"},
    ),
    Case("measures:measure-merge", GET_ONLY, kwargs=_measure_a),
    wrong_arena(
        "measures:measure-merge",
        _other_arenas_measure,
        method="post",
        data=lambda world: {**_other_b(world), "confirmed": "1"},
        expect=NOT_FOUND_FOR_STAFF,
    ),
    Case(
        "measures:measure-merge",
        NOT_FOUND_FOR_STAFF,
        method="post",
        kwargs=_measure_a,
        data=lambda world: {**_other_of_other_arena(world), "confirmed": "1"},
        label="other-of-another-arena",
    ),
    Case("measures:link-undo", FACILITATOR_POST, method="post", kwargs=_link),
    Case(
        "measures:link-undo",
        FACILITATOR_PAGE,
        method="post",
        kwargs=lambda world: _link(world, MeasureLink.Kind.MERGE),
        label="merge-confirm",
    ),
    Case("measures:link-undo", GET_ONLY, kwargs=_link),
    wrong_arena(
        "measures:link-undo", _other_arenas_link, method="post", expect=NOT_FOUND_FOR_STAFF
    ),
]
