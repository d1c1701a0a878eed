"""SESSION_STORE=cached_db: sign-ins read from the cache, and a sign-out ends them everywhere."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

pytestmark = pytest.mark.django_db

CACHED_DB = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def cached_sessions(settings):
    settings.SESSION_ENGINE = CACHED_DB


def test_a_warm_request_reads_the_session_from_the_cache(
    cached_sessions, client, staff_user, django_assert_num_queries
):
    client.force_login(staff_user)
    client.get("/bookings/")

    # The user, the user's roles and the listing's count: no session query.
    with django_assert_num_queries(3):
        response = client.get("/bookings/")

    assert response.status_code == 200


def test_a_signed_out_session_no_longer_opens_a_page(cached_sessions, client, staff_user):
    # Given a signed-in member of staff, and a copy of their session cookie
    client.force_login(staff_user)
    assert client.get("/bookings/").status_code == 200
    copied = Client()
    copied.cookies["sessionid"] = client.cookies["sessionid"].value

    # When they sign out
    client.post("/accounts/logout/")

    # Then the copied cookie opens nothing, and no session is left in the database
    assert copied.get("/bookings/").status_code == 302
    assert not Session.objects.exists()
