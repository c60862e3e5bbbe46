"""Personal data of an arena (decision 33): what a participant may take with them, anonymising
one participant or a whole arena after its retention period, and the log of exports.

It lives in the top app because a person's traces are in every app: the participant row
(participants), the name copied into each edit (`MeasureChange.by_name`), comments, and the
measures' contact people with their history rows. The measures themselves are the table's
work and stay.
"""

import contextlib
import datetime
import logging
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from arena.access import editor_feed_revoke
from arena.models import Arena, OutgoingMail, add_months
from arena.once import ops_purge
from arena.revisions import arena_revision_bump
from measures.models import (
    Comment,
    ExportJob,
    ExportLog,
    FollowUpUpdate,
    Measure,
    MeasureChange,
)
from participants.models import Participant, generate_resume_token

logger = logging.getLogger(__name__)

COMMAND_LINE = "kommandolinjen"


def participant_label(participant):
    """ "Deltaker 17": the participant's number in the arena, in the order they joined."""
    number = (
        Participant.objects.filter(arena_id=participant.arena_id, pk__lte=participant.pk)
        .order_by()
        .count()
    )
    with translation.override(participant.arena.default_language):
        return _("Deltaker %(n)s") % {"n": number}


@transaction.atomic
def participant_anonymise(*, participant):
    """Replace the participant's name, e-mail and personal link, here and wherever the name
    was copied (the edit history, comments). Their measures, ticks, dots and commitments stay,
    under the new name. Running it again changes nothing. Returns the new name."""
    if participant.anonymised_at is not None:
        return participant.display_name
    label = participant_label(participant)
    if participant.email:  # the outbox keeps the address of every mail sent to it
        OutgoingMail.objects.filter(
            arena_id=participant.arena_id, recipient__iexact=participant.email
        ).delete()
    Participant.objects.filter(pk=participant.pk).update(
        display_name=label,
        email="",
        consents_to_followup=False,
        resume_token=generate_resume_token(),  # the old personal link stops working
        anonymised_at=timezone.now(),
    )
    MeasureChange.objects.filter(by=participant).update(by_name=label)
    Comment.objects.filter(participant=participant).update(author_name=label)
    arena_revision_bump(arena_id=participant.arena_id)
    pk = participant.pk
    transaction.on_commit(lambda: editor_feed_revoke([pk]))
    participant.refresh_from_db()
    return label


@transaction.atomic
def arena_personal_data_purge(*, arena):
    """Anonymise every participant of the arena, and remove the other names and addresses it
    holds: the measures' contact people (also in the measures' history rows; their follow-up
    links stop), the names under follow-up reports and the arena's mail outbox. Staff accounts
    are the installation's, not the arena's, and keep their names. Returns how many
    participants were anonymised now."""
    people = list(Participant.objects.filter(arena=arena, anonymised_at__isnull=True))
    for person in people:
        participant_anonymise(participant=person)
    measures = Measure.everything.filter(arena=arena)  # merged ones too (decision 49)
    measures.update(contact_name="", contact_email="", followup_token=None)
    Measure.history.filter(arena_id=arena.pk).update(
        contact_name="", contact_email="", followup_token=None
    )
    FollowUpUpdate.objects.filter(measure__arena=arena).update(reported_by="")
    OutgoingMail.objects.filter(arena=arena).delete()  # addresses of contacts and participants
    ExportJob.objects.filter(arena=arena).delete()  # built reports name the contacts
    arena_revision_bump(arena_id=arena.pk)
    return len(people)


def arenas_expired(*, today):
    """Arenas whose retention period ended before `today`."""
    return [a for a in Arena.objects.order_by("end_date", "pk") if a.retention_ends_on < today]


