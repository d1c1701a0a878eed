"""Every page but the booking form, on a desktop, a tablet and a phone: no WCAG A/AA violation
axe-core can find, no sideways scrolling, Sign out in view, and admin links big enough to tap."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from playwright.sync_api import Page, expect

from booking_portal.bookings.roles import BOOKING_ADMINS
from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.writes.booking_attempt import BookingAttempt
from booking_portal.writes.models import AppointmentWrite
from tests.browser.axe import assert_no_axe_violations
from tests.browser.steps import MELBOURNE
from tests.conftest import STAFF_PASSWORD
from tests.factories import BookingAttemptFactory

pytestmark = pytest.mark.browser
VIEWPORTS = {
    "desktop": {"width": 1024, "height": 768},
    "tablet": {"width": 768, "height": 1024},
    "phone": {"width": 390, "height": 844},
}
MIN_TARGET_PX = 24
ADMIN_REVIEW = ("view_bookingattempt", "retry_bookingattempt", "view_appointmentwrite")
SHOTS = os.environ.get("A11Y_SHOTS")  # a folder: save a screenshot of every page checked


@dataclass(frozen=True)
class Scene:
    """What the pages show: a booking admin's attempts, writes and a seeded store day."""

    portal: str
    failed_attempt: int
    created_attempt: int
    appointment: int
    day: str


@pytest.fixture
def scene(portal: str, booking_admin: Any) -> Scene:
    # The live server's flush between tests drops what the migrations granted; grant it again.
    Group.objects.get(name=BOOKING_ADMINS).permissions.add(
        *Permission.objects.filter(content_type__app_label="writes", codename__in=ADMIN_REVIEW)
    )
    seed_demo_day()
    day = (timezone.now().astimezone(MELBOURNE) + timedelta(days=1)).date()
    created = BookingAttemptFactory(booked_by=booking_admin)
    failed = BookingAttemptFactory(
        booked_by=booking_admin,
        outcome=BookingAttempt.Outcome.FAILED,
        omneo_appointment_id=None,
        response_body={"message": "The given data was invalid."},
        error_messages=["The selected time is no longer available."],
        field_errors={"scheduled_start_at": ["The selected time is no longer available."]},
    )
    confirmed = SandboxAppointment.objects.filter(
        location_id=13, status="confirmed", meta=["demo-day"], start__date__gte=day
    ).order_by("start")[0]
    AppointmentWrite.objects.create(
        action_token=uuid.uuid4(),
        written_by=booking_admin,
        kind=AppointmentWrite.Kind.CANCEL,
        appointment_id=confirmed.pk,
        body={"status": "cancelled"},
        outcome=AppointmentWrite.Outcome.FAILED,
        reason="Customer called",
        location_id=13,
        timezone="Australia/Melbourne",
    )
    return Scene(portal, failed.pk, created.pk, confirmed.pk, day.isoformat())


def sign_in(page: Page, portal: str, username: str, password: str = STAFF_PASSWORD) -> None:
    page.goto(f"{portal}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")


def _sign_in_page(page: Page, scene: Scene) -> None:
    page.goto(f"{scene.portal}/accounts/login/")


def _sign_in_error(page: Page, scene: Scene) -> None:
    sign_in(page, scene.portal, "alex", "not-the-password")
    expect(page.get_by_test_id("sign-in-error")).to_be_visible()


def _my_bookings(page: Page, scene: Scene) -> None:
    page.goto(f"{scene.portal}/bookings/")


def _attempt(page: Page, scene: Scene) -> None:
    page.goto(f"{scene.portal}/bookings/{scene.failed_attempt}/")


def _day(page: Page, scene: Scene) -> None:
    page.goto(f"{scene.portal}/day/?location=13&date={scene.day}")
    expect(page.get_by_test_id("awaiting")).to_be_visible()


def _appointment(page: Page, scene: Scene) -> None:
    page.goto(f"{scene.portal}/day/appointments/{scene.appointment}/?date={scene.day}")
    expect(page.get_by_test_id("reschedule")).to_be_visible()


def _admin_index(page: Page, scene: Scene) -> None:
    page.goto(f"{scene.portal}/admin/")


def _admin_attempts(page: Page, scene: Scene) -> None:
    page.goto(f"{scene.portal}/admin/writes/bookingattempt/?outcome__exact=created")


def _admin_writes(page: Page, scene: Scene) -> None:
    page.goto(f"{scene.portal}/admin/writes/appointmentwrite/")


def _admin_attempt(page: Page, scene: Scene) -> None:
    page.goto(f"{scene.portal}/admin/writes/bookingattempt/{scene.failed_attempt}/change/")


SIGNED_OUT_PAGES: dict[str, Callable[[Page, Scene], None]] = {
    "sign-in": _sign_in_page,
    "sign-in-error": _sign_in_error,
}
SIGNED_IN_PAGES: dict[str, Callable[[Page, Scene], None]] = {
    "my-bookings": _my_bookings,
    "attempt": _attempt,
    "day": _day,
    "appointment": _appointment,
}
ADMIN_PAGES: dict[str, Callable[[Page, Scene], None]] = {
    "admin-index": _admin_index,
    "admin-attempts": _admin_attempts,
    "admin-writes": _admin_writes,
    "admin-attempt": _admin_attempt,
}
PAGES = {**SIGNED_OUT_PAGES, **SIGNED_IN_PAGES, **ADMIN_PAGES}


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest, page: Page) -> dict[str, int]:
    page.set_viewport_size(VIEWPORTS[request.param])
    return VIEWPORTS[request.param]


def _screenshot(page: Page, name: str, viewport: dict[str, int]) -> None:
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}-{viewport['width']}.png", full_page=True)
        page.screenshot(path=f"{SHOTS}/{name}-{viewport['width']}-top.png")


# Every visible control and link, except links inside running text (WCAG 2.5.8's inline exception).
SMALL_TARGETS_JS = """
min => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]')]
  .filter(e => e.checkVisibility() && !e.matches('.visually-hidden-focusable:not(:focus)'))
  .filter(e => !(e.matches('a') && e.closest('p, dd, .alert, .help, .form-text, td, th')
                 && getComputedStyle(e).display === 'inline'))
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, box]) => box.height < min || box.width < min)
  .map(([e, box]) => `${e.outerHTML.slice(0, 80)}: ${Math.round(box.width)}×${Math.round(box.height)}`)
"""


def small_targets(page: Page) -> list[str]:
    """Controls and links (outside running text) under 24 px wide or high."""
    return page.evaluate(SMALL_TARGETS_JS, MIN_TARGET_PX)


def _horizontal_overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_has_no_accessibility_violation_and_fits(
    name: str, viewport: dict[str, int], page: Page, scene: Scene, booking_admin: Any
):
    page.set_default_timeout(10_000)
    # Given a booking admin (they see every navigation link), signed in unless the page is sign-in
    if name not in SIGNED_OUT_PAGES:
        sign_in(page, scene.portal, booking_admin.username)

    # When the page is opened at this width
    PAGES[name](page, scene)
    page.wait_for_load_state("load")
    _screenshot(page, name, viewport)

    # Then axe-core finds nothing, and nothing sticks out sideways
    assert_no_axe_violations(page, f"{name} at {viewport['width']}×{viewport['height']}")
    assert _horizontal_overflow(page) <= 0, f"{name} scrolls sideways at {viewport['width']} px"
    small = small_targets(page)
    assert not small, f"{name}: targets under {MIN_TARGET_PX} px:\n" + "\n".join(small)

