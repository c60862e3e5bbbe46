"""Facilitators' and project leads' pages on the measures: the Tiltak tab and one measure."""

from django.urls import path

from measures.views import staff

_M = "a/<slug:slug>/tiltak/<int:pk>/"

urlpatterns = [
    path("a/<slug:slug>/tiltak/", staff.measure_overview, name="measure-overview"),
    path(_M, staff.measure_staff_detail, name="measure-staff-detail"),
    path(_M + "status/", staff.measure_status_change, name="measure-status-change"),
    path(_M + "kontakt/", staff.measure_contact_change, name="measure-contact-change"),
]
