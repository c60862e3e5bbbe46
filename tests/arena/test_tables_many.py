"""Many tables at once on the facilitator's Bord tab ("Bord 1–12")."""

import pytest
from django.urls import reverse

from arena import services
from arena.revisions import arena_revision

pytestmark = pytest.mark.django_db


def many_url(arena):
    return reverse("arena:group-create-many", kwargs={"slug": arena.slug})


def test_facilitator_adds_twelve_numbered_tables_in_order(fac, arena):
    response = fac.post(many_url(arena), {"prefix_name": "Bord", "first": 1, "last": 12})
    assert response.status_code == 302
    names = list(arena.groups.values_list("name", flat=True))
    assert names == [f"Bord {n}" for n in range(1, 13)]
    orders = list(arena.groups.values_list("order", flat=True))
    assert orders == sorted(set(orders))


def test_tables_that_exist_are_skipped_and_said_so(fac, arena):
    services.groups_create(arena=arena, names=["Bord 2"])
    response = fac.post(
        many_url(arena), {"prefix_name": "Bord", "first": 1, "last": 3}, follow=True
    )
    assert sorted(arena.groups.values_list("name", flat=True)) == ["Bord 1", "Bord 2", "Bord 3"]
    content = response.content.decode()
    assert "2 bord er lagt til." in content
    assert "1 fantes fra før." in content


def test_new_tables_come_after_the_existing_ones(arena):
    services.groups_create(arena=arena, names=["Vindu"])
    services.groups_create(arena=arena, names=["Bord 1", "Bord 2"])
    assert list(arena.groups.order_by("order").values_list("name", flat=True)) == [
        "Vindu",
        "Bord 1",
        "Bord 2",
    ]


def test_adding_tables_bumps_the_revision_and_adding_none_does_not(arena):
    before = arena_revision(arena.pk)
    services.groups_create(arena=arena, names=["Bord 1"])
    after = arena_revision(arena.pk)
    assert after != before
    assert services.groups_create(arena=arena, names=["Bord 1"]) == []
    assert arena_revision(arena.pk) == after


def test_a_range_backwards_or_too_long_is_refused_with_a_message(fac, arena):
    backwards = fac.post(many_url(arena), {"prefix_name": "Bord", "first": 5, "last": 2})
    assert backwards.status_code == 200
    assert "Til-nummeret kan ikke være lavere." in backwards.content.decode()
    too_many = fac.post(many_url(arena), {"prefix_name": "Bord", "first": 1, "last": 500})
    assert "Legg til høyst 50 bord om gangen." in too_many.content.decode()
    assert not arena.groups.exists()


def test_the_tables_tab_offers_the_many_tables_form(fac, arena):
    response = fac.get(reverse("arena:group-list", kwargs={"slug": arena.slug}))
    assert many_url(arena) in response.content.decode()


def test_adding_tables_costs_the_same_queries_for_3_and_40(fac, arena, django_assert_num_queries):
    # session, user, arena, membership (4); savepoint, the names that exist, the last order,
    # one insert for all the tables, the revision bump (one round trip on both databases since
    # decision 55), release
    fac.post(many_url(arena), {"prefix_name": "X", "first": 1, "last": 1})
    for first, last in ((10, 12), (20, 59)):
        with django_assert_num_queries(QUERIES_ADD):
            fac.post(many_url(arena), {"prefix_name": "Bord", "first": first, "last": last})
    assert arena.groups.count() == 1 + 3 + 40


QUERIES_ADD = 10
