"""Store staff work with their own stores' day, waitlist and appointments; a tampered form
naming another store's is refused (403) and sends nothing. Mine / Everyone on the day."""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

import pytest
from django.utils.html import escape

from booking_portal.appointments import messages
from booking_portal.appointments.seen import seen_seal
from booking_portal.appointments.waitlist import SESSION_KEY
from booking_portal.omneo.resources import Appointment
from booking_portal.staff.models import StaffLink
from booking_portal.staff.scopes import NO_STORES, NOT_YOUR_STORE
from booking_portal.writes.models import AppointmentWrite
from tests.conftest import MOCK_BASE_URL
from tests.unit.appointments.omneo_bodies import MELBOURNE, PAGE, V3, appointment_json

pytestmark = pytest.mark.django_db
BRISBANE = "Australia/Brisbane"
STORES = [
    {"id": 13, "name": "Melbourne Central", "timezone": MELBOURNE},
    {"id": 14, "name": "Brisbane Queen Street", "timezone": BRISBANE},
    {"id": 15, "name": "Perth Murray Street", "timezone": "Australia/Perth"},
]
ELSEWHERE = {"location_id": 14, "location": STORES[1], "timezone": BRISBANE}


@pytest.fixture
def omneo(settings, mocked_omneo):
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    mocked_omneo.get(f"{V3}/locations", json={"data": STORES, **PAGE})
    mocked_omneo.get(f"{V3}/appointment-waitlists", json={"data": [], **PAGE})
    mocked_omneo.get(f"{V3}/appointment-definitions", json={"data": [], **PAGE})
    return mocked_omneo


@pytest.fixture
def at_store_a(client, staff_user):
    """Store staff of Melbourne Central (13) only, linked to Omneo staff member s-1."""
    StaffLink.objects.filter(user=staff_user).update(omneo_staff_id="s-1", location_ids=[13])
    client.force_login(staff_user)
    return client


def _seal(appointment_id: int, **fields) -> str:
    appointment = Appointment.from_json(appointment_json(appointment_id, **fields))
    return seen_seal(appointment, ZoneInfo(appointment.timezone))


def _sent(omneo) -> list[str]:
    return [c.request.method for c in omneo.calls if c.request.method in ("POST", "PUT")]


def test_the_store_picker_lists_only_their_stores(at_store_a, omneo):
    omneo.get(f"{V3}/appointments", json={"data": [], **PAGE})

    page = at_store_a.get("/day/").text

    assert "Melbourne Central" in page
    assert "Brisbane Queen Street" not in page
    assert "Perth Murray Street" not in page


def test_another_stores_day_is_refused_with_a_clear_page(at_store_a, omneo):
    response = at_store_a.get("/day/?location=14")

    assert response.status_code == 403
    assert escape(NOT_YOUR_STORE) in response.text
    assert not [c for c in omneo.calls if "/appointments" in c.request.url]


def test_store_staff_linked_to_no_store_are_told_to_ask_a_booking_admin(client, staff_user, omneo):
    StaffLink.objects.filter(user=staff_user).update(location_ids=[])
    client.force_login(staff_user)

    page = client.get("/day/").text

    assert escape(NO_STORES) in page
    assert not [c for c in omneo.calls if "/appointments" in c.request.url]


def test_a_booking_admin_sees_every_store(client, booking_admin, omneo):
    omneo.get(f"{V3}/appointments", json={"data": [], **PAGE})
    client.force_login(booking_admin)

    response = client.get("/day/?location=15")

    assert response.status_code == 200
    assert "Brisbane Queen Street" in response.text


def test_another_stores_appointment_page_is_refused(at_store_a, omneo):
    omneo.get(f"{V3}/appointments/601", json={"data": appointment_json(601, **ELSEWHERE)})

    response = at_store_a.get("/day/appointments/601/")

    assert response.status_code == 403
    assert "Ava Nguyen" not in response.text


@pytest.mark.parametrize(
    ("action", "fields"),
    [
        ("act", {"kind": "arrive"}),
        ("cancel", {"reason": "Customer unwell"}),
        ("reschedule", {"slot": "2026-05-12T10:00"}),
    ],
)
def test_an_action_on_another_stores_appointment_is_refused_and_sends_nothing(
    at_store_a, omneo, action, fields
):
    # Given a page's seal for store B's appointment (the form tampered to name it)
    form = {"seal": _seal(601, **ELSEWHERE), "action_token": str(uuid.uuid4()), **fields}

    response = at_store_a.post(f"/day/appointments/601/{action}/", form)

    assert response.status_code == 403
    assert _sent(omneo) == []
    assert not AppointmentWrite.objects.exists()


