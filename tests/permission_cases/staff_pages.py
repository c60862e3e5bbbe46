"""Cases for the staff pages that close the gaps: the Tiltak tab, one measure for staff, and
the Deltakere tab.

Facilitators and project leads read all of it and move a measure's status and contact person
(the follow-up is the project leads' job); only facilitators move or remove participants.
Participants have no account, so they are sent to log in like anyone anonymous.
"""

from tests import factories
from tests.permission_cases import Case, staff, wrong_arena

FACILITATOR_PAGE = staff(200, project_lead=404)
FACILITATOR_POST = staff(302, project_lead=404)


def slug(world):
    return {"slug": world.arena.slug}


def measure(world):
    return {"slug": world.arena.slug, "pk": world.measure_a.pk}


def other_arenas_measure(world):
    """The arena's slug with a measure of another arena: 404 for everyone, staff included."""
    return {"slug": world.arena.slug, "pk": world.measure_other_arena.pk}


def other_arenas_participant(world):
    pk = factories.ParticipantFactory(arena=world.other_arena).pk
    return {"slug": world.arena.slug, "pk": pk}


def participant(world):
    # A fresh participant, so that removing them leaves the personas' participants in place.
    return {"slug": world.arena.slug, "pk": factories.ParticipantFactory(arena=world.arena).pk}


NOT_FOUND_FOR_STAFF = staff(404)

CASES = [
    Case("measures:measure-overview", staff(200), kwargs=slug),
    Case("measures:measure-staff-detail", staff(200), kwargs=measure),
    wrong_arena("measures:measure-staff-detail", other_arenas_measure, expect=NOT_FOUND_FOR_STAFF),
    Case(
        "measures:measure-status-change",
        staff(302),
        method="post",
        kwargs=measure,
        data=lambda world: {"status": "submitted"},
    ),
    wrong_arena(
        "measures:measure-status-change",
        other_arenas_measure,
        method="post",
        data=lambda world: {"status": "submitted"},
        expect=NOT_FOUND_FOR_STAFF,
    ),
    Case(
        "measures:measure-contact-change",
        staff(302),
        method="post",
        kwargs=measure,
        data=lambda world: {"contact_name": "Kari Fylke", "contact_email": "kari@example.org"},
    ),
    wrong_arena(
        "measures:measure-contact-change",
        other_arenas_measure,
        method="post",
        data=lambda world: {"contact_name": "Kari Fylke", "contact_email": "kari@example.org"},
        expect=NOT_FOUND_FOR_STAFF,
    ),
    Case("participants:participant-list", staff(200), kwargs=slug),
    Case(
        "participants:participant-move",
        FACILITATOR_POST,
        method="post",
        kwargs=slug,
        data=lambda world: {"participants": world.participant_a.pk, "group": world.group_b.pk},
    ),
    Case("participants:participant-delete", FACILITATOR_PAGE, kwargs=participant),
    Case("participants:participant-delete", FACILITATOR_POST, method="post", kwargs=participant),
    wrong_arena(
        "participants:participant-delete", other_arenas_participant, expect=NOT_FOUND_FOR_STAFF
    ),
    # Removing someone who is not in this arena answers as a second click on "Fjern" does
    # (already gone, back to the list); the matrix checks that nothing changed.
    wrong_arena(
        "participants:participant-delete",
        other_arenas_participant,
        method="post",
        expect=FACILITATOR_POST,
    ),
    # POST on the pages above that have only a GET case: they answer it as GET.
    Case("measures:measure-overview", staff(200), method="post", kwargs=slug),
    Case("measures:measure-staff-detail", staff(200), method="post", kwargs=measure),
    Case("participants:participant-list", staff(200), method="post", kwargs=slug),
]
