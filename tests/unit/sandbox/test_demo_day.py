"""seed_demo_day(): today and tomorrow at every store, in every status, plus a waitlist."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from booking_portal.sandbox import data
from booking_portal.sandbox.appointments.lifecycle import STATUS_STAMPS
from booking_portal.sandbox.availability import slots
from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import (
    SandboxAppointment,
    SandboxQueueEntry,
    SandboxWaitlistEntry,
)

pytestmark = pytest.mark.django_db


def test_every_store_has_a_day_today_and_tomorrow():
    seeded = seed_demo_day()

    assert seeded.appointments == SandboxAppointment.objects.count() > 0
    for location_id, location in data.LOCATIONS.items():
        zone = slots.location_zone(location)
        today = timezone.now().astimezone(zone).date()
        at_store = SandboxAppointment.objects.filter(location_id=location_id)
        days = {a.start.astimezone(zone).date() for a in at_store}
        assert days == {today, today + timedelta(days=1)}
        assert {a.status for a in at_store} >= {"confirmed", "cancelled", "completed", "no_show"}


def test_every_seeded_appointment_carries_its_statuss_stamp_and_serializes(sandbox):
    seed_demo_day()

    items = sandbox.get("/v3/appointments", **{"page[size]": 100}).json()["data"]

    assert {item["status"] for item in items} == set(STATUS_STAMPS) | {"requested"}
    for item in items:
        stamp = STATUS_STAMPS.get(item["status"])
        assert stamp is None or item[stamp] is not None
        assert item["timezone"]


def test_staff_services_have_staff_and_no_one_is_double_booked():
    seed_demo_day()

    for appointment in SandboxAppointment.objects.exclude(staff_id=""):
        overlapping = SandboxAppointment.objects.filter(
            staff_id=appointment.staff_id,
            start__lt=appointment.end,
            end__gt=appointment.start,
            status__in=slots.ACTIVE_STATUSES,
        )
        assert overlapping.count() <= 1
    assert SandboxAppointment.objects.filter(definition_id=2).exclude(staff_id="").exists()


def test_active_waitlist_entries_are_seeded(sandbox):
    seeded = seed_demo_day()

    listed = sandbox.get("/v3/appointment-waitlists", **{"filter[status]": "active"})

    assert seeded.waitlist_entries == len(listed.json()["data"]) == 2


def test_seeding_again_replaces_only_what_it_made(sandbox):
    from tests.unit.sandbox.conftest import fitting_body

    own = sandbox.post("/v3/appointments", fitting_body()).json()["data"]["id"]
    first = seed_demo_day()

    second = seed_demo_day()

    assert second == first
    assert SandboxAppointment.objects.count() == first.appointments + 1
    assert SandboxAppointment.objects.filter(pk=own).exists()
    assert SandboxWaitlistEntry.objects.count() == first.waitlist_entries


def test_two_walk_ins_wait_at_every_store_and_a_reseed_replaces_them(sandbox):
    seed_demo_day()
    seeded = seed_demo_day()

    listed = sandbox.get("/v3/appointment-queues", **{"filter[location_id]": "13"}).json()["data"]

    assert seeded.walk_ins == 2 * len(data.LOCATIONS)
    assert [(e["status"], e["profile_id"] is None) for e in listed] == [
        ("waiting", True),
        ("waiting", False),
    ]
    assert SandboxQueueEntry.objects.count() == seeded.walk_ins
