from __future__ import annotations

from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "booking_portal.appointments"
    verbose_name = "The store's day"
    default_auto_field = "django.db.models.BigAutoField"