@pytest.mark.parametrize("action", ["act", "cancel", "reschedule"])
def test_an_own_stores_seal_posted_at_another_appointment_is_refused(at_store_a, omneo, action):
    # Given the form of store A's appointment 501, its address changed to store B's 601
    form = {
        "seal": _seal(501),
        "action_token": str(uuid.uuid4()),
        "kind": "arrive",
        "reason": "Tampered",
        "slot": "2026-05-12T10:00",
    }

    response = at_store_a.post(f"/day/appointments/601/{action}/", form)

    assert response.status_code == 403
    assert escape(messages.OTHER_APPOINTMENT) in response.text
    assert _sent(omneo) == []
    assert not AppointmentWrite.objects.exists()


def test_a_waitlist_add_with_the_store_changed_is_refused_and_sends_nothing(at_store_a, omneo):
    form = {
        "location": "14",
        "definition": "1",
        "profile": "p-1",
        "profile_search": "ava",
        "action_token": str(uuid.uuid4()),
    }

    response = at_store_a.post("/day/waitlist/add/", form)

    assert response.status_code == 403
    assert _sent(omneo) == []
    assert not AppointmentWrite.objects.exists()


def test_book_now_for_another_stores_waitlist_is_refused(at_store_a, omneo):
    response = at_store_a.get("/day/waitlist/5/book/?definition=1&location=14&profile=p-1")

    assert response.status_code == 403
    assert SESSION_KEY not in at_store_a.session


OTHERS = {"assigned_staff_id": "s-2", "assigned_staff": {"id": "s-2", "first_name": "Kim"}}


def _day_of_two(omneo) -> None:
    listed = [appointment_json(501), appointment_json(502, **OTHERS)]
    omneo.get(f"{V3}/appointments", json={"data": listed, **PAGE})


def test_the_day_shows_everyone_by_default_and_offers_mine(at_store_a, omneo):
    _day_of_two(omneo)

    page = at_store_a.get("/day/?location=13&date=2026-05-11").text

    assert 'data-testid="appointment-501"' in page
    assert 'data-testid="appointment-502"' in page
    assert 'aria-current="page" data-testid="everyone"' in page
    assert "location=13&amp;date=2026-05-11&amp;mine=1" in page


def test_mine_shows_the_associates_own_appointments_and_keeps_it_on_refresh(at_store_a, omneo):
    _day_of_two(omneo)

    page = at_store_a.get("/day/?location=13&date=2026-05-11&mine=1").text

    assert 'data-testid="appointment-501"' in page  # assigned to s-1, this associate
    assert 'data-testid="appointment-502"' not in page
    assert 'aria-current="page" data-testid="mine"' in page
    assert "/day/parts/list/?location=13&amp;date=2026-05-11&amp;mine=1" in page
    listed = [c for c in omneo.calls if c.request.url.startswith(f"{V3}/appointments?")]
    assert len(listed) == 1  # the same one read of the day, filtered here


def test_the_refreshed_list_keeps_mine(at_store_a, omneo):
    _day_of_two(omneo)

    part = at_store_a.get("/day/parts/list/?location=13&date=2026-05-11&mine=1").text

    assert 'data-testid="appointment-502"' not in part
    assert "mine=1" in part


def test_mine_is_not_offered_to_a_user_without_an_omneo_staff_profile(client, staff_user, omneo):
    client.force_login(staff_user)  # linked to stores, not to a staff profile

    _day_of_two(omneo)

    page = client.get("/day/?location=13&date=2026-05-11&mine=1").text

    assert 'data-testid="mine"' not in page
    assert 'data-testid="appointment-502"' in page  # everyone's, as there is no "me"


def test_a_walk_in_action_at_another_store_is_refused_and_sends_nothing(at_store_a, omneo):
    from django.utils import timezone

    from booking_portal.appointments.walkins import walk_in_seal
    from booking_portal.omneo.resources import QueueEntry

    entry = QueueEntry.from_json(
        {"id": 31, "status": "waiting", "location_id": 14, "appointment_definition_id": 1}
    )
    form = {
        "seal": walk_in_seal(entry, bookable=True, now=timezone.now()),
        "action_token": str(uuid.uuid4()),
        "kind": "queue_call",
    }

    response = at_store_a.post("/day/walk-ins/31/act/", form)

    assert response.status_code == 403
    assert _sent(omneo) == []
    assert not AppointmentWrite.objects.exists()


def test_a_walk_in_added_at_another_store_is_refused_and_sends_nothing(at_store_a, omneo):
    form = {"location": "14", "walkin-definition": "1", "action_token": str(uuid.uuid4())}

    response = at_store_a.post("/day/walk-ins/add/", form)

    assert response.status_code == 403
    assert _sent(omneo) == []
    assert not AppointmentWrite.objects.exists()
