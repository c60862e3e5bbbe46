"""Privacy (issue 10, item 8; decision 33): retention and `purge_expired`, anonymising one
participant, a participant's own data, follow-up links that end, and the log of exports."""

import datetime
import io
import json
import logging
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from arena.models import Arena, OutgoingMail, add_months
from measures import editor, privacy
from measures.models import Comment, ExportLog, FollowUpUpdate, Measure, MeasureChange
from participants.models import Participant
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), 1, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 3, 11), 24, datetime.date(2028, 3, 11)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
        (datetime.date(2026, 3, 11), 0, datetime.date(2026, 3, 11)),
    ],
)
def test_months_are_added_to_the_same_day_or_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


@pytest.fixture
def worked(arena, group_a, participant_a, teammate_a):
    """An arena a person worked in: edits, a comment, a dot, a contact person and reports."""
    measure = factories.MeasureFactory(arena=arena, group=group_a, title="Felles formidling")
    Participant.objects.filter(pk=participant_a.pk).update(email="aina@example.org")
    participant_a.refresh_from_db()
    editor.field_save(
        measure=measure, name="goal", base="", value="Flere får læreplass", op=None,
        editor=participant_a,
    )  # fmt: skip
    editor.field_save(
        measure=measure, name="description", base="", value="Mange står uten", op=None,
        editor=teammate_a,
    )  # fmt: skip
    factories.CommentFactory(
        measure=measure, participant=participant_a, author_name="Aina A", text="Bra"
    )
    Measure.objects.filter(pk=measure.pk).update(
        status=Measure.Status.AGREED, contact_name="Kari Nordmann", contact_email="kari@example.org"
    )
    measure.refresh_from_db()
    measure.save()  # a history row with the contact, as the staff page's save makes one
    FollowUpUpdate.objects.create(measure=measure, status="started", reported_by="Kari Nordmann")
    return measure


def test_anonymising_one_participant_replaces_their_name_everywhere_and_keeps_the_work(
    worked, participant_a, teammate_a
):
    old_token = participant_a.resume_token
    participant_a.email = "kari@example.no"
    participant_a.save()
    for who in ("Kari@example.no", "tor@example.no"):  # the outbox keeps addresses
        OutgoingMail.objects.create(
            arena=participant_a.arena, key=f"link:{who}", recipient=who, subject="Lenken", body=""
        )
    label = privacy.participant_anonymise(participant=participant_a)
    assert list(OutgoingMail.objects.values_list("recipient", flat=True)) == ["tor@example.no"]
    participant_a.refresh_from_db()
    assert label == "Deltaker 1"
    assert (participant_a.display_name, participant_a.email) == ("Deltaker 1", "")
    assert participant_a.resume_token != old_token
    assert participant_a.anonymised_at is not None
    assert participant_a.organisation is not None  # who they represented stays
    names = set(MeasureChange.objects.values_list("by_name", flat=True))
    assert names == {"Deltaker 1", "Tor T"}  # the teammate is untouched
    assert Comment.objects.get().author_name == "Deltaker 1"
    worked.refresh_from_db()
    assert worked.goal == "Flere får læreplass"
    assert privacy.participant_anonymise(participant=participant_a) == "Deltaker 1"  # again


