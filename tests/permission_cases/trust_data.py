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


CASES = [
    Case("participants:join-table", TABLE_LINK, kwargs=table_link),
    Case("participants:join-table", TABLE_LINK, method="post", kwargs=table_link),
    wrong_arena("participants:join-table", other_arenas_table_link, expect=FOREIGN_TABLE_LINK),
    Case("arena:table-posters", FACILITATOR_PAGE, kwargs=slug),
    Case("arena:table-posters", FACILITATOR_PAGE, method="post", kwargs=slug),
]
