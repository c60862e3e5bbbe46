"""A participant who opens a measure that was merged into another (a bookmark, a card on a
page loaded before) is pointed to the kept one instead of a bare 404 (decision 49). The saves,
comments and dots of a merged measure stay 404: it takes nothing any more."""

import functools

from django.http import Http404
from django.shortcuts import render

from measures.models import Measure


class MergedAway(Http404):
    def __init__(self, arena, measure):
        super().__init__()
        self.arena, self.measure = arena, measure


def measure_or_merged(perms, queryset, pk):
    """The standing measure `pk` of the participant's arena from `queryset`; for a measure
    merged into another, `MergedAway` (a 404 unless the view points onwards); else 404.
    The extra query is paid only on the way to a 404."""
    measure = queryset.filter(arena=perms.arena, pk=pk).first()
    if measure is not None:
        return measure
    merged = (
        Measure.everything.filter(arena=perms.arena, pk=pk, merged_into__isnull=False)
        .select_related("merged_into")
        .first()
    )
    if merged is not None:
        raise MergedAway(perms.arena, merged)
    raise Http404


def pointing_to_the_kept_measure(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except MergedAway as away:
            context = {"arena": away.arena, "measure": away.measure}
            return render(request, "measures/measure_merged.html", context)

    return wrapped
