"""The handshake trusts a context only once Omneo vouched for it, and for this associate."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
import requests
import responses
from django.contrib.auth.models import User

from booking_portal.clienteling import messages
from booking_portal.clienteling.handshake import ContextRefused, clienteling_context_verify
from booking_portal.omneo.client import OmneoClient
from booking_portal.staff.models import StaffLink
from tests.conftest import MOCK_BASE_URL

from .conftest import CUSTOMER_ID, ME, STAFF_ID, USER_TOKEN, V3

pytestmark = pytest.mark.django_db
Message = Callable[..., dict[str, Any]]


def _paths(mock: responses.RequestsMock) -> list[str]:
    return sorted(call.request.path_url.split("?")[0] for call in mock.calls)


def test_a_genuine_context_starts_a_session_for_the_linked_associate(
    associate: Any, context_message: Message, omneo_vouches: Any, omneo_client: OmneoClient
) -> None:
    verified = clienteling_context_verify(message=context_message(), client=omneo_client)

    assert verified.session.user_id == associate.pk
    assert (verified.session.staff_id, verified.session.location_id) == (STAFF_ID, 13)
    assert verified.session.profile_id == CUSTOMER_ID
    assert verified.customer is not None
    assert verified.customer.display_name == "Ava Nguyen"
    assert _paths(omneo_vouches) == [
        "/api/v3/auth/verify",
        f"/api/v3/profiles/{CUSTOMER_ID}",
        f"/api/v3/profiles/{CUSTOMER_ID}/appointments",
        "/api/v3/users/me",
    ]
    for call in omneo_vouches.calls:  # the user's token identifies; reads keep the portal's
        expected = "/auth/verify" in call.request.url or "/users/me" in call.request.url
        assert (call.request.headers["Authorization"] == f"Bearer {USER_TOKEN}") is expected


@pytest.mark.parametrize("unit", [1, 1000])
def test_the_session_ends_no_later_than_the_token(
    associate: Any,
    context_message: Message,
    omneo_vouches: Any,
    omneo_client: OmneoClient,
    unit: int,
) -> None:
    expiry = int(time.time()) + 120
    message = context_message(
        authentication={"token": USER_TOKEN, "expiry": expiry * unit, "user": {}}
    )

    verified = clienteling_context_verify(message=message, client=omneo_client)

    assert verified.session.expires_at == expiry


def test_a_long_token_still_gives_a_short_session(
    associate: Any,
    context_message: Message,
    omneo_vouches: Any,
    omneo_client: OmneoClient,
    settings: Any,
) -> None:
    settings.CLIENTELING_SESSION_SECONDS = 300
    message = context_message(
        authentication={"token": USER_TOKEN, "expiry": int(time.time()) + 86_400}
    )

    verified = clienteling_context_verify(message=message, client=omneo_client)

    assert verified.session.expires_at <= time.time() + 300


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"authentication": {"token": USER_TOKEN, "expiry": 1_000}}, messages.SIGN_IN_EXPIRED),
        ({"authentication": {"token": USER_TOKEN}}, messages.SIGN_IN_EXPIRED),
        ({"authentication": {"expiry": 4_000_000_000}}, messages.NO_CONTEXT),
        ({"timestamp": int((time.time() - 600) * 1000)}, messages.STALE),
        ({"timestamp": None}, messages.STALE),
        ({"profile": {"id": "../users/me"}}, messages.CUSTOMER_UNKNOWN),
    ],
    ids=["expired", "no-expiry", "no-token", "stale", "no-timestamp", "not-a-customer-id"],
)
def test_a_forged_message_is_refused_before_omneo_is_asked(
    associate: Any,
    context_message: Message,
    mocked_omneo: responses.RequestsMock,
    omneo_client: OmneoClient,
    overrides: dict[str, Any],
    expected: str,
) -> None:
    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(message=context_message(**overrides), client=omneo_client)

    assert refused.value.message == expected
    assert len(mocked_omneo.calls) == 0


def test_a_token_omneo_does_not_know_is_refused_and_nothing_more_is_read(
    associate: Any,
    context_message: Message,
    mocked_omneo: responses.RequestsMock,
    omneo_client: OmneoClient,
) -> None:
    mocked_omneo.get(f"{V3}/auth/verify", json={"message": "Unauthenticated."}, status=401)

    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(message=context_message(), client=omneo_client)

    assert refused.value.message == messages.SIGN_IN_REFUSED
    assert _paths(mocked_omneo) == ["/api/v3/auth/verify"]


def test_the_tenant_in_the_message_is_never_asked(
    associate: Any, context_message: Message, omneo_vouches: Any, omneo_client: OmneoClient
) -> None:
    message = context_message(environment={"tenant": "evil", "subdomain": "evil"})

    clienteling_context_verify(message=message, client=omneo_client)

    assert all(call.request.url.startswith(MOCK_BASE_URL) for call in omneo_vouches.calls)


@pytest.mark.parametrize(
    "failure",
    [requests.ConnectionError("refused"), requests.ReadTimeout("slow")],
    ids=["unreachable", "timeout"],
)
def test_omneo_down_while_verifying_refuses_with_its_own_message(
    associate: Any,
    context_message: Message,
    mocked_omneo: responses.RequestsMock,
    omneo_client: OmneoClient,
    failure: Exception,
) -> None:
    mocked_omneo.get(f"{V3}/auth/verify", body=failure)

    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(message=context_message(), client=omneo_client)

    assert refused.value.message == messages.OMNEO_DOWN


def test_a_store_not_theirs_is_refused(
    associate: Any, context_message: Message, omneo_vouches: Any, omneo_client: OmneoClient
) -> None:
    message = context_message(staff={"current": {"id": STAFF_ID}, "store": {"id": 15}})

    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(message=message, client=omneo_client)

    assert refused.value.message == messages.NOT_YOUR_STORE


def test_another_associate_named_in_the_message_is_refused(
    associate: Any, context_message: Message, omneo_vouches: Any, omneo_client: OmneoClient
) -> None:
    other = "11111111-2222-4333-8444-555555555555"
    message = context_message(staff={"current": {"id": other}, "store": {"id": 13}})

    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(message=message, client=omneo_client)

    assert refused.value.message == messages.STAFF_MISMATCH


def test_a_user_without_a_staff_profile_is_linked_to_the_verified_associate_once(
    associate: Any,
    context_message: Message,
    omneo_vouches: Any,
    omneo_client: OmneoClient,
    staff_directory_lists: Any,
) -> None:
    staff_directory_lists((STAFF_ID, associate.email.lower()))
    StaffLink.objects.filter(user=associate).update(omneo_staff_id="")

    first = clienteling_context_verify(message=context_message(), client=omneo_client)
    learned = StaffLink.objects.get(user=associate)
    second = clienteling_context_verify(message=context_message(), client=omneo_client)

    assert first.session.user_id == second.session.user_id == associate.pk
    assert (learned.omneo_staff_id, learned.omneo_staff_name) == (STAFF_ID, ME["name"])
    assert learned.stores == {13}  # the stores a booking admin set are kept
    assert StaffLink.objects.get(user=associate).updated_at == learned.updated_at
    assert StaffLink.objects.count() == 1


def test_a_learned_link_grants_no_store(
    associate: Any,
    context_message: Message,
    omneo_vouches: Any,
    omneo_client: OmneoClient,
    staff_directory_lists: Any,
) -> None:
    staff_directory_lists((STAFF_ID, associate.email.lower()))
    StaffLink.objects.filter(user=associate).delete()

    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(message=context_message(), client=omneo_client)

    assert refused.value.message == messages.NOT_YOUR_STORE
    learned = StaffLink.objects.get(user=associate)
    assert (learned.omneo_staff_id, learned.location_ids) == (STAFF_ID, [])


def test_nothing_is_learned_when_two_users_share_the_email(
    associate: Any,
    context_message: Message,
    omneo_vouches: Any,
    omneo_client: OmneoClient,
    staff_directory_lists: Any,
) -> None:
    staff_directory_lists((STAFF_ID, associate.email.lower()))
    StaffLink.objects.filter(user=associate).delete()
    User.objects.create_user(username="mia2", email=associate.email.lower())

    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(message=context_message(), client=omneo_client)

    assert refused.value.message == messages.NOT_LINKED
    assert not StaffLink.objects.exists()


def test_an_associate_linked_to_someone_else_is_not_learned(
    associate: Any,
    context_message: Message,
    omneo_vouches: Any,
    omneo_client: OmneoClient,
    staff_directory_lists: Any,
) -> None:
    staff_directory_lists((STAFF_ID, associate.email.lower()))
    StaffLink.objects.filter(user=associate).update(omneo_staff_id="")
    other = User.objects.create_user(username="noah", email="noah@stores.example")
    StaffLink.objects.create(user=other, omneo_staff_id=STAFF_ID, omneo_staff_name="Noah")

    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(message=context_message(), client=omneo_client)

    assert refused.value.message == messages.NOT_LINKED
    assert StaffLink.objects.get(user=associate).omneo_staff_id == ""
    assert StaffLink.objects.get(user=other).omneo_staff_name == "Noah"


def test_an_existing_link_to_another_associate_is_kept_and_refused(
    associate: Any, context_message: Message, omneo_vouches: Any, omneo_client: OmneoClient
) -> None:
    other = "11111111-2222-4333-8444-555555555555"
    StaffLink.objects.filter(user=associate).update(omneo_staff_id=other)

    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(message=context_message(), client=omneo_client)

    assert refused.value.message == messages.STAFF_MISMATCH
    assert StaffLink.objects.get(user=associate).omneo_staff_id == other


def test_a_context_naming_no_associate_learns_nothing(
    associate: Any,
    context_message: Message,
    omneo_vouches: Any,
    omneo_client: OmneoClient,
    staff_directory_lists: Any,
) -> None:
    staff_directory_lists((STAFF_ID, associate.email.lower()))
    StaffLink.objects.filter(user=associate).update(omneo_staff_id="")

    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(
            message=context_message(staff={"store": {"id": 13}}), client=omneo_client
        )

    assert refused.value.message == messages.NOT_LINKED
    assert StaffLink.objects.get(user=associate).omneo_staff_id == ""


def test_an_omneo_user_no_portal_user_has_is_refused(
    associate: Any,
    context_message: Message,
    mocked_omneo: responses.RequestsMock,
    omneo_client: OmneoClient,
) -> None:
    mocked_omneo.get(f"{V3}/auth/verify", json={})
    mocked_omneo.get(f"{V3}/users/me", json={**ME, "email": "someone@else.example"})
    mocked_omneo.get(f"{V3}/profiles/{CUSTOMER_ID}", json={"data": {"id": CUSTOMER_ID}})
    mocked_omneo.get(f"{V3}/profiles/{CUSTOMER_ID}/appointments", json={"data": []})

    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(message=context_message(), client=omneo_client)

    assert refused.value.message == messages.NOT_LINKED


def test_a_customer_omneo_does_not_have_is_refused(
    associate: Any,
    context_message: Message,
    mocked_omneo: responses.RequestsMock,
    omneo_client: OmneoClient,
) -> None:
    mocked_omneo.get(f"{V3}/auth/verify", json={})
    mocked_omneo.get(f"{V3}/users/me", json=ME)
    mocked_omneo.get(f"{V3}/profiles/{CUSTOMER_ID}", json={"message": "No query"}, status=404)
    mocked_omneo.get(f"{V3}/profiles/{CUSTOMER_ID}/appointments", json={"data": []})

    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(message=context_message(), client=omneo_client)

    assert refused.value.message == messages.CUSTOMER_UNKNOWN


def test_no_customer_open_still_starts_a_session_without_one(
    associate: Any,
    context_message: Message,
    mocked_omneo: responses.RequestsMock,
    omneo_client: OmneoClient,
) -> None:
    mocked_omneo.get(f"{V3}/auth/verify", json={})
    mocked_omneo.get(f"{V3}/users/me", json=ME)

    verified = clienteling_context_verify(
        message=context_message(profile=None), client=omneo_client
    )

    assert verified.customer is None
    assert verified.session.profile_id == ""
    assert len(mocked_omneo.calls) == 2


def test_an_associate_omneo_lists_under_another_email_is_not_learned(
    associate: Any,
    context_message: Message,
    omneo_vouches: Any,
    omneo_client: OmneoClient,
    staff_directory_lists: Any,
) -> None:
    StaffLink.objects.filter(user=associate).update(omneo_staff_id="")
    staff_directory_lists((STAFF_ID, "someone.else@stores.example"))  # a message naming another

    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(message=context_message(), client=omneo_client)

    assert refused.value.message == messages.NOT_LINKED
    assert StaffLink.objects.get(user=associate).omneo_staff_id == ""
