"""Clienteling against the live sandbox: its tokens verified, forged ones refused, registration."""

from __future__ import annotations

import json
import time
from io import StringIO
from typing import Any

import pytest
import requests
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from booking_portal.clienteling import messages
from booking_portal.clienteling.handshake import ContextRefused, clienteling_context_verify
from booking_portal.clienteling.models import ClientelingRefusal
from booking_portal.omneo.client import OmneoClient
from booking_portal.omneo.errors import OmneoAuthError
from booking_portal.sandbox.clienteling.custom_fields import CACHE_KEY
from booking_portal.sandbox.clienteling.users import USERS, token_issue
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.staff.models import StaffLink
from booking_portal.staff.roles import STORE_STAFF
from booking_portal.writes.models import AppointmentWrite, BookingAttempt
from tests.unit.sandbox.conftest import AVA

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
MIA = USERS[501]


@pytest.fixture
def mia(db: None) -> User:
    """The portal user for the sandbox's Mia Chen, store staff at Melbourne Central."""
    user = User.objects.create_user(username="mia", password="x", email=MIA["email"])
    user.groups.add(Group.objects.get_or_create(name=STORE_STAFF)[0])
    StaffLink.objects.create(user=user, omneo_staff_id=MIA["staff_id"], location_ids=[13])
    return user


def _message(token: str, *, store: int = 13, profile: str = AVA, **auth: Any) -> dict[str, Any]:
    return {
        "type": "OMNEO_CLIENTELING_CONTEXT",
        "timestamp": int(time.time() * 1000),
        "profile": {"id": profile},
        "staff": {"current": {"id": MIA["staff_id"]}, "store": {"id": store}},
        "environment": {"tenant": "sandbox"},
        "authentication": {"token": token, "expiry": int(time.time()) + 600, **auth},
    }


def _writes() -> int:
    return (
        SandboxAppointment.objects.count()
        + AppointmentWrite.objects.count()
        + BookingAttempt.objects.count()
    )


def test_the_sandbox_vouches_for_its_own_tokens(sandbox_client: OmneoClient) -> None:
    token = token_issue(user_id=501)

    sandbox_client.auth_verify(token)
    me = sandbox_client.user_me(token)

    assert (me.id, me.name, me.email) == ("501", "Mia Chen", MIA["email"])
    assert me.roles == ("store-associate",)


@pytest.mark.parametrize(
    "token",
    [
        token_issue(user_id=501, expires_at=time.time() - 1),
        token_issue(user_id=501, tenant="another-tenant"),
        "never-issued",
        "",
    ],
    ids=["expired", "other-tenant", "unknown", "empty"],
)
def test_the_sandbox_refuses_tokens_as_omneo_does(
    sandbox_base_url: str, sandbox_client: OmneoClient, token: str
) -> None:
    with pytest.raises(OmneoAuthError):
        sandbox_client.auth_verify(token)
    with pytest.raises(OmneoAuthError):
        sandbox_client.user_me(token)
    answer = requests.get(
        f"{sandbox_base_url}/v3/auth/verify",
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        timeout=5,
    )
    assert (answer.status_code, answer.json()) == (401, {"message": "Unauthenticated."})


def test_a_sandbox_context_starts_a_session(mia: User, sandbox_client: OmneoClient) -> None:
    verified = clienteling_context_verify(
        message=_message(token_issue(user_id=501)), client=sandbox_client
    )

    assert verified.session.user_id == mia.pk
    assert verified.customer is not None
    assert verified.customer.id == AVA


@pytest.mark.parametrize(
    ("token", "store", "expected"),
    [
        (token_issue(user_id=501, tenant="another-tenant"), 13, messages.SIGN_IN_REFUSED),
        ("never-issued", 13, messages.SIGN_IN_REFUSED),
        (token_issue(user_id=501), 15, messages.NOT_YOUR_STORE),
        (token_issue(user_id=502), 13, messages.NOT_LINKED),
    ],
    ids=["other-tenant", "unverifiable", "store-not-theirs", "another-user"],
)
def test_a_forged_context_is_refused_and_nothing_is_written(
    mia: User, sandbox_client: OmneoClient, token: str, store: int, expected: str
) -> None:
    before = _writes()

    with pytest.raises(ContextRefused) as refused:
        clienteling_context_verify(message=_message(token, store=store), client=sandbox_client)

    assert refused.value.message == expected
    assert _writes() == before
    refusal = ClientelingRefusal.objects.get()
    assert (refusal.message, refusal.location_id) == (expected, str(store))
    assert token not in " ".join(str(getattr(refusal, f.attname)) for f in refusal._meta.fields)


def test_a_verified_associate_without_a_link_is_linked_once_and_given_no_store(
    mia: User, sandbox_client: OmneoClient
) -> None:
    StaffLink.objects.filter(user=mia).delete()

    for _ in range(2):
        with pytest.raises(ContextRefused) as refused:
            clienteling_context_verify(
                message=_message(token_issue(user_id=501)), client=sandbox_client
            )
        assert refused.value.message == messages.NOT_YOUR_STORE

    learned = StaffLink.objects.get()
    assert (learned.user, learned.omneo_staff_id, learned.stores) == (
        mia,
        MIA["staff_id"],
        frozenset(),
    )
    assert learned.omneo_staff_name == MIA["name"]


def test_the_handshake_page_shows_the_customer_against_the_sandbox(
    mia: User, sandbox_base_url: str
) -> None:
    response = Client(enforce_csrf_checks=True).post(
        reverse("clienteling:handshake"),
        {"context": json.dumps(_message(token_issue(user_id=501)))},
    )

    assert response.status_code == 200
    assert "Ava Nguyen" in response.content.decode()


def test_the_handshake_page_refuses_an_expired_token(mia: User, sandbox_base_url: str) -> None:
    expired = token_issue(user_id=501, expires_at=time.time() - 5)

    response = Client().post(
        reverse("clienteling:handshake"), {"context": json.dumps(_message(expired))}
    )

    assert response.status_code == 403
    assert escape(messages.SIGN_IN_REFUSED) in response.content.decode()


def test_registration_creates_then_updates_the_sandboxs_custom_field(
    sandbox_base_url: str, settings: Any
) -> None:
    from django.core.cache import cache

    cache.delete(CACHE_KEY)
    settings.OMNEO_ADMIN_TOKEN = settings.OMNEO_SANDBOX_TOKEN
    out = StringIO()

    call_command("clienteling_register", "--url", "https://booking.example.com", stdout=out)
    call_command("clienteling_register", "--url", "https://book.example.com", stdout=out)

    assert "Created clienteling.setting:app__booking_portal" in out.getvalue()
    assert "Updated clienteling.setting:app__booking_portal" in out.getvalue()
    stored = requests.get(
        f"{sandbox_base_url}/v3/tenants/custom-fields/clienteling.setting:app__booking_portal",
        headers={"Authorization": f"Bearer {settings.OMNEO_SANDBOX_TOKEN}"},
        timeout=5,
    ).json()["data"]
    assert stored["value"]["clienteling"]["url"] == "https://book.example.com/clienteling/"
    assert stored["type"] == "json"
