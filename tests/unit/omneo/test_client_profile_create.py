"""profile_create: the body sent, the Person returned, and a write's failures (never retried)."""

from __future__ import annotations

import json

import pytest
import requests
from responses import matchers

from booking_portal.omneo.client import OmneoClient
from booking_portal.omneo.errors import OmneoServerError, OmneoTimeout, OmneoValidationError
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN

PROFILES = f"{MOCK_BASE_URL}/v3/profiles"
PRIYA = {
    "id": "8b0c3f9e-2c1a-4f7e-9d7a-1f2e3d4c5b6a",
    "first_name": "Priya",
    "last_name": "Raman",
    "full_name": "Priya Raman",
    "email": "priya@example.net",
    "mobile_phone": "+61499000111",
}


@pytest.fixture
def retrying_client(mocked_omneo):
    """A client that does retry reads: a create must still be sent once."""
    client = OmneoClient(base_url=MOCK_BASE_URL, token=MOCK_TOKEN, read_retries=3)
    yield client
    client.close()


def test_posts_the_names_email_and_mobile_and_reads_the_new_profile(mocked_omneo, omneo_client):
    sent = {
        "first_name": "Priya",
        "last_name": "Raman",
        "email": "priya@example.net",
        "mobile_phone": "+61499000111",
    }
    mocked_omneo.post(
        PROFILES, status=201, json={"data": PRIYA}, match=[matchers.json_params_matcher(sent)]
    )

    person = omneo_client.profile_create("Priya", "Raman", "priya@example.net", "+61499000111")

    assert person.id == PRIYA["id"]
    assert person.display_name == "Priya Raman"
    assert person.mobile_phone == "+61499000111"
    assert mocked_omneo.calls[0].request.headers["Content-Type"] == "application/json"


def test_no_mobile_is_left_out_of_the_body(mocked_omneo, omneo_client):
    mocked_omneo.post(PROFILES, status=201, json={"data": {**PRIYA, "mobile_phone": None}})

    omneo_client.profile_create("Priya", "Raman", "priya@example.net")

    assert json.loads(mocked_omneo.calls[0].request.body) == {
        "first_name": "Priya",
        "last_name": "Raman",
        "email": "priya@example.net",
    }


def test_a_taken_email_is_a_validation_error_on_that_field(mocked_omneo, omneo_client):
    body = {
        "message": "The email has already been taken.",
        "errors": {"email": ["The email has already been taken."]},
    }
    mocked_omneo.post(PROFILES, status=422, json=body)

    with pytest.raises(OmneoValidationError) as raised:
        omneo_client.profile_create("Priya", "Raman", "priya@example.net")

    assert raised.value.field_errors == {"email": ("The email has already been taken.",)}


@pytest.mark.parametrize(
    ("answer", "error_class"),
    [
        ({"status": 503, "body": "<html>down</html>"}, OmneoServerError),
        ({"body": requests.ReadTimeout("read timed out")}, OmneoTimeout),
    ],
)
def test_a_failed_create_is_sent_once_and_its_outcome_is_unknown(
    mocked_omneo, retrying_client, answer, error_class
):
    mocked_omneo.post(PROFILES, **answer)

    with pytest.raises(error_class) as raised:
        retrying_client.profile_create("Priya", "Raman", "priya@example.net")

    assert raised.value.outcome_unknown is True
    assert len(mocked_omneo.calls) == 1
