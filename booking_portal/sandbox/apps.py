"""The built-in Omneo sandbox, mounted only when no tenant is configured."""

from __future__ import annotations

from django.apps import AppConfig


class SandboxConfig(AppConfig):
    name = "booking_portal.sandbox"
    label = "sandbox"
    verbose_name = "Omneo sandbox"
