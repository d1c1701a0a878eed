"""Inside Clienteling: the stand-in on localhost frames the portal on 127.0.0.1, no cookies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Page, Route, expect

from booking_portal.clienteling import messages
from booking_portal.clienteling.models import ClientelingRefusal
from booking_portal.sandbox.clienteling.users import USERS
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.staff.models import StaffLink
from booking_portal.staff.roles import STORE_STAFF
from booking_portal.writes.models import AppointmentWrite, BookingAttempt
from tests.unit.sandbox.conftest import AVA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MIA = USERS[501]


@pytest.fixture
def mia(db: None) -> User:
    """The portal user for the sandbox's Mia Chen, store staff at Melbourne Central only."""
    user = User.objects.create_user(username="mia", password="x", email=MIA["email"])
    user.groups.add(Group.objects.get_or_create(name=STORE_STAFF)[0])
    StaffLink.objects.create(user=user, omneo_staff_id=MIA["staff_id"], location_ids=[13])
    return user


@pytest.fixture
def origins(portal: str, settings: Any) -> dict[str, str]:
    """The stand-in on localhost, the portal on 127.0.0.1 (two sites to the browser)."""
    port = urlsplit(portal).port
    standin, app = f"http://localhost:{port}", f"http://127.0.0.1:{port}"
    settings.CLIENTELING_ORIGINS = [standin]
    return {"standin": standin, "portal": app}


@pytest.fixture
def no_portal_cookies(page: Page, origins: dict[str, str]) -> Iterator[list[str]]:
    """Third-party cookies blocked: nothing the portal sets is sent back to it."""
    cookies_seen: list[str] = []

    def strip(route: Route) -> None:
        headers = dict(route.request.headers)
        if "cookie" in headers:
            cookies_seen.append(headers.pop("cookie"))
        route.continue_(headers=headers)

    page.context.clear_cookies()
    page.context.route(f"{origins['portal']}/**", strip)
    page.set_default_timeout(10_000)
    yield cookies_seen
    page.context.unroute(f"{origins['portal']}/**")


def _handshakes(page: Page) -> list[str]:
    seen: list[str] = []

    def note(request: Any) -> None:
        if "/clienteling/handshake" in request.url:
            seen.append(request.url)

    page.on("request", note)
    return seen


def _writes() -> int:
    return (
        SandboxAppointment.objects.count()
        + AppointmentWrite.objects.count()
        + BookingAttempt.objects.count()
    )


def test_the_panel_shows_the_customer_open_in_clienteling(
    page: Page, mia: User, origins: dict[str, str], no_portal_cookies: list[str]
) -> None:
    # When staff open Ava in the stand-in
    page.goto(f"{origins['standin']}/sandbox/clienteling/?profile={AVA}")

    # Then the framed portal shows her panel, with no cookie ever sent to the portal
    frame = page.frame_locator("#clienteling-app")
    expect(frame.get_by_test_id("clienteling-customer")).to_have_text("Ava Nguyen")
    expect(frame.get_by_role("heading", name="Upcoming")).to_be_visible()
    assert no_portal_cookies == []
    assert page.context.cookies(origins["portal"]) == []


def test_an_origin_not_configured_gets_a_refused_frame_and_no_session(
    page: Page, mia: User, origins: dict[str, str], no_portal_cookies: list[str], settings: Any
) -> None:
    # Given Clienteling is configured elsewhere
    settings.CLIENTELING_ORIGINS = ["https://acme.clienteling.omneo.io"]
    handshakes = _handshakes(page)
    before = _writes()

    # When the stand-in on localhost frames the portal
    page.goto(f"{origins['standin']}/sandbox/clienteling/?profile={AVA}")
    page.wait_for_timeout(2_500)

    # Then the browser refused the frame: no panel, no handshake, no write
    frame = page.frame_locator("#clienteling-app")
    expect(frame.get_by_test_id("clienteling-customer")).to_have_count(0)
    assert handshakes == []
    assert _writes() == before


