"""Cases for issue 10's honest tables and scoped shared data (decisions 29–30): a table's own
join link, the printable QR codes per table, and the organisations a facilitator confirms."""

from arena.access import table_seat
from tests import factories
from tests.permission_cases import Case, everyone, staff, wrong_arena

FACILITATOR_PAGE = staff(200, project_lead=404)
# Joined participants of the arena are sent home (302) before the link is looked at.
TABLE_LINK = everyone(302)
FOREIGN_TABLE_LINK = {**everyone(404), "participant_a": 302, "participant_b": 302}


def slug(world):
    return {"slug": world.arena.slug}


def table_link(world):
    return {"code": world.arena.join_code, "seat": table_seat(world.group_b, world.arena)}


def other_arenas_table_link(world):
    """This arena's code with a seat of another arena's table (valid there, not here)."""
    table = factories.GroupFactory(arena=world.other_arena)
    return {"code": world.arena.join_code, "seat": table_seat(table, world.other_arena)}


FACILITATOR_POST = staff(302, project_lead=404)


def typed_organisation(world):
    """An organisation a participant typed in this arena, not yet confirmed."""
    organisation = factories.OrganisationFactory(confirmed=False, added_in=world.arena)
    return {"slug": world.arena.slug, "pk": organisation.pk}


def other_arenas_organisation(world):
    organisation = factories.OrganisationFactory(confirmed=False, added_in=world.other_arena)
    return {"slug": world.arena.slug, "pk": organisation.pk}


CASES = [
    Case("participants:organisation-list", staff(200), kwargs=slug),
    Case("participants:organisation-list", staff(200), method="post", kwargs=slug),
    Case(
        "participants:organisation-confirm",
        {**staff(405), "facilitator_other_arena": 405},
        kwargs=typed_organisation,
    ),
    Case(
        "participants:organisation-confirm",
        FACILITATOR_POST,
        method="post",
        kwargs=typed_organisation,
    ),
    wrong_arena(
        "participants:organisation-confirm",
        other_arenas_organisation,
        method="post",
        expect=staff(404),
    ),
    Case("participants:join-table", TABLE_LINK, kwargs=table_link),
    Case("participants:join-table", TABLE_LINK, method="post", kwargs=table_link),
    wrong_arena("participants:join-table", other_arenas_table_link, expect=FOREIGN_TABLE_LINK),
    Case("arena:table-posters", FACILITATOR_PAGE, kwargs=slug),
    Case("arena:table-posters", FACILITATOR_PAGE, method="post", kwargs=slug),
]
