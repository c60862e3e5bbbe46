"""The participant's home in the arena: what is on now, the measures of their own table and
the measures of every other table."""

from django.shortcuts import render
from django.urls import reverse

from arena.access import participant_perms
from arena.models import ProgramSession
from measures.forms_gallery import MeasureFilterForm
from measures.models import Measure


def arena_home(request, slug):
    perms = participant_perms(request, slug)
    arena, participant = perms.arena, perms.participant
    filters = MeasureFilterForm(request.GET or None, arena=arena)
    measures = list(filters.filter(Measure.objects.filter(arena=arena).with_rows()))
    ours = [m for m in measures if perms.is_member(m)]
    if filters.is_bound and perms.has_group:  # "Vårt bord" ignores the filters
        ours = list(Measure.objects.filter(group=participant.group_id).with_rows())
    context = {
        "arena": arena,
        "participant": participant,
        "session": ProgramSession.objects.filter(arena=arena, is_current=True).first(),
        "ours": ours,
        "measures": measures,
        "filters": filters,
        "link_hint": request.session.pop("show_link_hint", False),
        "resume_url": request.build_absolute_uri(
            reverse("participants:resume", kwargs={"token": participant.resume_token})
        ),
    }
    return render(request, "measures/arena_home.html", context)
