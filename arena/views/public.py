from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import render

from arena.access import staff_arenas
from arena.models import ArenaMembership
from measures.models import Measure
from participants.models import Participant


def _count(model):
    rows = model.objects.filter(arena=OuterRef("pk")).order_by().values("arena")
    return Coalesce(
        Subquery(rows.annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def start(request):
    """Anonymous visitors see the landing page; logged-in staff their arenas ("Mine arenaer")."""
    if not request.user.is_authenticated:
        return render(request, "arena/start.html")
    # One query: the arenas with their counts and the user's role (none for superusers).
    roles = ArenaMembership.objects.filter(arena=OuterRef("pk"), user=request.user)
    arenas = staff_arenas(request.user).annotate(
        measure_count=_count(Measure),
        participant_count=_count(Participant),
        my_role=Subquery(roles.values("role")[:1]),
    )
    return render(
        request,
        "arena/arena_list.html",
        {"arenas": arenas, "roles": dict(ArenaMembership.Role.choices)},
    )


def accessibility_statement(request):
    return render(request, "accessibility_statement.html")
