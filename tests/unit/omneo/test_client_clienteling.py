"""Clienteling calls: the user's token verified and read, custom fields written, shapes parsed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import responses

from booking_portal.omneo.client import OmneoClient
from booking_portal.omneo.errors import OmneoAuthError, OmneoBadResponse, OmneoValidationError
from booking_portal.omneo.resources import (
    ClientelingContext,
    CustomField,
    OmneoUser,
    epoch_moment,
)
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN

V3 = f"{MOCK_BASE_URL}/v3"
USER_TOKEN = "clienteling-user-token"
ME = {
    "id": 501,
    "name": "Mia Chen",
    "email": "mia.chen@stores.example",
    "roles": [{"id": 7, "handle": "store-associate"}],
    "permissions": ["profiles.read"],
}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1_800_000_000, datetime(2027, 1, 15, 8, 0, tzinfo=UTC)),
        (1_800_000_000_000, datetime(2027, 1, 15, 8, 0, tzinfo=UTC)),
        ("1800000000", datetime(2027, 1, 15, 8, 0, tzinfo=UTC)),
        ("1800000000000", datetime(2027, 1, 15, 8, 0, tzinfo=UTC)),
        (1_800_000_000.5, datetime(2027, 1, 15, 8, 0, 0, 500000, tzinfo=UTC)),
        ("2027-01-15T08:00:00Z", datetime(2027, 1, 15, 8, 0, tzinfo=UTC)),
    ],
)
def test_expiry_is_read_in_seconds_or_milliseconds(value: object, expected: datetime) -> None:
    assert epoch_moment(value) == expected


@pytest.mark.parametrize("value", [None, True, "", "soon", 0, -5, float("inf"), float("nan"), {}])
def test_an_unreadable_expiry_is_none(value: object) -> None:
    assert epoch_moment(value) is None


CONTEXT = {
    "type": "OMNEO_CLIENTELING_CONTEXT",
    "timestamp": 1_800_000_000_000,
    "profile": {"id": "c-1", "first_name": "Ava"},
    "staff": {"current": {"id": "s-1"}, "store": {"id": "13", "name": "Melbourne Central"}},
    "location": {"id": 13},
    "environment": {"tenant": "acme", "subdomain": "acme"},
    "authentication": {"token": "t", "user": {"id": 501}, "expiry": 1_800_000_060},
}


@pytest.mark.parametrize(
    "message", [CONTEXT, {"type": "OMNEO_CLIENTELING_CONTEXT", "data": CONTEXT}]
)
def test_the_context_is_read_from_the_current_and_the_older_wrapped_shape(message: dict) -> None:
    context = ClientelingContext.from_message(message)

    assert context.token == "t"
    assert context.profile_id == "c-1"
    assert context.staff_id == "s-1"
    assert context.location_id == 13
    assert context.tenant == "acme"
    assert context.expiry == datetime(2027, 1, 15, 8, 1, tzinfo=UTC)
    assert context.timestamp == datetime(2027, 1, 15, 8, 0, tzinfo=UTC)


def test_a_context_with_nothing_in_it_parses_to_empty_values() -> None:
    context = ClientelingContext.from_message({"profile": None, "staff": "x", "location": []})

    assert (context.token, context.profile_id, context.staff_id, context.location_id) == (
        "",
        None,
        None,
        None,
    )
    assert context.expiry is None


@pytest.mark.parametrize("body", [ME, {"data": ME}])
def test_a_user_is_read_unwrapped_or_wrapped(body: dict) -> None:
    user = OmneoUser.from_json(body)

    assert (user.id, user.name, user.email) == ("501", "Mia Chen", "mia.chen@stores.example")
    assert user.roles == ("store-associate",)
    assert user.permissions == ("profiles.read",)


def test_verify_sends_the_users_token_and_reads_only_the_status(
    omneo_client: OmneoClient, mocked_omneo: responses.RequestsMock
) -> None:
    mocked_omneo.get(f"{V3}/auth/verify", body="<html>fine</html>", status=200)

    omneo_client.auth_verify(USER_TOKEN)

    sent = mocked_omneo.calls[0].request
    assert sent.headers["Authorization"] == f"Bearer {USER_TOKEN}"
    assert MOCK_TOKEN not in sent.headers["Authorization"]


def test_an_unknown_token_is_an_auth_error(
    omneo_client: OmneoClient, mocked_omneo: responses.RequestsMock
) -> None:
    mocked_omneo.get(f"{V3}/auth/verify", json={"message": "Unauthenticated."}, status=401)

    with pytest.raises(OmneoAuthError):
        omneo_client.auth_verify(USER_TOKEN)


def test_users_me_is_read_with_the_users_token(
    omneo_client: OmneoClient, mocked_omneo: responses.RequestsMock
) -> None:
    mocked_omneo.get(f"{V3}/users/me", json=ME)

    user = omneo_client.user_me(USER_TOKEN)

    assert user.email == "mia.chen@stores.example"
    assert mocked_omneo.calls[0].request.headers["Authorization"] == f"Bearer {USER_TOKEN}"


def test_users_me_that_is_not_an_object_is_a_bad_response(
    omneo_client: OmneoClient, mocked_omneo: responses.RequestsMock
) -> None:
    mocked_omneo.get(f"{V3}/users/me", json=[1, 2])

    with pytest.raises(OmneoBadResponse):
        omneo_client.user_me(USER_TOKEN)


def test_the_portals_own_token_is_kept_after_a_users_call(
    omneo_client: OmneoClient, mocked_omneo: responses.RequestsMock
) -> None:
    mocked_omneo.get(f"{V3}/users/me", json=ME)
    mocked_omneo.get(f"{V3}/locations", json={"data": []})

    omneo_client.user_me(USER_TOKEN)
    omneo_client.location_list()

    assert mocked_omneo.calls[1].request.headers["Authorization"] == f"Bearer {MOCK_TOKEN}"


FIELD = CustomField(namespace="clienteling.setting", handle="app__booking", value={"enabled": True})


def test_a_custom_field_is_created_once(
    omneo_client: OmneoClient, mocked_omneo: responses.RequestsMock
) -> None:
    mocked_omneo.post(f"{V3}/tenants/custom-fields", json={"data": FIELD.to_json()}, status=201)

    created = omneo_client.custom_field_create(FIELD)

    assert created == FIELD
    assert json.loads(mocked_omneo.calls[0].request.body) == FIELD.to_json()


def test_a_custom_field_is_updated_by_its_key(
    omneo_client: OmneoClient, mocked_omneo: responses.RequestsMock
) -> None:
    url = f"{V3}/tenants/custom-fields/clienteling.setting%3Aapp__booking"
    mocked_omneo.put(url, json=FIELD.to_json())  # unwrapped: accepted too

    assert omneo_client.custom_field_update(FIELD) == FIELD
    assert len(mocked_omneo.calls) == 1


def test_a_refused_custom_field_is_a_validation_error(
    omneo_client: OmneoClient, mocked_omneo: responses.RequestsMock
) -> None:
    body = {"message": "The handle has already been taken.", "errors": {"handle": ["taken"]}}
    mocked_omneo.post(f"{V3}/tenants/custom-fields", json=body, status=422)

    with pytest.raises(OmneoValidationError):
        omneo_client.custom_field_create(FIELD)
    assert len(mocked_omneo.calls) == 1
