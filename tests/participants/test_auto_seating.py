"""Automatic seating (issue 13 item 3): where the facilitator chooses it, a participant gets
the table with the fewest people of the same organisation kind, so tables mix municipalities,
NAV, schools and businesses; a table's own link still seats straight at that table."""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from arena.access import table_seat
from arena.forms import ArenaForm
from arena.models import table_join_path
from measures.exports.json_export import arena_backup
from measures.exports.json_import import arena_import
from participants import services
from participants.models import Organisation, Participant
from tests import factories

KINDS = [Organisation.Kind.MUNICIPALITY, Organisation.Kind.STATE_AGENCY, Organisation.Kind.BUSINESS]


@pytest.fixture
def seated_arena(db):
    arena = factories.ArenaFactory(auto_seating=True)
    for n in (1, 2, 3):
        factories.GroupFactory(arena=arena, name=f"Bord {n}", order=n)
    return arena


def _organisations():
    return {
        kind: [factories.OrganisationFactory(name=f"{kind} {n}", kind=kind) for n in range(3)]
        for kind in KINDS
    }


def join(client, arena, organisation, name="Kari"):
    code = {"code": arena.join_code}
    client.post(
        reverse("participants:join-details", kwargs=code),
        {"display_name": name, "organisation": organisation.pk},
    )
    return client.post(reverse("participants:join-privacy", kwargs=code))


def test_each_table_gets_one_of_each_kind(seated_arena):
    orgs = _organisations()
    # They arrive kind by kind, as colleagues who came together would.
    for kind in KINDS:
        for n, organisation in enumerate(orgs[kind]):
            response = join(Client(), seated_arena, organisation, name=f"{kind} {n}")
            assert response.status_code == 302
    for table in seated_arena.groups.all():
        kinds = sorted(p.organisation.kind for p in table.members.all())
        assert kinds == sorted(KINDS), table.name


def test_the_table_step_is_skipped_and_the_privacy_page_says_a_table_is_given(seated_arena):
    client = Client()
    organisation = factories.OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY)
    code = {"code": seated_arena.join_code}
    response = client.post(
        reverse("participants:join-details", kwargs=code),
        {"display_name": "Kari", "organisation": organisation.pk},
    )
    assert response.url == reverse("participants:join-privacy", kwargs=code)
    assert client.get(reverse("participants:join-group", kwargs=code)).url == response.url
    page = client.get(response.url).content.decode()
    assert "Du får et bord når du blir med" in page


def test_a_tables_own_link_still_seats_at_that_table(seated_arena):
    client = Client()
    table = seated_arena.groups.get(name="Bord 3")
    client.get(table_join_path(seated_arena.join_code, table_seat(table, seated_arena)))
    join(client, seated_arena, factories.OrganisationFactory())
    assert Participant.objects.get().group == table


def test_without_tables_nobody_is_seated(db):
    arena = factories.ArenaFactory(auto_seating=True)
    join(Client(), arena, factories.OrganisationFactory())
    assert Participant.objects.get().group is None


@pytest.mark.django_db(transaction=True)
def test_twelve_joining_at_once_fill_the_tables_evenly():
    """Without the arena's lock, joins at the same moment all see the same empty table."""
    arena = factories.ArenaFactory(auto_seating=True)
    for n in (1, 2, 3):
        factories.GroupFactory(arena=arena, name=f"Bord {n}", order=n)
    organisation = factories.OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY)
    start, errors = threading.Barrier(12), []

    def run(n):
        try:
            start.wait(30)
            services.participant_join(
                arena=arena, display_name=f"Deltaker {n}", organisation=organisation
            )
        except Exception as error:  # noqa: BLE001 - reported below, so the test fails
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    sizes = Counter(Participant.objects.filter(arena=arena).values_list("group__name", flat=True))
    assert sizes == {"Bord 1": 4, "Bord 2": 4, "Bord 3": 4}


def test_the_facilitator_chooses_one_way_of_seating(seated_arena):
    data = {
        "title": seated_arena.title,
        "start_date": "2026-03-10",
        "end_date": "2026-03-11",
        "retention_months": 24,
        "followup_months": 12,
        "default_language": "nb",
        "dots_per_participant": 3,
        "groups_assigned": "on",
        "auto_seating": "on",
    }
    form = ArenaForm(data, instance=seated_arena)
    assert not form.is_valid()
    assert "Velg én måte å fordele bord på" in str(form.errors["auto_seating"])


def test_the_json_backup_keeps_automatic_seating(seated_arena):
    data = arena_backup(seated_arena)
    assert data["arena"]["auto_seating"] is True
    data["arena"].update(slug="kopi", join_code="KOP7Q4K")
    copy = arena_import(data=data)
    assert copy.auto_seating is True
    del data["arena"]["auto_seating"]  # a file written before the key existed
    data["arena"].update(slug="eldre", join_code="ELD7Q4K")
    assert arena_import(data=data).auto_seating is False
