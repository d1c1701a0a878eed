"""The database work of a warm staff request: the session, the user and the user's roles, once.

A warm request (Omneo's answers cached) reads nothing else from the database, so these budgets
catch any query that slips into the booking page's hot path (Omneo mocked).
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from booking_portal.staff.roles import BOOKING_ADMINS, STORE_STAFF, can_book, can_review_all
from tests.factories import BookingAttemptFactory
from tests.unit.bookings.page_posts import AVA

pytestmark = pytest.mark.django_db

SEALS = re.compile(r'name="(choices_seal|people_seal)" value="([^"]+)"')
# The session, the signed-in user, and the user's roles.
STAFF_REQUEST_QUERIES = 3
HTMX = {"HTTP_HX_REQUEST": "true"}


def _warm(client, path: str, data: dict[str, str], **headers: str) -> dict[str, str]:
    """Ask once so Omneo's answers are cached; the seals the answer carried."""
    response = client.get(path, data, **headers)
    assert response.status_code == 200
    return dict(SEALS.findall(response.text))


@pytest.mark.parametrize(
    ("path", "data", "headers"),
    [
        ("/book/", {"definition": "1", "location": "13", "date": "2026-05-11"}, {}),
        ("/book/parts/choices/", {"definition": "1"}, HTMX),
        ("/book/parts/choices/", {"definition": "1", "location": "13", "date": "2026-05-11"}, HTMX),
        ("/book/parts/customers/", {"profile_search": "ava"}, HTMX),
        ("/book/parts/customers/", {"profile_search": "ava", "profile": AVA}, HTMX),
    ],
    ids=["page", "service", "store and date", "customer search", "customer picked"],
)
def test_a_warm_booking_request_reads_only_the_session_user_and_roles(
    omneo, signed_in, django_assert_max_num_queries, path, data, headers
):
    seals = _warm(signed_in, path, data, **headers)

    with django_assert_max_num_queries(STAFF_REQUEST_QUERIES):
        response = signed_in.get(path, {**data, **seals}, **headers)

    assert response.status_code == 200


def test_an_attempts_detail_reads_the_roles_once_for_the_sign_in_and_the_lookup(
    client, staff_user, django_assert_num_queries
):
    attempt = BookingAttemptFactory(booked_by=staff_user, outcome="rejected")
    client.force_login(staff_user)
    client.get(f"/bookings/{attempt.pk}/")

    # Session, user, roles (shared by "may book" and "whose attempts"), the attempt.
    with django_assert_num_queries(STAFF_REQUEST_QUERIES + 1):
        response = client.get(f"/bookings/{attempt.pk}/")

    assert response.status_code == 200


def test_both_role_checks_on_one_user_cost_one_query(staff_user):
    with CaptureQueriesContext(connection) as queries:
        assert (can_book(staff_user), can_review_all(staff_user)) == (True, False)

    assert len(queries) == 1


def test_a_superuser_needs_no_role_query(django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x")

    with CaptureQueriesContext(connection) as queries:
        assert (can_book(root), can_review_all(root)) == (True, True)

    assert len(queries) == 0


def test_a_role_taken_away_counts_from_the_next_request(client, staff_user):
    # Given staff who may book
    client.force_login(staff_user)
    assert client.get("/bookings/").status_code == 200

    # When an admin takes them out of Store staff, and puts them in Booking admins later
    staff_user.groups.remove(Group.objects.get(name=STORE_STAFF))

    # Then their next request is refused, and the one after the new role is let in
    assert client.get("/bookings/").status_code == 403
    staff_user.groups.add(Group.objects.get(name=BOOKING_ADMINS))
    assert client.get("/bookings/").status_code == 200
