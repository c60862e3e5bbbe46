from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import render

from arena.access import staff_arenas
from arena.models import Arena, ArenaMembership


def _count(related_name):
    """How many rows of another app point at the arena, as a subquery (joins for two counts
    would multiply each other). The model is found through the arena's reverse relation, so
    the base app counts measures without importing the app above it."""
    model = Arena._meta.get_field(related_name).related_model
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
        measure_count=_count("measures"),
        participant_count=_count("participants"),
        my_role=Subquery(roles.values("role")[:1]),
    )
    return render(
        request,
        "arena/arena_list.html",
        {"arenas": arenas, "roles": dict(ArenaMembership.Role.choices)},
    )


def accessibility_statement(request):
    return render(request, "accessibility_statement.html")


def privacy(request):
    """What is stored, for how long, and how it is deleted: for participants and for the
    county's privacy officer (the README says the same for those who run the app)."""
    return render(
        request,
        "privacy.html",
        {
            "export_log_months": settings.EXPORT_LOG_MONTHS,
            "outbox_keep_days": settings.OUTBOX_KEEP_DAYS,
            "controller": settings.PRIVACY_CONTROLLER,
            "contact_email": settings.PRIVACY_CONTACT_EMAIL,
            "dpo_email": settings.PRIVACY_DPO_EMAIL,
        },
    )
