"""Cases for the privacy pages (decision 33): the public privacy page, a participant's own data
(JSON, their arena only), and anonymising one participant (its facilitators only)."""

from tests import factories
from tests.permission_cases import Case, everyone, participants_of_arena, staff, wrong_arena


def slug(world):
    return {"slug": world.arena.slug}


def participant(world):
    # A fresh participant, so that anonymising them leaves the personas' participants alone.
    return {"slug": world.arena.slug, "pk": factories.ParticipantFactory(arena=world.arena).pk}


def other_arenas_participant(world):
    pk = factories.ParticipantFactory(arena=world.other_arena).pk
    return {"slug": world.arena.slug, "pk": pk}


CASES = [
    Case("privacy", everyone(200)),
    Case("privacy", everyone(200), method="post"),
    Case("measures:participant-data", participants_of_arena(200), kwargs=slug),
    Case("measures:participant-data", everyone(405), method="post", kwargs=slug),
    Case("measures:participant-anonymise", staff(200, project_lead=404), kwargs=participant),
    Case(
        "measures:participant-anonymise",
        staff(302, project_lead=404),
        method="post",
        kwargs=participant,
    ),
    wrong_arena("measures:participant-anonymise", other_arenas_participant, expect=staff(404)),
    wrong_arena(
        "measures:participant-anonymise",
        other_arenas_participant,
        method="post",
        expect=staff(404),
    ),
]
