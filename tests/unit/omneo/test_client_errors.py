"""Every way a call can fail becomes one typed error, with the HTTP context and never the token."""

from __future__ import annotations

import logging

import pytest
import requests

from booking_portal.omneo.errors import (
    OmneoAuthError,
    OmneoBadResponse,
    OmneoConnectionReset,
    OmneoForbidden,
    OmneoNotFound,
    OmneoRateLimited,
    OmneoServerError,
    OmneoTimeout,
    OmneoUnreachable,
    OmneoValidationError,
)
from booking_portal.omneo.resources import StoreAppointment
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN

CREATE_URL = f"{MOCK_BASE_URL}/v3/appointments"
DEFINITIONS_URL = f"{MOCK_BASE_URL}/v3/appointment-definitions"


def a_booking() -> StoreAppointment:
    return StoreAppointment(
        appointment_definition_id=1,
        profile_id="9b1d2c64-0c39-4f3e-9d53-2f2a4c1f0a01",
        location_id=13,
        scheduled_start_at="2026-05-11 10:00:00",
        scheduled_end_at="2026-05-11 10:30:00",
        timezone="Australia/Melbourne",
    )


@pytest.mark.parametrize(
    ("status", "fixture", "error_class"),
    [
        (401, "unauthenticated_401.json", OmneoAuthError),
        (403, "forbidden_403.json", OmneoForbidden),
        (404, None, OmneoNotFound),
        (500, "server_error_500.html", OmneoServerError),
        (503, "server_error_500.html", OmneoServerError),
    ],
)
def test_status_becomes_its_error_class(
    mocked_omneo, omneo_client, omneo_fixture, status, fixture, error_class
):
    body = omneo_fixture(fixture) if fixture else {"message": "No query results."}
    if isinstance(body, str):
        mocked_omneo.post(CREATE_URL, body=body, status=status, content_type="text/html")
    else:
        mocked_omneo.post(CREATE_URL, json=body, status=status)

    with pytest.raises(error_class) as caught:
        omneo_client.appointment_create(a_booking())

    assert caught.value.status == status
    assert caught.value.method == "POST"
    assert caught.value.path == "/v3/appointments"


def test_401_carries_omneos_message(mocked_omneo, omneo_client, omneo_fixture):
    mocked_omneo.get(DEFINITIONS_URL, json=omneo_fixture("unauthenticated_401.json"), status=401)

    with pytest.raises(OmneoAuthError) as caught:
        omneo_client.definition_list()

    assert caught.value.message == "Unauthenticated."


def test_422_keeps_the_errors_map_exactly_as_sent(mocked_omneo, omneo_client, omneo_fixture):
    body = omneo_fixture("validation_422_nested.json")
    mocked_omneo.post(CREATE_URL, json=body, status=422, headers={"X-Request-Id": "req-42"})

    with pytest.raises(OmneoValidationError) as caught:
        omneo_client.appointment_create(a_booking())

    error = caught.value
    assert error.message == body["message"]
    assert error.request_id == "req-42"
    assert error.field_errors == {key: tuple(value) for key, value in body["errors"].items()}
    assert error.field_errors["transaction.id"] == (
        "The transaction.id field must be an integer.",
        "The selected transaction.id is invalid.",
    )


def test_429_gives_the_seconds_from_retry_after(mocked_omneo, omneo_client, omneo_fixture):
    mocked_omneo.post(
        CREATE_URL,
        json=omneo_fixture("rate_limited_429.json"),
        status=429,
        headers={"Retry-After": "17"},
    )

    with pytest.raises(OmneoRateLimited) as caught:
        omneo_client.appointment_create(a_booking())

    assert caught.value.retry_after == 17.0


def test_server_error_on_the_create_is_an_unknown_outcome(mocked_omneo, omneo_client):
    mocked_omneo.post(CREATE_URL, body="<h1>Server Error</h1>", status=500)

    with pytest.raises(OmneoServerError) as caught:
        omneo_client.appointment_create(a_booking())

    assert caught.value.outcome_unknown is True
    assert "<h1>Server Error</h1>" in caught.value.body_excerpt


def test_server_error_on_a_read_is_not_an_unknown_outcome(mocked_omneo, omneo_client):
    mocked_omneo.get(f"{MOCK_BASE_URL}/v3/locations/13", body="oops", status=502)

    with pytest.raises(OmneoServerError) as caught:
        omneo_client.location_get(13)

    assert caught.value.outcome_unknown is False


@pytest.mark.parametrize(
    ("transport_failure", "error_class", "outcome_unknown"),
    [
        (requests.ConnectTimeout("connect timed out"), OmneoUnreachable, False),
        (requests.ConnectionError("Connection aborted."), OmneoConnectionReset, True),
        (requests.ReadTimeout("read timed out"), OmneoTimeout, True),
        (requests.exceptions.ChunkedEncodingError("reset"), OmneoConnectionReset, True),
    ],
)
def test_transport_failures_become_transport_errors(
    mocked_omneo, omneo_client, transport_failure, error_class, outcome_unknown
):
    mocked_omneo.post(CREATE_URL, body=transport_failure)

    with pytest.raises(error_class) as caught:
        omneo_client.appointment_create(a_booking())

    assert caught.value.outcome_unknown is outcome_unknown
    assert caught.value.__cause__ is transport_failure


def test_refused_connection_is_unreachable_and_safe_to_retry():
    """A real refused connection (nothing listens on the port): the request was never sent."""
    from booking_portal.omneo.client import OmneoClient

    client = OmneoClient(base_url="http://127.0.0.1:9/api", token=MOCK_TOKEN, read_retries=0)

    with pytest.raises(OmneoUnreachable) as caught:
        client.appointment_create(a_booking())

    assert caught.value.outcome_unknown is False


@pytest.mark.parametrize(
    "body",
    ["<html>oops", "[1, 2, 3]", '{"no_data_key": true}', '{"data": "a string"}'],
)
def test_success_with_an_unreadable_body_is_a_bad_response(mocked_omneo, omneo_client, body):
    mocked_omneo.post(CREATE_URL, body=body, status=201)

    with pytest.raises(OmneoBadResponse) as caught:
        omneo_client.appointment_create(a_booking())

    assert caught.value.outcome_unknown is True
    assert caught.value.status in (201, None)


def test_the_token_is_in_no_error_repr_or_log(mocked_omneo, omneo_client, omneo_fixture, caplog):
    caplog.set_level(logging.DEBUG)
    mocked_omneo.post(CREATE_URL, json=omneo_fixture("validation_422_nested.json"), status=422)
    mocked_omneo.get(DEFINITIONS_URL, body=requests.ReadTimeout("slow"))

    with pytest.raises(OmneoValidationError) as rejected:
        omneo_client.appointment_create(a_booking())
    with pytest.raises(OmneoTimeout) as slow:
        omneo_client.definition_list()

    texts = [str(rejected.value), repr(rejected.value), str(slow.value), repr(slow.value)]
    texts += [repr(omneo_client), caplog.text]
    assert caplog.records, "the calls were logged"
    assert all(MOCK_TOKEN not in text for text in texts)


def test_error_bodies_are_cut_to_an_excerpt(mocked_omneo, omneo_client):
    mocked_omneo.post(CREATE_URL, body="x" * 50_000, status=500)

    with pytest.raises(OmneoServerError) as caught:
        omneo_client.appointment_create(a_booking())

    assert len(caught.value.body_excerpt) == 1024
