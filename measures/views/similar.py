"""While a table writes a title and description, measures from other tables that look alike
(decision 48): on the editor's first two steps and the review page, and as a fragment that
htmx fetches again when the title or description changes."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from measures.models.measure import ANSWER_MAX_LENGTH
from measures.similar import table_suggestions
from measures.views.editor import editor_measure


@require_GET
def measure_similar(request, slug, pk):
    perms, measure = editor_measure(request, slug, pk)
    title = request.GET.get("title")
    description = request.GET.get("description")
    if description is not None:
        description = description[:ANSWER_MAX_LENGTH]
    context = {"arena": perms.arena, "measure": measure}
    context["similar"] = table_suggestions(
        measure, arena=perms.arena, title=title, description=description
    )
    return render(request, "measures/_similar_participant.html", context)
