"""The day's pages and actions against a mocked Omneo: what is sent, and what staff read."""

from __future__ import annotations

import re
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.utils.html import escape

from booking_portal.appointments import messages
from booking_portal.appointments.seen import Seen, seen_seal
from booking_portal.appointments.waitlist import SESSION_KEY
from booking_portal.omneo.resources import Appointment
from booking_portal.writes.models import AppointmentWrite
from tests.conftest import MOCK_BASE_URL
from tests.factories import BookingAttemptFactory
from tests.unit.appointments.omneo_bodies import MELBOURNE, PAGE, V3, appointment_json

pytestmark = pytest.mark.django_db
URL = f"{V3}/appointments/501"
STORE = {"id": 13, "name": "Melbourne Central", "timezone": MELBOURNE}


@pytest.fixture
def staff(client, staff_user, settings, mocked_omneo):
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    mocked_omneo.get(f"{V3}/locations", json={"data": [STORE], **PAGE})
    client.force_login(staff_user)
    return client


def _form(status: str = "confirmed", **fields) -> dict[str, str]:
    appointment = Appointment.from_json(appointment_json(status=status, notes="VIP"))
    zone = ZoneInfo(appointment.timezone)
    return {"seal": seen_seal(appointment, zone), "action_token": str(uuid.uuid4()), **fields}


def test_the_day_lists_appointments_and_offers_actions_by_status(staff, mocked_omneo):
    listed = [appointment_json(501), appointment_json(502, status="requested")]
    mocked_omneo.get(f"{V3}/appointments", json={"data": listed, **PAGE})
    mocked_omneo.get(f"{V3}/appointment-waitlists", json={"data": [], **PAGE})
    mocked_omneo.get(f"{V3}/appointment-definitions", json={"data": [], **PAGE})

    page = staff.get("/day/?location=13&date=2026-05-11").text

    assert "Ava Nguyen" in page
    assert "Sam Lee" in page
    assert "Suit fitting" in page
    assert "Requested (awaiting approval)" in page
    assert "Mark arrived" in page
    assert "Confirm" in page
    assert "10:00 AM (Australia/Melbourne)" in page
    assert re.findall(r'data-testid="hour">([^<]+)<', page) == ["10 AM"]  # the store's hour


def test_the_list_part_keeps_the_filters_and_reads_only_the_day(staff, mocked_omneo):
    mocked_omneo.get(f"{V3}/appointments", json={"data": [appointment_json(501)], **PAGE})

    part = staff.get("/day/parts/list/?location=13&date=2026-05-11&status=confirmed").text

    assert "status=confirmed" in part
    assert 'hx-trigger="every 60s"' in part
    assert "<html" not in part
    assert [call.request.url.split("?")[0] for call in mocked_omneo.calls] == [
        f"{V3}/locations",
        f"{V3}/appointments",
    ]


def test_a_day_omneo_cannot_read_says_so(staff, mocked_omneo):
    mocked_omneo.get(f"{V3}/appointments", status=500, body="boom")

    part = staff.get("/day/parts/list/?location=13&date=2026-05-11").text

    assert escape(messages.DAY_UNAVAILABLE) in part
    assert "Retry" in part
    assert messages.NO_APPOINTMENTS not in part


def test_confirm_sends_one_put_and_says_what_happened(staff, mocked_omneo):
    mocked_omneo.put(URL, json={"data": appointment_json(status="confirmed")})
    form = _form("requested", kind="confirm", next="/day/?location=13")

    response = staff.post("/day/appointments/501/act/", form, follow=True)

    assert response.redirect_chain[0][0] == "/day/?location=13"
    put = [call for call in mocked_omneo.calls if call.request.method == "PUT"]
    assert len(put) == 1
    assert put[0].request.body == b'{"status": "confirmed"}'
    assert "Confirm: done. The appointment is now confirmed." in response.text


def test_an_action_the_status_does_not_offer_sends_nothing(staff, mocked_omneo):
    response = staff.post("/day/appointments/501/act/", _form("completed", kind="arrive"))

    assert response.status_code == 302
    assert not [c for c in mocked_omneo.calls if c.request.method == "PUT"]


