"""The sandbox's routes, under /sandbox/api/."""

from __future__ import annotations

from django.urls import path, re_path

from .appointments import views as appointments
from .availability import views as availability
from .catalogue import views as catalogue
from .clienteling import views as clienteling
from .fault_views import fault_control
from .http import unknown
from .profiles import views as profiles
from .queues import views as queues
from .visits import views as visits
from .waitlists import views as waitlists

definition = "v3/appointment-definitions/<int:definition_id>"
urlpatterns = [
    path("v3/appointment-definitions", catalogue.definition_list, name="sandbox-definitions"),
    path(definition, catalogue.definition_detail),
    path(f"{definition}/questions", catalogue.definition_questions),
    path(f"{definition}/locations", catalogue.definition_locations),
    path(f"{definition}/available-staff", availability.available_staff),
    path(f"{definition}/available-slots", availability.available_slots),
    path(f"{definition}/available-slots-range", availability.available_slots_range),
    path("v3/locations", catalogue.location_list, name="sandbox-locations"),
    path("v3/locations/<int:location_id>", catalogue.location_detail),
    path("v3/profiles", profiles.profiles, name="sandbox-profiles"),
    path("v3/profiles/availability", profiles.profile_availability),
    path("v3/profiles/<str:profile_id>", profiles.profile_detail),
    path("v3/profiles/<str:profile_id>/appointments", appointments.profile_appointments),
    path("v3/profiles/<str:profile_id>/visits", visits.visits),
    path("v3/profiles/<str:profile_id>/visits/<int:visit_id>", visits.visit_detail),
    path("v3/appointments", appointments.appointments, name="sandbox-appointments"),
    path("v3/appointments/<int:appointment_id>", appointments.appointment_detail),
    path(
        "v3/appointment-waitlists",
        waitlists.waitlist_entries,
        name="sandbox-appointment-waitlists",
    ),
    path("v3/appointment-waitlists/<int:entry_id>", waitlists.waitlist_entry),
    path("v3/appointment-queues", queues.queue_entries, name="sandbox-appointment-queues"),
    path("v3/appointment-queues/<int:entry_id>", queues.queue_entry),
    path("v3/auth/verify", clienteling.auth_verify, name="sandbox-auth-verify"),
    path("v3/users/me", clienteling.users_me, name="sandbox-users-me"),
    path("v3/tenants/custom-fields", clienteling.custom_fields, name="sandbox-custom-fields"),
    path("v3/tenants/custom-fields/<str:key>", clienteling.custom_field),
    path("_faults", fault_control, name="sandbox-faults"),
    re_path(r"^(?P<rest>.*)$", unknown),
]
