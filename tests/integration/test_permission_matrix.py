"""Every URL of the portal, for anonymous, store staff of two stores and a booking admin.

The matrix is walked from the project's URLconf: a new URL without a row here fails the test.
Store staff of store A (13) work with store A's day, waitlist and appointments; store staff of
store B (14) get 403 on every one of them, and a booking admin on none.
"""

from __future__ import annotations

import uuid
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, User
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from booking_portal.appointments.seen import seen_seal
from booking_portal.appointments.walkins import walk_in_seal
from booking_portal.omneo.resources import Appointment, QueueEntry
from booking_portal.staff.models import StaffLink
from booking_portal.staff.roles import STORE_STAFF
from booking_portal.writes.models import AppointmentWrite
from tests.conftest import MOCK_BASE_URL
from tests.factories import BookingAttemptFactory
from tests.unit.appointments.omneo_bodies import MELBOURNE, PAGE, V3, appointment_json

pytestmark = pytest.mark.django_db

STORE_A, STORE_B = 13, 14
OK, FORBIDDEN, NOT_FOUND, UNPROCESSABLE, UNAUTHORISED = 200, 403, 404, 422, 401
SIGN_IN, ADMIN_SIGN_IN, REDIRECT = "sign-in", "admin-sign-in", "redirect"
ROLES = ("anonymous", "store staff A", "store staff B", "booking admin")
# Included URLconfs that guard themselves as a whole: the admin site, and the sandbox's token.
WHOLE = ("admin/", "sandbox/api/")


def _routes(patterns: list[Any], prefix: str = "") -> list[str]:
    routes = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            routes += [route] if route in WHOLE else _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            routes.append(route)
    return routes


def both(*outcomes: object) -> tuple[object, ...]:
    """Store staff A and B alike: nothing of one store in it."""
    anonymous, staff, admin = outcomes
    return (anonymous, staff, staff, admin)


