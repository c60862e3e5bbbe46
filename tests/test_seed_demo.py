from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from arena.models import Arena
from measures.models import Measure

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for app in ("arena", "participants", "measures", "auth")
        for model in apps.get_app_config(app).get_models()
    }


def test_seed_demo_builds_the_invitations_arena():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    arena = Arena.objects.get(slug="buskerud-yrkesdeltagelse")
    assert arena.status == Arena.Status.OPEN
    assert arena.plans.count() == 2
    assert arena.problem_areas.count() == 6
    assert {t.name for t in arena.target_groups.all()} == {
        "Unge",
        "Unge voksne",
        "Innvandrere",
        "Personer med nedsatt funksjonsevne",
    }
    assert arena.groups.count() == 6
    kinds = set(arena.sessions.values_list("kind", flat=True))
    assert {"plenary", "group_work", "prioritisation"} <= kinds
    assert arena.sessions.filter(is_current=True).count() == 1
    assert len({s.day for s in arena.sessions.all()}) == 2
    measures = list(Measure.objects.with_rows().filter(arena=arena))
    assert len(measures) >= 12
    counts = {m.completeness.count for m in measures}
    assert 6 in counts
    assert len(counts) >= 4, "completeness should vary"
    assert all(any(m.completeness.answered[q] for m in measures) for q in range(6))
    from participants.models import Organisation

    assert Organisation.objects.count() >= 15
    assert Organisation.objects.values("kind").distinct().count() >= 8
    printed = out.getvalue()
    for expected in ("BUS-7Q4K", "fasilitator", "prosjektleder"):
        assert expected in printed


def test_the_demo_has_one_alike_pair_from_two_tables_to_merge(client):
    """The facilitator can show a merge: the board suggests two measures sent in from
    different tables (issue 13), with the merge form on the staff page."""
    from django.urls import reverse

    from measures.similar import THRESHOLD, _pieces, score

    call_command("seed_demo", stdout=StringIO())
    arena = Arena.objects.get(slug="buskerud-yrkesdeltagelse")
    first = arena.measures.get(title="Felles formidling av læreplasser")
    second = arena.measures.get(title="Læreplassgaranti i Hallingdal")
    assert first.group_id != second.group_id
    assert Measure.Status.DRAFT not in (first.status, second.status)
    alike = score(
        _pieces(first.title, first.description), _pieces(second.title, second.description)
    )
    assert alike >= THRESHOLD
    assert client.login(username="fasilitator", password="demo-fasilitator")
    board = client.get(reverse("measures:facilitation-live", args=[arena.slug])).content.decode()
    pairs = board.split('id="pairs-heading"')[1].split("</section>")[0]
    assert "Felles formidling av læreplasser" in pairs
    assert "Læreplassgaranti i Hallingdal" in pairs


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", stdout=StringIO())
    first = row_counts()
    call_command("seed_demo", stdout=StringIO())
    assert row_counts() == first


def test_demo_staff_can_log_in(client):
    call_command("seed_demo", stdout=StringIO())
    assert client.login(username="fasilitator", password="demo-fasilitator")
    assert client.login(username="prosjektleder", password="demo-prosjektleder")


def test_seed_demo_refuses_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", stdout=StringIO())
    assert not Arena.objects.exists()


@pytest.mark.django_db
def test_seed_demo_prints_the_address_make_run_listens_on():
    out = StringIO()
    call_command("seed_demo", "--site-url", "http://127.0.0.1:8101", stdout=out)
    printed = out.getvalue()
    assert "http://127.0.0.1:8101/konto/login/" in printed
    assert ":8000" not in printed
