"""The store's day, one appointment's actions, and the waitlist."""

from __future__ import annotations

from django.urls import path

from .views import actions, checks, day, waitlist

app_name = "appointments"
urlpatterns = [
    path("day/", day.day, name="day"),
    path("day/parts/list/", day.day_list, name="day_list"),
    path("day/appointments/<int:appointment_id>/", actions.detail, name="detail"),
    path("day/appointments/<int:appointment_id>/act/", actions.act, name="act"),
    path("day/appointments/<int:appointment_id>/cancel/", actions.cancel, name="cancel"),
    path(
        "day/appointments/<int:appointment_id>/reschedule/",
        actions.reschedule,
        name="reschedule",
    ),
    path("day/changes/<int:write_id>/check/", checks.write_check_again, name="write_check"),
    path("day/waitlist/add/", waitlist.waitlist_add, name="waitlist_add"),
    path("day/openings/dismiss/", waitlist.opening_dismiss_view, name="opening_dismiss"),
    path(
        "day/waitlist/customers/",
        waitlist.waitlist_customers_part,
        name="waitlist_customers",
    ),
    path("day/waitlist/<int:entry_id>/book/", waitlist.waitlist_book, name="waitlist_book"),
    path("day/waitlist/<int:entry_id>/fulfil/", waitlist.waitlist_fulfil, name="waitlist_fulfil"),
]
