"""The Omneo integration (HTTP and JSON, no forms); get the client from get_omneo_client()."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

from .client import OmneoClient

OMNEO_SETTINGS = frozenset(
    {
        "OMNEO_BASE_URL",
        "OMNEO_API_TOKEN",
        "OMNEO_CONNECT_TIMEOUT",
        "OMNEO_READ_TIMEOUT",
        "OMNEO_READ_RETRIES",
        "OMNEO_LOOKUP_BUDGET",
        "PORTAL_DEFAULT_TIMEZONE",
    }
)


@cache
def get_omneo_client() -> OmneoClient:
    """The process's one client, built from settings."""
    if not settings.OMNEO_API_TOKEN:
        raise ImproperlyConfigured("OMNEO_API_TOKEN is not set.")
    return OmneoClient(
        base_url=settings.OMNEO_BASE_URL,
        token=settings.OMNEO_API_TOKEN,
        connect_timeout=settings.OMNEO_CONNECT_TIMEOUT,
        read_timeout=settings.OMNEO_READ_TIMEOUT,
        read_retries=settings.OMNEO_READ_RETRIES,
        lookup_budget=settings.OMNEO_LOOKUP_BUDGET,
        default_timezone=settings.PORTAL_DEFAULT_TIMEZONE,
    )


@receiver(setting_changed)
def _forget_client_on_settings_change(*, setting: str, **_: object) -> None:
    if setting in OMNEO_SETTINGS:
        get_omneo_client.cache_clear()


__all__ = ["OmneoClient", "get_omneo_client"]
