"""factory_boy factories for booking attempts (payload: a complete StoreAppointment body)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import factory

from booking_portal.writes.models import BookingAttempt


class BookingAttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingAttempt

    form_token = factory.LazyFunction(uuid.uuid4)
    outcome = BookingAttempt.Outcome.CREATED
    payload = factory.LazyAttribute(
        lambda a: {
            "appointment_definition_id": a.definition_id,
            "profile_id": a.profile_id,
            "location_id": a.location_id,
            "scheduled_start_at": "2026-05-11 10:00:00",
            "scheduled_end_at": "2026-05-11 10:45:00",
            "timezone": a.timezone,
        }
    )
    definition_id = 1
    definition_name = "Suit fitting"
    location_id = 13
    location_name = "Melbourne Central"
    profile_id = factory.Sequence(lambda n: f"profile-{n}")
    customer_name = factory.Sequence(lambda n: f"Customer {n}")
    customer_email = factory.Sequence(lambda n: f"customer{n}@example.com")
    scheduled_start = datetime(2026, 5, 11, 0, 0, tzinfo=UTC)
    scheduled_end = datetime(2026, 5, 11, 0, 45, tzinfo=UTC)
    timezone = "Australia/Melbourne"
    omneo_appointment_id = factory.Sequence(lambda n: 7000 + n)
    response_body = factory.LazyAttribute(
        lambda a: {"data": {"id": a.omneo_appointment_id, "status": "confirmed"}}
    )