SEAL = "{seal}"
# route → (method, URL, form) → outcome for (anonymous, staff A, staff B, booking admin).
# {own}: a booking of the user's own, at store A; {write}: a change of the user's own at store A.
MATRIX: dict[str, list[tuple[str, str, dict[str, str] | None, tuple[object, ...]]]] = {
    "healthz": [("GET", "/healthz", None, both(OK, OK, OK))],
    "readyz": [("GET", "/readyz", None, both(OK, OK, OK))],
    "admin/": [
        ("GET", "/admin/", None, both(ADMIN_SIGN_IN, ADMIN_SIGN_IN, OK)),
        ("GET", "/admin/staff/stafflink/", None, both(ADMIN_SIGN_IN, ADMIN_SIGN_IN, OK)),
        ("GET", "/admin/writes/appointmentwrite/", None, both(ADMIN_SIGN_IN, ADMIN_SIGN_IN, OK)),
        (
            "GET",
            "/admin/clienteling/clientelingrefusal/",
            None,
            both(ADMIN_SIGN_IN, ADMIN_SIGN_IN, OK),
        ),
    ],
    "sandbox/api/": [
        ("GET", "/sandbox/api/v3/locations", None, both(UNAUTHORISED, UNAUTHORISED, UNAUTHORISED))
    ],
    "accounts/login/": [("GET", "/accounts/login/", None, both(OK, OK, OK))],
    # Inside Clienteling the sign-in cookie counts for nothing: only a verified context opens
    # the panel, and its parts answer 401 without the embed session it gives.
    "clienteling/": [("GET", "/clienteling/", None, both(OK, OK, OK))],
    "clienteling/handshake": [
        ("POST", "/clienteling/handshake", {}, both(FORBIDDEN, FORBIDDEN, FORBIDDEN))
    ],
    "clienteling/services": [
        ("GET", "/clienteling/services", None, both(UNAUTHORISED, UNAUTHORISED, UNAUTHORISED))
    ],
    "clienteling/times": [
        ("GET", "/clienteling/times", None, both(UNAUTHORISED, UNAUTHORISED, UNAUTHORISED))
    ],
    "clienteling/book": [
        ("POST", "/clienteling/book", {}, both(UNAUTHORISED, UNAUTHORISED, UNAUTHORISED))
    ],
    "sandbox/clienteling/": [("GET", "/sandbox/clienteling/", None, both(OK, OK, OK))],
    "accounts/logout/": [("POST", "/accounts/logout/", {}, both(SIGN_IN, SIGN_IN, SIGN_IN))],
    "": [("GET", "/", None, both(SIGN_IN, REDIRECT, REDIRECT))],
    "book/": [
        ("GET", "/book/", None, both(SIGN_IN, OK, OK)),
        # Booking into another store stays possible (PORTAL_BOOK_OTHER_STORES): an incomplete
        # form comes back with its errors for both.
        ("POST", "/book/", {"location": "13"}, both(SIGN_IN, UNPROCESSABLE, UNPROCESSABLE)),
    ],
    "book/parts/<str:part>/": [
        ("GET", "/book/parts/customers/", None, both(SIGN_IN, OK, OK)),
        ("GET", "/book/parts/choices/?location=13", None, both(SIGN_IN, OK, OK)),
    ],
    "book/customer/new/": [("GET", "/book/customer/new/", None, both(SIGN_IN, OK, OK))],
    "book/done/<int:attempt_id>/": [("GET", "/book/done/{own}/", None, both(SIGN_IN, OK, OK))],
    "bookings/<int:attempt_id>/calendar.ics": [
        ("GET", "/bookings/{own}/calendar.ics", None, both(SIGN_IN, OK, OK))
    ],
    "bookings/": [("GET", "/bookings/", None, both(SIGN_IN, OK, OK))],
    "bookings/<int:attempt_id>/": [("GET", "/bookings/{own}/", None, both(SIGN_IN, OK, OK))],
    "bookings/<int:attempt_id>/check/": [
        ("POST", "/bookings/{own}/check/", {}, both(SIGN_IN, REDIRECT, REDIRECT))
    ],
    "bookings/<int:attempt_id>/reopen/": [
        ("GET", "/bookings/{own}/reopen/", None, both(SIGN_IN, REDIRECT, REDIRECT))
    ],
    "day/": [
        ("GET", "/day/?location=13", None, (SIGN_IN, OK, FORBIDDEN, OK)),
        ("GET", "/day/?location=14", None, (SIGN_IN, FORBIDDEN, OK, OK)),
        ("GET", "/day/?location=13&print=1", None, (SIGN_IN, OK, FORBIDDEN, OK)),
        ("GET", "/day/", None, both(SIGN_IN, OK, OK)),  # their own store is chosen
    ],
    "day/parts/list/": [
        ("GET", "/day/parts/list/?location=13", None, (SIGN_IN, OK, FORBIDDEN, OK)),
    ],
    "day/appointments/<int:appointment_id>/": [
        ("GET", "/day/appointments/501/", None, (SIGN_IN, OK, FORBIDDEN, OK)),
    ],
    "day/appointments/<int:appointment_id>/act/": [
        # A page's own appointment, an incomplete form: nothing is sent, back to the page.
        (
            "POST",
            "/day/appointments/501/act/",
            {"seal": SEAL},
            (SIGN_IN, REDIRECT, FORBIDDEN, REDIRECT),
        ),
    ],
    "day/appointments/<int:appointment_id>/cancel/": [
        ("POST", "/day/appointments/501/cancel/", {"seal": SEAL}, (SIGN_IN, 422, FORBIDDEN, 422)),
    ],
    "day/appointments/<int:appointment_id>/reschedule/": [
        (
            "POST",
            "/day/appointments/501/reschedule/",
            {"seal": SEAL},
            (SIGN_IN, 422, FORBIDDEN, 422),
        ),
    ],
    "day/changes/<int:write_id>/check/": [
        ("POST", "/day/changes/{write}/check/", {}, (SIGN_IN, REDIRECT, FORBIDDEN, REDIRECT)),
    ],
    "day/waitlist/add/": [
        ("POST", "/day/waitlist/add/", {"location": "13"}, (SIGN_IN, 422, FORBIDDEN, 422)),
    ],
    "day/openings/dismiss/": [
        (
            "POST",
            "/day/openings/dismiss/",
            {"entry": "5", "appointment": "501"},
            both(SIGN_IN, REDIRECT, REDIRECT),
        ),
    ],
    "day/waitlist/customers/": [
        ("GET", "/day/waitlist/customers/?profile_search=", None, both(SIGN_IN, OK, OK)),
    ],
    "day/waitlist/<int:entry_id>/book/": [
        (
            "GET",
            "/day/waitlist/5/book/?definition=1&location=13&profile=p-1",
            None,
            (SIGN_IN, REDIRECT, FORBIDDEN, REDIRECT),
        ),
    ],
    "day/waitlist/<int:entry_id>/fulfil/": [
        # The booking was made at store A (anyone may book there); its waitlist is store A's.
        (
            "POST",
            "/day/waitlist/5/fulfil/",
            {"attempt": "{own}"},
            (SIGN_IN, REDIRECT, FORBIDDEN, REDIRECT),
        ),
    ],
    "day/parts/walk-ins/": [
        ("GET", "/day/parts/walk-ins/?location=13", None, (SIGN_IN, OK, FORBIDDEN, OK)),
    ],
    "day/walk-ins/add/": [
        ("POST", "/day/walk-ins/add/", {"location": "13"}, (SIGN_IN, 422, FORBIDDEN, 422)),
    ],
    "day/walk-ins/customers/": [
        ("GET", "/day/walk-ins/customers/?walkin-profile_search=", None, both(SIGN_IN, OK, OK)),
    ],
    "day/walk-ins/<int:entry_id>/act/": [
        # Store A's walk-in, an incomplete form: nothing is sent, back to the day.
        (
            "POST",
            "/day/walk-ins/31/act/",
            {"seal": "{walk_in_seal}"},
            (SIGN_IN, REDIRECT, FORBIDDEN, REDIRECT),
        ),
    ],
    "day/walk-ins/<int:entry_id>/link/": [
        # No booking made for the walk-in in this session: nothing is sent, back to the day.
        ("POST", "/day/walk-ins/31/link/", {}, both(SIGN_IN, REDIRECT, REDIRECT)),
    ],
}