def test_a_forged_or_other_appointments_seal_sends_nothing(staff, mocked_omneo):
    form = _form(kind="arrive")
    staff.post("/day/appointments/999/act/", form)
    staff.post("/day/appointments/501/act/", {**form, "seal": "forged"})

    assert not AppointmentWrite.objects.exists()


def test_cancel_needs_a_reason_and_sends_nothing_without_one(staff, mocked_omneo):
    mocked_omneo.get(URL, json={"data": appointment_json()})
    mocked_omneo.post(f"{V3}/appointment-definitions/1/available-slots", json={"data": {}})

    response = staff.post("/day/appointments/501/cancel/", _form(reason="  "))

    assert response.status_code == 422
    assert "Give a reason for cancelling." in response.text
    assert not AppointmentWrite.objects.exists()


def test_cancel_sends_the_reason_in_notes_and_keeps_it_in_the_record(staff, mocked_omneo):
    mocked_omneo.put(URL, json={"data": appointment_json(status="cancelled")})

    staff.post("/day/appointments/501/cancel/", _form(reason="Customer unwell"))

    put = next(c for c in mocked_omneo.calls if c.request.method == "PUT")
    assert b'"status": "cancelled"' in put.request.body
    assert b"VIP\\nCancelled by Sam through the Booking Portal: Customer unwell" in put.request.body
    assert AppointmentWrite.objects.get().reason == "Customer unwell"


def test_a_422_on_notes_lands_on_the_reason_field_with_a_fresh_token(staff, mocked_omneo):
    errors = {"notes": ["The notes may not be greater than 500 characters."]}
    mocked_omneo.put(URL, status=422, json={"message": "Invalid", "errors": errors})
    mocked_omneo.get(URL, json={"data": appointment_json()})
    mocked_omneo.post(f"{V3}/appointment-definitions/1/available-slots", json={"data": {}})
    form = _form(reason="Too long")

    response = staff.post("/day/appointments/501/cancel/", form)

    assert response.status_code == 422
    reason_error = re.search(r'data-testid="reason-error">([^<]+)<', response.text).group(1)
    assert reason_error == errors["notes"][0]
    assert "Too long" in response.text  # the entry is kept
    assert form["action_token"] not in response.text  # the spent token is replaced


def test_reschedule_sends_the_new_times_in_the_store_zone(staff, mocked_omneo):
    mocked_omneo.put(URL, json={"data": appointment_json()})
    form = _form(date="2026-05-12", slot="2026-05-12T14:00")

    staff.post("/day/appointments/501/reschedule/", form)

    put = next(c for c in mocked_omneo.calls if c.request.method == "PUT")
    assert put.request.body == (
        b'{"scheduled_start_at": "2026-05-12 14:00:00", "scheduled_end_at": '
        b'"2026-05-12 14:45:00", "timezone": "Australia/Melbourne"}'
    )


def test_the_detail_offers_slots_for_the_same_service_store_and_staff(staff, mocked_omneo):
    mocked_omneo.get(URL, json={"data": appointment_json()})
    slots = {"data": {"timezone": MELBOURNE, "slots": ["2026-05-11 15:00:00"]}}
    mocked_omneo.post(f"{V3}/appointment-definitions/1/available-slots", json=slots)

    page = staff.get("/day/appointments/501/").text

    assert 'value="2026-05-11T15:00"' in page
    assert "3:00 PM" in page
    sent = next(c for c in mocked_omneo.calls if c.request.method == "POST").request.body
    assert b'"staff_id": "s-1"' in sent
    assert b'"location_id": 13' in sent


