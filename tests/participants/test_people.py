"""The Deltakere tab: who joined, moving them between tables, removing a person's data."""

import pytest
from django.test import Client
from django.urls import reverse

from arena.models import Arena
from measures.models import Comment, Commitment, Measure, Vote
from participants.models import Participant
from participants.services import participant_remove
from tests import factories

pytestmark = pytest.mark.django_db


def list_url(arena):
    return reverse("participants:participant-list", args=[arena.slug])


def move_url(arena):
    return reverse("participants:participant-move", args=[arena.slug])


def delete_url(participant):
    return reverse("participants:participant-delete", args=[participant.arena.slug, participant.pk])


@pytest.fixture
def active_participant(arena, group_a):
    """Someone who wrote a measure, commented, committed their organisation and voted."""
    person = factories.ParticipantFactory(
        arena=arena, group=group_a, display_name="Kari Nordmann", email="kari@example.org"
    )
    measure = factories.MeasureFactory(arena=arena, group=group_a, title="Felles formidling")
    measure.authors.add(person)
    measure.last_edited_by = person
    measure.save()
    factories.CommentFactory(measure=measure, participant=person, text="Ta med NAV.")
    factories.VoteFactory(measure=measure, participant=person, dots=2)
    factories.CommitmentFactory(
        measure=measure, organisation=person.organisation, participant=person
    )
    return person


# The list -----------------------------------------------------------------------------------


def test_list_shows_name_organisation_kind_table_and_joined_time(
    staff_client, arena, participant_a, participant_other_arena
):
    content = staff_client.get(list_url(arena)).content.decode()
    assert participant_a.display_name in content
    assert participant_a.organisation.name in content
    assert participant_a.organisation.get_kind_display() in content
    assert "Bord A" in content
    assert participant_other_arena.display_name not in content
    assert delete_url(participant_a) in content


def test_project_lead_reads_the_list_without_actions(lead_client, arena, participant_a):
    content = lead_client.get(list_url(arena)).content.decode()
    assert participant_a.display_name in content
    assert move_url(arena) not in content
    assert delete_url(participant_a) not in content


def test_empty_list_says_how_people_join(staff_client, arena):
    assert "Ingen har blitt med ennå." in staff_client.get(list_url(arena)).content.decode()


def fill(arena, groups, n):
    for i in range(n):
        factories.ParticipantFactory(arena=arena, group=groups[i % len(groups)])


# Session, user, arena, membership (4); the tables for the move menus (1); the participants
# with their organisation and table (1).
LIST_QUERIES = 6


def test_list_query_count_is_the_same_for_1_and_50_participants(
    staff_client, arena, group_a, group_b, django_assert_num_queries
):
    fill(arena, [group_a, group_b], 1)
    with django_assert_num_queries(LIST_QUERIES):
        assert staff_client.get(list_url(arena)).status_code == 200
    fill(arena, [group_a, group_b], 49)
    with django_assert_num_queries(LIST_QUERIES):
        response = staff_client.get(list_url(arena))
    assert len(response.context["participants"]) == 50


# Moving -------------------------------------------------------------------------------------


def test_facilitator_moves_a_participant_to_another_table(
    staff_client, arena, participant_a, group_b
):
    response = staff_client.post(
        move_url(arena), {"participants": participant_a.pk, "group": group_b.pk}
    )
    assert response["Location"] == list_url(arena)
    participant_a.refresh_from_db()
    assert participant_a.group == group_b
    assert "Aina A sitter nå ved Bord B." in staff_client.get(list_url(arena)).content.decode()


def test_moving_to_no_table_is_allowed(staff_client, arena, participant_a):
    staff_client.post(move_url(arena), {"participants": participant_a.pk, "group": ""})
    participant_a.refresh_from_db()
    assert participant_a.group is None


def test_moving_to_a_table_of_another_arena_is_refused(
    staff_client, arena, other_arena, participant_a, group_a
):
    foreign = factories.GroupFactory(arena=other_arena)
    staff_client.post(move_url(arena), {"participants": participant_a.pk, "group": foreign.pk})
    participant_a.refresh_from_db()
    assert participant_a.group == group_a
    content = staff_client.get(list_url(arena)).content.decode()
    assert "Velg en deltaker og et bord som finnes i arenaen." in content


def test_moving_a_participant_of_another_arena_is_refused(
    staff_client, arena, participant_other_arena, group_a
):
    before = participant_other_arena.group_id
    staff_client.post(
        move_url(arena), {"participants": participant_other_arena.pk, "group": group_a.pk}
    )
    participant_other_arena.refresh_from_db()
    assert participant_other_arena.group_id == before


def test_project_lead_cannot_move_participants(lead_client, arena, participant_a, group_b):
    response = lead_client.post(
        move_url(arena), {"participants": participant_a.pk, "group": group_b.pk}
    )
    assert response.status_code == 404
    participant_a.refresh_from_db()
    assert participant_a.group != group_b


# Removing -----------------------------------------------------------------------------------