def test_the_matrix_covers_every_url_of_the_project():
    walked = _routes(get_resolver().url_patterns)

    assert sorted(set(walked)) == sorted(MATRIX)


def _staff_at(username: str, store: int, staff_id: str) -> User:
    user = User.objects.create_user(username, email=f"{username}@store.example")
    user.groups.add(Group.objects.get_or_create(name=STORE_STAFF)[0])
    StaffLink.objects.create(user=user, omneo_staff_id=staff_id, location_ids=[store])
    return user


@pytest.fixture
def omneo(settings, mocked_omneo):
    """Store A's appointment 501 and day; whatever else is asked goes unanswered."""
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    stores = [
        {"id": STORE_A, "name": "Melbourne Central", "timezone": MELBOURNE},
        {"id": STORE_B, "name": "Brisbane Queen Street", "timezone": "Australia/Brisbane"},
    ]
    mocked_omneo.get(f"{V3}/locations", json={"data": stores, **PAGE})
    mocked_omneo.get(f"{V3}/appointments/501", json={"data": appointment_json(501)})
    mocked_omneo.get(f"{V3}/appointments", json={"data": [appointment_json(501)], **PAGE})
    mocked_omneo.get(f"{V3}/appointment-waitlists", json={"data": [], **PAGE})
    mocked_omneo.get(f"{V3}/appointment-definitions", json={"data": [], **PAGE})
    mocked_omneo.post(f"{V3}/appointment-definitions/1/available-slots", json={"data": {}})
    return mocked_omneo


@pytest.fixture
def people(db, booking_admin):
    return (
        None,
        _staff_at("ana", STORE_A, "staff-a"),
        _staff_at("ben", STORE_B, "staff-b"),
        booking_admin,
    )


def outcome(response: Any) -> object:
    if response.status_code == 302:
        if "/admin/login/" in response.url:
            return ADMIN_SIGN_IN
        return SIGN_IN if "/accounts/login/" in response.url else REDIRECT
    return response.status_code


CASES = [
    pytest.param(route, method, url, data, role, expected[role], id=f"{method} {url} {ROLES[role]}")
    for route, rows in MATRIX.items()
    for method, url, data, expected in rows
    for role in range(4)
]


@pytest.mark.parametrize(("route", "method", "url", "data", "role", "expected"), CASES)
def test_permission_matrix(client, omneo, people, route, method, url, data, role, expected):
    user = people[role]
    owner = user or people[1]
    own = BookingAttemptFactory(booked_by=owner, location_id=STORE_A)
    write = AppointmentWrite.objects.create(
        action_token=uuid.uuid4(),
        written_by=owner,
        kind=AppointmentWrite.Kind.CONFIRM,
        target=f"appointment:{uuid.uuid4()}",
        appointment_id=501,
        body={"status": "confirmed"},
        outcome=AppointmentWrite.Outcome.DONE,
        location_id=STORE_A,
    )
    appointment = Appointment.from_json(appointment_json(501))
    seal = seen_seal(appointment, ZoneInfo(MELBOURNE))
    if user is not None:
        client.force_login(user)
    entry = QueueEntry.from_json(
        {"id": 31, "status": "waiting", "location_id": STORE_A, "appointment_definition_id": 1}
    )
    walk_in = walk_in_seal(entry, bookable=True, now=timezone.now())
    values = {"own": own.pk, "write": write.pk, "seal": seal, "walk_in_seal": walk_in}
    address = url.format(**values)

    if method == "GET":
        response = client.get(address)
    else:
        form = {key: value.format(**values) for key, value in (data or {}).items()}
        response = client.post(address, form)

    assert outcome(response) == expected
    assert not [call for call in omneo.calls if call.request.method in ("PUT", "DELETE")]
