"""Joining an arena and coming back to it: the writes of the participant journey."""

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from arena.access import editor_feed_revoke
from arena.mail import mail_key, mail_queue
from arena.models import Arena
from arena.revisions import arena_revision_bump
from participants.models import Organisation, Participant


def organisation_search(query, *, arena, limit=8):
    """Registry entries `arena` is offered whose name contains every word typed, shortest
    names first."""
    words = [w for w in (query or "").split() if w]
    if not words:
        return []
    organisations = Organisation.objects.for_arena(arena)
    for word in words:
        organisations = organisations.filter(name__icontains=word)
    return sorted(organisations[:50], key=lambda o: (len(o.name), o.name))[:limit]


def organisation_get_or_create(*, name, kind, arena):
    """The registry entry with this name (case-insensitive), created with `kind` if missing.

    A new entry is unconfirmed and belongs to `arena` until staff confirm it (decision 30):
    whatever a participant types is suggested in their own arena only."""
    name = " ".join(name.split())
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Organisation.objects.create(name=name, kind=kind, added_in=arena)
    except IntegrityError:  # someone at the next table added the same actor a moment ago
        return Organisation.objects.get(name__iexact=name)


@transaction.atomic
def participant_join(
    *,
    arena,
    display_name,
    organisation=None,
    new_organisation_name="",
    new_organisation_kind="",
    group=None,
    email="",
    consents_to_followup=False,
    seated=False,
):
    """Create the participant; a new organisation goes into the shared registry.

    Where the facilitator seats people, `group` is kept only when `seated` (the participant
    came through a table's own link, which the facilitator handed out)."""
    if organisation is None:
        organisation = organisation_get_or_create(
            name=new_organisation_name, kind=new_organisation_kind, arena=arena
        )
    group = group if seated or not arena.groups_assigned else None
    if group is None and arena.auto_seating and not arena.groups_assigned:
        group = seat_automatically(arena=arena, kind=organisation.kind)
    participant = Participant.objects.create(
        arena=arena,
        display_name=" ".join(display_name.split()),
        organisation=organisation,
        group=group,
        email=email,
        consents_to_followup=bool(email) and consents_to_followup,
    )
    arena_revision_bump(arena_id=arena.pk)  # the board counts who joined
    return participant


def seat_automatically(*, arena, kind):
    """The table for someone of organisation kind `kind`: the one with the fewest of that kind,
    then the fewest people, then the first in order; None when the arena has no tables.

    Call it inside the join's transaction: it locks the arena's row, so joins at the same
    moment are seated one after another and each sees the ones before it (the join's
    revision bump takes the same lock anyway). Two queries, however many tables."""
    Arena.objects.select_for_update().filter(pk=arena.pk).values_list("pk").first()
    tables = arena.groups.annotate(
        same=Count("members", filter=Q(members__organisation__kind=kind)),
        people=Count("members"),
    ).order_by("same", "people", "order", "name")
    return tables.first()


def resume_link_send(*, participant, url):
    """Queue the personal link by e-mail; only ever to the address the participant typed
    themselves. Returns 1 if a mail was queued, 0 if there is none to send (or it was queued
    before: the link is the same, so it goes once)."""
    if not participant.email:
        return 0
    context = {"participant": participant, "arena": participant.arena, "url": url}
    _mail, created = mail_queue(
        key=mail_key("resume-link", participant.pk, participant.resume_token),
        arena=participant.arena,
        recipient=participant.email,
        subject=_("Din lenke til %(arena)s") % {"arena": participant.arena.title},
        body=render_to_string("participants/email_resume_link.txt", context),
    )
    return int(created)


@transaction.atomic
def organisation_confirm(*, arena, organisation):
    """Staff of `arena` take an organisation typed there into the shared registry."""
    if organisation.added_in_id != arena.pk:
        raise ValueError("organisation added in another arena")
    Organisation.objects.filter(pk=organisation.pk).update(confirmed=True)
    arena_revision_bump(arena_id=arena.pk)


@transaction.atomic
def participant_remove(*, participant):
    """Delete a participant and what points at them by name; keep the group's work.

    Their measures stay (they belong to the table, not to the person), their comments and
    their edits in the history stay under the name "Slettet deltaker", their commitments stay
    as the organisation's, and their dots go with them (a vote is one person's). Returns the
    number of renamed comments."""
    with translation.override(participant.arena.default_language):
        removed_name = _("Slettet deltaker")
    # Through the reverse relation: participants sits below measures and imports none of it.
    renamed = participant.comments.update(author_name=removed_name, participant=None)
    participant.edits.update(by_name=removed_name)  # the name copied into the edit history
    pk, arena_id = participant.pk, participant.arena_id
    participant.delete()
    arena_revision_bump(arena_id=arena_id)
    transaction.on_commit(lambda: editor_feed_revoke([pk]))  # their open editors go quiet
    return renamed
