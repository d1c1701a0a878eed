"""The store's day, one appointment's actions, the waitlist and the walk-ins."""

from __future__ import annotations

from django.urls import path

from .views import actions, checks, day, waitlist, walkins

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
    path("day/parts/walk-ins/", walkins.walk_ins_part, name="walk_ins_part"),
    path("day/walk-ins/add/", walkins.walk_in_add, name="walk_in_add"),
    path("day/walk-ins/customers/", walkins.walk_in_customers_part, name="walk_in_customers"),
    path("day/walk-ins/<int:entry_id>/act/", walkins.walk_in_act, name="walk_in_act"),
    path("day/walk-ins/<int:entry_id>/link/", walkins.walk_in_link, name="walk_in_link"),
]
