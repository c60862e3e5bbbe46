"""The facilitation screen's controls: which program session is current, whether editing is
open, whether the ranking is shown. The screen itself (measures/views/live.py) shows the
measures; these only change the arena."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from arena import services, timer
from arena.access import staff_perms
from arena.forms import CurrentSessionForm, TimerForm, ToggleForm
from arena.once import once


@login_required
@require_POST
def session_current(request, slug):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    form = CurrentSessionForm(request.POST, arena=arena)
    if form.is_valid():
        session = form.cleaned_data["session"]
        services.session_make_current(arena=arena, session=session)
        if session is None:
            messages.success(request, _("Ingen programpost er aktiv nå."))
        else:
            messages.success(
                request,
                _("Nå: %(title)s. Redigering er %(state)s.")
                % {
                    "title": session.title,
                    "state": _("åpen") if arena.editing_open else _("lukket"),
                },
            )
    return redirect("measures:facilitation", slug=arena.slug)


@login_required
@require_POST
def editing_toggle(request, slug):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    form = ToggleForm(request.POST)
    if form.is_valid():
        services.arena_set_editing(arena=arena, open=form.cleaned_data["value"])
        messages.success(
            request,
            _("Deltakerne kan nå lage og endre tiltak.")
            if arena.editing_open
            else _("Redigering er lukket. Deltakerne kan lese, men ikke endre."),
        )
    return redirect("measures:facilitation", slug=arena.slug)


@login_required
@require_POST
def ranking_toggle(request, slug):
    arena = staff_perms(request, slug, facilitator_only=True).arena
    form = ToggleForm(request.POST)
    if form.is_valid():
        services.arena_set_ranking_revealed(arena=arena, revealed=form.cleaned_data["value"])
        messages.success(
            request,
            _("Rangeringen vises nå.") if arena.ranking_revealed else _("Rangeringen er skjult."),
        )
    return redirect("measures:facilitation", slug=arena.slug)


TIMER_ACTIONS = {
    "start": lambda session, minutes: timer.session_timer_start(
        session=session, seconds=minutes * 60 if minutes else None
    ),
    "pause": lambda session, minutes: timer.session_timer_pause(session=session),
    "add": lambda session, minutes: timer.session_timer_add(session=session),
    "reset": lambda session, minutes: timer.session_timer_reset(session=session),
}


@login_required
@require_POST
def session_timer(request, slug):
    """The current session's countdown; without a current session there is nothing to time."""
    arena = staff_perms(request, slug, facilitator_only=True).arena
    session = get_object_or_404(arena.sessions, is_current=True)
    form = TimerForm(request.POST)
    if form.is_valid():
        action, minutes = TIMER_ACTIONS[form.cleaned_data["action"]], form.cleaned_data["minutes"]
        # Once per form: a double tap on «+5 min» adds five minutes, not ten (decision 66).
        if once(request, lambda: action(session, minutes)).first:
            messages.success(request, _("Nedtellingen er oppdatert."))
    return redirect("measures:facilitation", slug=arena.slug)
