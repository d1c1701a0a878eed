"""The attempt's admin page shows the present: Omneo's status now and the portal's actions."""

from __future__ import annotations

import uuid

import pytest

from booking_portal.writes.admin.present import STATUS_UNREAD
from booking_portal.writes.models import AppointmentWrite
from tests.conftest import MOCK_BASE_URL
from tests.factories import BookingAttemptFactory
from tests.unit.appointments.omneo_bodies import V3, appointment_json

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/writes/bookingattempt/"


@pytest.fixture
def admin_client(client, booking_admin, settings):
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    client.force_login(booking_admin)
    return client


def _write(user, appointment_id: int, **fields) -> AppointmentWrite:
    return AppointmentWrite.objects.create(
        action_token=uuid.uuid4(),
        written_by=user,
        appointment_id=appointment_id,
        body={},
        timezone="Australia/Melbourne",
        **fields,
    )


def test_the_detail_reads_the_status_once_a_minute_and_lists_portal_actions(
    admin_client, staff_user, mocked_omneo
):
    attempt = BookingAttemptFactory(booked_by=staff_user, omneo_appointment_id=501)
    _write(staff_user, 501, kind="cancel", outcome="done", reason="Customer rang")
    mocked_omneo.get(f"{V3}/appointments/501", json={"data": appointment_json(status="arrived")})

    first = admin_client.get(f"{CHANGELIST}{attempt.pk}/change/").text
    admin_client.get(f"{CHANGELIST}{attempt.pk}/change/")

    assert "Arrived" in first
    assert "Customer rang" in first
    assert "Cancel" in first
    assert len(mocked_omneo.calls) == 1  # cached for the second view


def test_a_failed_status_read_says_so(admin_client, staff_user, mocked_omneo):
    attempt = BookingAttemptFactory(booked_by=staff_user, omneo_appointment_id=502)
    mocked_omneo.get(f"{V3}/appointments/502", status=503, body="down")

    text = admin_client.get(f"{CHANGELIST}{attempt.pk}/change/").text

    assert STATUS_UNREAD in text


def test_filter_by_last_known_status_prefers_the_latest_portal_write(admin_client, staff_user):
    BookingAttemptFactory(booked_by=staff_user, customer_name="Still Confirmed")
    moved = BookingAttemptFactory(booked_by=staff_user, customer_name="Now Cancelled")
    _write(
        staff_user,
        moved.omneo_appointment_id,
        kind="cancel",
        outcome="done",
        status_after="cancelled",
    )

    cancelled = admin_client.get(f"{CHANGELIST}?current_status=cancelled").text
    confirmed = admin_client.get(f"{CHANGELIST}?current_status=confirmed").text

    assert "Now Cancelled" in cancelled
    assert "Still Confirmed" not in cancelled
    assert "Still Confirmed" in confirmed
    assert "Now Cancelled" not in confirmed


def test_the_writes_admin_lists_filters_and_opens_read_only(admin_client, staff_user):
    write = _write(staff_user, 503, kind="arrive", outcome="unknown")

    listed = admin_client.get("/admin/writes/appointmentwrite/?outcome=unknown").text
    detail = admin_client.get(f"/admin/writes/appointmentwrite/{write.pk}/change/")

    assert "503" in listed
    assert "Mark arrived" in listed
    assert detail.status_code == 200
    assert "Save" not in detail.text.replace("Save as", "")
