"""The staff pages: booking, its htmx parts, confirmation (and its calendar file), my bookings."""

from __future__ import annotations

from django.urls import path

from .views import booking, calendar_file, confirmation, history, new_customer

app_name = "bookings"
urlpatterns = [
    path("", booking.home, name="home"),
    path("book/", booking.book, name="book"),
    path("book/parts/<str:part>/", booking.book_part, name="book_part"),
    path("book/customer/new/", new_customer.book_customer_new, name="book_customer_new"),
    path("book/done/<int:attempt_id>/", confirmation.confirmation, name="confirmation"),
    path(
        "bookings/<int:attempt_id>/calendar.ics",
        calendar_file.confirmation_ics,
        name="confirmation_ics",
    ),
    path("bookings/", history.my_bookings, name="my_bookings"),
    path("bookings/<int:attempt_id>/", history.attempt_detail, name="attempt_detail"),
    path("bookings/<int:attempt_id>/check/", history.attempt_check, name="attempt_check"),
    path("bookings/<int:attempt_id>/reopen/", history.attempt_reopen, name="attempt_reopen"),
]
