"""The countdown of a program session (decision 40): start, pause, add time. Kept apart from
services.py, which is about the set-up; each write is keyword-only inside one transaction."""

import datetime

from django.db import transaction
from django.utils import timezone

from arena.revisions import arena_revision_bump

# Each write bumps the arena's revision, so the wall and the phones' cheap poll pick it up.
TIMER_ADD_SECONDS = 5 * 60


@transaction.atomic
def session_timer_start(*, session, seconds=None):
    """Run the timer: from where it was paused, else for `seconds` (the session's planned
    length by default)."""
    left = seconds or session.timer_left or session.planned_seconds
    session.timer_ends_at = timezone.now() + datetime.timedelta(seconds=left)
    session.timer_left = None
    session.save(update_fields=["timer_ends_at", "timer_left"])
    arena_revision_bump(arena_id=session.arena_id)


@transaction.atomic
def session_timer_pause(*, session):
    session.timer_left = session.timer_seconds_left(timezone.now())
    session.timer_ends_at = None
    session.save(update_fields=["timer_ends_at", "timer_left"])
    arena_revision_bump(arena_id=session.arena_id)


@transaction.atomic
def session_timer_add(*, session, seconds=TIMER_ADD_SECONDS):
    """Five more minutes, running or paused; a timer that has run out starts again."""
    now = timezone.now()
    if session.timer_ends_at is not None:
        session.timer_ends_at = max(session.timer_ends_at, now) + datetime.timedelta(
            seconds=seconds
        )
    else:
        session.timer_left = (session.timer_left or 0) + seconds
    session.save(update_fields=["timer_ends_at", "timer_left"])
    arena_revision_bump(arena_id=session.arena_id)


@transaction.atomic
def session_timer_reset(*, session):
    session.timer_ends_at = None
    session.timer_left = None
    session.save(update_fields=["timer_ends_at", "timer_left"])
    arena_revision_bump(arena_id=session.arena_id)