def test_purge_expired_anonymises_arenas_past_their_retention_and_no_other(
    arena, other_arena, worked, participant_a, teammate_a, participant_other_arena
):
    today = timezone.localdate()
    for who, where in (("kari@example.no", arena), ("olav@example.no", other_arena)):
        OutgoingMail.objects.create(
            arena=where, key=f"link:{who}", recipient=who, subject="Lenken din", body="…"
        )
    Arena.objects.filter(pk=arena.pk).update(
        start_date=today - datetime.timedelta(days=800),
        end_date=today - datetime.timedelta(days=799),
        retention_months=24,
    )
    Arena.objects.filter(pk=other_arena.pk).update(end_date=today, retention_months=24)
    out = io.StringIO()
    call_command("purge_expired", stdout=out)
    assert out.getvalue() == f"{arena.slug}: 2 deltakere anonymisert\n"
    names = set(Participant.objects.filter(arena=arena).values_list("display_name", "email"))
    assert names == {("Deltaker 1", ""), ("Deltaker 2", "")}
    assert set(MeasureChange.objects.values_list("by_name", flat=True)) == {
        "Deltaker 1",
        "Deltaker 2",
    }
    worked.refresh_from_db()
    assert (worked.contact_name, worked.contact_email, worked.followup_token) == ("", "", None)
    assert worked.goal == "Flere får læreplass"  # the measure stays
    contacts = set(worked.history.values_list("contact_name", "contact_email"))
    assert contacts == {("", "")}
    assert FollowUpUpdate.objects.get().reported_by == ""
    assert Participant.objects.get(pk=participant_other_arena.pk).display_name == "Olav Annen"
    # The outbox held an address: gone with the arena's personal data, the other arena's kept.
    assert list(OutgoingMail.objects.values_list("recipient", flat=True)) == ["olav@example.no"]
    again = io.StringIO()
    call_command("purge_expired", stdout=again)
    assert again.getvalue() == f"{arena.slug}: 0 deltakere anonymisert\n"


def test_purge_dry_run_only_lists(arena, participant_a):
    Arena.objects.filter(pk=arena.pk).update(
        start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 1, 2)
    )
    out = io.StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert out.getvalue() == "buskerud: lagringstiden endte 2022-01-02\n"
    assert Participant.objects.get().display_name == "Aina A"


def test_a_facilitator_anonymises_one_participant_from_the_list(fac, arena, participant_a):
    page = fac.get(reverse("participants:participant-list", args=[arena.slug])).content.decode()
    url = reverse("measures:participant-anonymise", args=[arena.slug, participant_a.pk])
    assert url in page
    confirm = fac.get(url)
    assert "Anonymisere Aina A?" in confirm.content.decode()
    response = fac.post(url, follow=True)
    assert "Aina A heter nå «Deltaker 1»." in response.content.decode()
    assert Participant.objects.get().display_name == "Deltaker 1"
    assert url not in response.content.decode()  # done: no button any more


def test_a_participant_downloads_their_own_data_and_nobody_elses(
    worked, client_a, arena, teammate_a
):
    home = client_a.get(reverse("measures:arena-home", args=[arena.slug])).content.decode()
    url = reverse("measures:participant-data", args=[arena.slug])
    assert url in home
    response = client_a.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="mine-data.json"'
    data = json.loads(response.content)
    assert data["participant"]["display_name"] == "Aina A"
    assert data["participant"]["email"] == "aina@example.org"
    assert [c["value"] for c in data["changes"]] == ["Flere får læreplass"]
    assert [c["text"] for c in data["comments"]] == ["Bra"]
    assert "Tor T" not in response.content.decode()
    assert "Mange står uten" not in response.content.decode()


@pytest.fixture
def followup_url(arena, worked):
    Measure.objects.filter(pk=worked.pk).update(followup_token="lenke-for-test-0000000000000000")
    return reverse("measures:followup-report", args=["lenke-for-test-0000000000000000"])


def test_a_followup_link_works_in_the_followup_period(arena, client, followup_url):
    Arena.objects.filter(pk=arena.pk).update(status=Arena.Status.FOLLOW_UP)
    assert client.get(followup_url).status_code == 200


@pytest.mark.parametrize("how", ["archived", "period over"])
def test_a_followup_link_stops_on_an_archived_arena_and_after_its_period(
    arena, client, followup_url, how
):
    if how == "archived":
        Arena.objects.filter(pk=arena.pk).update(status=Arena.Status.ARCHIVED)
    else:
        today = timezone.localdate()
        Arena.objects.filter(pk=arena.pk).update(
            start_date=today - datetime.timedelta(days=400),
            end_date=today - datetime.timedelta(days=399),
            followup_months=12,
        )
    page = client.get(followup_url)
    assert page.status_code == 410
    assert "Lenken virker ikke lenger" in page.content.decode()
    response = client.post(followup_url, {"status": "started", "text": "", "reported_by": "K"})
    assert response.status_code == 410
    assert FollowUpUpdate.objects.count() == 1  # the fixture's report only


