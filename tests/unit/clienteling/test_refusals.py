"""Every refused Clienteling context leaves one record for admins, and never its token."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest
import requests
import responses
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from booking_portal.clienteling import messages
from booking_portal.clienteling.models import ClientelingRefusal
from booking_portal.staff.models import StaffLink
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN

from .conftest import CUSTOMER_ID, ME, STAFF_ID, USER_TOKEN, V3

pytestmark = pytest.mark.django_db
Message = Callable[..., dict[str, Any]]
STANDIN = "https://sandbox.clienteling.getomneo.com"
OTHER = "11111111-2222-4333-8444-555555555555"


@pytest.fixture
def omneo_settings(settings: Any) -> Any:
    settings.CLIENTELING_ORIGINS = [STANDIN]
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_API_TOKEN = MOCK_TOKEN
    settings.OMNEO_READ_RETRIES = 0
    return settings


def _vouch(mock: responses.RequestsMock, *, me: dict[str, Any] = ME, customer: int = 200) -> None:
    mock.get(f"{V3}/auth/verify", json={"message": "ok"})
    mock.get(f"{V3}/users/me", json=me)
    mock.get(f"{V3}/profiles/{CUSTOMER_ID}", json={"data": {"id": CUSTOMER_ID}}, status=customer)
    mock.get(f"{V3}/profiles/{CUSTOMER_ID}/appointments", json={"data": [], "meta": {}})


def _stale(m: Message, mock: responses.RequestsMock) -> dict[str, Any]:
    return m(timestamp=int((time.time() - 600) * 1000))


def _expired(m: Message, mock: responses.RequestsMock) -> dict[str, Any]:
    return m(authentication={"token": USER_TOKEN, "expiry": 1_000, "user": {"id": 501}})


def _unverifiable(m: Message, mock: responses.RequestsMock) -> dict[str, Any]:
    mock.get(f"{V3}/auth/verify", json={"message": "Unauthenticated."}, status=401)
    return m()


def _other_tenant(m: Message, mock: responses.RequestsMock) -> dict[str, Any]:
    mock.get(f"{V3}/auth/verify", json={"message": "Unauthenticated."}, status=401)
    return m(environment={"tenant": "evil", "subdomain": "evil"})


def _unreachable(m: Message, mock: responses.RequestsMock) -> dict[str, Any]:
    mock.get(f"{V3}/auth/verify", body=requests.ConnectionError("refused"))
    return m()


def _not_their_store(m: Message, mock: responses.RequestsMock) -> dict[str, Any]:
    _vouch(mock)
    return m(staff={"current": {"id": STAFF_ID}, "store": {"id": 15}})


def _another_associate(m: Message, mock: responses.RequestsMock) -> dict[str, Any]:
    _vouch(mock)
    return m(staff={"current": {"id": OTHER}, "store": {"id": 13}})


def _unknown_user(m: Message, mock: responses.RequestsMock) -> dict[str, Any]:
    _vouch(mock, me={**ME, "email": "someone@else.example"})
    return m()


def _customer_swapped(m: Message, mock: responses.RequestsMock) -> dict[str, Any]:
    _vouch(mock, customer=404)
    return m()


KINDS = {
    "stale": (_stale, messages.STALE),
    "expired": (_expired, messages.SIGN_IN_EXPIRED),
    "unverifiable": (_unverifiable, messages.SIGN_IN_REFUSED),
    "other-tenant": (_other_tenant, messages.SIGN_IN_REFUSED),
    "unreachable": (_unreachable, messages.OMNEO_DOWN),
    "not-their-store": (_not_their_store, messages.NOT_YOUR_STORE),
    "another-associate": (_another_associate, messages.STAFF_MISMATCH),
    "unknown-user": (_unknown_user, messages.NOT_LINKED),
    "customer-unknown": (_customer_swapped, messages.CUSTOMER_UNKNOWN),
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_refusal_leaves_one_record_without_the_token(
    omneo_settings: Any,
    associate: Any,
    context_message: Message,
    mocked_omneo: responses.RequestsMock,
    kind: str,
) -> None:
    build, expected = KINDS[kind]
    message = build(context_message, mocked_omneo)

    response = Client().post(
        reverse("clienteling:handshake"), {"context": json.dumps(message), "origin": STANDIN}
    )

    assert response.status_code == 403
    refusal = ClientelingRefusal.objects.get()
    assert refusal.message == expected
    assert refusal.reason
    assert refusal.origin == STANDIN
    assert refusal.omneo_user_id == "501"
    assert (refusal.omneo_staff_id, refusal.location_id) == (
        message["staff"]["current"]["id"],
        str(message["staff"]["store"]["id"]),
    )
    kept = " ".join(str(getattr(refusal, f.attname)) for f in ClientelingRefusal._meta.fields)
    assert USER_TOKEN not in kept
    assert MOCK_TOKEN not in kept


def test_a_body_that_is_no_context_is_recorded_once(omneo_settings: Any) -> None:
    Client().post(reverse("clienteling:handshake"), {"context": "not json", "origin": STANDIN})

    refusal = ClientelingRefusal.objects.get()
    assert (refusal.reason, refusal.message, refusal.origin) == (
        "no context",
        messages.NO_CONTEXT,
        STANDIN,
    )


def test_a_genuine_context_leaves_no_refusal(
    omneo_settings: Any,
    associate: Any,
    context_message: Message,
    omneo_vouches: responses.RequestsMock,
) -> None:
    response = Client().post(
        reverse("clienteling:handshake"), {"context": json.dumps(context_message())}
    )

    assert response.status_code == 200
    assert not ClientelingRefusal.objects.exists()


def _refusal() -> ClientelingRefusal:
    return ClientelingRefusal.objects.create(
        reason="not their store",
        message=messages.NOT_YOUR_STORE,
        origin=STANDIN,
        omneo_user_id="501",
        omneo_staff_id=STAFF_ID,
        location_id="15",
    )


def test_a_booking_admin_reviews_refusals_read_only(client: Client, booking_admin: Any) -> None:
    refusal = _refusal()
    client.force_login(booking_admin)

    listed = client.get("/admin/clienteling/clientelingrefusal/")
    found = client.get(f"/admin/clienteling/clientelingrefusal/?q={STAFF_ID}")
    shown = client.get(f"/admin/clienteling/clientelingrefusal/{refusal.pk}/change/")
    added = client.get("/admin/clienteling/clientelingrefusal/add/")
    deleted = client.post(
        f"/admin/clienteling/clientelingrefusal/{refusal.pk}/delete/", {"post": "yes"}
    )

    assert listed.status_code == found.status_code == shown.status_code == 200
    assert STANDIN in listed.content.decode()
    assert found.context["cl"].result_count == 1
    assert 'name="_save"' not in shown.content.decode()
    assert (added.status_code, deleted.status_code) == (403, 403)
    assert ClientelingRefusal.objects.filter(pk=refusal.pk).exists()


def test_store_staff_may_not_see_refusals(client: Client, staff_user: Any) -> None:
    _refusal()
    staff_user.is_staff = True  # even with the admin open to them
    staff_user.save()
    client.force_login(staff_user)

    response = client.get("/admin/clienteling/clientelingrefusal/")

    assert response.status_code == 403
    assert not Permission.objects.filter(
        group__user=staff_user, codename="view_clientelingrefusal"
    ).exists()


def test_the_learned_link_and_refusals_never_keep_a_store(
    omneo_settings: Any,
    associate: Any,
    context_message: Message,
    omneo_vouches: responses.RequestsMock,
    staff_directory_lists: Any,
) -> None:
    StaffLink.objects.filter(user=associate).delete()
    staff_directory_lists((STAFF_ID, associate.email.lower()))

    Client().post(reverse("clienteling:handshake"), {"context": json.dumps(context_message())})

    assert StaffLink.objects.get(user=associate).stores == frozenset()
    assert ClientelingRefusal.objects.get().reason == "not their store"
