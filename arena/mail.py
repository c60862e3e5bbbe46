"""Mail outside the request: queue one outbox row per recipient, send it from a task.

A request only writes rows (the mail and its task, in the request's transaction); the worker
(`manage.py db_worker`) talks to the SMTP server. So a slow, refusing or silent SMTP server
never costs a participant a 500 or a second "Bli med", and a retry never sends twice."""

import hashlib
import smtplib
from datetime import timedelta

from django.core.mail import BadHeaderError, EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from arena.models import OutgoingMail

# Seconds to wait before each retry of a mail the server did not take; then it is given up.
RETRY_DELAYS = (60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600, 24 * 3600)
# A claim older than this belongs to a worker that died while sending (EMAIL_TIMEOUT is far less).
CLAIM_TIMEOUT = timedelta(minutes=5)
# Errors that no retry mends: the address or the header itself is refused.
_PERMANENT = (BadHeaderError, smtplib.SMTPRecipientsRefused, ValueError, UnicodeError)


def mail_header_text(text, *, limit=200):
    """`text` as one line a mail header can carry: control characters and line breaks (a
    measure title may hold them) become spaces, so no title can raise BadHeaderError."""
    printable = "".join(ch if ch.isprintable() else " " for ch in str(text))
    return " ".join(printable.split())[:limit]


def mail_key(kind, *parts):
    """A stable key for "this mail": a hash, so personal tokens in `parts` are not stored."""
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f"{kind}:{digest}"


@transaction.atomic
def mail_queue(*, key, recipient, subject, body, arena=None):
    """Queue one mail unless a mail with this key was queued before. Returns (mail, created).

    The row and its task are written in the caller's transaction: both or neither."""
    mail, created = OutgoingMail.objects.get_or_create(
        key=key,
        defaults={
            "arena": arena,
            "recipient": recipient,
            "subject": mail_header_text(subject),
            "body": body,
        },
    )
    if created:
        mail_deliver.enqueue(mail.pk)
    return mail, created


def _claim(mail_id):
    """Mark the mail as being sent by this worker; False if it is sent, given up or claimed."""
    now = timezone.now()
    return OutgoingMail.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT),
        pk=mail_id,
        sent_at__isnull=True,
        given_up_at__isnull=True,
    ).update(claimed_at=now, attempts=F("attempts") + 1)


def _failed(mail, error, *, permanent):
    now = timezone.now()
    retry = not permanent and mail.attempts <= len(RETRY_DELAYS)
    fields = {"claimed_at": None, "last_error": f"{type(error).__name__}: {error}"[:500]}
    if not retry:
        fields.update(given_up_at=now, body="")
    OutgoingMail.objects.filter(pk=mail.pk).update(**fields)
    backend = mail_deliver.get_backend()
    if retry and backend.supports_defer:
        delay = timedelta(seconds=RETRY_DELAYS[mail.attempts - 1])
        mail_deliver.using(run_after=now + delay).enqueue(mail.pk)
    return "retry" if retry else "given up"


@task()
def mail_deliver(mail_id):
    """Send one queued mail once; on a transient failure queue a later try of itself."""
    if not _claim(mail_id):
        return "skipped"
    mail = OutgoingMail.objects.get(pk=mail_id)
    message = EmailMessage(subject=mail.subject, body=mail.body, to=[mail.recipient])
    try:
        message.send()
    except _PERMANENT as error:
        return _failed(mail, error, permanent=True)
    except (OSError, smtplib.SMTPException) as error:  # refused, timed out, hung up, 4xx
        return _failed(mail, error, permanent=False)
    OutgoingMail.objects.filter(pk=mail.pk).update(sent_at=timezone.now(), claimed_at=None, body="")
    return "sent"


def mails_requeue_stale(*, now=None):
    """Queue a new try of every mail whose worker died while sending it (claimed longer ago
    than CLAIM_TIMEOUT, not sent): the queue does not rerun a task that was running when its
    worker was killed. A second task for a mail is harmless, the claim lets one send it.
    Returns how many were queued."""
    now = now or timezone.now()
    stale = OutgoingMail.objects.filter(
        claimed_at__lt=now - CLAIM_TIMEOUT, sent_at__isnull=True, given_up_at__isnull=True
    ).values_list("pk", flat=True)
    pks = list(stale)
    for pk in pks:
        mail_deliver.enqueue(pk)
    return len(pks)