def test_exports_are_logged_and_shown_to_the_arenas_facilitators(
    arena, fac, lead_client, project_lead, tmp_path
):
    lead_client.get(reverse("measures:summary-export", args=[arena.slug, "csv"]))
    lead_client.get(reverse("measures:followup-export", args=[arena.slug]))
    call_command(
        "export_arena", arena.slug, "--format", "json", "--output", str(tmp_path / "a.json")
    )
    logged = list(ExportLog.objects.order_by("id").values_list("username", "what"))
    assert logged == [
        ("prosjektleder", "csv"),
        ("prosjektleder", "followup-csv"),
        ("kommandolinjen", "json"),
    ]
    page = fac.get(reverse("measures:summary-detail", args=[arena.slug])).content.decode()
    assert "Hvem har lastet ned arenaens data" in page
    assert page.count("<td>prosjektleder</td>") == 2
    lead_page = lead_client.get(reverse("measures:summary-detail", args=[arena.slug]))
    assert "Hvem har lastet ned arenaens data" not in lead_page.content.decode()


def test_purge_expired_deletes_export_log_entries_past_their_period_only(
    arena, other_arena, project_lead, settings, caplog
):
    settings.EXPORT_LOG_MONTHS = 24
    today = datetime.date(2027, 3, 11)
    cutoff = timezone.make_aware(datetime.datetime(2025, 3, 11))  # 24 months before today
    ages = {"old": cutoff - datetime.timedelta(seconds=1), "kept": cutoff, "new": timezone.now()}
    for what, at in ages.items():
        for where in (arena, other_arena):  # every arena's log, whatever its own retention
            entry = privacy.export_log_add(arena=where, user=project_lead, what=what)
            ExportLog.objects.filter(pk=entry.pk).update(at=at)
    caplog.set_level(logging.INFO, logger="measures.privacy")
    assert privacy.purge_expired(today=today) == []  # no arena is past its own retention
    assert sorted(ExportLog.objects.values_list("what", flat=True)) == [
        "kept", "kept", "new", "new"
    ]  # fmt: skip
    assert "2 export log entries deleted" in caplog.text
    assert "prosjektleder" not in caplog.text
    assert privacy.export_log_purge(today=today) == 0  # again: nothing more


def test_the_privacy_page_states_how_long_the_export_log_is_kept(client, settings):
    page = client.get(reverse("privacy")).content.decode()
    assert "slettes automatisk 24 måneder etter nedlastingen" in page
    settings.EXPORT_LOG_MONTHS = 1
    page = client.get(reverse("privacy")).content.decode()
    assert "slettes automatisk 1 måned etter nedlastingen" in page


def test_the_privacy_page_names_the_controller_basis_rights_and_datatilsynet(client, settings):
    settings.PRIVACY_CONTACT_EMAIL = "personvern@example.no"
    settings.PRIVACY_DPO_EMAIL = "ombud@example.no"
    page = client.get(reverse("privacy")).content.decode()
    assert "Behandlingsansvarlig er Buskerud fylkeskommune" in page
    assert 'href="mailto:personvern@example.no"' in page
    assert 'href="mailto:ombud@example.no"' in page
    assert "artikkel 6 nr. 1 bokstav e" in page
    assert "artikkel 6 nr. 1 bokstav a" in page
    assert "Du kan trekke samtykket når som helst" in page
    for right in ("innsyn i", "retting", "sletting", "begrenset", "protestere"):
        assert right in page
    assert "Last ned det vi har lagret om deg" in page
    assert 'href="https://www.datatilsynet.no/"' in page
    assert "slettes automatisk 30 dager etter at den ble sendt" in page
    assert "SMTP-tjenesten" in page
    settings.PRIVACY_CONTROLLER = "Viken fylkeskommune"
    settings.PRIVACY_CONTACT_EMAIL = settings.PRIVACY_DPO_EMAIL = ""
    page = client.get(reverse("privacy")).content.decode()
    assert "Behandlingsansvarlig er Viken fylkeskommune" in page
    assert "sender det videre til Viken fylkeskommune" in page
    assert "mailto:" not in page
    assert "Personvernombud" not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("privacy")).content.decode()
    assert "The controller is Viken fylkeskommune" in english
    assert "Datatilsynet" in english


