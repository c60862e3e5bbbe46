from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from measures.models import (
    Comment,
    Commitment,
    ExportJob,
    ExportLog,
    FollowUpUpdate,
    Funding,
    Indicator,
    Measure,
    MeasureActor,
    MeasureChange,
    MeasureLink,
    Room,
    Vote,
)


class MeasureActorInline(admin.TabularInline):
    model = MeasureActor
    extra = 0
    autocomplete_fields = ["organisation"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class FundingInline(admin.TabularInline):
    model = Funding
    extra = 0
    autocomplete_fields = ["organisation"]


class FollowUpUpdateInline(admin.TabularInline):
    model = FollowUpUpdate
    extra = 0


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["title", "arena", "group", "status", "direction", "horizon", "updated_at"]
    list_filter = ["arena", "status", "direction", "horizon", "problem_areas"]
    search_fields = ["title", "description", "goal", "actors__organisation__name"]

    filter_horizontal = ["problem_areas", "target_groups", "plan_goals", "authors"]
    readonly_fields = ["version", "created_at", "updated_at", "creation_key", "last_edited_by"]
    exclude = ["followup_token"]
    inlines = [MeasureActorInline, IndicatorInline, FundingInline, FollowUpUpdateInline]

    def get_queryset(self, request):
        # Merged measures too (decision 49): `Measure.objects` leaves them out.
        return Measure.everything.select_related("arena", "group")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["author_name", "measure", "hidden", "created_at"]
    list_filter = ["hidden", "measure__arena"]
    search_fields = ["text", "author_name"]
    list_editable = ["hidden"]


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["participant", "measure", "dots", "updated_at"]
    list_filter = ["measure__arena"]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["organisation", "measure", "role_kind", "created_at"]
    list_filter = ["role_kind", "measure__arena"]
    search_fields = ["organisation__name", "text"]


@admin.register(FollowUpUpdate)
class FollowUpUpdateAdmin(admin.ModelAdmin):
    list_display = ["measure", "status", "reported_on", "reported_by"]
    list_filter = ["status", "measure__arena"]
    search_fields = ["text", "measure__title"]


@admin.register(MeasureActor)
class MeasureActorAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "measure", "role_kind", "role_text"]
    list_filter = ["role_kind", "measure__arena"]
    search_fields = ["organisation__name", "measure__title", "role_text"]
    autocomplete_fields = ["organisation"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "target", "due", "measure"]
    list_filter = ["measure__arena"]
    search_fields = ["indicator", "measure__title"]


@admin.register(Funding)
class FundingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "measure", "kind", "status", "amount"]
    list_filter = ["kind", "status", "measure__arena"]
    search_fields = ["organisation__name", "source", "measure__title"]
    autocomplete_fields = ["organisation"]


@admin.register(MeasureChange)
class MeasureChangeAdmin(admin.ModelAdmin):
    """The editor's exact history (who changed which field when), for support questions."""

    list_display = ["measure", "revision", "name", "by_name", "at"]
    list_filter = ["kind"]
    search_fields = ["measure__title", "name", "by_name"]
    raw_id_fields = ["measure", "by"]


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    """Who took which export of an arena, and when (decision 33)."""

    list_display = ["arena", "what", "username", "at"]
    list_filter = ["what", "arena"]
    search_fields = ["username", "what", "arena__title"]
    raw_id_fields = ["arena", "user"]


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """The big exports built by the worker (decision 47): what waits, what failed and why.
    The file itself is not shown; it is downloaded from the job page."""

    list_display = ["arena", "format", "status", "size", "error", "created_at", "finished_at"]
    list_filter = ["status", "format"]
    search_fields = ["arena__title"]
    raw_id_fields = ["arena", "user"]
    readonly_fields = ["size", "error", "started_at", "finished_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    """What an arena's projector shows and the phones' message, for support questions."""

    list_display = ["arena", "mode", "phone_message", "phone_message_at"]
    raw_id_fields = ["arena", "gallery_measure"]


@admin.register(MeasureLink)
class MeasureLinkAdmin(admin.ModelAdmin):
    """Links and merges of measures (decision 49); made and undone on the staff pages, where
    an undo moves back what the merge moved, so they are read here, not changed."""

    list_display = ["source", "target", "kind", "created_at", "undone_at"]
    list_filter = ["kind", "arena"]
    readonly_fields = ["moved"]
    raw_id_fields = ["source", "target"]
