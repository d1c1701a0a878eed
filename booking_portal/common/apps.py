from __future__ import annotations

from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Registers the shared template tags (store times)."""

    name = "booking_portal.common"
    label = "common"