def purge_expired(*, today=None):
    """Anonymise the participants of every arena past its retention period, delete the export
    log's entries past theirs (`export_log_purge`), the outbox's sent and given-up mail
    (`outbox_purge`), the expired sessions (`sessions_purge`) and the staff forms' handled
    ops older than a day (`arena.once.ops_purge`); [(arena, n)]."""
    today = today or timezone.localdate()
    done = []
    for arena in arenas_expired(today=today):
        count = arena_personal_data_purge(arena=arena)
        # Counts and ids only: the log must never hold a name, an address or a link.
        logger.info("purge_expired: arena %s, %s participants anonymised", arena.pk, count)
        done.append((arena, count))
    if deleted := export_log_purge(today=today):
        logger.info("purge_expired: %s export log entries deleted", deleted)
    if deleted := outbox_purge():
        logger.info("purge_expired: %s sent or given-up mails deleted", deleted)
    sessions_purge()
    ops_purge()
    return done


def outbox_purge(*, now=None):
    """Delete the outbox rows sent or given up more than `OUTBOX_KEEP_DAYS` (30) ago: they
    hold a recipient's address and the subject (the body is blanked at once). Mail not yet
    sent or given up stays, however old, so nothing queued is lost. Returns how many went."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.OUTBOX_KEEP_DAYS)
    done = Q(sent_at__lt=cutoff) | Q(given_up_at__lt=cutoff)
    deleted, _by_model = OutgoingMail.objects.filter(done).delete()
    return deleted


def sessions_purge():
    """Delete expired sessions, as `manage.py clearsessions` does, for the configured engine
    (the database's rows; a cache engine expires its own and says so by NotImplementedError)."""
    engine = import_module(settings.SESSION_ENGINE)
    with contextlib.suppress(NotImplementedError):
        engine.SessionStore.clear_expired()


def export_log_cutoff(*, today):
    """Entries of exports taken before this day are past the log's retention period."""
    return add_months(today, -settings.EXPORT_LOG_MONTHS)


def export_log_purge(*, today):
    """Delete the export log's entries older than `EXPORT_LOG_MONTHS` (24): they name staff
    and are kept to answer "who took this arena's data out", which an arena's default
    retention period (24 months after its last day) bounds. Returns how many went."""
    start = datetime.datetime.combine(export_log_cutoff(today=today), datetime.time.min)
    deleted, _by_model = ExportLog.objects.filter(at__lt=timezone.make_aware(start)).delete()
    return deleted


def export_log_add(*, arena, user=None, what):
    """Note that `what` ("docx", "followup-csv", …) of the arena was taken out, and by whom."""
    return ExportLog.objects.create(
        arena=arena,
        user=user if user is not None and user.is_authenticated else None,
        username=user.get_username() if user is not None else COMMAND_LINE,
        what=what,
    )


def participant_data(participant):
    """Everything the app holds about the participant, as they may download it (JSON)."""
    arena = participant.arena
    changes = MeasureChange.objects.filter(by=participant).select_related("measure")
    comments = Comment.objects.filter(participant=participant).select_related("measure")
    return {
        "arena": {"title": arena.title, "start_date": arena.start_date.isoformat()},
        "participant": {
            "display_name": participant.display_name,
            "organisation": participant.organisation.name,
            "group": participant.group.name if participant.group else None,
            "email": participant.email,
            "consents_to_followup": participant.consents_to_followup,
            "joined_at": participant.joined_at.isoformat(),
        },
        "retention": {
            "months_after_the_arena": arena.retention_months,
            "anonymised_after": arena.retention_ends_on.isoformat(),
        },
        "measures_written_on": sorted(m.title for m in participant.authored_measures.all()),
        "changes": [
            {"measure": c.measure.title, "field": c.name, "value": c.value, "at": c.at.isoformat()}
            for c in changes.order_by("at", "pk")
        ],
        "comments": [
            {"measure": c.measure.title, "text": c.text, "at": c.created_at.isoformat()}
            for c in comments.order_by("created_at", "pk")
        ],
        "votes": [
            {"measure": v.measure.title, "dots": v.dots}
            for v in participant.votes.select_related("measure").order_by("pk")
        ],
        "commitments": [
            {"measure": c.measure.title, "role_kind": c.role_kind, "text": c.text}
            for c in participant.commitments.select_related("measure").order_by("pk")
        ],
    }
