"""Follow-up after the arena: personal links for measure owners, their status reports, and the
project lead's overview of every agreed measure (reads in a fixed number of queries)."""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from arena.mail import mail_key, mail_queue
from arena.models import Arena
from arena.revisions import arena_revision_bump
from measures import editor_feed
from measures.models import FollowUpUpdate, Measure, MeasureActor

# A measure whose owner has not reported for this many weeks is "stalled"; the page can ask for
# another number with ?uker=N.
DEFAULT_STALLED_WEEKS = getattr(settings, "FOLLOWUP_STALLED_WEEKS", 8)

# What an owner's report means for the measure's own status; "not started" leaves it agreed.
MEASURE_STATUS_AFTER_REPORT = {
    FollowUpUpdate.Status.STARTED: Measure.Status.STARTED,
    FollowUpUpdate.Status.ON_TRACK: Measure.Status.STARTED,
    FollowUpUpdate.Status.DELAYED: Measure.Status.STARTED,
    FollowUpUpdate.Status.COMPLETED: Measure.Status.COMPLETED,
    FollowUpUpdate.Status.STOPPED: Measure.Status.STOPPED,
}


def followed(queryset):
    """Measures under follow-up: the agreed ones, and those stopped after an owner reported it
    (a measure stopped during the arena was never followed up)."""
    reported = FollowUpUpdate.objects.filter(measure=OuterRef("pk"))
    return queryset.alias(has_reports=Exists(reported)).filter(
        Q(status__in=Measure.AGREED_STATUSES) | Q(status=Measure.Status.STOPPED, has_reports=True)
    )


@dataclass(frozen=True)
class UpdateRow:
    status: str
    status_label: str
    text: str
    reported_by: str
    reported_on: datetime.date


@dataclass(frozen=True)
class FollowUpRow:
    pk: int
    title: str
    measure_status_label: str
    lead: str
    contact_name: str
    contact_email: str
    has_link: bool
    latest: UpdateRow | None
    history: tuple
    stalled: bool
    weeks_since: int | None


def followed_measures(arena):
    """Agreed (and later stopped) measures with actors and reports: 4 queries."""
    return (
        followed(Measure.objects.filter(arena=arena))
        .prefetch_related(
            Prefetch("actors", queryset=MeasureActor.objects.select_related("organisation")),
            Prefetch("followups", queryset=FollowUpUpdate.objects.order_by("-reported_on", "-id")),
        )
        .order_by("title", "id")
    )


def followup_overview(arena, *, stalled_weeks=DEFAULT_STALLED_WEEKS, today=None):
    """One row per followed measure with its latest report and history, newest first.

    A measure is stalled when it is still running and its latest report (or, without one, the
    end of the arena) is more than `stalled_weeks` weeks old."""
    today = today or timezone.localdate()
    rows = []
    for m in followed_measures(arena):
        history = tuple(
            UpdateRow(u.status, str(u.get_status_display()), u.text, u.reported_by, u.reported_on)
            for u in m.followups.all()
        )
        latest = history[0] if history else None
        since = latest.reported_on if latest else arena.end_date
        weeks = (today - since).days // 7
        finished = latest and latest.status in (
            FollowUpUpdate.Status.COMPLETED,
            FollowUpUpdate.Status.STOPPED,
        )
        lead = next((a for a in m.actors.all() if a.role_kind == MeasureActor.Role.LEAD), None)
        rows.append(
            FollowUpRow(
                pk=m.pk,
                title=m.title,
                measure_status_label=str(m.get_status_display()),
                lead=lead.organisation.name if lead else "",
                contact_name=m.contact_name,
                contact_email=m.contact_email,
                has_link=bool(m.followup_token),
                latest=latest,
                history=history,
                stalled=not finished and weeks >= stalled_weeks,
                weeks_since=weeks if latest else None,
            )
        )
    return tuple(rows)


@transaction.atomic
def measure_status_move(*, measure, status):
    """Move a measure to `status`; an agreed status needs exactly one lead actor."""
    if status in Measure.AGREED_STATUSES:
        leads = measure.actors.filter(role_kind=MeasureActor.Role.LEAD).count()
        if leads != 1:
            raise ValidationError(
                _("Tiltaket må ha nøyaktig én ansvarlig aktør før det kan vedtas."),
                code="lead_actor_required",
            )
    measure.status = status
    measure.save(update_fields=["status", "updated_at"])
    if measure.group_id:
        group_id = measure.group_id
        transaction.on_commit(lambda: editor_feed.table_cards_touch(group_id))
    arena_revision_bump(arena_id=measure.arena_id)
    return measure


def followup_token_ensure(*, measure):
    """The measure's personal follow-up token, made once with `secrets.token_urlsafe`."""
    if not measure.followup_token:
        measure.followup_token = secrets.token_urlsafe(32)
        measure.save(update_fields=["followup_token"])
    return measure.followup_token


@transaction.atomic
def measure_contact_set(*, measure, name, email):
    """Set who reports status after the arena. A new e-mail address gets a new follow-up link
    when links are next sent: the previous contact's link stops working."""
    current = Measure.objects.select_for_update().get(pk=measure.pk)
    fields = ["contact_name", "contact_email"]
    if email != current.contact_email and current.followup_token:
        current.followup_token = None
        fields.append("followup_token")
    current.contact_name, current.contact_email = name, email
    current.save(update_fields=fields)
    return current


@transaction.atomic
def followup_report(*, measure, status, text, reported_by, today=None):
    """Keep the owner's dated report and move the measure along with it."""
    update = FollowUpUpdate.objects.create(
        measure=measure,
        status=status,
        text=text,
        reported_by=reported_by,
        reported_on=today or timezone.localdate(),
    )
    new_status = MEASURE_STATUS_AFTER_REPORT.get(status)
    if new_status and new_status != measure.status:
        measure_status_move(measure=measure, status=new_status)
    return update


def followups_send(*, arena, base_url):
    """Queue an e-mail with each agreed measure's personal link to its contact. Returns
    (queued, already queued, skipped titles).

    Measures without a contact e-mail are skipped and named, so the project lead can add one.
    A link queued before is not queued again (a second click, or a retry after an error, sends
    no duplicates); a new contact gets a new link and so a new mail. A closed arena moves on to
    follow-up: sending the links is what starts that phase."""
    if arena.status == Arena.Status.CLOSED:
        arena.status = Arena.Status.FOLLOW_UP
        arena.save(update_fields=["status", "updated_at"])
        arena_revision_bump(arena_id=arena.pk)
    queued, already, skipped = 0, 0, []
    for measure in Measure.objects.filter(arena=arena, status__in=Measure.AGREED_STATUSES).order_by(
        "title", "id"
    ):
        if not measure.contact_email:
            skipped.append(measure.title)
            continue
        with transaction.atomic():
            token = followup_token_ensure(measure=measure)
            link = base_url.rstrip("/") + reverse("measures:followup-report", args=[token])
            context = {"arena": arena, "measure": measure, "link": link}
            _mail, created = mail_queue(
                key=mail_key("followup", measure.pk, token, measure.contact_email),
                arena=arena,
                recipient=measure.contact_email,
                subject=_("Hvordan går det med «%(title)s»?") % {"title": measure.title},
                body=render_to_string("measures/followup_email.txt", context),
            )
        queued, already = queued + created, already + (not created)
    return queued, already, skipped