def test_remove_service_deletes_the_person_and_keeps_the_work(arena, active_participant):
    measure = Measure.objects.get(title="Felles formidling")
    organisation = active_participant.organisation
    assert participant_remove(participant=active_participant) == 1
    assert not Participant.objects.filter(pk=active_participant.pk).exists()
    measure.refresh_from_db()
    assert measure.title == "Felles formidling"
    assert measure.last_edited_by is None
    assert not measure.authors.exists()
    comment = Comment.objects.get(measure=measure)
    assert (comment.author_name, comment.participant, comment.text) == (
        "Slettet deltaker",
        None,
        "Ta med NAV.",
    )
    assert not Vote.objects.filter(measure=measure).exists()
    commitment = Commitment.objects.get(measure=measure)
    assert (commitment.organisation, commitment.participant) == (organisation, None)
    # The name is nowhere in the comments any more.
    assert not Comment.objects.filter(author_name__contains="Kari Nordmann").exists()


def test_removed_name_is_written_in_the_arenas_language(arena, active_participant):
    Arena.objects.filter(pk=arena.pk).update(default_language="en")
    active_participant.arena.refresh_from_db()
    participant_remove(participant=active_participant)
    comment = Comment.objects.get()
    # Without an English catalogue the name stays in bokmål; what matters is that it is no
    # longer the person's name.
    assert comment.author_name in {"Slettet deltaker", "Deleted participant"}


def test_remove_leaves_other_peoples_comments_alone(arena, active_participant, participant_a):
    measure = Measure.objects.get(title="Felles formidling")
    factories.CommentFactory(measure=measure, participant=participant_a)
    participant_remove(participant=active_participant)
    assert Comment.objects.get(participant=participant_a).author_name == "Aina A"


def test_confirm_page_says_what_happens(staff_client, active_participant):
    response = staff_client.get(delete_url(active_participant))
    content = response.content.decode()
    assert "Fjerne Kari Nordmann?" in content
    assert "1 kommentar blir stående, men med «Slettet deltaker» som navn." in content
    assert "Du kan ikke angre dette." in content
    assert Participant.objects.filter(pk=active_participant.pk).exists()


def test_facilitator_removes_after_confirming(staff_client, arena, active_participant):
    response = staff_client.post(delete_url(active_participant))
    assert response["Location"] == list_url(arena)
    assert not Participant.objects.filter(pk=active_participant.pk).exists()
    content = staff_client.get(list_url(arena)).content.decode()
    assert "Kari Nordmann er fjernet fra arenaen." in content
    assert Measure.objects.filter(title="Felles formidling").exists()


def test_double_submit_of_a_removal_is_harmless(staff_client, arena, active_participant):
    url = delete_url(active_participant)
    assert staff_client.post(url).status_code == 302
    response = staff_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == list_url(arena)


def test_confirm_page_of_a_removed_participant_is_not_found(staff_client, active_participant):
    url = delete_url(active_participant)
    participant_remove(participant=active_participant)
    assert staff_client.get(url).status_code == 404


def test_participant_of_another_arena_cannot_be_removed(
    staff_client, arena, participant_other_arena
):
    url = reverse("participants:participant-delete", args=[arena.slug, participant_other_arena.pk])
    assert staff_client.get(url).status_code == 404
    staff_client.post(url)
    assert Participant.objects.filter(pk=participant_other_arena.pk).exists()


def test_project_lead_cannot_remove_participants(lead_client, active_participant):
    assert lead_client.post(delete_url(active_participant)).status_code == 404
    assert Participant.objects.filter(pk=active_participant.pk).exists()


def test_removed_participant_is_logged_out_of_the_workshop(arena, active_participant):
    from tests.conftest import log_in_participant

    browser = log_in_participant(Client(), active_participant)
    home = reverse("measures:arena-home", args=[arena.slug])
    assert browser.get(home).status_code == 200
    participant_remove(participant=active_participant)
    assert browser.get(home).status_code == 404


# The tabs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "tab"),
    [
        ("participants:participant-list", "Deltakere"),
        ("measures:measure-overview", "Tiltak"),
        ("measures:summary-detail", "Oppsummering"),
        ("measures:followup-list", "Oppfølging"),
        ("arena:arena-detail", "Oversikt"),
    ],
)
def test_every_staff_page_marks_its_own_tab(staff_client, arena, url_name, tab):
    content = staff_client.get(reverse(url_name, args=[arena.slug])).content.decode()
    for name in ("Deltakere", "Tiltak", "Oppsummering", "Oppfølging", "Bord", "Vegg"):
        assert f">{name}</a>" in content
    assert content.count('aria-current="page"') == 1
    current = content.split('aria-current="page"')[1].split("</a>")[0]
    assert current.endswith(f">{tab}")


def test_staff_measure_page_marks_the_tiltak_tab(staff_client, arena, group_a):
    measure = factories.MeasureFactory(arena=arena, group=group_a)
    url = reverse("measures:measure-staff-detail", args=[arena.slug, measure.pk])
    content = staff_client.get(url).content.decode()
    assert content.split('aria-current="page"')[1].split("</a>")[0].endswith(">Tiltak")
