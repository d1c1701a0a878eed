"""A Clienteling context as Omneo's parent frame sends it, and the associate it names."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from booking_portal.staff.models import StaffLink
from booking_portal.staff.roles import STORE_STAFF
from tests.conftest import MOCK_BASE_URL, STAFF_PASSWORD

V3 = f"{MOCK_BASE_URL}/v3"
USER_TOKEN = "clienteling-user-token"
STAFF_ID = "200613f5-18e6-5c00-8a6d-28957cd0b2b7"
CUSTOMER_ID = "9c3f2a1e-0b4d-4e5f-8a6b-7c8d9e0f1a2b"
EMAIL = "mia.chen@stores.example"
ME = {"id": 501, "name": "Mia Chen", "email": EMAIL, "roles": [], "permissions": []}
CUSTOMER = {"id": CUSTOMER_ID, "first_name": "Ava", "last_name": "Nguyen"}


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


@pytest.fixture
def associate(db: None) -> User:
    """Store staff at Melbourne Central (13) only, linked to Mia Chen's staff profile."""
    from django.contrib.auth.models import Group

    user = User.objects.create_user(username="mia", password=STAFF_PASSWORD, email=EMAIL.upper())
    user.groups.add(Group.objects.get_or_create(name=STORE_STAFF)[0])
    StaffLink.objects.create(user=user, omneo_staff_id=STAFF_ID, location_ids=[13])
    return user


@pytest.fixture
def context_message() -> Callable[..., dict[str, Any]]:
    """A fresh context from Clienteling; keyword arguments replace parts of it."""

    def build(**overrides: Any) -> dict[str, Any]:
        now = time.time()
        message: dict[str, Any] = {
            "type": "OMNEO_CLIENTELING_CONTEXT",
            "timestamp": int(now * 1000),
            "profile": {"id": CUSTOMER_ID},
            "staff": {"current": {"id": STAFF_ID}, "store": {"id": 13}},
            "location": {"id": 13},
            "environment": {"tenant": "test", "subdomain": "test"},
            "authentication": {"token": USER_TOKEN, "user": {"id": 501}, "expiry": int(now) + 3600},
        }
        message.update(overrides)
        return message

    return build


@pytest.fixture
def omneo_vouches(mocked_omneo: Any) -> Any:
    """Omneo accepts the token, knows the user and the customer, who has no appointments."""
    mocked_omneo.get(f"{V3}/auth/verify", json={"message": "ok"})
    mocked_omneo.get(f"{V3}/users/me", json=ME)
    mocked_omneo.get(f"{V3}/profiles/{CUSTOMER_ID}", json={"data": CUSTOMER})
    mocked_omneo.get(
        f"{V3}/profiles/{CUSTOMER_ID}/appointments",
        json={"data": [], "meta": {"last_page": 1}},
    )
    return mocked_omneo


@pytest.fixture
def staff_directory_lists(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Omneo's staff directory as the handshake reads it: (staff id, email) pairs."""
    from booking_portal.clienteling import handshake
    from booking_portal.omneo.reads.catalogue import StaffAtStores
    from booking_portal.omneo.resources import Person

    def listing(*members: tuple[str, str]) -> None:
        directory = [
            StaffAtStores(Person.from_json({"id": id_, "email": email}), frozenset({13}))
            for id_, email in members
        ]
        monkeypatch.setattr(handshake, "staff_directory", lambda on: directory)

    return listing
