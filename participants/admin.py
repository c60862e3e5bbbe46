from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from participants.models import Organisation, Participant


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "confirmed", "added_in", "created_at"]
    list_filter = ["confirmed", "kind", "municipality"]
    search_fields = ["name", "municipality"]
    actions = ["confirm"]

    @admin.action(description=_("Bekreft valgte aktører (foreslås i alle arenaer)"))
    def confirm(self, request, queryset):
        queryset.update(confirmed=True)


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["display_name", "organisation", "arena", "group", "joined_at"]
    list_filter = ["arena", "organisation__kind"]
    search_fields = ["display_name", "email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    # The resume token is a credential: shown to nobody, not even in the admin.
    exclude = ["resume_token"]
