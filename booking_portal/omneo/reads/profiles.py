"""Customers: searches, profiles and their appointments, kept briefly; forgotten on change."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.resources import Appointment, Person

from .cache import bump_generation, cache_key, generation, read_through

PROFILE_SECONDS = 30
APPOINTMENTS_SECONDS = 30  # a customer's appointments: the panel, and the overlap check on submit
GENERATION_KEEP_SECONDS = 60 * 60  # outlives every search entry keyed with it


def _client(client: OmneoClient | None) -> OmneoClient:
    return client or get_omneo_client()


def profile_search(*, term: str, client: OmneoClient | None = None) -> list[Person]:
    """Customers matching a name, email or phone; nothing for fewer than 2 characters."""
    term = term.strip()
    if len(term) < 2:
        return []
    digest = hashlib.sha256(term.lower().encode()).hexdigest()[:32]
    return read_through(
        cache_key("profiles", generation(cache_key("profiles-generation")), digest),
        lambda: _client(client).profile_search(term),
        seconds=PROFILE_SECONDS,
    )


def profiles_forget() -> None:
    """Drop every cached customer search: a customer was (or may have been) just added."""
    bump_generation(cache_key("profiles-generation"), keep=GENERATION_KEEP_SECONDS)


def profile_get(*, profile_id: str, client: OmneoClient | None = None) -> Person:
    return read_through(
        cache_key("profile", profile_id),
        lambda: _client(client).profile_get(profile_id),
        seconds=PROFILE_SECONDS,
    )


def _appointments_key(profile_id: str) -> str:
    return cache_key("profile-appointments", profile_id)


def profile_appointments(
    *, profile_id: str, client: OmneoClient | None = None
) -> list[Appointment]:
    """The customer's appointments (newest start first), kept briefly."""
    return read_through(
        _appointments_key(profile_id),
        lambda: _client(client).profile_appointments(profile_id),
        seconds=APPOINTMENTS_SECONDS,
    )


def profile_appointments_forget(*, profile_id: str) -> None:
    """Drop the customer's cached appointments: one was just booked, changed or cancelled."""
    cache.delete(_appointments_key(profile_id))
