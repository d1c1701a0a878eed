"""The real OmneoClient against the sandbox served over real HTTP: every call, every fault."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
import requests

from booking_portal.omneo.client import OmneoClient
from booking_portal.omneo.errors import (
    OmneoAuthError,
    OmneoBadResponse,
    OmneoForbidden,
    OmneoNotFound,
    OmneoRateLimited,
    OmneoServerError,
    OmneoTimeout,
    OmneoValidationError,
)
from booking_portal.omneo.resources import AnswerInput, StoreAppointment, TransactionLink
from booking_portal.sandbox import data, faults
from booking_portal.sandbox.models import SandboxAppointment
from tests.unit.sandbox.conftest import AVA, MELBOURNE, tomorrow_at

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _faults_allowed(settings, sandbox_base_url):
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.clear()


def a_fitting(hour: int = 10, **overrides) -> StoreAppointment:
    start = tomorrow_at(hour)
    fields = {
        "appointment_definition_id": 1,
        "profile_id": AVA,
        "location_id": 13,
        "scheduled_start_at": start.strftime("%Y-%m-%d %H:%M:%S"),
        "scheduled_end_at": (start + timedelta(minutes=45)).strftime("%Y-%m-%d %H:%M:%S"),
        "timezone": "Australia/Melbourne",
        "answers": (AnswerInput(questionnaire_question_id=21, value="blazer"),),
    }
    return StoreAppointment(**{**fields, **overrides})


def test_catalogue_calls(sandbox_client):
    definitions = sandbox_client.definition_list()
    fitting = sandbox_client.definition_get(1)
    questions = sandbox_client.definition_questions(1)
    locations = sandbox_client.definition_locations(1)

    assert [d.name for d in definitions] == [
        "Suit fitting",
        "Styling consultation",
        "Watch repair drop-off",
        "Walk-in alterations",
        "Bespoke tailoring",
    ]
    assert fitting.duration_minutes == 45
    assert [q.type for q in questions][:3] == ["single_select", "text", "boolean"]
    assert {loc.timezone for loc in locations} >= {"Australia/Melbourne", "Australia/Perth"}


def test_locations_and_profiles(sandbox_client):
    locations = sandbox_client.location_list()
    perth = sandbox_client.location_get(15)
    found = sandbox_client.profile_search("nguyen")
    ava = sandbox_client.profile_get(AVA)

    assert len(locations) == len(data.LOCATIONS)
    assert perth.timezone == "Australia/Perth"
    assert {p.display_name for p in found} == {"Ava Nguyen", "Chloe Nguyen"}
    assert ava.email == "ava.nguyen@example.com"


def test_availability_calls(sandbox_client):
    day = tomorrow_at(10).date()

    staff = sandbox_client.available_staff(2, location_id=14, on=day)
    with_staff = sandbox_client.available_slots(2, location_id=14, on=day, staff_id=staff[0].id)
    fitting = sandbox_client.available_slots(1, location_id=13, on=day)
    month = sandbox_client.available_slots_range(
        1, location_id=13, start=day, end=day + timedelta(days=2)
    )

    assert len(staff) == 2
    assert with_staff.timezone == "Australia/Brisbane"
    assert fitting.slots[0].start_at.astimezone(MELBOURNE).hour == 6
    assert len(month.slots) == 3 * len(fitting.slots)


def test_create_then_find_and_read(sandbox_client):
    created = sandbox_client.appointment_create(
        a_fitting(notes="Hem", transaction=TransactionLink(id=1002), meta=("vip",))
    )

    found = sandbox_client.appointment_list(filters={"profile_id": AVA})
    again = sandbox_client.appointment_get(created.id)

    assert created.status == "confirmed"
    assert created.transaction.receipt_ref == "R-1002"
    assert created.scheduled_start_at == tomorrow_at(10)
    assert [a.id for a in found] == [created.id]
    assert again.notes == "Hem"


def test_a_422_carries_nested_keys(sandbox_client):
    with pytest.raises(OmneoValidationError) as caught:
        sandbox_client.appointment_create(a_fitting(transaction=TransactionLink(id=5)))

    assert caught.value.field_errors == {
        "transaction.id": ("The selected transaction.id is invalid.",)
    }


def test_unknown_records_are_not_found(sandbox_client):
    with pytest.raises(OmneoNotFound):
        sandbox_client.location_get(404)


def test_a_wrong_token_is_an_auth_error(sandbox_base_url):
    client = OmneoClient(base_url=sandbox_base_url, token="not-the-token", read_retries=0)

    with pytest.raises(OmneoAuthError):
        client.location_list()


@pytest.mark.parametrize(
    ("kind", "error_class", "created"),
    [
        ("unauthorized", OmneoAuthError, 0),
        ("forbidden", OmneoForbidden, 0),
        ("not_found", OmneoNotFound, 0),
        ("rate_limit", OmneoRateLimited, 0),
        ("server_error", OmneoServerError, 0),
        ("bad_gateway", OmneoServerError, 0),
        ("unavailable", OmneoServerError, 0),
        ("malformed", OmneoBadResponse, 1),
        ("no_data", OmneoBadResponse, 1),
    ],
)
def test_each_create_fault_becomes_its_typed_error(sandbox_client, kind, error_class, created):
    faults.arm(kind=kind, seconds=30)

    with pytest.raises(error_class) as caught:
        sandbox_client.appointment_create(a_fitting())

    assert type(caught.value) is error_class
    assert SandboxAppointment.objects.count() == created


def test_a_slow_create_is_a_timeout_with_the_appointment_made(sandbox_base_url, settings):
    impatient = OmneoClient(
        base_url=sandbox_base_url,
        token=settings.OMNEO_SANDBOX_TOKEN,
        read_timeout=0.5,
        read_retries=0,
    )
    faults.arm(kind="timeout", seconds=1.5)

    with pytest.raises(OmneoTimeout) as caught:
        impatient.appointment_create(a_fitting())

    assert caught.value.outcome_unknown is True
    assert SandboxAppointment.objects.count() == 1


def test_reads_retry_through_a_passing_outage(sandbox_base_url, settings):
    patient = OmneoClient(
        base_url=sandbox_base_url, token=settings.OMNEO_SANDBOX_TOKEN, read_retries=2
    )
    faults.arm(kind="unavailable", method="GET", path_suffix="/v3/locations", times=2)

    assert len(patient.location_list()) == len(data.LOCATIONS)


def test_latency_slows_a_call_without_failing_it(sandbox_client):
    faults.arm(kind="latency", method="GET", path_suffix="/v3/locations/15", seconds=0.4)

    started = time.monotonic()
    perth = sandbox_client.location_get(15)

    assert perth.timezone == "Australia/Perth"
    assert time.monotonic() - started >= 0.4


def control_headers(settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {settings.OMNEO_SANDBOX_TOKEN}"}


def test_faults_armed_over_http_reach_the_client(sandbox_base_url, sandbox_client, settings):
    # Given a browser test arms a rate limit through the control endpoint
    armed = requests.post(
        f"{sandbox_base_url}/_faults",
        json={"kind": "rate_limit", "method": "GET", "path_suffix": "/v3/profiles", "seconds": 9},
        headers=control_headers(settings),
        timeout=5,
    )

    # When the client searches twice
    with pytest.raises(OmneoRateLimited) as caught:
        sandbox_client.profile_search("ava")
    recovered = sandbox_client.profile_search("ava")

    # Then the first is throttled with its Retry-After and the second answers
    assert armed.status_code == 201
    assert caught.value.retry_after == 9
    assert [p.display_name for p in recovered] == ["Ava Nguyen"]


def test_cleared_faults_stop_answering(sandbox_base_url, sandbox_client, settings):
    requests.post(
        f"{sandbox_base_url}/_faults",
        json={"kind": "server_error", "method": "GET", "path_suffix": "/v3/locations", "times": 5},
        headers=control_headers(settings),
        timeout=5,
    )

    cleared = requests.delete(
        f"{sandbox_base_url}/_faults", headers=control_headers(settings), timeout=5
    )

    assert cleared.status_code == 204
    assert len(sandbox_client.location_list()) == len(data.LOCATIONS)


def test_staff_slots_for_a_chosen_staff_member(sandbox_client):
    day = tomorrow_at(10).date()
    noah = next(
        person
        for person in sandbox_client.available_staff(2, location_id=13, on=day)
        if person.display_name == "Noah Walker"
    )

    slots = sandbox_client.available_slots(2, location_id=13, on=day, staff_id=noah.id)

    opens, closes = data.OFFICE_HOURS[day.weekday()]
    assert slots.slots[0].start_at.astimezone(MELBOURNE).strftime("%H:%M") == opens
    assert slots.slots[-1].end_at.astimezone(MELBOURNE).strftime("%H:%M") == closes
