"""Rate limits on the write paths that had none (decision 50): new rows through the plain
step form (without JavaScript), «Vi blir med» and dots. Counted in the shared cache as
deployed (the database table), with the limits' clock held still (tests/arena/test_limits.py)."""

import pytest
from django.urls import reverse

from measures.models import Commitment, Indicator, Vote
from tests import factories
from tests.arena.test_limits import browser, clock, open_arena, shared_limits  # noqa: F401
from tests.conftest import log_in_participant
from tests.measures.test_editor import rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(open_arena):  # noqa: F811 (the fixture imported above)
    group = factories.GroupFactory(arena=open_arena, name="Bord 1")
    participant = factories.ParticipantFactory(arena=open_arena, group=group)
    measure = factories.MeasureFactory(arena=open_arena, group=group, title="Tiltak")
    return log_in_participant(browser(), participant), measure


def step_url(measure, step):
    return reverse("measures:measure-edit", args=["bus", measure.pk, step])


def test_new_rows_of_the_plain_step_form_are_limited_and_what_was_typed_stays(
    shared_limits,  # noqa: F811
    clock,  # noqa: F811
    member,
):
    client, measure = member
    for n in range(30):
        data = rows("indicators", {"indicator": f"Indikator {n}", "key": f"{n:032x}"})
        response = client.post(step_url(measure, 4), {**data, "goal": "", "base-goal": ""})
        assert response.status_code == 302, n
    Indicator.objects.filter(measure=measure).delete()  # the row set's own limit is 30 too
    data = rows("indicators", {"indicator": "Den 31. indikatoren", "key": f"{99:032x}"})
    refused = client.post(step_url(measure, 4), {**data, "goal": "Mål", "base-goal": ""})
    content = refused.content.decode()
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert "prøv igjen (klokka" in content
    assert "Det du skrev, er tatt vare på." in content
    assert 'value="Den 31. indikatoren"' in content
    assert 'id="id_goal">\nMål</textarea>' in content  # the field typed on the same step stays too
    assert "Noe må rettes" not in content
    assert not Indicator.objects.exists()
    measure.refresh_from_db()
    assert measure.goal == ""
    # Changing text without adding a row is not a new row: it is not refused.
    changed = client.post(step_url(measure, 4), {**rows("indicators"), "goal": "Mål",
                                                 "base-goal": ""})  # fmt: skip
    assert changed.status_code == 302
    clock.advance(60 * 60 + 1)
    assert client.post(step_url(measure, 4), {**data, "goal": "Mål", "base-goal": "Mål"}).url
    assert Indicator.objects.get().indicator == "Den 31. indikatoren"


@pytest.fixture
def submitted(member):
    client, measure = member
    measure.status = "submitted"
    measure.save()
    return client, measure


def test_commitments_are_limited_and_the_page_says_when(
    shared_limits,  # noqa: F811
    clock,  # noqa: F811
    submitted,
):
    client, measure = submitted
    create = reverse("measures:commitment-create", args=["bus", measure.pk])
    withdraw = reverse("measures:commitment-withdraw", args=["bus", measure.pk])
    for n in range(5):
        data = {"role_kind": "partner", "text": f"Vi stiller med {n} veiledere"}
        assert client.post(create, data).status_code == 302
        assert client.post(withdraw).status_code == 302
    refused = client.post(create, {"role_kind": "partner", "text": "Den ellevte"})
    assert refused.status_code == 429
    assert "prøv igjen (klokka" in refused.content.decode()
    assert "Den ellevte" in refused.content.decode()
    assert not Commitment.objects.exists()
    taken_back = client.post(withdraw)
    assert taken_back.status_code == 429
    assert "Det du skrev" not in taken_back.content.decode()  # a button: nothing was typed
    clock.advance(61)
    assert client.post(create, {"role_kind": "partner", "text": "Nå"}).status_code == 302
    assert Commitment.objects.get().text == "Nå"


def test_dots_are_limited_with_and_without_htmx(
    shared_limits,  # noqa: F811
    clock,  # noqa: F811
    submitted,
):
    client, measure = submitted
    factories.ProgramSessionFactory(arena=measure.arena, kind="prioritisation", is_current=True)
    vote = reverse("measures:vote-change", args=["bus", measure.pk])
    for n in range(60):
        change = "add" if n % 2 == 0 else "remove"
        assert client.post(vote, {"change": change}).status_code == 302, n
    refused = client.post(vote, {"change": "add"})
    assert refused.status_code == 429
    assert "prøv igjen (klokka" in refused.content.decode()
    assert "Det du skrev" not in refused.content.decode()
    swapped = client.post(vote, {"change": "add"}, headers={"HX-Request": "true"})
    assert swapped.status_code == 200  # htmx swaps only a 2xx: the status line says when
    assert "prøv igjen (klokka" in swapped.content.decode()
    assert not Vote.objects.filter(dots__gt=0).exists()
    clock.advance(61)
    assert client.post(vote, {"change": "add"}).status_code == 302
    assert Vote.objects.get().dots == 1
