from __future__ import annotations

from django.apps import AppConfig


class ClientelingConfig(AppConfig):
    name = "booking_portal.clienteling"
    verbose_name = "Inside Omneo Clienteling"
