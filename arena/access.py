"""The one place that decides who may see or change an arena.

Every object is reached through its arena. Outsiders get 404, never a hint that the arena
exists. Staff reach an arena through an `ArenaMembership` (facilitator or project lead);
participants have no account and reach their arena through the session, which holds the
participant id per arena after joining or after following their personal link.

A view asks once per request, `perms = staff_perms(request, slug)` or
`perms = participant_perms(request, slug)`, and passes `perms` to its template; views and
templates then read its properties (`perms.can_change_setup`, `perms.can_edit(measure)`, ...)
instead of deciding for themselves.
"""

import time
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.crypto import constant_time_compare, salted_hmac

from arena import security_log
from arena.cache import shared_cache_is_table
from arena.models import Arena, ArenaMembership, Plan, normalize_join_code

Role = ArenaMembership.Role

_SESSION_KEY = "participants"


@dataclass(frozen=True)
class Perms:
    """What one person may do in one arena: staff have a `role`, participants a `participant`.

    The measure is duck-typed (anything with `group_id`), so this module needs no measures app.
    """

    arena: Arena
    role: Role | None = None
    participant: object | None = None

    @property
    def is_facilitator(self):
        return self.role == Role.FACILITATOR

    @property
    def can_change_setup(self):
        """Facilitators change the set-up, the program and the live controls; leads read."""
        return self.is_facilitator

    @property
    def can_export(self):
        """Every staff member of the arena may take its data out (logged, decision 33) and
        see the background export jobs of it (decision 47); participants may not."""
        return self.role is not None

    @property
    def can_link_measures(self):
        """Facilitators link measures that are the same idea, merge them and undo it
        (decision 49); project leads see the suggestions and the links."""
        return self.is_facilitator

    @property
    def can_hide_comments(self):
        return self.is_facilitator

    @property
    def has_group(self):
        """A participant at a table; only they reach "Nytt tiltak" (for their table)."""
        return self.participant is not None and self.participant.group_id is not None

    @property
    def can_create_measure(self):
        return self.has_group and self.arena.accepts_edits

    def is_member(self, measure):
        """The group rule: a measure belongs to the table that wrote it."""
        return self.has_group and self.participant.group_id == measure.group_id

    def can_reach_editor(self, measure):
        """Only the measure's table reaches its editor (others get 404, like outsiders); while
        editing is closed the table still sees it, with a notice that nothing is saved."""
        return self.is_member(measure)

    def reads_another_tables_editor(self, measure):
        """A participant of this arena who opens another table's editor: not theirs to change,
        but every measure of their arena is theirs to read, so they are pointed to its
        read-only page instead of a bare 404. (Only this arena's measures get this far.)"""
        return self.participant is not None and not self.is_member(measure)

    def can_edit(self, measure):
        """Members of the measure's table may change it while the arena accepts edits."""
        return self.is_member(measure) and self.arena.accepts_edits

    @property
    def can_comment(self):
        """Comments and commitments are taken while the arena is open to participants."""
        return self.participant is not None and self.arena.is_joinable


def _role_key(user_id, arena_id):
    return f"staff-role:{user_id}:{arena_id}"


