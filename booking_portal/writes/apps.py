from __future__ import annotations

from django.apps import AppConfig


class WritesConfig(AppConfig):
    name = "booking_portal.writes"
    verbose_name = "Writes to Omneo"
    default_auto_field = "django.db.models.BigAutoField"
