"""The sandbox's routes, under /sandbox/api/."""

from __future__ import annotations

from django.urls import path, re_path

from . import appointment_views, availability_views, profile_views, views, waitlist_views

definition = "v3/appointment-definitions/<int:definition_id>"
urlpatterns = [
    path("v3/appointment-definitions", views.definition_list, name="sandbox-definitions"),
    path(definition, views.definition_detail),
    path(f"{definition}/questions", views.definition_questions),
    path(f"{definition}/locations", views.definition_locations),
    path(f"{definition}/available-staff", availability_views.available_staff),
    path(f"{definition}/available-slots", availability_views.available_slots),
    path(f"{definition}/available-slots-range", availability_views.available_slots_range),
    path("v3/locations", views.location_list, name="sandbox-locations"),
    path("v3/locations/<int:location_id>", views.location_detail),
    path("v3/profiles", profile_views.profiles, name="sandbox-profiles"),
    path("v3/profiles/availability", profile_views.profile_availability),
    path("v3/profiles/<str:profile_id>", profile_views.profile_detail),
    path("v3/appointments", appointment_views.appointments, name="sandbox-appointments"),
    path("v3/appointments/<int:appointment_id>", appointment_views.appointment_detail),
    path(
        "v3/appointment-waitlists",
        waitlist_views.waitlist_entries,
        name="sandbox-appointment-waitlists",
    ),
    path("v3/appointment-waitlists/<int:entry_id>", waitlist_views.waitlist_entry),
    path("_faults", appointment_views.fault_control, name="sandbox-faults"),
    re_path(r"^(?P<rest>.*)$", appointment_views.unknown),
]