def test_purge_deletes_old_sent_and_given_up_mail_and_keeps_recent_and_queued(settings):
    now = timezone.now()
    old, recent = now - datetime.timedelta(days=31), now - datetime.timedelta(days=29)
    rows = {
        "sent-old": {"sent_at": old},
        "given-up-old": {"given_up_at": old},
        "sent-recent": {"sent_at": recent},
        "queued-old": {},  # waiting for a retry: never lost, however old
    }
    for key, fields in rows.items():
        mail_row = OutgoingMail.objects.create(
            key=key, recipient=f"{key}@example.no", subject="Lenken", body="", **fields
        )
        OutgoingMail.objects.filter(pk=mail_row.pk).update(created_at=old)
    call_command("purge_expired", stdout=io.StringIO())
    kept = set(OutgoingMail.objects.values_list("key", flat=True))
    assert kept == {"sent-recent", "queued-old"}
    settings.OUTBOX_KEEP_DAYS = 7
    assert privacy.outbox_purge() == 1
    assert list(OutgoingMail.objects.values_list("key", flat=True)) == ["queued-old"]


def test_purge_deletes_expired_sessions_and_keeps_live_ones():
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    live, expired = SessionStore(), SessionStore()
    for store in (live, expired):
        store["x"] = 1
        store.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    call_command("purge_expired", stdout=io.StringIO())
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_join_work_export_purge_leaves_no_name_email_code_or_token_in_the_logs(
    client, lead_client, project_lead, caplog, tmp_path, run_tasks
):
    arena = factories.ArenaFactory(join_code="TRY7Q4K", slug="proeve", groups_assigned=False)
    table = factories.GroupFactory(arena=arena, name="Bord 1")
    organisation = factories.OrganisationFactory(name="Lier kommune")
    factories.ArenaMembershipFactory(arena=arena, user=project_lead, role="project_lead")
    caplog.set_level(logging.DEBUG)  # every logger, every level: the app's and Django's
    code = "TRY7Q4K"
    client.post(reverse("participants:join"), {"code": "try-7q4k"})
    client.post(
        reverse("participants:join-details", args=[code]),
        {
            "display_name": "Ingrid Testesen", "organisation": organisation.pk,
            "email": "ingrid.testesen@example.org", "consents_to_followup": "on",
        },
    )  # fmt: skip
    client.post(reverse("participants:join-group", args=[code]), {"group": table.pk})
    client.post(reverse("participants:join-privacy", args=[code]))
    person = Participant.objects.get(arena=arena)
    assert person.display_name == "Ingrid Testesen"
    token = person.resume_token
    run_tasks()  # the mail worker sends the link (and logs that it did, by ids)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/fortsett/" in line)
    client.get(link.strip().removeprefix("http://testserver"), follow=True)
    create = reverse("measures:measure-create", args=[arena.slug])
    key = re.search(r'name="creation_key" value="([^"]+)"', client.get(create).content.decode())
    client.post(create, {"title": "Sommerjobb for unge", "creation_key": key.group(1)})
    measure = Measure.objects.get(arena=arena)
    client.post(
        reverse("measures:field-save", args=[arena.slug, measure.pk, "goal"]),
        {"base": "", "value": "Hundre sommerjobber", "op": "6f1c0c52-6c9e-4c50-9f5a-6c2d1f1c0c52"},
    )
    client.post(reverse("measures:comment-create", args=[arena.slug, measure.pk]), {"text": "Godt"})
    client.get(reverse("measures:participant-data", args=[arena.slug]))
    for fmt in ("csv", "xlsx", "docx", "json"):
        lead_client.get(reverse("measures:summary-export", args=[arena.slug, fmt]))
    Arena.objects.filter(pk=arena.pk).update(
        start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 1, 2)
    )
    call_command("purge_expired", stdout=io.StringIO())
    person.refresh_from_db()
    assert person.display_name == "Deltaker 1"
    assert Measure.objects.get(arena=arena).goal == "Hundre sommerjobber"

    assert caplog.records  # something was logged (the purge says what it did, by ids)
    logged = caplog.text + "\n".join(str(r.args) for r in caplog.records)
    for secret in ("Ingrid", "Testesen", "ingrid.testesen", code, "TRY-7Q4K", token):
        assert secret.lower() not in logged.lower(), secret


