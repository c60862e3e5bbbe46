"""Mail outside the request (decision 28): a real SMTP server (aiosmtpd), one that refuses (a
closed port) and one that accepts and never answers. No 500, no twin participant, no mail
sent twice, and one bad address or title never stops the rest."""

import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from arena.mail import mail_header_text, mail_queue
from arena.models import Arena, OutgoingMail
from measures.followup import followups_send
from measures.models import Measure, MeasureActor
from participants.models import Organisation, Participant
from tests import factories

pytestmark = pytest.mark.django_db

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps what it receives and refuses addresses starting "bad"."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bad"):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free port of 127.0.0.1; mail goes to it through Django's SMTP
    backend (the test settings' locmem backend is swapped out)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    with override_settings(EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=controller.port):
        yield inbox
    controller.stop()


@pytest.fixture
def refusing_smtp():
    """A port nobody listens on: the connection is refused at once."""
    with override_settings(EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=free_port()):
        yield


@pytest.fixture
def silent_smtp():
    """A server that takes the connection and never says a word (no SMTP greeting)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    with override_settings(
        EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, EMAIL_TIMEOUT=1
    ):
        yield
    listener.close()


@pytest.fixture
def open_arena():
    arena = factories.ArenaFactory(join_code="BUS7Q4K", slug="bus", groups_assigned=True)
    factories.OrganisationFactory(name="NAV Buskerud")
    return arena


def join_with_email(client, arena, email="kari@example.org"):
    code = {"code": arena.join_code}
    organisation = Organisation.objects.get(name="NAV Buskerud")
    client.post(
        reverse("participants:join-details", kwargs=code),
        {"display_name": "Kari", "organisation": organisation.pk, "email": email},
    )
    return client.post(reverse("participants:join-privacy", kwargs=code))


def test_bli_med_with_smtp_refusing_saves_the_session_and_makes_no_twin(
    client, open_arena, refusing_smtp, run_tasks
):
    first = join_with_email(client, open_arena)
    again = join_with_email(client, open_arena)  # the participant presses "Bli med" once more

    assert first.status_code == 302
    assert first.url == reverse("measures:arena-home", kwargs={"slug": open_arena.slug})
    assert again.status_code == 302
    participant = Participant.objects.get()  # one, not two
    assert client.session["participants"] == {str(open_arena.pk): participant.pk}
    run_tasks()
    queued = OutgoingMail.objects.get()
    assert (queued.attempts, queued.sent_at, queued.given_up_at) == (1, None, None)
    assert "ConnectionRefusedError" in queued.last_error
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # the retry, deferred


def test_mail_refused_now_is_sent_once_when_the_server_is_back(
    client, open_arena, refusing_smtp, smtp_server, run_tasks
):
    with override_settings(EMAIL_PORT=free_port()):  # down while the participant joins
        join_with_email(client, open_arena)
        run_tasks()
    assert smtp_server.messages == []

    run_tasks(later=True)  # the retry, now that the server answers
    run_tasks(later=True)  # and nothing left for another run

    participant = Participant.objects.get()
    ((recipients, content),) = smtp_server.messages
    assert recipients == ["kari@example.org"]
    assert f"/fortsett/{participant.resume_token}/" in content
    queued = OutgoingMail.objects.get()
    assert queued.sent_at is not None
    assert queued.body == ""  # the personal link is not kept once sent


def test_bli_med_with_a_silent_smtp_server_answers_at_once_and_the_worker_gives_up_in_time(
    client, open_arena, silent_smtp, run_tasks
):
    started = time.monotonic()
    response = join_with_email(client, open_arena)
    in_request = time.monotonic() - started
    assert response.status_code == 302
    assert in_request < 1  # no SMTP in the request at all (EMAIL_TIMEOUT is 1 s here)

    started = time.monotonic()
    run_tasks()
    in_worker = time.monotonic() - started
    assert 0.9 < in_worker < 5  # bounded by EMAIL_TIMEOUT, not for ever
    queued = OutgoingMail.objects.get()
    assert queued.sent_at is None
    assert queued.attempts == 1
    assert "timed out" in queued.last_error
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # retried later
    assert Participant.objects.count() == 1


def agreed(arena, title, email):
    measure = factories.MeasureFactory(
        arena=arena, title=title, status=Measure.Status.AGREED, contact_email=email
    )
    factories.MeasureActorFactory(measure=measure, role_kind=MeasureActor.Role.LEAD)
    return measure


def test_send_oppfolging_survives_a_newline_in_a_title_and_a_bad_address(smtp_server, run_tasks):
    arena = factories.ArenaFactory(status=Arena.Status.CLOSED)
    agreed(arena, "Første\nBcc: alle@example.org", "anne@example.org")
    agreed(arena, "Andre", "bad@example.org")
    agreed(arena, "Tredje", "tor@example.org")

    assert followups_send(arena=arena, base_url="https://arena.example.org")[:2] == (3, 0)
    run_tasks()
    assert followups_send(arena=arena, base_url="https://arena.example.org")[:2] == (0, 3)
    run_tasks(later=True)

    received = sorted(recipients[0] for recipients, _ in smtp_server.messages)
    assert received == ["anne@example.org", "tor@example.org"]  # each once
    headers = [content.split("\r\n\r\n", 1)[0] for _, content in smtp_server.messages]
    assert all("\r\nTo: " in h for h in headers)  # really the header part
    assert not any(line.startswith("Bcc:") for h in headers for line in h.splitlines())
    bad = OutgoingMail.objects.get(recipient="bad@example.org")
    assert bad.sent_at is None
    assert bad.given_up_at is not None  # refused for good, not retried
    assert "SMTPRecipientsRefused" in bad.last_error


def test_a_header_is_one_line_whatever_the_title():
    assert mail_header_text("Første\r\nBcc: x@example.org\u2028\x00slutt") == (
        "Første Bcc: x@example.org slutt"
    )


def test_queueing_the_same_mail_twice_queues_one(run_tasks):
    for _ in range(2):
        mail_queue(key="k:1", recipient="kari@example.org", subject="Hei", body="Lenke")
    run_tasks()
    run_tasks(later=True)
    assert len(mail.outbox) == 1


def test_send_oppfolging_with_smtp_down_answers_and_queues_the_links(
    client, refusing_smtp, run_tasks
):
    arena = factories.ArenaFactory(status=Arena.Status.CLOSED)
    lead = factories.UserFactory(username="leder")
    factories.ArenaMembershipFactory(arena=arena, user=lead, role="project_lead")
    agreed(arena, "Første", "anne@example.org")
    client.force_login(lead)

    response = client.post(reverse("measures:followup-send", args=[arena.slug]), follow=True)

    assert response.status_code == 200
    assert "Oppfølgingslenken sendes til 1 kontaktperson." in response.content.decode()
    run_tasks()
    queued = OutgoingMail.objects.get()
    assert queued.sent_at is None
    assert queued.attempts == 1  # tried, refused, and a retry is waiting
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_a_mail_whose_worker_died_while_sending_is_sent_once_after_mail_requeue(run_tasks):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    mail_queue(key="k:dead", recipient="kari@example.org", subject="Hei", body="Lenke")
    DBTaskResult.objects.update(status="RUNNING")  # the worker that took it was killed
    OutgoingMail.objects.update(claimed_at=timezone.now() - timedelta(minutes=1), attempts=1)
    call_command("mail_requeue")
    run_tasks()
    assert mail.outbox == []  # a claim younger than CLAIM_TIMEOUT may still be sending

    OutgoingMail.objects.update(claimed_at=timezone.now() - timedelta(minutes=6))
    call_command("mail_requeue")
    call_command("mail_requeue")  # twice: two tasks, still one mail
    run_tasks()
    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.get().sent_at is not None
