"""Joining an arena and coming back to it: the writes of the participant journey."""

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from arena.access import editor_feed_revoke
from arena.revisions import arena_revision_bump
from participants.models import Organisation, Participant


def organisation_search(query, *, limit=8):
    """Registry entries whose name contains every word typed, shortest names first."""
    words = [w for w in (query or "").split() if w]
    if not words:
        return []
    organisations = Organisation.objects.all()
    for word in words:
        organisations = organisations.filter(name__icontains=word)
    return sorted(organisations[:50], key=lambda o: (len(o.name), o.name))[:limit]


def organisation_get_or_create(*, name, kind):
    """The registry entry with this name (case-insensitive), created with `kind` if missing."""
    name = " ".join(name.split())
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Organisation.objects.create(name=name, kind=kind)
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
):
    """Create the participant; a new organisation goes into the shared registry."""
    if organisation is None:
        organisation = organisation_get_or_create(
            name=new_organisation_name, kind=new_organisation_kind
        )
    participant = Participant.objects.create(
        arena=arena,
        display_name=" ".join(display_name.split()),
        organisation=organisation,
        group=group if not arena.groups_assigned else None,
        email=email,
        consents_to_followup=bool(email) and consents_to_followup,
    )
    arena_revision_bump(arena_id=arena.pk)  # the board counts who joined
    return participant


def resume_link_send(*, participant, url):
    """E-mail the personal link; only ever to the address the participant typed themselves."""
    if not participant.email:
        return 0
    context = {"participant": participant, "arena": participant.arena, "url": url}
    return send_mail(
        subject=_("Din lenke til %(arena)s") % {"arena": participant.arena.title},
        message=render_to_string("participants/email_resume_link.txt", context),
        from_email=None,
        recipient_list=[participant.email],
    )


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