@pytest.mark.parametrize("count", [1, 30])
def test_a_participants_data_takes_the_same_queries_however_much_they_did(
    arena, group_a, participant_a, client_a, count, django_assert_num_queries
):
    for n in range(count):
        measure = factories.MeasureFactory(arena=arena, group=group_a, title=f"Tiltak {n}")
        measure.authors.add(participant_a)
        factories.CommentFactory(measure=measure, participant=participant_a, text=f"K {n}")
        factories.VoteFactory(measure=measure, participant=participant_a, dots=1)
        editor.field_save(
            measure=measure, name="goal", base="", value=f"Mål {n}", op=None, editor=participant_a
        )
    # session, participant (+arena, organisation, table), the measures written on, the changes
    # (+measure), the comments (+measure), the votes (+measure), the commitments (+measure).
    with django_assert_num_queries(7):
        response = client_a.get(reverse("measures:participant-data", args=[arena.slug]))
    assert len(json.loads(response.content)["comments"]) == count


def test_the_privacy_and_anonymise_pages_take_few_queries(
    fac, arena, participant_a, client, django_assert_num_queries
):
    with django_assert_num_queries(0):  # anonymous (`client` is `fac`, signed in, here)
        assert Client().get(reverse("privacy")).status_code == 200
    url = reverse("measures:participant-anonymise", args=[arena.slug, participant_a.pk])
    # session, user, arena, membership, the participant (+organisation).
    with django_assert_num_queries(5):
        assert fac.get(url).status_code == 200


def test_removing_a_participant_also_removes_their_name_from_the_edit_history(
    worked, fac, arena, participant_a
):
    url = reverse("participants:participant-delete", args=[arena.slug, participant_a.pk])
    assert fac.post(url).status_code == 302
    names = set(MeasureChange.objects.values_list("by_name", flat=True))
    assert names == {"Slettet deltaker", "Tor T"}


def test_the_purge_blanks_the_contact_of_a_measure_merged_into_another(arena, group_a, group_b):
    """A merged measure is hidden by `Measure.objects` (decision 49); the purge still reaches it."""
    from measures.linking import measure_merge

    kept = factories.MeasureFactory(arena=arena, group=group_a, title="Felles formidling")
    merged = factories.MeasureFactory(
        arena=arena, group=group_b, title="Formidling sammen",
        contact_name="Kari Kontakt", contact_email="kari@example.no",
    )  # fmt: skip
    facilitator = factories.UserFactory()
    measure_merge(arena=arena, kept_pk=kept.pk, merged_pk=merged.pk, user=facilitator)
    assert not Measure.objects.filter(pk=merged.pk).exists()

    privacy.arena_personal_data_purge(arena=arena)

    merged = Measure.everything.get(pk=merged.pk)
    assert (merged.contact_name, merged.contact_email) == ("", "")
