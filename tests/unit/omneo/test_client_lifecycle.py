"""Lifecycle calls: PUT an appointment (sent once, outcome classified), a day, the waitlist."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import requests
from responses import matchers

from booking_portal.omneo.client import OmneoClient
from booking_portal.omneo.errors import (
    OmneoBadResponse,
    OmneoConnectionReset,
    OmneoServerError,
    OmneoTimeout,
    OmneoValidationError,
)
from booking_portal.omneo.resources import (
    AppointmentChanges,
    TransactionLink,
    WaitlistEntryInput,
)
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN

V3 = f"{MOCK_BASE_URL}/v3"
ANY_URL = re.compile(r"https://api\.test\.getomneo\.com/.*")
MELBOURNE = ZoneInfo("Australia/Melbourne")
APPOINTMENT = {"id": 7, "status": "confirmed", "timezone": "Australia/Melbourne"}
ENTRY = {"id": 3, "status": "active", "appointment_definition_id": 1, "location_id": 13}


def sent_json(call) -> dict:
    return json.loads(call.request.body)


@pytest.fixture
def patient_client(mocked_omneo):
    """A client that retries reads, to show that writes are still sent only once."""
    client = OmneoClient(base_url=MOCK_BASE_URL, token=MOCK_TOKEN, read_retries=3)
    yield client
    client.close()


def test_update_puts_only_the_changes_to_the_encoded_path(mocked_omneo, omneo_client):
    mocked_omneo.put(ANY_URL, json={"data": {**APPOINTMENT, "status": "cancelled"}})

    updated = omneo_client.appointment_update(
        7, AppointmentChanges(status="cancelled", notes="Customer rang", transaction=None)
    )

    call = mocked_omneo.calls[0]
    assert call.request.url == f"{V3}/appointments/7"
    assert sent_json(call) == {"status": "cancelled", "notes": "Customer rang", "transaction": None}
    assert call.request.req_kwargs["timeout"] == (1, 2)
    assert updated.status == "cancelled"


def test_an_update_id_stays_one_segment(mocked_omneo, omneo_client):
    mocked_omneo.put(ANY_URL, json={"data": APPOINTMENT})

    omneo_client.appointment_update("7/../../profiles", AppointmentChanges(status="arrived"))

    assert mocked_omneo.calls[0].request.path_url == "/api/v3/appointments/7%2F..%2F..%2Fprofiles"


def test_a_reschedule_sends_store_wall_clock_and_zone(mocked_omneo, omneo_client):
    mocked_omneo.put(f"{V3}/appointments/7", json={"data": APPOINTMENT})
    start = datetime(2026, 5, 11, 1, 0, tzinfo=UTC)  # 11:00 in Melbourne

    omneo_client.appointment_update(
        7,
        AppointmentChanges.reschedule(
            start=start, end=start.replace(hour=1, minute=45), timezone="Australia/Melbourne"
        ),
    )

    assert sent_json(mocked_omneo.calls[0]) == {
        "scheduled_start_at": "2026-05-11 11:00:00",
        "scheduled_end_at": "2026-05-11 11:45:00",
        "timezone": "Australia/Melbourne",
    }


def test_an_empty_update_is_refused_before_sending(mocked_omneo, omneo_client):
    with pytest.raises(ValueError, match="at least one change"):
        omneo_client.appointment_update(7, AppointmentChanges())

    assert len(mocked_omneo.calls) == 0


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_put_is_never_retried_and_a_5xx_leaves_its_outcome_unknown(
    mocked_omneo, patient_client, status
):
    mocked_omneo.put(f"{V3}/appointments/7", body="<html>down</html>", status=status)

    with pytest.raises(OmneoServerError) as caught:
        patient_client.appointment_update(7, AppointmentChanges(status="arrived"))

    assert len(mocked_omneo.calls) == 1
    assert caught.value.method == "PUT"
    assert caught.value.outcome_unknown is True


@pytest.mark.parametrize(
    ("failure", "error_class"),
    [
        (requests.ReadTimeout("read timed out"), OmneoTimeout),
        (requests.ConnectionError("Connection reset by peer"), OmneoConnectionReset),
    ],
)
def test_a_put_lost_in_transit_has_an_unknown_outcome(
    mocked_omneo, patient_client, failure, error_class
):
    mocked_omneo.put(f"{V3}/appointments/7", body=failure)

    with pytest.raises(error_class) as caught:
        patient_client.appointment_update(7, AppointmentChanges(status="arrived"))

    assert len(mocked_omneo.calls) == 1
    assert caught.value.outcome_unknown is True


def test_an_unreadable_2xx_to_a_put_has_an_unknown_outcome(mocked_omneo, omneo_client):
    mocked_omneo.put(f"{V3}/appointments/7", body="<html>oops", status=200)

    with pytest.raises(OmneoBadResponse) as caught:
        omneo_client.appointment_update(7, AppointmentChanges(status="arrived"))

    assert caught.value.outcome_unknown is True


def test_a_refused_transition_is_a_validation_error_on_status(mocked_omneo, omneo_client):
    body = {"message": "No.", "errors": {"status": ["The selected status is invalid."]}}
    mocked_omneo.put(f"{V3}/appointments/7", json=body, status=422)

    with pytest.raises(OmneoValidationError) as caught:
        omneo_client.appointment_update(7, AppointmentChanges(status="completed"))

    assert caught.value.field_errors == {"status": ("The selected status is invalid.",)}
    assert caught.value.outcome_unknown is False


def test_a_5xx_after_a_read_is_not_an_unknown_outcome(mocked_omneo, omneo_client):
    mocked_omneo.get(f"{V3}/appointments/7", body="down", status=500)

    with pytest.raises(OmneoServerError) as caught:
        omneo_client.appointment_get(7)

    assert caught.value.outcome_unknown is False


def page(items, number, last):
    return {"data": items, "meta": {"current_page": number, "last_page": last}, "links": {}}


def test_a_day_sends_the_utc_window_filters_and_sort_and_reads_every_page(
    mocked_omneo, omneo_client
):
    base = {
        "filter[location_id]": "13",
        "filter[scheduled_start_at][gte]": "2026-05-10 14:00:00",
        "filter[scheduled_start_at][lt]": "2026-05-11 14:00:00",
        "filter[assigned_staff_id]": "staff-1",
        "filter[status][in]": "confirmed,arrived",
        "sort": "scheduled_start_at",
        "page[size]": "100",
    }
    for number in (1, 2):
        mocked_omneo.get(
            f"{V3}/appointments",
            match=[matchers.query_param_matcher({**base, "page[number]": str(number)})],
            json=page([{**APPOINTMENT, "id": number}], number, 2),
        )

    day = omneo_client.appointments_between(
        13,
        datetime(2026, 5, 11, tzinfo=MELBOURNE),
        datetime(2026, 5, 12, tzinfo=MELBOURNE),
        staff_id="staff-1",
        statuses=["confirmed", "arrived"],
    )

    assert [a.id for a in day] == [1, 2]
    assert len(mocked_omneo.calls) == 2


def test_a_day_with_one_status_sends_it_plainly(mocked_omneo, omneo_client):
    mocked_omneo.get(f"{V3}/appointments", json=page([], 1, 1))
    start = datetime(2026, 5, 11, tzinfo=UTC)

    omneo_client.appointments_between(13, start, start.replace(day=12), statuses="cancelled")

    params = mocked_omneo.calls[0].request.params
    assert params["filter[status]"] == "cancelled"
    assert "filter[assigned_staff_id]" not in params


def test_a_day_stops_at_its_page_bound(mocked_omneo, omneo_client, caplog):
    mocked_omneo.get(f"{V3}/appointments", json=page([APPOINTMENT], 1, 9))
    start = datetime(2026, 5, 11, tzinfo=UTC)

    day = omneo_client.appointments_between(13, start, start.replace(day=12), max_pages=2)

    assert len(day) == 2
    assert len(mocked_omneo.calls) == 2
    assert "more than 2 pages" in caplog.text


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime(2026, 5, 11), datetime(2026, 5, 12)),  # noqa: DTZ001 - naive on purpose
        (datetime(2026, 5, 12, tzinfo=UTC), datetime(2026, 5, 11, tzinfo=UTC)),
    ],
)
def test_a_day_needs_an_aware_forward_window(mocked_omneo, omneo_client, start, end):
    with pytest.raises(ValueError, match=r"aware|after"):
        omneo_client.appointments_between(13, start, end)

    assert len(mocked_omneo.calls) == 0


def test_appointment_list_accepts_operator_filters(mocked_omneo, omneo_client):
    mocked_omneo.get(f"{V3}/appointments", json=page([], 1, 1))

    omneo_client.appointment_list(
        filters={"status": {"ne": "cancelled"}, "profile_id": "p-1"}, sort="scheduled_start_at"
    )

    params = mocked_omneo.calls[0].request.params
    assert params["filter[status][ne]"] == "cancelled"
    assert params["filter[profile_id]"] == "p-1"
    assert params["sort"] == "scheduled_start_at"


def test_waitlist_create_posts_once_and_parses(mocked_omneo, patient_client):
    mocked_omneo.post(f"{V3}/appointment-waitlists", json={"data": ENTRY}, status=201)

    entry = patient_client.waitlist_create(
        WaitlistEntryInput(
            appointment_definition_id=1,
            profile_id="p-1",
            location_id=13,
            desired_start_at="2026-05-11 12:00:00",
            meta=("phone",),
        )
    )

    assert sent_json(mocked_omneo.calls[0]) == {
        "appointment_definition_id": 1,
        "profile_id": "p-1",
        "location_id": 13,
        "desired_start_at": "2026-05-11 12:00:00",
        "meta": ["phone"],
    }
    assert entry.is_active


def test_a_failed_waitlist_create_is_not_retried(mocked_omneo, patient_client):
    mocked_omneo.post(f"{V3}/appointment-waitlists", body="down", status=503)

    with pytest.raises(OmneoServerError) as caught:
        patient_client.waitlist_create(
            WaitlistEntryInput(appointment_definition_id=1, profile_id="p-1", location_id=13)
        )

    assert len(mocked_omneo.calls) == 1
    assert caught.value.outcome_unknown is True


def test_waitlist_list_sends_only_the_filters_given_and_follows_pages(mocked_omneo, omneo_client):
    mocked_omneo.get(f"{V3}/appointment-waitlists", json=page([ENTRY], 1, 2))

    entries = omneo_client.waitlist_list(location_id=13, status="active")

    params = mocked_omneo.calls[0].request.params
    assert params == {
        "filter[location_id]": "13",
        "filter[status]": "active",
        "page[size]": "50",
        "page[number]": "1",
    }
    assert [e.id for e in entries] == [3, 3]


def test_waitlist_update_puts_status_and_appointment(mocked_omneo, omneo_client):
    mocked_omneo.put(ANY_URL, json={"data": {**ENTRY, "status": "fulfilled", "appointment_id": 9}})

    entry = omneo_client.waitlist_update("3/x", status="fulfilled", appointment_id=9)

    call = mocked_omneo.calls[0]
    assert call.request.path_url == "/api/v3/appointment-waitlists/3%2Fx"
    assert sent_json(call) == {"status": "fulfilled", "appointment_id": 9}
    assert (entry.status, entry.appointment_id) == ("fulfilled", 9)


def test_waitlist_get(mocked_omneo, omneo_client):
    mocked_omneo.get(f"{V3}/appointment-waitlists/3", json={"data": ENTRY})

    assert omneo_client.waitlist_get(3).location_id == 13


def test_update_changes_can_attach_a_transaction(mocked_omneo, omneo_client):
    mocked_omneo.put(f"{V3}/appointments/7", json={"data": APPOINTMENT})

    omneo_client.appointment_update(
        7, AppointmentChanges(transaction=TransactionLink(id=1001), meta=("vip",))
    )

    assert sent_json(mocked_omneo.calls[0]) == {"transaction": {"id": 1001}, "meta": ["vip"]}
