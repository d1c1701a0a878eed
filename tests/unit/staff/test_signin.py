"""Sign-in: a wrong password says so; repeated failures lock a user out from that address."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory

from booking_portal.staff.signin import (
    LOCKOUT_STATUS,
    WRONG_PASSWORD,
    client_address,
    lockout_message,
)
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def sign_in(client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_wrong_password_says_so_beside_the_form(client, staff_user):
    response = sign_in(client, "sam", "not-the-password")

    html = response.content.decode()
    assert response.status_code == 200
    assert WRONG_PASSWORD in html
    assert html.index(WRONG_PASSWORD) < html.index('name="password"')


def test_the_right_password_signs_in(client, staff_user):
    response = sign_in(client, "sam", STAFF_PASSWORD)

    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(staff_user.pk)


def test_repeated_failures_lock_the_user_out_with_a_clear_message(client, staff_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "sam", "guess")

    response = sign_in(client, "sam", STAFF_PASSWORD)

    assert response.status_code == LOCKOUT_STATUS
    assert lockout_message() in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_holds_one_user_at_one_address(client, staff_user, booking_admin, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "sam", "guess", address="203.0.113.7")

    # Sam at another address, and another user at Sam's address, still sign in.
    assert sign_in(client, "sam", STAFF_PASSWORD, address="198.51.100.9").status_code == 302
    client.logout()
    assert sign_in(client, "alex", STAFF_PASSWORD, address="203.0.113.7").status_code == 302


def test_failures_are_counted_in_the_database(client, staff_user):
    sign_in(client, "sam", "guess")
    sign_in(client, "sam", "guess")

    attempt = AccessAttempt.objects.get(username="sam", ip_address="203.0.113.7")
    assert attempt.failures_since_start == 2


def test_a_booking_admin_unlocks_a_user_in_the_axes_admin(
    client, staff_user, booking_admin, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "sam", "guess")
    attempt = AccessAttempt.objects.get(username="sam")
    admin = Client()
    admin.force_login(booking_admin)

    response = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302

    assert not AccessAttempt.objects.filter(username="sam").exists()
    assert sign_in(client, "sam", STAFF_PASSWORD).status_code == 302


def test_a_successful_sign_in_forgets_earlier_failures(client, staff_user):
    sign_in(client, "sam", "guess")

    sign_in(client, "sam", STAFF_PASSWORD)

    assert not AccessAttempt.objects.filter(username="sam").exists()


def test_the_admin_sign_in_is_locked_too(client, booking_admin, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "alex", "password": "guess"})

    response = client.post("/admin/login/", {"username": "alex", "password": STAFF_PASSWORD})

    assert response.status_code == LOCKOUT_STATUS


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.2"),  # no proxy: X-Forwarded-For is the client's own claim
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the proxy appended what it saw
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.2"),  # fewer hops than proxies: not trusted
    ],
)
def test_the_counted_address_trusts_only_the_configured_proxies(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == expected


def test_a_username_too_long_for_any_account_is_recorded_cut_to_size(client, db):
    from axes.models import AccessAttempt

    response = client.post(
        "/accounts/login/", {"username": "A" * 5000, "password": "../appointments/1"}
    )

    assert response.status_code == 200
    assert len(AccessAttempt.objects.get().username) == 150


def test_sign_out_tells_the_browser_to_clear_what_it_holds(client, staff_user):
    client.force_login(staff_user)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert response["Clear-Site-Data"] == '"storage"'
    assert "_auth_user_id" not in client.session