def test_book_now_then_mark_the_waitlist_entry_fulfilled(staff, staff_user, mocked_omneo):
    # Given staff follow Book now for entry 77
    opened = staff.get("/day/waitlist/77/book/?definition=1&location=13&profile=p-9")
    assert opened.url == "/book/?definition=1&location=13&profile=p-9"
    attempt = BookingAttemptFactory(booked_by=staff_user, profile_id="p-9", omneo_appointment_id=9)
    # When the booking is confirmed, its page offers to mark the entry fulfilled
    confirmation = staff.get(f"/book/done/{attempt.pk}/").text
    assert escape(messages.WAITLIST_OFFER.format(entry=77)) in confirmation
    token = re.search(r'name="action_token" value="([^"]+)"', confirmation).group(1)
    entry = {"id": 77, "status": "fulfilled", "appointment_id": 9, "profile_id": "p-9"}
    mocked_omneo.put(f"{V3}/appointment-waitlists/77", json={"data": entry})

    staff.post("/day/waitlist/77/fulfil/", {"attempt": attempt.pk, "action_token": token})

    put = next(c for c in mocked_omneo.calls if c.request.method == "PUT")
    assert put.request.body == b'{"status": "fulfilled", "appointment_id": 9}'
    assert SESSION_KEY not in staff.session


def test_the_offer_is_not_shown_for_another_customers_booking(staff, staff_user):
    staff.get("/day/waitlist/77/book/?definition=1&location=13&profile=p-9")
    attempt = BookingAttemptFactory(booked_by=staff_user, profile_id="someone-else")

    assert "waitlist-offer" not in staff.get(f"/book/done/{attempt.pk}/").text


def test_seen_round_trips_the_appointment():
    appointment = Appointment.from_json(appointment_json())
    seen = Seen.of(appointment, ZoneInfo("Australia/Melbourne"))
    assert seen.duration == 45 * 60
    assert seen.as_appointment().location_id == 13


def test_an_action_drops_the_cached_status_the_admin_shows(staff, mocked_omneo):
    from booking_portal.omneo.reads.appointments import appointment_status_cached

    mocked_omneo.get(URL, json={"data": appointment_json(status="requested")})
    assert appointment_status_cached(appointment_id=501) == "requested"
    mocked_omneo.put(URL, json={"data": appointment_json(status="confirmed")})
    mocked_omneo.replace("GET", URL, json={"data": appointment_json(status="confirmed")})

    staff.post("/day/appointments/501/act/", _form("requested", kind="confirm"))

    assert appointment_status_cached(appointment_id=501) == "confirmed"


def unknown_confirm(staff_user) -> AppointmentWrite:
    """A confirm sent to appointment 501 whose answer was lost."""
    return AppointmentWrite.objects.create(
        action_token=uuid.uuid4(),
        written_by=staff_user,
        kind=AppointmentWrite.Kind.CONFIRM,
        appointment_id=501,
        body={"status": "confirmed"},
        outcome=AppointmentWrite.Outcome.UNKNOWN,
        status_before="requested",
    )


def test_a_change_omneo_may_have_taken_is_flagged_and_not_offered_again(
    staff, staff_user, mocked_omneo
):
    write = unknown_confirm(staff_user)
    day = {"data": [appointment_json(status="requested")], **PAGE}
    mocked_omneo.get(f"{V3}/appointments", json=day)
    mocked_omneo.get(f"{V3}/appointment-waitlists", json={"data": [], **PAGE})

    text = staff.get("/day/?location=13&date=2026-05-11").text

    assert escape(messages.WRITE_UNSETTLED.format(kind="Confirm")) in text
    assert f"/day/changes/{write.pk}/check/" in text
    assert 'name="kind" value="confirm"' not in text  # no second confirm while it is unsettled


def test_check_again_settles_a_change_omneo_shows(staff, staff_user, mocked_omneo):
    write = unknown_confirm(staff_user)
    mocked_omneo.get(URL, json={"data": appointment_json(status="confirmed")})

    response = staff.post(f"/day/changes/{write.pk}/check/", follow=True)

    write.refresh_from_db()
    assert write.outcome == AppointmentWrite.Outcome.DONE
    assert escape(messages.WRITE_CHECKED["found"].format(kind="Confirm")) in response.text
    assert not [c for c in mocked_omneo.calls if c.request.method == "PUT"]


def test_the_printed_day_reads_only_the_appointments(staff, mocked_omneo):
    mocked_omneo.get(f"{V3}/appointments", json={"data": [appointment_json()], **PAGE})

    response = staff.get("/day/?location=13&date=2026-05-11&print=1")

    assert response.status_code == 200
    assert not [c for c in mocked_omneo.calls if "appointment-waitlists" in c.request.url]
