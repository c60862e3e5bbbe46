from django.contrib import admin
from django.db import models

from arena.login import AdminLoginForm
from arena.models import (
    Arena,
    ArenaMembership,
    Group,
    HandledOp,
    OutgoingMail,
    Plan,
    PlanGoal,
    ProblemArea,
    ProgramSession,
    TargetGroup,
)


class PlanGoalInline(admin.TabularInline):
    model = PlanGoal
    extra = 1


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    # Django 6 assumes https for scheme-less URLs; say so now rather than rely on the default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "short_name"]
    search_fields = ["title", "short_name", "goals__text"]
    inlines = [PlanGoalInline]


class ArenaMembershipInline(admin.TabularInline):
    model = ArenaMembership
    extra = 1
    autocomplete_fields = ["user"]


class ProgramSessionInline(admin.TabularInline):
    model = ProgramSession
    extra = 0
    fields = ["day", "starts_at", "ends_at", "title", "kind", "allows_editing", "is_current"]


class GroupInline(admin.TabularInline):
    model = Group
    extra = 0
    fields = ["name", "order"]


@admin.register(Arena)
class ArenaAdmin(admin.ModelAdmin):
    list_display = ["title", "start_date", "end_date", "status", "join_code", "venue"]
    list_filter = ["status", "default_language"]
    search_fields = ["title", "slug", "join_code", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["plans"]
    date_hierarchy = "start_date"
    inlines = [ArenaMembershipInline, ProgramSessionInline, GroupInline]


@admin.register(ProgramSession)
class ProgramSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "arena", "day", "starts_at", "ends_at", "kind", "is_current"]
    list_filter = ["kind", "is_current", "arena"]
    search_fields = ["title", "instructions"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "arena", "order"]
    list_filter = ["arena"]
    search_fields = ["name"]
    filter_horizontal = ["problem_areas"]


@admin.register(ArenaMembership)
class ArenaMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "arena", "role", "created_at"]
    list_filter = ["role", "arena"]
    search_fields = ["user__username", "user__email", "arena__title"]
    autocomplete_fields = ["user"]


@admin.register(PlanGoal)
class PlanGoalAdmin(admin.ModelAdmin):
    list_display = ["text", "plan", "order"]
    list_filter = ["plan"]
    search_fields = ["text", "plan__title"]


@admin.register(ProblemArea)
class ProblemAreaAdmin(admin.ModelAdmin):
    list_display = ["title", "arena", "order"]
    list_filter = ["arena"]
    search_fields = ["title", "description"]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "arena", "order"]
    list_filter = ["arena"]
    search_fields = ["name"]


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """What waits to be sent, what was sent and what failed (decision 28); read-only: the
    worker owns these rows."""

    list_display = ["key", "recipient", "created_at", "attempts", "sent_at", "given_up_at"]
    list_filter = ["arena"]
    search_fields = ["recipient"]
    exclude = ["body"]  # a personal link until it is sent
    readonly_fields = [f.name for f in OutgoingMail._meta.fields if f.name != "body"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# guard: the admin's sign-in is throttled like the staff sign-in (arena/login.py).
admin.site.login_form = AdminLoginForm


@admin.register(HandledOp)
class HandledOpAdmin(admin.ModelAdmin):
    """The staff forms acted on in the last day (decision 66); read-only: a row exists because
    its action happened."""

    list_display = ["op", "user", "at", "answer"]
    readonly_fields = ["op", "user", "at", "answer"]

    def has_add_permission(self, request):
        return False
