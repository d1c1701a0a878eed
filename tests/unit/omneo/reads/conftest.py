"""The mocked tenant the booking page's tests use, for the reads they make."""

from __future__ import annotations

from tests.unit.bookings.conftest import omneo  # noqa: F401 - a fixture, used by name
