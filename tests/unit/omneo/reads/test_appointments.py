"""The day's reads: grouped by hour in the store's zone, requests first, filters applied here."""

from __future__ import annotations

from datetime import date

import pytest

from booking_portal.appointments.page import default_location
from booking_portal.omneo.errors import OmneoServerError
from booking_portal.omneo.reads import appointments as selectors
from booking_portal.omneo.resources import Location
from tests.factories import BookingAttemptFactory
from tests.unit.appointments.omneo_bodies import MELBOURNE, PAGE, V3, appointment_json

STORE = Location(id=13, name="Melbourne Central", timezone=MELBOURNE)


def test_the_day_is_grouped_by_hour_on_the_stores_clock(omneo_client, mocked_omneo):
    mocked_omneo.get(
        f"{V3}/appointments",
        json={
            "data": [
                appointment_json(1, start="2026-05-10T23:15:00Z"),  # 9:15 AM in Melbourne
                appointment_json(2, start="2026-05-10T23:45:00Z", status="requested"),
                appointment_json(3, start="2026-05-11T00:00:00Z", assigned_staff_id="s-2"),
            ],
            **PAGE,
        },
    )

    day = selectors.store_day(location=STORE, on=date(2026, 5, 11), client=omneo_client)

    assert [(g.starts.hour, [a.id for a in g.appointments]) for g in day.hours] == [
        (9, [2, 1]),  # the request awaiting approval first
        (10, [3]),
    ]
    assert day.awaiting == 1
    sent = mocked_omneo.calls[0].request.url
    assert "filter%5Blocation_id%5D=13" in sent
    assert "gte%5D=2026-05-10+14%3A00%3A00" in sent  # midnight in Melbourne, sent in UTC


def test_filters_by_staff_and_status_without_a_second_read(omneo_client, mocked_omneo):
    mocked_omneo.get(
        f"{V3}/appointments",
        json={
            "data": [
                appointment_json(1),
                appointment_json(2, status="requested"),
                appointment_json(
                    3, assigned_staff_id="s-2", assigned_staff={"id": "s-2", "first_name": "Jo"}
                ),
            ],
            **PAGE,
        },
    )

    day = selectors.store_day(
        location=STORE,
        on=date(2026, 5, 11),
        staff_id="s-1",
        status="confirmed",
        client=omneo_client,
    )

    assert [a.id for group in day.hours for a in group.appointments] == [1]
    assert (day.total, day.shown) == (3, 1)
    assert {staff_id for staff_id, _ in day.staff} == {"s-1", "s-2"}
    assert len(mocked_omneo.calls) == 1


def test_a_failed_read_raises_rather_than_returning_an_empty_day(omneo_client, mocked_omneo):
    mocked_omneo.get(f"{V3}/appointments", status=503, body="down")

    with pytest.raises(OmneoServerError):
        selectors.store_day(location=STORE, on=date(2026, 5, 11), client=omneo_client)


@pytest.mark.django_db
def test_the_default_store_is_the_one_last_booked_at(staff_user):
    stores = [STORE, Location(id=14, name="Brisbane", timezone="Australia/Brisbane")]
    assert default_location(user=staff_user, locations=stores) == STORE

    BookingAttemptFactory(booked_by=staff_user, location_id=14)

    assert default_location(user=staff_user, locations=stores).id == 14
