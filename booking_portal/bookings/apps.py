"""The staff booking workflow and its records."""

from __future__ import annotations

from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "booking_portal.bookings"
    label = "bookings"
    verbose_name = "Bookings"
