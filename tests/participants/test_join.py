"""Joining an arena without an account: code → name and organisation → table → privacy."""

import pytest
from django.urls import reverse

from arena.models import Arena
from participants.models import Organisation, Participant
from tests import factories
from tests.conftest import log_in_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_arena():
    arena = factories.ArenaFactory(join_code="BUS7Q4K", slug="bus")
    factories.GroupFactory(arena=arena, name="Bord 1")
    factories.GroupFactory(arena=arena, name="Bord 2")
    return arena


@pytest.fixture
def nav():
    return factories.OrganisationFactory(name="NAV Buskerud", kind=Organisation.Kind.STATE_AGENCY)


def details(client, arena, **data):
    url = reverse("participants:join-details", kwargs={"code": arena.join_code})
    return client.post(url, data)


@pytest.mark.parametrize("typed", ["bus-7q4k", "BUS 7Q4K", "bus7q4k", " Bus-7Q4K "])
def test_join_code_is_accepted_in_any_case_with_spaces_or_dashes(client, open_arena, typed):
    response = client.post(reverse("participants:join"), {"code": typed})
    assert response.status_code == 302
    assert response.url == reverse("participants:join-details", kwargs={"code": "BUS7Q4K"})


def test_qr_link_with_untidy_code_redirects_to_the_clean_address(client, open_arena):
    response = client.get("/bli-med/bus-7q4k/")
    assert response.status_code == 302
    assert response.url == "/bli-med/BUS7Q4K/"


