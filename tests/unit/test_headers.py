"""Headers on every page: Content-Security-Policy, no-store, Permissions-Policy, the banner."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings as django_settings
from django.urls import get_resolver

from booking_portal.headers import SANDBOX_BANNER
from tests.factories import BookingAttemptFactory

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
STYLE_TAG = re.compile(r"<style\b[^>]*>")
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=")


@pytest.fixture
def portal(settings, mocked_omneo):
    """No Omneo needed: look-ups fail at once and the page says so."""
    settings.OMNEO_BASE_URL = "http://127.0.0.1:9/api"
    settings.OMNEO_READ_RETRIES = 0


@pytest.fixture
def staff_pages(portal, staff_user) -> list[str]:
    """Every page a store staff member opens that may show customer data."""
    created = BookingAttemptFactory(booked_by=staff_user)
    failed = BookingAttemptFactory(booked_by=staff_user, outcome="rejected")
    return [
        "/book/",
        "/book/parts/customers/",
        "/book/parts/choices/",
        f"/book/done/{created.pk}/",
        "/bookings/",
        f"/bookings/{failed.pk}/",
        f"/book/?reopen={failed.pk}",
    ]


ADMIN_PAGES = [
    "/admin/",
    "/admin/writes/bookingattempt/",
    "/admin/writes/bookingattempt/export.csv",
]


def test_every_staff_page_is_no_store(client, staff_user, staff_pages):
    client.force_login(staff_user)

    for url in staff_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_every_admin_page_is_no_store(client, portal, booking_admin):
    BookingAttemptFactory(booked_by=booking_admin)
    client.force_login(booking_admin)

    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_static_files_stay_cacheable(client, settings):
    settings.WHITENOISE_USE_FINDERS = True  # as collectstatic's files are served in production

    response = client.get(django_settings.STATIC_URL + "css/portal.css")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_pages_send_a_nonce_policy_without_unsafe_inline(client, staff_user, staff_pages):
    client.force_login(staff_user)

    policy = client.get("/book/")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    # The nonce is named only when a template asked for it; none does today.
    assert re.fullmatch(r"'self'( 'nonce-[\w+/=-]+')?", directives["script-src"])
    assert re.fullmatch(r"'self'( 'nonce-[\w+/=-]+')?", directives["style-src"])
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_no_page_has_inline_script_or_style(client, staff_user, staff_pages, booking_admin):
    client.force_login(staff_user)
    pages = [client.get(url).content.decode() for url in staff_pages]
    client.force_login(booking_admin)
    pages += [client.get(url).content.decode() for url in ADMIN_PAGES[:2]]
    client.logout()
    pages.append(client.get("/accounts/login/").content.decode())

    for html in pages:
        assert not INLINE_SCRIPT.search(html)
        assert not STYLE_TAG.search(html)
        assert not STYLE_ATTRIBUTE.search(html)


def test_htmx_is_configured_to_run_under_the_policy(client, staff_user, portal):
    client.force_login(staff_user)
    html = client.get("/book/").content.decode()

    metas = re.findall(r"<meta name=\"htmx-config\" content='([^']*)'>", html)

    assert len(metas) == 1
    config = json.loads(metas[0])
    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    assert {"code": "422", "swap": True, "error": False} in config["responseHandling"]


def test_pages_send_a_permissions_policy(client):
    response = client.get("/accounts/login/")

    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_every_page_shows_the_sandbox_banner(client, staff_user, booking_admin, portal):
    client.force_login(staff_user)
    booking = client.get("/book/").content.decode()
    client.force_login(booking_admin)
    admin = client.get("/admin/").content.decode()
    client.logout()
    sign_in = client.get("/accounts/login/").content.decode()

    for html in (booking, admin, sign_in):
        assert SANDBOX_BANNER in html


def test_no_banner_against_a_tenant(client, settings):
    # The URLconf is read once per process, with the sandbox mounted as the suite runs it;
    # load it first, so switching the setting here changes only the banner.
    get_resolver().url_patterns  # noqa: B018
    settings.OMNEO_SANDBOX_ENABLED = False

    html = client.get("/accounts/login/").content.decode()

    assert SANDBOX_BANNER not in html
