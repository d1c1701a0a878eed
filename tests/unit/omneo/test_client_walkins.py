"""Walk-in calls: the queue (anonymous entries, status changes), visits, a customer's bookings."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import requests

from booking_portal.omneo.client import OmneoClient
from booking_portal.omneo.errors import (
    OmneoBadResponse,
    OmneoNotFound,
    OmneoServerError,
    OmneoTimeout,
    OmneoValidationError,
)
from booking_portal.omneo.resources import QueueEntryInput, VisitInput
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN

V3 = f"{MOCK_BASE_URL}/v3"
ANY_URL = re.compile(r"https://api\.test\.getomneo\.com/.*")
ENTRY = {
    "id": 5,
    "status": "waiting",
    "appointment_definition_id": 4,
    "location_id": 13,
    "profile_id": None,
    "profile": None,
    "staff": None,
    "location": {"id": 13, "name": "Melbourne Central", "timezone": "Australia/Melbourne"},
    "meta": {"source": "counter"},
    "created_at": "2026-05-11T00:15:00.000000Z",
}
VISIT = {"id": 8, "profile_id": "p-1", "timezone": "Australia/Melbourne", "external_id": "APPT-7"}


def sent_json(call) -> dict:
    return json.loads(call.request.body)


def page(items, number=1, last=1):
    return {"data": items, "meta": {"current_page": number, "last_page": last}, "links": {}}


@pytest.fixture
def patient_client(mocked_omneo):
    """A client that retries reads, to show that writes are still sent only once."""
    client = OmneoClient(base_url=MOCK_BASE_URL, token=MOCK_TOKEN, read_retries=3)
    yield client
    client.close()


def test_an_anonymous_walk_in_is_posted_without_a_profile(mocked_omneo, omneo_client):
    mocked_omneo.post(f"{V3}/appointment-queues", json={"data": ENTRY}, status=201)

    entry = omneo_client.queue_create(
        QueueEntryInput(appointment_definition_id=4, location_id=13, meta={"source": "counter"})
    )

    assert sent_json(mocked_omneo.calls[0]) == {
        "appointment_definition_id": 4,
        "location_id": 13,
        "meta": {"source": "counter"},
    }
    assert entry.is_anonymous
    assert entry.is_open
    assert entry.profile is None
    assert entry.staff is None
    assert entry.location is not None
    assert entry.location.timezone == "Australia/Melbourne"
    assert entry.meta == {"source": "counter"}
    assert entry.created_at == datetime(2026, 5, 11, 0, 15, tzinfo=UTC)


def test_a_named_entry_reads_its_ids_from_the_nested_objects(mocked_omneo, omneo_client):
    nested = {
        **ENTRY,
        "profile_id": None,
        "profile": {"id": "p-1", "first_name": "Ava"},
        "staff": {"id": "s-1", "first_name": "Mia"},
        "status": "called",
    }
    mocked_omneo.get(f"{V3}/appointment-queues/5", json={"data": nested})

    entry = omneo_client.queue_get(5)

    assert (entry.profile_id, entry.staff_id) == ("p-1", "s-1")
    assert entry.profile is not None
    assert entry.profile.display_name == "Ava"
    assert not entry.is_anonymous


def test_queue_list_sends_only_the_filters_given_oldest_first(mocked_omneo, omneo_client):
    mocked_omneo.get(f"{V3}/appointment-queues", json=page([ENTRY]))

    entries = omneo_client.queue_list(location_id=13, status="waiting")

    assert mocked_omneo.calls[0].request.params == {
        "filter[location_id]": "13",
        "filter[status]": "waiting",
        "sort": "created_at",
        "page[size]": "50",
        "page[number]": "1",
    }
    assert [e.id for e in entries] == [5]


def test_queue_update_puts_only_the_changes_to_the_encoded_path(mocked_omneo, omneo_client):
    mocked_omneo.put(ANY_URL, json={"data": {**ENTRY, "status": "served", "appointment_id": 9}})

    entry = omneo_client.queue_update(
        "5/x", status="served", appointment_id=9, meta={"served_at": "10:30"}
    )

    call = mocked_omneo.calls[0]
    assert call.request.path_url == "/api/v3/appointment-queues/5%2Fx"
    assert sent_json(call) == {
        "status": "served",
        "appointment_id": 9,
        "meta": {"served_at": "10:30"},
    }
    assert (entry.status, entry.appointment_id, entry.is_open) == ("served", 9, False)


def test_an_empty_queue_update_is_refused_before_sending(mocked_omneo, omneo_client):
    with pytest.raises(ValueError, match="at least one"):
        omneo_client.queue_update(5)

    assert len(mocked_omneo.calls) == 0


def test_a_refused_transition_is_a_validation_error_on_status(mocked_omneo, omneo_client):
    body = {"message": "A served queue entry cannot change.", "errors": {"status": ["A served…"]}}
    mocked_omneo.put(f"{V3}/appointment-queues/5", json=body, status=422)

    with pytest.raises(OmneoValidationError) as caught:
        omneo_client.queue_update(5, status="called")

    assert "status" in caught.value.field_errors


@pytest.mark.parametrize(
    ("call", "url"),
    [
        (
            lambda c: c.queue_create(QueueEntryInput(appointment_definition_id=4, location_id=13)),
            f"{V3}/appointment-queues",
        ),
        (
            lambda c: c.visit_create("p-1", VisitInput("2026-05-11 10:30:00", "Australia/Sydney")),
            f"{V3}/profiles/p-1/visits",
        ),
    ],
)
def test_a_failed_walk_in_write_is_sent_once_with_an_unknown_outcome(
    mocked_omneo, patient_client, call, url
):
    mocked_omneo.post(url, body="down", status=503)

    with pytest.raises(OmneoServerError) as caught:
        call(patient_client)

    assert len(mocked_omneo.calls) == 1
    assert caught.value.outcome_unknown is True


def test_a_queue_put_that_times_out_is_not_retried(mocked_omneo, patient_client):
    mocked_omneo.put(f"{V3}/appointment-queues/5", body=requests.ReadTimeout())

    with pytest.raises(OmneoTimeout):
        patient_client.queue_update(5, status="called")

    assert len(mocked_omneo.calls) == 1


def test_visit_create_sends_visited_at_with_its_zone(mocked_omneo, omneo_client):
    answer = {**VISIT, "visited_at": "2026-05-11T00:30:00.000000Z"}
    mocked_omneo.post(f"{V3}/profiles/p-1/visits", json={"data": answer}, status=201)

    visit = omneo_client.visit_create(
        "p-1",
        VisitInput(
            visited_at="2026-05-11 10:30:00",
            timezone="Australia/Melbourne",
            location_id=13,
            external_id="APPT-7",
            tags=("walk-in",),
        ),
    )

    assert sent_json(mocked_omneo.calls[0]) == {
        "visited_at": "2026-05-11 10:30:00",
        "timezone": "Australia/Melbourne",
        "location_id": 13,
        "external_id": "APPT-7",
        "tags": ["walk-in"],
    }
    assert visit.visited_at == datetime(2026, 5, 11, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize("key", ["visited_at", "occurred_at"])
def test_a_visit_time_is_read_from_either_key(mocked_omneo, omneo_client, key):
    mocked_omneo.get(
        f"{V3}/profiles/p-1/visits", json=page([{**VISIT, key: "2026-05-11 10:30:00"}])
    )

    [visit] = omneo_client.visit_list("p-1", external_id="APPT-7")

    assert mocked_omneo.calls[0].request.params["filter[external_id]"] == "APPT-7"
    assert visit.visited_at == datetime(2026, 5, 11, 10, 30, tzinfo=ZoneInfo("Australia/Melbourne"))
    assert visit.external_id == "APPT-7"


def test_a_visit_list_for_an_unknown_customer_is_not_found(mocked_omneo, omneo_client):
    mocked_omneo.get(f"{V3}/profiles/nobody/visits", json={"message": "No query"}, status=404)

    with pytest.raises(OmneoNotFound):
        omneo_client.visit_list("nobody")


def test_a_profile_id_stays_one_segment(mocked_omneo, omneo_client):
    mocked_omneo.get(ANY_URL, json=page([]))

    omneo_client.profile_appointments("a/../b")

    assert mocked_omneo.calls[0].request.path_url.startswith("/api/v3/profiles/a%2F..%2Fb/")


def test_profile_appointments_sends_the_status_filter(mocked_omneo, omneo_client):
    mocked_omneo.get(
        f"{V3}/profiles/p-1/appointments",
        json=page([{"id": 9, "status": "confirmed", "timezone": "Australia/Melbourne"}]),
    )

    [appointment] = omneo_client.profile_appointments("p-1", status="confirmed")

    assert mocked_omneo.calls[0].request.params["filter[status]"] == "confirmed"
    assert appointment.id == 9


def test_a_queue_answer_without_data_is_a_bad_response(mocked_omneo, omneo_client):
    mocked_omneo.get(f"{V3}/appointment-queues/5", json={"appointment_queue": ENTRY})

    with pytest.raises(OmneoBadResponse):
        omneo_client.queue_get(5)
