"""Honest tables (decision 29): a participant's table is fixed once joined, only the
facilitator moves people, and a table's own link seats a participant straight at it."""

import pytest
from django.urls import reverse

from arena.access import table_seat
from arena.models import table_join_path
from measures.models import Measure
from participants.models import Participant
from tests import factories
from tests.conftest import log_in_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def nav():
    return factories.OrganisationFactory(name="NAV Buskerud")


def join(client, arena, nav, name="Kari", group=None):
    """The whole journey, as a phone does it: details, table (if asked), privacy, "Bli med"."""
    code = {"code": arena.join_code}
    client.post(
        reverse("participants:join-details", kwargs=code),
        {"display_name": name, "organisation": nav.pk},
    )
    if group is not None:
        client.post(reverse("participants:join-group", kwargs=code), {"group": group.pk})
    return client.post(reverse("participants:join-privacy", kwargs=code))


def test_participant_cannot_move_to_another_table_by_joining_again(
    client, arena, group_a, group_b, nav
):
    join(client, arena, nav, group=group_a)
    join(client, arena, nav, name="Kari igjen", group=group_b)  # the attack of the issue

    participant = Participant.objects.get()
    assert participant.group == group_a
    assert participant.display_name == "Kari"
    measure_b = factories.MeasureFactory(arena=arena, group=group_b)
    editor = reverse(
        "measures:measure-edit", kwargs={"slug": arena.slug, "pk": measure_b.pk, "step": 1}
    )
    assert client.get(editor).status_code == 403  # pointed to the read-only page
    assert Measure.objects.get().title == measure_b.title


@pytest.mark.parametrize("step", ["join-details", "join-group", "join-privacy"])
def test_every_join_step_sends_a_joined_participant_back_to_their_arena(
    client, arena, participant_a, group_b, step
):
    log_in_participant(client, participant_a)
    url = reverse(f"participants:{step}", kwargs={"code": arena.join_code})
    for response in (client.get(url), client.post(url, {"group": group_b.pk})):
        assert response.status_code == 302
        assert response.url == reverse("measures:arena-home", kwargs={"slug": arena.slug})
    participant_a.refresh_from_db()
    assert participant_a.group == group_a_of(arena)
    assert Participant.objects.filter(arena=arena).count() == 1


def group_a_of(arena):
    return arena.groups.get(name="Bord A")


def test_a_tables_own_link_seats_the_participant_even_where_the_facilitator_seats_people(
    client, arena, group_a, group_b, nav
):
    arena.groups_assigned = True
    arena.save()
    link = table_join_path(arena.join_code, table_seat(group_b, arena))

    response = client.get(link)
    assert response.url == reverse("participants:join-details", kwargs={"code": arena.join_code})
    join(client, arena, nav, group=group_a)  # a posted table choice does not win over the link

    assert Participant.objects.get().group == group_b


def test_without_a_link_the_facilitator_seats_people(client, arena, group_a, nav):
    arena.groups_assigned = True
    arena.save()
    join(client, arena, nav, group=group_a)
    assert Participant.objects.get().group is None


@pytest.mark.parametrize(
    "seat",
    ["{pk}", "{pk}-", "{pk}-0000000000000000", "{other}-{mac}", "x-{mac}", "9" * 30 + "-{mac}"],
)
def test_a_guessed_or_borrowed_table_link_is_404(client, arena, group_a, group_b, seat):
    mac = table_seat(group_a, arena).split("-")[1]
    seat = seat.format(pk=group_a.pk, other=group_b.pk, mac=mac)
    response = client.get(table_join_path(arena.join_code, seat))
    assert response.status_code == 404
    assert "seated_group" not in str(dict(client.session))


def test_a_new_join_code_stops_the_old_table_links(client, arena, group_a, fac):
    old = table_join_path(arena.join_code, table_seat(group_a, arena))
    fac.post(reverse("arena:joincode-regenerate", kwargs={"slug": arena.slug}))
    arena.refresh_from_db()
    assert client.get(old).status_code == 404


def test_facilitator_moves_a_participant_and_the_move_holds(
    fac, arena, participant_a, group_b, client
):
    response = fac.post(
        reverse("participants:participant-move", kwargs={"slug": arena.slug}),
        {"participants": [participant_a.pk], "group": group_b.pk},
    )
    assert response.status_code == 302
    participant_a.refresh_from_db()
    assert participant_a.group == group_b


def test_participant_and_project_lead_cannot_move_people(
    persona_client, arena, participant_a, participant_b, group_b, project_lead
):
    url = reverse("participants:participant-move", kwargs={"slug": arena.slug})
    for persona in ("participant_a", "project_lead"):
        response = persona_client(persona).post(
            url, {"participants": [participant_a.pk], "group": group_b.pk}
        )
        assert response.status_code in (302, 404)  # a participant is sent to log in
        assert "/konto/login/" in response.get("Location", "/konto/login/")
    participant_a.refresh_from_db()
    assert participant_a.group.name == "Bord A"


def test_table_posters_give_each_table_a_qr_code_that_joins_into_it(fac, arena, group_a, group_b):
    response = fac.get(reverse("arena:table-posters", kwargs={"slug": arena.slug}))
    page = response.content.decode()
    assert response.status_code == 200
    for group in (group_a, group_b):
        link = "http://testserver" + table_join_path(arena.join_code, table_seat(group, arena))
        assert link in page
        assert group.name in page
    assert page.count("<svg") == 2


def test_table_posters_are_for_facilitators_only(persona_client, arena, group_a, project_lead):
    url = reverse("arena:table-posters", kwargs={"slug": arena.slug})
    assert persona_client("project_lead").get(url).status_code == 404
