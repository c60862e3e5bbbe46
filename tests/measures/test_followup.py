"""Follow-up after the arena: links by e-mail, the owner's report, the project lead's overview."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from arena.models import Arena
from measures.followup import (
    followup_overview,
    followup_report,
    measure_contact_set,
    measure_status_move,
)
from measures.models import FollowUpUpdate, Measure, MeasureActor
from tests import factories

pytestmark = pytest.mark.django_db


def agreed_measure(arena, title="Felles formidling", email="kari@example.org", **extra):
    measure = factories.MeasureFactory(
        arena=arena,
        title=title,
        status=Measure.Status.AGREED,
        contact_name="Kari Nordmann",
        contact_email=email,
        **extra,
    )
    factories.MeasureActorFactory(
        measure=measure,
        role_kind=MeasureActor.Role.LEAD,
        organisation=factories.OrganisationFactory(name=f"Ansvarlig for {title}"),
    )
    return measure


def link_of(message):
    return next(line for line in message.body.splitlines() if "/oppfolging/" in line).strip()


def test_an_agreed_status_needs_exactly_one_lead_actor(arena):
    measure = factories.MeasureFactory(arena=arena, status=Measure.Status.PRIORITISED)
    factories.MeasureActorFactory(measure=measure, role_kind=MeasureActor.Role.PARTNER)
    with pytest.raises(ValidationError) as error:
        measure_status_move(measure=measure, status=Measure.Status.AGREED)
    assert error.value.code == "lead_actor_required"
    measure.refresh_from_db()
    assert measure.status == Measure.Status.PRIORITISED

    factories.MeasureActorFactory(measure=measure, role_kind=MeasureActor.Role.LEAD)
    measure_status_move(measure=measure, status=Measure.Status.AGREED)
    measure.refresh_from_db()
    assert measure.status == Measure.Status.AGREED


def test_project_lead_sends_personal_links_and_the_arena_moves_to_follow_up(
    arena, project_lead, persona_client, run_tasks
):
    arena.status = Arena.Status.CLOSED
    arena.save()
    first = agreed_measure(arena, "Felles formidling")
    agreed_measure(arena, "Uten e-post", email="")
    factories.MeasureFactory(arena=arena, title="Bare et utkast", contact_email="x@example.org")

    response = persona_client("project_lead").post(
        reverse("measures:followup-send", args=[arena.slug]), follow=True
    )
    run_tasks()

    assert [m.to for m in mail.outbox] == [["kari@example.org"]]
    first.refresh_from_db()
    assert len(first.followup_token) >= 40
    assert link_of(mail.outbox[0]).endswith(f"/oppfolging/{first.followup_token}/")
    assert "«Felles formidling»" in mail.outbox[0].subject
    page = response.content.decode()
    assert "Oppfølgingslenken sendes til 1 kontaktperson." in page
    assert "Disse tiltakene mangler e-post til kontaktpersonen: Uten e-post" in page
    arena.refresh_from_db()
    assert arena.status == Arena.Status.FOLLOW_UP


def test_sending_again_sends_nothing_twice_and_keeps_the_link(arena, run_tasks):
    measure = agreed_measure(arena)
    call_command("send_followups", arena.slug, "--base-url", "https://arena.example.org")
    run_tasks()
    call_command("send_followups", arena.slug, "--base-url", "https://arena.example.org")
    run_tasks()
    (message,) = mail.outbox
    measure.refresh_from_db()
    assert link_of(message) == f"https://arena.example.org/oppfolging/{measure.followup_token}/"


def test_a_new_contact_gets_a_new_link_by_mail(arena, run_tasks):
    measure = agreed_measure(arena)
    call_command("send_followups", arena.slug)
    run_tasks()
    measure_contact_set(measure=measure, name="Ola", email="ola@example.org")
    call_command("send_followups", arena.slug)
    run_tasks()
    assert [m.to for m in mail.outbox] == [["kari@example.org"], ["ola@example.org"]]
    assert link_of(mail.outbox[0]) != link_of(mail.outbox[1])


def test_owner_reports_status_through_the_link_and_it_shows_on_the_follow_up_page(
    arena, project_lead, persona_client, client
):
    measure = agreed_measure(arena)
    call_command("send_followups", arena.slug)
    url = reverse("measures:followup-report", args=[measure.__class__.objects.get().followup_token])

    page = client.get(url)
    assert page.status_code == 200
    assert "Felles formidling" in page.content.decode()
    response = client.post(
        url, {"status": "on_track", "text": "Første møte holdt.", "reported_by": "Kari"}
    )
    assert response.status_code == 302
    assert response["Location"] == url

    update = FollowUpUpdate.objects.get()
    assert (update.status, update.text, update.reported_by) == (
        "on_track",
        "Første møte holdt.",
        "Kari",
    )
    assert update.reported_on == datetime.date.today()
    measure.refresh_from_db()
    assert measure.status == Measure.Status.STARTED

    overview = persona_client("project_lead").get(
        reverse("measures:followup-list", args=[arena.slug])
    )
    text = overview.content.decode()
    assert "I rute" in text
    assert "Første møte holdt." in text


def test_every_report_is_kept_with_its_date_and_the_newest_counts(arena):
    measure = agreed_measure(arena)
    followup_report(
        measure=measure,
        status="started",
        text="I gang",
        reported_by="",
        today=datetime.date(2026, 4, 1),
    )
    followup_report(
        measure=measure,
        status="delayed",
        text="Venter på midler",
        reported_by="",
        today=datetime.date(2026, 6, 1),
    )
    [row] = followup_overview(arena, today=datetime.date(2026, 6, 2))
    assert [(u.status, u.reported_on) for u in row.history] == [
        ("delayed", datetime.date(2026, 6, 1)),
        ("started", datetime.date(2026, 4, 1)),
    ]
    assert row.latest.text == "Venter på midler"


def test_a_delay_without_a_reason_is_refused_and_nothing_typed_is_lost(arena, client):
    measure = agreed_measure(arena, followup_token="hemmelig-lenke-for-test-000000000000000")
    url = reverse("measures:followup-report", args=[measure.followup_token])
    response = client.post(url, {"status": "delayed", "text": "", "reported_by": "Kari Nordmann"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Skriv kort hvorfor tiltaket er forsinket eller stanset." in page
    assert 'value="Kari Nordmann"' in page
    assert not FollowUpUpdate.objects.exists()


def test_a_link_to_a_measure_that_is_not_agreed_is_not_found(arena, client):
    measure = factories.MeasureFactory(
        arena=arena, followup_token="utkast-lenke-000000000000000000000000"
    )
    response = client.get(reverse("measures:followup-report", args=[measure.followup_token]))
    assert response.status_code == 404


def test_measures_without_a_report_for_n_weeks_are_stalled(arena, project_lead, persona_client):
    arena.end_date = datetime.date(2026, 3, 11)
    arena.start_date = datetime.date(2026, 3, 10)
    arena.save()
    quiet = agreed_measure(arena, "Stille tiltak")
    busy = agreed_measure(arena, "Aktivt tiltak")
    done = agreed_measure(arena, "Ferdig tiltak")
    today = datetime.date(2026, 6, 10)
    factories.FollowUpUpdateFactory(measure=quiet, reported_on=datetime.date(2026, 3, 20))
    factories.FollowUpUpdateFactory(measure=busy, reported_on=datetime.date(2026, 6, 1))
    factories.FollowUpUpdateFactory(
        measure=done, status="completed", reported_on=datetime.date(2026, 3, 20)
    )
    rows = {r.title: r for r in followup_overview(arena, stalled_weeks=8, today=today)}
    assert {t for t, r in rows.items() if r.stalled} == {"Stille tiltak"}
    assert rows["Stille tiltak"].weeks_since == 11
    rows = {r.title: r for r in followup_overview(arena, stalled_weeks=12, today=today)}
    assert not any(r.stalled for r in rows.values())

    page = persona_client("project_lead").get(
        reverse("measures:followup-list", args=[arena.slug]), {"uker": "1"}
    )
    assert "3 vedtatte tiltak · 2 står stille" in " ".join(page.content.decode().split())


def test_follow_up_export_lists_each_agreed_measure_with_its_latest_report(
    arena, project_lead, persona_client
):
    measure = agreed_measure(arena, "=Farlig tittel")
    factories.FollowUpUpdateFactory(measure=measure, status="delayed", text="Venter")
    response = persona_client("project_lead").get(
        reverse("measures:followup-export", args=[arena.slug])
    )
    assert response["Content-Disposition"].startswith('attachment; filename="buskerud-oppfolging-')
    header, row = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    record = dict(zip(header, row, strict=True))
    assert record["Tiltak"] == "'=Farlig tittel"
    assert record["Siste rapport"] == "Forsinket"
    assert record["Kort om status"] == "Venter"
    assert record["Kontaktperson"] == "Kari Nordmann"


# session, user, arena, membership, measures, their actors (+organisation), their reports, and
# the line in the export log (who took the file, decision 33).
@pytest.mark.parametrize("count", [1, 50])
def test_follow_up_page_takes_the_same_number_of_queries_for_1_and_50_measures(
    arena, project_lead, persona_client, count, django_assert_num_queries
):
    for n in range(count):
        measure = agreed_measure(arena, f"Tiltak {n}")
        factories.FollowUpUpdateFactory(measure=measure)
    client = persona_client("project_lead")
    with django_assert_num_queries(7):
        response = client.get(reverse("measures:followup-list", args=[arena.slug]))
    assert response.status_code == 200


# session, user, arena, membership, measures, their actors (+organisation), their reports, and
# the line in the export log (who took the file, decision 33).
@pytest.mark.parametrize("count", [1, 50])
def test_follow_up_export_takes_the_same_number_of_queries_for_1_and_50_measures(
    arena, project_lead, persona_client, count, django_assert_num_queries
):
    for n in range(count):
        agreed_measure(arena, f"Tiltak {n}")
    client = persona_client("project_lead")
    with django_assert_num_queries(8):
        response = client.get(reverse("measures:followup-export", args=[arena.slug]))
    assert len(response.content.decode("utf-8-sig").splitlines()) == count + 1


def test_a_measure_stopped_by_its_owner_stays_in_follow_up_but_one_stopped_at_the_arena_does_not(
    arena,
):
    kept = agreed_measure(arena, "Stanset av eieren")
    followup_report(measure=kept, status="stopped", text="Ingen midler", reported_by="")
    factories.MeasureFactory(arena=arena, title="Stanset på arenaen", status=Measure.Status.STOPPED)
    kept.refresh_from_db()
    assert kept.status == Measure.Status.STOPPED
    assert [r.title for r in followup_overview(arena)] == ["Stanset av eieren"]
