"""The one zone rule: the store's zone, else the appointment's, else the portal's."""

from __future__ import annotations

import pytest

from booking_portal.omneo.reads.zones import store_zone


@pytest.mark.parametrize(
    ("store", "appointment", "expected"),
    [
        ("Australia/Perth", "Australia/Sydney", "Australia/Perth"),
        (None, "Australia/Brisbane", "Australia/Brisbane"),
        ("", "", "Australia/Hobart"),
        (None, None, "Australia/Hobart"),
        ("Not/AZone", "x" * 300, "Australia/Hobart"),  # unknown, and too long for a file name
    ],
)
def test_the_first_known_zone_wins(settings, store, appointment, expected):
    settings.PORTAL_DEFAULT_TIMEZONE = "Australia/Hobart"

    assert store_zone(store, appointment).key == expected
