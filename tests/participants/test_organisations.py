"""Organisations participants type (decision 30): unconfirmed in the shared registry until
staff confirm them; an arena is offered the confirmed ones plus its own."""

import pytest
from django.urls import reverse

from participants.models import Organisation
from participants.services import organisation_search
from tests import factories
from tests.conftest import log_in_participant

pytestmark = pytest.mark.django_db


def join_with_new_organisation(client, arena, name):
    code = {"code": arena.join_code}
    client.post(
        reverse("participants:join-details", kwargs=code),
        {"display_name": "Kari", "new_organisation_name": name, "new_organisation_kind": "annet"},
    )
    client.post(reverse("participants:join-group", kwargs=code), {"group": arena.groups.first().pk})
    return client.post(reverse("participants:join-privacy", kwargs=code))


def search_page(client, arena, query):
    url = reverse("participants:organisation-search", kwargs={"code": arena.join_code})
    return client.get(url, {"organisation_query": query}).content.decode()


def test_an_organisation_typed_when_joining_is_unconfirmed_and_suggested_only_in_its_arena(
    client, arena, group_a, other_arena
):
    factories.GroupFactory(arena=other_arena)
    factories.OrganisationFactory(name="Drammen kommune")  # the confirmed registry
    join_with_new_organisation(client, arena, "Spam AS Drammen")

    typed = Organisation.objects.get(name="Spam AS Drammen")
    assert (typed.confirmed, typed.added_in) == (False, arena)
    assert "Spam AS Drammen" in search_page(client, arena, "drammen")
    elsewhere = search_page(client.__class__(), other_arena, "drammen")
    assert "Drammen kommune" in elsewhere
    assert "Spam AS Drammen" not in elsewhere


def test_another_arenas_unconfirmed_organisation_cannot_be_picked_by_its_id(
    client, arena, group_a, other_arena
):
    """The hidden `organisation` field takes only what the arena offers: posting the id (or
    the exact name) of an organisation typed in another arena picks nothing."""
    spam = factories.OrganisationFactory(name="Spam AS", confirmed=False, added_in=other_arena)
    url = reverse("participants:join-details", kwargs={"code": arena.join_code})
    for posted in ({"organisation": spam.pk}, {"organisation_query": "Spam AS"}):
        response = client.post(url, {"display_name": "Kari", **posted})
        assert response.status_code == 200
        assert "Velg hvem du representerer i listen" in response.content.decode()
    assert not arena.participants.exists()


def test_an_actor_typed_in_the_editor_is_unconfirmed_and_stays_out_of_other_arenas_lists(
    client, arena, group_a, participant_a, other_arena
):
    measure = factories.MeasureFactory(arena=arena, group=group_a)
    log_in_participant(client, participant_a)
    data = {
        "actors-TOTAL_FORMS": 1,
        "actors-INITIAL_FORMS": 0,
        "actors-0-organisation_name": "Ny Skole",
        "actors-0-new_kind": "vgs",
        "actors-0-role_kind": "partner",
        "version": 1,
        "goto": 3,
    }
    url = reverse("measures:measure-edit", kwargs={"slug": arena.slug, "pk": measure.pk, "step": 2})
    assert client.post(url, data).status_code == 302

    typed = Organisation.objects.get(name="Ny Skole")
    assert (typed.confirmed, typed.added_in) == (False, arena)
    assert [o.name for o in organisation_search("skole", arena=arena)] == ["Ny Skole"]
    assert organisation_search("skole", arena=other_arena) == []


def test_facilitator_confirms_an_organisation_and_every_arena_is_offered_it(
    fac, arena, other_arena
):
    typed = factories.OrganisationFactory(name="Ny Skole", confirmed=False, added_in=arena)
    page = fac.get(reverse("participants:organisation-list", kwargs={"slug": arena.slug}))
    assert "Ny Skole" in page.content.decode()

    url = reverse("participants:organisation-confirm", kwargs={"slug": arena.slug, "pk": typed.pk})
    response = fac.post(url, follow=True)

    assert "Ny Skole er bekreftet og foreslås nå i alle arenaer." in response.content.decode()
    typed.refresh_from_db()
    assert typed.confirmed is True
    assert [o.name for o in organisation_search("skole", arena=other_arena)] == ["Ny Skole"]


def test_nobody_confirms_another_arenas_organisation(
    persona_client, arena, other_arena, facilitator_other_arena, project_lead
):
    typed = factories.OrganisationFactory(name="Ny Skole", confirmed=False, added_in=arena)
    url = reverse("participants:organisation-confirm", kwargs={"slug": arena.slug, "pk": typed.pk})
    assert persona_client("project_lead").post(url).status_code == 404
    elsewhere = reverse(
        "participants:organisation-confirm", kwargs={"slug": other_arena.slug, "pk": typed.pk}
    )
    assert persona_client("facilitator_other_arena").post(elsewhere).status_code == 404
    typed.refresh_from_db()
    assert typed.confirmed is False


def test_the_editors_list_of_actors_holds_the_confirmed_and_the_arenas_own(
    client, arena, group_a, participant_a, other_arena
):
    factories.OrganisationFactory(name="NAV Buskerud")
    factories.OrganisationFactory(name="Vår egen", confirmed=False, added_in=arena)
    factories.OrganisationFactory(name="Deres spam", confirmed=False, added_in=other_arena)
    measure = factories.MeasureFactory(arena=arena, group=group_a)
    log_in_participant(client, participant_a)
    url = reverse("measures:measure-edit", kwargs={"slug": arena.slug, "pk": measure.pk, "step": 2})
    page = client.get(url).content.decode()
    assert "NAV Buskerud" in page
    assert "Vår egen" in page
    assert "Deres spam" not in page


@pytest.mark.parametrize("n", [1, 30])
def test_the_new_organisations_page_costs_the_same_with_1_and_30(
    fac, arena, n, django_assert_num_queries
):
    for i in range(n):
        typed = factories.OrganisationFactory(confirmed=False, added_in=arena)
        factories.ParticipantFactory(arena=arena, organisation=typed, display_name=f"P {i}")
    url = reverse("participants:organisation-list", kwargs={"slug": arena.slug})
    # session, user, arena, membership, the organisations with their counts
    with django_assert_num_queries(5):
        assert fac.get(url).status_code == 200
