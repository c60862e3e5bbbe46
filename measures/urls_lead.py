"""Project leads' and facilitators' pages after the arena: summary, exports and follow-up,
plus the measure owner's follow-up page (a secret link, no account)."""

from django.urls import path

from measures.views import lead

urlpatterns = [
    path("a/<slug:slug>/oppsummering/", lead.summary_detail, name="summary-detail"),
    path(
        "a/<slug:slug>/oppsummering/last-ned/<str:fmt>/",
        lead.summary_export,
        name="summary-export",
    ),
    path("a/<slug:slug>/oppfolging/", lead.followup_list, name="followup-list"),
    path("a/<slug:slug>/oppfolging/send/", lead.followup_send, name="followup-send"),
    path("a/<slug:slug>/oppfolging/last-ned/", lead.followup_export, name="followup-export"),
    path("oppfolging/<str:token>/", lead.followup_report_view, name="followup-report"),
]