def test_wrong_code_gets_a_clear_message_and_keeps_what_was_typed(client, open_arena):
    response = client.post(reverse("participants:join"), {"code": "bus-xxxx"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vi finner ingen arena med den koden." in content
    assert 'value="bus-xxxx"' in content


@pytest.mark.parametrize("status", [Arena.Status.DRAFT, Arena.Status.CLOSED, Arena.Status.ARCHIVED])
def test_only_open_arenas_can_be_joined(client, open_arena, status):
    open_arena.status = status
    open_arena.save()
    assert client.post(reverse("participants:join"), {"code": "BUS7Q4K"}).status_code == 200
    response = client.get(reverse("participants:join-details", kwargs={"code": "BUS7Q4K"}))
    assert response.status_code == 404
    assert "Vi finner ingen arena med den koden." in response.content.decode()


def test_full_join_logs_in_renews_session_and_shows_the_link_hint(client, open_arena, nav):
    client.get("/")
    old_key = client.session.session_key
    assert details(client, open_arena, display_name="Kari Nordmann", organisation=nav.pk).url == (
        reverse("participants:join-group", kwargs={"code": "BUS7Q4K"})
    )
    table = open_arena.groups.get(name="Bord 2")
    response = client.post(
        reverse("participants:join-group", kwargs={"code": "BUS7Q4K"}), {"group": table.pk}
    )
    assert response.url == reverse("participants:join-privacy", kwargs={"code": "BUS7Q4K"})
    privacy = client.get(response.url)
    assert "Kari Nordmann" in privacy.content.decode()
    response = client.post(response.url)
    assert response.url == reverse("measures:arena-home", kwargs={"slug": "bus"})
    participant = Participant.objects.get()
    assert (participant.display_name, participant.organisation, participant.group) == (
        "Kari Nordmann",
        nav,
        table,
    )
    assert client.session.session_key != old_key
    home = client.get(response.url).content.decode()
    assert "Lagre lenken din for å fortsette på en annen enhet." in home
    assert participant.resume_token in home
    again = client.get(response.url).content.decode()
    assert "Lagre lenken din for å fortsette" not in again  # the hint shows once


def test_new_organisation_needs_a_kind_and_goes_into_the_shared_registry(client, open_arena):
    response = details(
        client, open_arena, display_name="Per", new_organisation_name="Ny Bedrift AS"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Velg hva slags aktør" in content
    assert 'value="Per"' in content
    assert 'value="Ny Bedrift AS"' in content
    response = details(
        client,
        open_arena,
        display_name="Per",
        new_organisation_name="Ny Bedrift AS",
        new_organisation_kind=Organisation.Kind.BUSINESS,
    )
    assert response.status_code == 302
    client.post(
        reverse("participants:join-group", kwargs={"code": "BUS7Q4K"}),
        {"group": open_arena.groups.first().pk},
    )
    client.post(reverse("participants:join-privacy", kwargs={"code": "BUS7Q4K"}))
    assert Participant.objects.get().organisation.name == "Ny Bedrift AS"
    assert Organisation.objects.get(name="Ny Bedrift AS").kind == Organisation.Kind.BUSINESS


def test_typing_the_exact_name_of_a_registry_entry_is_enough(client, open_arena, nav):
    response = details(client, open_arena, display_name="Kari", organisation_query="nav buskerud")
    assert response.status_code == 302


def test_missing_name_and_organisation_get_norwegian_messages(client, open_arena):
    content = details(client, open_arena).content.decode()
    assert "Skriv navnet ditt." in content
    assert "Velg hvem du representerer" in content


def test_search_without_javascript_shows_hits_and_keeps_the_name(client, open_arena, nav):
    response = details(
        client, open_arena, display_name="Kari", organisation_query="nav", search="1"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert f'value="{nav.pk}"' in content
    assert 'value="Kari"' in content
    assert "Skriv navnet ditt" not in content  # searching is not submitting


def test_organisation_search_fragment_finds_by_any_word(client, open_arena, nav):
    factories.OrganisationFactory(name="Drammen kommune")
    url = reverse("participants:organisation-search", kwargs={"code": "BUS7Q4K"})
    content = client.get(url, {"organisation_query": "buskerud"}).content.decode()
    assert "NAV Buskerud" in content
    assert "Drammen" not in content
    assert "Ingen treff" in client.get(url, {"organisation_query": "zzz"}).content.decode()


def test_group_step_is_skipped_when_the_facilitator_assigns_tables(client, open_arena, nav):
    open_arena.groups_assigned = True
    open_arena.save()
    response = details(client, open_arena, display_name="Kari", organisation=nav.pk)
    assert response.url == reverse("participants:join-privacy", kwargs={"code": "BUS7Q4K"})
    client.post(response.url)
    assert Participant.objects.get().group is None


def test_privacy_step_sends_back_to_details_when_nothing_was_typed(client, open_arena):
    response = client.get(reverse("participants:join-privacy", kwargs={"code": "BUS7Q4K"}))
    assert response.url == reverse("participants:join-details", kwargs={"code": "BUS7Q4K"})


def test_email_sends_the_personal_link(client, open_arena, nav, mailoutbox, run_tasks):
    open_arena.groups_assigned = True
    open_arena.save()
    details(client, open_arena, display_name="Kari", organisation=nav.pk, email="kari@example.org")
    client.post(reverse("participants:join-privacy", kwargs={"code": "BUS7Q4K"}))
    participant = Participant.objects.get()
    assert participant.consents_to_followup is False  # consent is never ticked for you
    assert mailoutbox == []  # queued in the request, sent by the worker
    run_tasks()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["kari@example.org"]
    assert f"/fortsett/{participant.resume_token}/" in mailoutbox[0].body


def test_no_email_no_mail(client, open_arena, nav, mailoutbox, run_tasks):
    open_arena.groups_assigned = True
    open_arena.save()
    details(client, open_arena, display_name="Kari", organisation=nav.pk)
    client.post(reverse("participants:join-privacy", kwargs={"code": "BUS7Q4K"}))
    run_tasks()
    assert mailoutbox == []


def test_consent_without_email_is_refused_with_a_message(client, open_arena, nav):
    response = details(
        client, open_arena, display_name="Kari", organisation=nav.pk, consents_to_followup="on"
    )
    assert "Skriv e-postadressen din" in response.content.decode()


def test_resume_link_logs_in_and_leaves_no_token_in_the_address(client, participant_a):
    response = client.get(
        reverse("participants:resume", kwargs={"token": participant_a.resume_token})
    )
    assert response.status_code == 302
    assert participant_a.resume_token not in response.url
    assert response.url == reverse("measures:arena-home", kwargs={"slug": participant_a.arena.slug})
    assert client.get(response.url).status_code == 200


def test_resume_with_an_unknown_token_is_404(client, participant_a):
    response = client.get(reverse("participants:resume", kwargs={"token": "ikke-en-ekte-lenke"}))
    assert response.status_code == 404


def test_opening_the_join_link_again_resumes_instead_of_joining_anew(client, participant_a):
    log_in_participant(client, participant_a)
    url = reverse("participants:join-details", kwargs={"code": participant_a.arena.join_code})
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0] == reverse(
        "measures:arena-home", kwargs={"slug": participant_a.arena.slug}
    )
    assert "Du er allerede med som Aina A." in response.content.decode()


def test_pressing_join_again_makes_no_second_participant(client, open_arena, nav):
    open_arena.groups_assigned = True
    open_arena.save()
    details(client, open_arena, display_name="Kari", organisation=nav.pk)
    url = reverse("participants:join-privacy", kwargs={"code": "BUS7Q4K"})
    client.post(url)
    again = client.post(url)
    assert again.url == reverse("measures:arena-home", kwargs={"slug": open_arena.slug})
    assert Participant.objects.count() == 1


def test_pasting_the_whole_join_link_into_the_code_field_is_accepted(client, open_arena):
    link = f"https://tiltaksarena.example/bli-med/{open_arena.join_code}/?utm=plakat"
    response = client.post(reverse("participants:join"), {"code": link})
    assert response.status_code == 302
    assert open_arena.join_code in response.url


def test_the_code_field_is_focused_and_its_help_does_not_show_a_real_code(client, open_arena):
    content = client.get(reverse("participants:join")).content.decode()
    assert "autofocus" in content
    assert "BUS-7Q4K" not in content
