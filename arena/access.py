"""The one place that decides who may see or change an arena.

Every object is reached through its arena. Outsiders get 404, never a hint that the arena
exists. Staff reach an arena through an `ArenaMembership` (facilitator or project lead);
participants have no account and reach their arena through the session, which holds the
participant id per arena after joining or after following their personal link.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from arena.models import Arena, ArenaMembership

Role = ArenaMembership.Role
STAFF_ROLES = frozenset(Role)
FACILITATOR_ONLY = frozenset({Role.FACILITATOR})

_SESSION_KEY = "participants"


def staff_role(user, arena):
    """The user's role in this arena, or None. Superusers (the county's IT) act as facilitators."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.FACILITATOR
    membership = ArenaMembership.objects.filter(arena=arena, user=user).only("role").first()
    return Role(membership.role) if membership else None


def staff_arenas(user):
    """The arenas a staff user may open, for "Mine arenaer"."""
    if user.is_superuser:
        return Arena.objects.all()
    return Arena.objects.filter(memberships__user=user).distinct()


def get_staff_arena(request, slug, roles=STAFF_ROLES):
    """The arena and the user's role, or 404 for anyone without one of `roles` in it.

    Views call this after `login_required`, so an anonymous visitor is sent to log in first.
    """
    arena = get_object_or_404(Arena, slug=slug)
    role = staff_role(request.user, arena)
    if role not in roles:
        raise Http404
    return arena, role


def login_participant(request, participant):
    """Remember the participant in this browser; a new session key stops session fixation."""
    request.session.cycle_key()
    joined = dict(request.session.get(_SESSION_KEY, {}))
    joined[str(participant.arena_id)] = participant.pk
    request.session[_SESSION_KEY] = joined


def current_participant(request, arena):
    """The participant this browser is in `arena`, or None."""
    from participants.models import Participant

    participant_id = request.session.get(_SESSION_KEY, {}).get(str(arena.pk))
    if participant_id is None:
        return None
    return (
        Participant.objects.select_related("organisation", "group")
        .filter(pk=participant_id, arena=arena)
        .first()
    )


def get_participant_arena(request, slug):
    """The arena and this browser's participant in it, or 404."""
    arena = get_object_or_404(Arena, slug=slug)
    participant = current_participant(request, arena)
    if participant is None:
        raise Http404
    participant.arena = arena  # saves a query wherever the participant's arena is read
    return arena, participant


def can_edit_measure(participant, measure):
    """Members of the measure's group may edit it while the arena accepts edits."""
    return (
        participant is not None
        and participant.group_id is not None
        and participant.group_id == measure.group_id
        and measure.arena.accepts_edits
    )
