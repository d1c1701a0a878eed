"""Who may open what: anonymous, signed in without a role, store staff, booking admin."""

from __future__ import annotations

import pytest

from tests.factories import BookingAttemptFactory

pytestmark = pytest.mark.django_db

SIGN_IN, FORBIDDEN, OK, NOT_FOUND, REDIRECT, ADMIN_SIGN_IN = (
    "sign-in",
    403,
    200,
    404,
    "redirect",
    "admin-sign-in",
)


@pytest.fixture
def portal(settings, mocked_omneo):
    """No Omneo needed: look-ups fail fast and the page says so."""
    settings.OMNEO_BASE_URL = "http://127.0.0.1:9/api"
    settings.OMNEO_READ_RETRIES = 0


def outcome(response) -> object:
    if response.status_code == 302:
        if "/admin/login/" in response.url:
            return ADMIN_SIGN_IN
        return SIGN_IN if "/accounts/login/" in response.url else REDIRECT
    return response.status_code


# URL → expected outcome for (anonymous, no group, store staff, booking admin). "own" is an
# attempt of the store staff user; the booking admin may see every attempt.
MATRIX = {
    "/": (SIGN_IN, FORBIDDEN, REDIRECT, REDIRECT),
    "/book/": (SIGN_IN, FORBIDDEN, OK, OK),
    "/book/parts/customers/": (SIGN_IN, FORBIDDEN, OK, OK),
    "/book/done/{own}/": (SIGN_IN, FORBIDDEN, OK, OK),
    "/bookings/": (SIGN_IN, FORBIDDEN, OK, OK),
    "/bookings/{own}/": (SIGN_IN, FORBIDDEN, OK, OK),
    "/bookings/{own}/reopen/": (SIGN_IN, FORBIDDEN, REDIRECT, REDIRECT),
    "/book/done/{other}/": (SIGN_IN, FORBIDDEN, NOT_FOUND, OK),
    "/bookings/{other}/": (SIGN_IN, FORBIDDEN, NOT_FOUND, OK),
    "/day/": (SIGN_IN, FORBIDDEN, OK, OK),
    "/day/?print=1": (SIGN_IN, FORBIDDEN, OK, OK),
    "/day/parts/list/": (SIGN_IN, FORBIDDEN, OK, OK),
    "/day/appointments/501/": (SIGN_IN, FORBIDDEN, OK, OK),
    "/day/waitlist/5/book/?definition=1&location=13&profile=p-1": (
        SIGN_IN,
        FORBIDDEN,
        REDIRECT,
        REDIRECT,
    ),
    "/admin/writes/appointmentwrite/": (ADMIN_SIGN_IN, ADMIN_SIGN_IN, ADMIN_SIGN_IN, OK),
    "/admin/": (ADMIN_SIGN_IN, ADMIN_SIGN_IN, ADMIN_SIGN_IN, OK),
    "/admin/writes/bookingattempt/": (ADMIN_SIGN_IN, ADMIN_SIGN_IN, ADMIN_SIGN_IN, OK),
    "/admin/writes/bookingattempt/{own}/change/": (ADMIN_SIGN_IN,) * 3 + (OK,),
}
ROLES = ("anonymous", "no group", "store staff", "booking admin")


@pytest.mark.parametrize("url", MATRIX)
@pytest.mark.parametrize("role", range(4), ids=ROLES)
def test_permission_matrix(
    client, portal, staff_user, outsider_user, booking_admin, django_user_model, url, role
):
    other_staff = django_user_model.objects.create_user("other", password="x")
    own = BookingAttemptFactory(booked_by=staff_user)
    other = BookingAttemptFactory(booked_by=other_staff)
    user = (None, outsider_user, staff_user, booking_admin)[role]
    if user is not None:
        client.force_login(user)

    response = client.get(url.format(own=own.pk, other=other.pk))

    assert outcome(response) == MATRIX[url][role]


# Forms that write to Omneo: POST only. Allowed roles get a redirect back (here: the form is
# stale or incomplete, so nothing is sent), or the day again with the form's errors (422).
POST_MATRIX = {
    "/day/appointments/501/act/": (SIGN_IN, FORBIDDEN, REDIRECT, REDIRECT),
    "/day/appointments/501/cancel/": (SIGN_IN, FORBIDDEN, REDIRECT, REDIRECT),
    "/day/appointments/501/reschedule/": (SIGN_IN, FORBIDDEN, REDIRECT, REDIRECT),
    "/day/waitlist/add/": (SIGN_IN, FORBIDDEN, 422, 422),
    "/day/waitlist/5/fulfil/": (SIGN_IN, FORBIDDEN, NOT_FOUND, NOT_FOUND),
    "/day/changes/5/check/": (SIGN_IN, FORBIDDEN, NOT_FOUND, NOT_FOUND),
}


@pytest.mark.parametrize("url", POST_MATRIX)
@pytest.mark.parametrize("role", range(4), ids=ROLES)
def test_post_permission_matrix(
    client, portal, staff_user, outsider_user, booking_admin, url, role
):
    user = (None, outsider_user, staff_user, booking_admin)[role]
    if user is not None:
        client.force_login(user)

    response = client.post(url, {})

    assert outcome(response) == POST_MATRIX[url][role]
