"""On the day: how an arrival's visit stands (read from the write records), and the time a
reschedule left offered to the waitlisted customers it suits; against a mocked Omneo."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils.html import escape

from booking_portal.appointments import messages
from booking_portal.appointments.openings import openings_on, times_left
from booking_portal.appointments.seen import seen_seal
from booking_portal.omneo.resources import Appointment, WaitlistEntry
from booking_portal.writes.models import AppointmentWrite
from tests.conftest import MOCK_BASE_URL
from tests.unit.appointments.omneo_bodies import MELBOURNE, PAGE, V3, appointment_json

pytestmark = pytest.mark.django_db
Kind, Outcome = AppointmentWrite.Kind, AppointmentWrite.Outcome
STORE = {"id": 13, "name": "Melbourne Central", "timezone": MELBOURNE}
ZONE = ZoneInfo(MELBOURNE)
# Melbourne is UTC+11 in January: 03:00Z is 2 PM, 05:00Z is 4 PM.
TWO_PM, FOUR_PM = "2030-01-02T03:00:00Z", "2030-01-02T05:00:00Z"
WAITING = {
    "id": 77,
    "status": "active",
    "appointment_definition_id": 1,
    "profile_id": "p-9",
    "profile": {"id": "p-9", "first_name": "Grace", "last_name": "Ho"},
    "location_id": 13,
    "location": STORE,
    "desired_start_at": "2030-01-02 13:30:00",
}


@pytest.fixture
def staff(client, staff_user, settings, mocked_omneo):
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    mocked_omneo.get(f"{V3}/locations", json={"data": [STORE], **PAGE})
    mocked_omneo.get(f"{V3}/appointment-definitions", json={"data": [], **PAGE})
    client.force_login(staff_user)
    return client


def _visit_write(user, outcome: str) -> AppointmentWrite:
    return AppointmentWrite.objects.create(
        action_token=uuid.uuid4(),
        written_by=user,
        kind=Kind.VISIT,
        target="visit:APPT-501",
        appointment_id=501,
        profile_id="p-1",
        body={"external_id": "APPT-501"},
        outcome=outcome,
    )


@pytest.mark.parametrize(
    ("outcome", "words"),
    [(Outcome.DONE, "recorded"), (Outcome.FAILED, "retrying"), (Outcome.UNKNOWN, "retrying")],
)
def test_an_arrived_row_says_how_its_visit_stands(staff, staff_user, mocked_omneo, outcome, words):
    mocked_omneo.get(
        f"{V3}/appointments", json={"data": [appointment_json(status="arrived")], **PAGE}
    )
    mocked_omneo.get(f"{V3}/appointment-waitlists", json={"data": [], **PAGE})
    _visit_write(staff_user, outcome)

    page = staff.get("/day/?location=13&date=2026-05-11").text

    row = re.search(r'data-testid="appointment-501".*?</li>', page, re.S).group(0)
    assert escape(messages.VISIT_WORDS[words]) in row
    assert "Mark completed" in row  # a visit in doubt never holds the appointment back
    assert 'data-testid="unsettled"' not in row
    assert not [call for call in mocked_omneo.calls if "/visits" in call.request.url]


def test_a_row_without_a_visit_write_says_nothing_of_visits(staff, mocked_omneo):
    arrived = appointment_json(status="arrived", profile_id=None, profile=None)
    mocked_omneo.get(f"{V3}/appointments", json={"data": [arrived], **PAGE})
    mocked_omneo.get(f"{V3}/appointment-waitlists", json={"data": [], **PAGE})

    page = staff.get("/day/?location=13&date=2026-05-11").text

    assert 'data-testid="visit"' not in page
    assert "Visit" not in re.search(r'data-testid="appointment-501".*?</li>', page, re.S).group(0)


def test_the_appointment_page_says_the_visit_is_recorded(staff, staff_user, mocked_omneo):
    mocked_omneo.get(f"{V3}/appointments/501", json={"data": appointment_json(status="arrived")})
    _visit_write(staff_user, Outcome.DONE)

    page = staff.get("/day/appointments/501/").text

    assert escape(messages.VISIT_WORDS["recorded"]) in page


def _reschedule_form() -> dict[str, str]:
    appointment = Appointment.from_json(appointment_json(601, start=TWO_PM, end=TWO_PM))
    return {
        "seal": seen_seal(appointment, ZONE),
        "action_token": str(uuid.uuid4()),
        "date": "2030-01-02",
        "slot": "2030-01-02T16:00",
    }


def test_a_reschedule_offers_the_time_it_left_to_a_suited_waitlisted_customer(staff, mocked_omneo):
    # Given Ava's 2 PM fitting moved to 4 PM, and Grace waiting for a fitting at about 1:30 PM
    moved = appointment_json(601, start=FOUR_PM, end="2030-01-02T05:45:00Z")
    mocked_omneo.put(f"{V3}/appointments/601", json={"data": moved})
    staff.post("/day/appointments/601/reschedule/", _reschedule_form())
    write = AppointmentWrite.objects.get(kind=Kind.RESCHEDULE)
    assert (write.outcome, write.start_before) == (
        Outcome.DONE,
        datetime(2030, 1, 2, 3, tzinfo=UTC),
    )
    mocked_omneo.get(f"{V3}/appointments", json={"data": [moved], **PAGE})
    mocked_omneo.get(f"{V3}/appointment-waitlists", json={"data": [WAITING], **PAGE})

    # When the day is shown
    page = staff.get("/day/?location=13&date=2030-01-02").text

    # Then 2 PM is offered to Grace, with Book now and Dismiss
    opening = re.search(r'data-testid="opening-77-601".*?</li>', page, re.S).group(0)
    assert "2:00 PM" in opening
    assert "(rescheduled)" in opening
    assert "Grace Ho" in opening
    assert "Book now" in opening
    assert "Dismiss" in opening
    reads = [call.request.url.split("?")[0] for call in mocked_omneo.calls]
    assert reads.count(f"{V3}/appointments") == 1  # the time left costs no extra read

    # And once dismissed, it stays hidden for this staff member
    staff.post("/day/openings/dismiss/", {"entry": "77", "appointment": "601"})
    assert 'data-testid="opening-77-601"' not in staff.get("/day/?location=13&date=2030-01-02").text


def _moved_write(user, *, start_before: datetime, outcome: str = Outcome.DONE):
    answer = appointment_json(601, start=FOUR_PM, end="2030-01-02T05:45:00Z")
    return AppointmentWrite.objects.create(
        action_token=uuid.uuid4(),
        written_by=user,
        kind=Kind.RESCHEDULE,
        target="appointment:601",
        appointment_id=601,
        location_id=13,
        body={},
        outcome=outcome,
        start_before=start_before,
        response_body={"data": answer},
    )


def test_times_left_are_the_days_done_reschedules_at_the_store(staff_user):
    two_pm = datetime(2030, 1, 2, 3, tzinfo=UTC)
    _moved_write(staff_user, start_before=two_pm)
    _moved_write(staff_user, start_before=two_pm, outcome=Outcome.UNKNOWN)  # not known to move
    _moved_write(staff_user, start_before=datetime(2030, 1, 3, 3, tzinfo=UTC))  # the next day

    left = times_left(location_id=13, on=date(2030, 1, 2), zone=ZONE)

    assert [(time.id, time.status, time.scheduled_start_at) for time in left] == [
        (601, "rescheduled", two_pm)
    ]
    assert times_left(location_id=14, on=date(2030, 1, 2), zone=ZONE) == []


def test_a_time_the_appointment_moved_back_to_is_not_free(staff_user):
    two_pm = datetime(2030, 1, 2, 3, tzinfo=UTC)
    _moved_write(staff_user, start_before=two_pm)
    back = Appointment.from_json(appointment_json(601, start=TWO_PM, end=TWO_PM))
    entry = WaitlistEntry.from_json(WAITING)
    moved = times_left(location_id=13, on=two_pm.date(), zone=ZONE)

    found = openings_on(
        appointments=[back],
        waiting=[(entry, "Suit fitting")],
        zone=ZONE,
        now=datetime(2030, 1, 1, tzinfo=UTC),
        moved=moved,
    )

    assert found == []
    assert openings_on(
        appointments=[],
        waiting=[(entry, "Suit fitting")],
        zone=ZONE,
        now=datetime(2030, 1, 1, tzinfo=UTC),
        moved=moved,
    )
