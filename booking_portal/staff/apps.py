from __future__ import annotations

from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "booking_portal.staff"
    label = "staff"
    verbose_name = "Staff"
