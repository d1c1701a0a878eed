"""The associate books as staff wherever the service's staff pool at the store has them."""

from __future__ import annotations

import json
import time
import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import responses

from booking_portal.clienteling import messages
from booking_portal.clienteling.booking import PanelRefused, panel_book, panel_times
from booking_portal.clienteling.embed_session import EmbedSession
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN

from .conftest import CUSTOMER_ID, STAFF_ID, V3

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo("Australia/Melbourne")
STORE = {"id": 13, "name": "Melbourne Central", "timezone": "Australia/Melbourne"}
COLLEAGUE = "5e0c7a1e-7d2b-4c55-8f1e-3b9a6d2c4e10"
FITTING, STYLIST = 1, 3
DEFINITIONS = [
    {"id": FITTING, "name": "Suit fitting", "duration_minutes": 30, "booking_type": "instant"},
    {
        "id": STYLIST,
        "name": "Stylist session",
        "duration_minutes": 60,
        "booking_type": "instant",
        "requires_staff": True,
    },
]
PAGE = {"meta": {"current_page": 1, "last_page": 1}}


def _tomorrow_at_ten() -> datetime:
    day = datetime.now(ZONE).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, 10, tzinfo=ZONE)


@pytest.fixture
def tenant(settings: Any, mocked_omneo: responses.RequestsMock) -> responses.RequestsMock:
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_API_TOKEN = MOCK_TOKEN
    settings.OMNEO_READ_RETRIES = 0
    start = _tomorrow_at_ten()
    month = {
        "data": [
            {
                "start_at": start.strftime("%Y-%m-%d %H:%M:%S"),
                "end_at": (start + timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M:%S"),
            }
        ],
        "meta": {"timezone": "Australia/Melbourne"},
    }
    mocked_omneo.get(f"{V3}/appointment-definitions", json={"data": DEFINITIONS, **PAGE})
    mocked_omneo.get(f"{V3}/locations", json={"data": [STORE], **PAGE})
    for definition in (FITTING, STYLIST):
        service = f"{V3}/appointment-definitions/{definition}"
        mocked_omneo.get(f"{service}/locations", json={"data": [STORE]})
        mocked_omneo.post(f"{service}/available-slots-range", json=month)
    mocked_omneo.post(
        f"{V3}/appointment-definitions/{FITTING}/available-staff",
        json={"message": "No.", "errors": {"requires_staff": ["Not required."]}},
        status=422,
    )
    created = {"data": {"id": 9001, "status": "confirmed", "profile_id": CUSTOMER_ID}}
    mocked_omneo.post(f"{V3}/appointments", json=created, status=201)
    return mocked_omneo


def _pool(tenant: responses.RequestsMock, *people: str) -> None:
    tenant.post(
        f"{V3}/appointment-definitions/{STYLIST}/available-staff",
        json={"data": [{"id": p, "first_name": "P", "last_name": p[:4]} for p in people]},
    )


def _session() -> EmbedSession:
    return EmbedSession(
        user_id=1,
        staff_id=STAFF_ID,
        location_id=13,
        profile_id=CUSTOMER_ID,
        expires_at=int(time.time()) + 600,
        customer_name="Ava Nguyen",
        customer_email="",
    )


def _creates(tenant: responses.RequestsMock) -> list[dict[str, Any]]:
    return [
        json.loads(call.request.body)
        for call in tenant.calls
        if call.request.method == "POST" and call.request.url.endswith("/v3/appointments")
    ]


def _book(definition: int, booked_by: Any) -> None:
    offer = panel_times(session=_session(), definition_id=definition)
    panel_book(
        session=_session(),
        user=booked_by,
        seal=offer.seal,
        start=offer.times[0].isoformat(),
        form_token=str(uuid.uuid4()),
    )


def test_the_associate_in_the_pool_is_sent_as_staff(
    tenant: responses.RequestsMock, staff_user: Any
) -> None:
    _pool(tenant, COLLEAGUE, STAFF_ID)

    _book(STYLIST, staff_user)

    assert [body.get("assigned_staff_id") for body in _creates(tenant)] == [STAFF_ID]


def test_a_service_with_no_staff_pool_books_without_staff_and_asks_for_none(
    tenant: responses.RequestsMock, staff_user: Any
) -> None:
    _book(FITTING, staff_user)

    creates = _creates(tenant)
    assert len(creates) == 1
    assert creates[0].get("assigned_staff_id") is None
    assert not [c for c in tenant.calls if c.request.url.endswith("/available-staff")]


def test_an_associate_outside_the_pool_is_told_and_nothing_is_sent(
    tenant: responses.RequestsMock, staff_user: Any
) -> None:
    _pool(tenant, COLLEAGUE)

    with pytest.raises(PanelRefused) as refused:
        panel_times(session=_session(), definition_id=STYLIST)

    assert refused.value.message == messages.NOT_IN_POOL
    assert _creates(tenant) == []
    assert not [c for c in tenant.calls if "available-slots" in c.request.url]


def test_the_pool_is_read_once_for_two_offers(
    tenant: responses.RequestsMock, staff_user: Any
) -> None:
    _pool(tenant, STAFF_ID)

    panel_times(session=_session(), definition_id=STYLIST)
    panel_times(session=_session(), definition_id=STYLIST)

    assert len([c for c in tenant.calls if c.request.url.endswith("/available-staff")]) == 1