def staff_role(user, arena):
    """The user's role in this arena, or None. Superusers (the county's IT) act as facilitators.

    A role that exists is kept in the shared cache for `STAFF_ROLE_CACHE_SECONDS` (not where the
    cache is a table: a read would be a query too), decision 61."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.FACILITATOR
    seconds = settings.STAFF_ROLE_CACHE_SECONDS
    cached = seconds > 0 and not shared_cache_is_table()
    key = _role_key(user.pk, arena.pk)
    role = cache.get(key) if cached else None
    if role is None:
        membership = ArenaMembership.objects.filter(arena=arena, user=user).only("role").first()
        if membership is None:
            return None
        role = membership.role
        if cached:
            cache.set(key, role, seconds)
    return Role(role)


@receiver(post_save, sender=ArenaMembership, dispatch_uid="access.staff_role_saved")
@receiver(post_delete, sender=ArenaMembership, dispatch_uid="access.staff_role_deleted")
def _staff_role_forget(sender, instance, **kwargs):
    """Every change of a membership (the set-up page, the admin, a cascade) drops the cached
    role now and once it has committed."""
    if shared_cache_is_table():
        return
    key = _role_key(instance.user_id, instance.arena_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key), robust=True)


def staff_arenas(user):
    """The arenas a staff user may open, for "Mine arenaer"."""
    if user.is_superuser:
        return Arena.objects.all()
    return Arena.objects.filter(memberships__user=user).distinct()


def staff_perms(request, slug, *, facilitator_only=False):
    """The staff member's permissions in the arena, or 404 for anyone without a role in it
    (without the facilitator role, if `facilitator_only`).

    Views call this after `login_required`, so an anonymous visitor is sent to log in first.
    """
    arena = get_object_or_404(Arena, slug=slug)
    role = staff_role(request.user, arena)
    if role is None or (facilitator_only and role != Role.FACILITATOR):
        if request.user.is_authenticated:
            security_log.event(
                "staff_denied",
                request,
                arena=arena.slug,
                needs="facilitator" if facilitator_only else "member",
                **security_log.user_fields(request.user),
            )
        raise Http404
    return Perms(arena=arena, role=role)


def plans_changeable(user, plans):
    """The ids of `plans` this user may change (decision 30). A plan is shared by every arena
    that uses it, so only someone who runs all of them — a facilitator in each, or a
    superuser — may rename it or change its goals; a role in one arena (one's own, or a copy
    of someone else's) is not enough. One query."""
    ids = [p.pk for p in plans]
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(ids)
    run = ArenaMembership.objects.filter(user=user, role=Role.FACILITATOR).values("arena")
    not_run = Arena.objects.filter(plans=OuterRef("pk")).exclude(pk__in=run)
    return set(
        Plan.objects.filter(pk__in=ids).exclude(Exists(not_run)).values_list("pk", flat=True)
    )


def joinable_arena(raw_code):
    """The arena this join code opens, or None: anyone with the code may join while the
    arena is open, nobody after."""
    code = normalize_join_code(raw_code)
    if not code:
        return None
    arena = Arena.objects.filter(join_code=code).first()
    return arena if arena and arena.is_joinable else None


def table_seat(group, arena):
    """The secret part of a table's own join link, `<table id>-<mac>` (decision 29).

    Whoever opens it sits at that table, even where the facilitator seats people, so it must
    not be guessable from the arena's code; it is made of the join code, so a new code (the
    facilitator's "Ny kode") stops the old table links too."""
    mac = salted_hmac("table-seat", f"{arena.join_code}:{group.pk}").hexdigest()[:16]
    return f"{group.pk}-{mac}"


def seat_table(arena, seat):
    """The table of `arena` this seat (from `table_seat`) opens, or None."""
    pk, _, _mac = (seat or "").partition("-")
    if not pk.isdigit() or len(pk) > 18:
        return None
    group = arena.groups.filter(pk=int(pk)).first()
    if group is None or not constant_time_compare(table_seat(group, arena), seat):
        return None
    return group


def login_participant(request, participant):
    """Remember the participant in this browser; a new session key stops session fixation."""
    request.session.cycle_key()
    joined = dict(request.session.get(_SESSION_KEY, {}))
    joined[str(participant.arena_id)] = participant.pk
    request.session[_SESSION_KEY] = joined


def current_participant(request, arena):
    """The participant this browser is in `arena`, or None."""
    participant_id = request.session.get(_SESSION_KEY, {}).get(str(arena.pk))
    if participant_id is None:
        return None
    return (
        arena.participants.select_related("organisation", "group").filter(pk=participant_id).first()
    )


def participant_perms(request, slug):
    """This browser's participant's permissions in the arena, or 404.

    One query, the participant with its arena, organisation and table: every participant
    request asks this first, the autosave several times a second per table. A browser that
    joined no arena costs none."""
    joined = request.session.get(_SESSION_KEY, {})
    ids = [pk for pk in joined.values() if isinstance(pk, int)]
    # The arena's own relation names the model: this module needs no participants app.
    participants = Arena.participants.field.model.objects.select_related(
        "arena", "organisation", "group"
    )
    for participant in participants.filter(arena__slug=slug, pk__in=ids) if ids else ():
        if joined.get(str(participant.arena_id)) == participant.pk:
            return Perms(arena=participant.arena, participant=participant)
    raise Http404


# The live editor's changes feed is polled about once a second by every open editor, so it
# must not touch the session or the database: the editor page hands out a signed token saying
# which participant may read which measure's feed, and the feed checks only that (and a cached
# map of revoked participants, read in the same cache round trip as the feed itself).
FEED_SALT = "editor-feed"
FEED_MAX_AGE = 12 * 60 * 60  # one workshop day; the page gets a new token on every load
FEED_REVOKED_KEY = "editor-feed:revoked"


class FeedAccess(NamedTuple):
    participant_pk: int
    name: str  # for the others' presence line, without a query


def editor_feed_token(*, measure, participant):
    """A token for `measure`'s changes feed, for a participant who may reach its editor (the
    caller has checked `perms.can_reach_editor(measure)`)."""
    data = {"m": measure.pk, "p": participant.pk, "n": participant.display_name, "t": time.time()}
    return signing.dumps(data, salt=FEED_SALT, compress=True)


def editor_feed_access(token, *, measure_pk, revoked=None):
    """Who the token was made for (a `FeedAccess`), or 404 when it is forged, expired, for
    another measure, or for a participant who has since been removed or moved to another table.

    `revoked` is the cached map {participant: revoked at} (`FEED_REVOKED_KEY`) when the caller
    already fetched it."""
    try:
        data = signing.loads(token or "", salt=FEED_SALT, max_age=FEED_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    if not isinstance(data, dict) or data.get("m") != measure_pk:
        raise Http404
    if revoked is None:
        revoked = cache.get(FEED_REVOKED_KEY) or {}
    if data.get("t", 0) <= revoked.get(data.get("p"), -1):  # made before the person was moved
        raise Http404
    return FeedAccess(data["p"], data.get("n", ""))


def editor_feed_revoke(participant_pks):
    """Stop the feed tokens made so far for these participants (removed from the arena, or
    moved to another table); a page loaded afterwards gets a token that works. Tokens live 12
    hours at most, so the map forgets after that."""
    now = time.time()
    revoked = {
        pk: at for pk, at in (cache.get(FEED_REVOKED_KEY) or {}).items() if now - at < FEED_MAX_AGE
    }
    revoked.update(dict.fromkeys(participant_pks, now))
    cache.set(FEED_REVOKED_KEY, revoked, FEED_MAX_AGE)


# The phones' room poll (timer and facilitator's message, decision 41) is asked every few
# seconds by every participant page, so like the editor feed it reads no session and no
# database: the page hands out a signed token naming the arena, and the poll checks only that.
ROOM_SALT = "room-state"


def room_token(*, arena, participant):
    """A token for the arena's room poll, for a participant of it (the caller holds perms)."""
    data = {"a": arena.pk, "s": arena.slug, "p": participant.pk}
    return signing.dumps(data, salt=ROOM_SALT, compress=True)


def room_access(token, *, slug):
    """The id of the arena at `slug` that the token was made for, or 404 when it is forged,
    expired or for another arena."""
    try:
        data = signing.loads(token or "", salt=ROOM_SALT, max_age=FEED_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    if not isinstance(data, dict) or data.get("s") != slug or not isinstance(data.get("a"), int):
        raise Http404
    return data["a"]