def test_a_message_not_from_the_parent_is_ignored(
    page: Page, mia: User, origins: dict[str, str], no_portal_cookies: list[str]
) -> None:
    # Given the stand-in with no customer open (so nothing answers) and the portal opened alone
    handshakes = _handshakes(page)
    page.goto(f"{origins['portal']}/clienteling/")

    # When a page script posts a well-formed context to itself (not from a parent)
    page.evaluate(
        """() => window.postMessage({type: "OMNEO_CLIENTELING_CONTEXT", timestamp: Date.now(),
             authentication: {token: "x", expiry: Date.now() + 60000}}, "*")"""
    )
    page.wait_for_timeout(1_000)

    # Then nothing is sent to the portal
    assert handshakes == []


def test_a_stale_context_is_ignored(
    page: Page, mia: User, origins: dict[str, str], no_portal_cookies: list[str]
) -> None:
    handshakes = _handshakes(page)

    page.goto(f"{origins['standin']}/sandbox/clienteling/?profile={AVA}&stale=1")

    frame = page.frame_locator("#clienteling-app")
    expect(frame.get_by_test_id("clienteling-refused")).to_have_text(
        messages.NO_CONTEXT, timeout=8_000
    )
    assert handshakes == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("token=expired", messages.SIGN_IN_REFUSED),
        ("token=foreign", messages.SIGN_IN_REFUSED),
        ("token=bogus", messages.SIGN_IN_REFUSED),
        ("store=15", messages.NOT_YOUR_STORE),
        ("associate=502", messages.NOT_LINKED),
    ],
    ids=["expired", "other-tenant", "unverifiable", "store-not-theirs", "another-associate"],
)
def test_a_forged_context_is_refused_with_no_session_and_no_write(
    page: Page,
    mia: User,
    origins: dict[str, str],
    no_portal_cookies: list[str],
    query: str,
    expected: str,
) -> None:
    before = _writes()

    page.goto(f"{origins['standin']}/sandbox/clienteling/?profile={AVA}&{query}")

    frame = page.frame_locator("#clienteling-app")
    expect(frame.get_by_test_id("clienteling-refused")).to_have_text(expected)
    expect(frame.get_by_test_id("clienteling-session")).to_have_count(0)
    assert _writes() == before
    assert no_portal_cookies == []
    refusal = ClientelingRefusal.objects.get()  # kept for admins, with the parent's origin
    assert (refusal.message, refusal.origin) == (expected, origins["standin"])


def test_staff_book_for_the_customer_in_three_taps(
    page: Page, mia: User, origins: dict[str, str], no_portal_cookies: list[str]
) -> None:
    # Given Ava open in Clienteling, her panel shown
    page.goto(f"{origins['standin']}/sandbox/clienteling/?profile={AVA}")
    frame = page.frame_locator("#clienteling-app")
    expect(frame.get_by_test_id("clienteling-customer")).to_have_text("Ava Nguyen")
    before = SandboxAppointment.objects.count()

    # When staff tap a service, a time, and Book
    frame.get_by_test_id("panel-service").first.click()
    frame.locator("label[for=panel-time-1]").click()
    frame.get_by_test_id("panel-book").click()

    # Then Omneo received one booking for Ava at Mia's store, recorded as Mia's
    expect(frame.get_by_test_id("panel-booked")).to_contain_text("for Ava Nguyen")
    assert SandboxAppointment.objects.count() == before + 1
    booked = SandboxAppointment.objects.latest("id")
    assert (booked.profile_id, booked.location_id) == (AVA, 13)
    assert booked.staff_id == MIA["staff_id"]  # the associate is in this service's staff pool
    attempt = BookingAttempt.objects.get()
    assert attempt.booked_by == mia
    assert attempt.omneo_staff_id == MIA["staff_id"]
    assert no_portal_cookies == []
