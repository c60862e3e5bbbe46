"""Reads for a safe set-up: what a change of status will do (said before it is done), and
what the arena still lacks before the day (decision 43)."""

import datetime

from django.utils.translation import gettext as _

from arena.dates import date_say
from arena.models import Arena, ProgramSession

ENDED = (Arena.Status.CLOSED, Arena.Status.FOLLOW_UP, Arena.Status.ARCHIVED)


def status_change_effects(arena, status):
    """What moving `arena` to `status` will do, in plain words, most important first."""
    if status == arena.status:
        return [_("Statusen er den samme som nå. Ingenting endres.")]
    effects = []
    if status == Arena.Status.OPEN:
        effects.append(
            _("Koden %(code)s virker: deltakerne kan bli med.") % {"code": arena.join_code_display}
        )
        if arena.status in ENDED:
            effects.append(_("Deltakerne kan igjen lage og endre tiltak, kommentere og stemme."))
        elif arena.editing_open:
            effects.append(_("Deltakerne kan lage og endre tiltak."))
        return effects
    if arena.status == Arena.Status.OPEN:
        effects.append(_("Koden slutter å virke: ingen nye kan bli med."))
    if status in ENDED and arena.status not in ENDED:
        effects.append(_("Ingen kan lenger endre tiltak, kommentere eller sette prikker."))
        current = arena.sessions.filter(is_current=True).first()
        if current is not None:
            effects.append(
                _("«%(title)s» avsluttes. Du kan starte den igjen hvis du åpner arenaen på nytt.")
                % {"title": current.title}
            )
    effects.append(_("Alt som er skrevet, kan fortsatt leses her og i oppsummeringen."))
    return effects


def _days(arena):
    day, days = arena.start_date, []
    while day <= arena.end_date and len(days) < 14:
        days.append(day)
        day += datetime.timedelta(days=1)
    return days


def setup_missing(arena):
    """What the arena still lacks for the day, e.g. ["program for dag 2", "bord"].

    Queries: the days that have sessions, whether there is a prioritisation, tables, problem
    areas = 4."""
    missing = []
    if not arena.purpose:
        missing.append(_("formål (invitasjonen)"))
    planned = set(arena.sessions.values_list("day", flat=True).distinct())
    for number, day in enumerate(_days(arena), start=1):
        if day not in planned:
            missing.append(
                _("program for dag %(n)s (%(date)s)")
                % {"n": number, "date": date_say(day, "short")}
            )
    if planned and not arena.sessions.filter(kind=ProgramSession.Kind.PRIORITISATION).exists():
        missing.append(_("en programpost for prioritering"))
    if not arena.groups.exists():
        missing.append(_("bord"))
    if not arena.problem_areas.exists():
        missing.append(_("problemstillinger"))
    if not arena.privacy_text:
        missing.append(_("personverntekst"))
    return missing
