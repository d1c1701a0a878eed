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

from booking_portal.sandbox import faults
from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.staff.roles import BOOKING_ADMINS
from booking_portal.writes.models import AppointmentWrite, BookingAttempt
from tests.browser.axe import assert_no_axe_violations
from tests.browser.layout_checks import (
    MIN_TARGET_PX,
    assert_inside_the_viewport,
    assert_visible_focus,
    contrast,
    focus_ring,
    horizontal_overflow,
    small_targets,
)
from tests.browser.steps import MELBOURNE
from tests.conftest import STAFF_PASSWORD
from tests.factories import BookingAttemptFactory

pytestmark = pytest.mark.browser
VIEWPORTS = {
    "desktop": {"width": 1024, "height": 768},
    "tablet": {"width": 768, "height": 1024},
    "phone": {"width": 390, "height": 844},
}
ADMIN_REVIEW = ("view_bookingattempt", "retry_bookingattempt", "view_appointmentwrite")
NARROWEST = {"width": 320, "height": 568}
SHOTS = os.environ.get("A11Y_SHOTS")  # a folder: save a screenshot of every page checked


@dataclass(frozen=True)
class Scene:
    """What the pages show: a booking admin's attempts, writes and a seeded store day."""

    portal: str
    failed_attempt: int
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
    BookingAttemptFactory(booked_by=booking_admin)  # a created one, listed beside the failed
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
    return Scene(portal, failed.pk, confirmed.pk, day.isoformat())


def sign_in(page: Page, portal: str, username: str, password: str = STAFF_PASSWORD) -> None:
    """Through the real sign-in form; returns once the next page has loaded."""
    page.goto(f"{portal}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


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


def _day_omneo_refuses(page: Page, scene: Scene) -> None:
    faults.arm(kind="forbidden", method="GET", path_suffix="/v3/appointments", times=5)
    page.goto(f"{scene.portal}/day/?location=13&date={scene.day}")
    expect(page.get_by_test_id("day-problem").get_by_role("link", name="Retry")).to_be_visible()


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
    "day-omneo-refuses": _day_omneo_refuses,
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
    page.set_default_timeout(10_000)
    return VIEWPORTS[request.param]


def _screenshot(page: Page, name: str, viewport: dict[str, int]) -> None:
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}-{viewport['width']}.png", full_page=True)


@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_has_no_accessibility_violation_and_fits(
    name: str, viewport: dict[str, int], page: Page, scene: Scene, booking_admin: Any
):
    # Given a booking admin (they see every navigation link), signed in unless the page is sign-in
    if name not in SIGNED_OUT_PAGES:
        sign_in(page, scene.portal, booking_admin.username)

    # When the page is opened at this width
    PAGES[name](page, scene)
    page.wait_for_load_state("load")
    _screenshot(page, name, viewport)

    # Then axe-core finds nothing, nothing sticks out sideways, and every target is 24 px or more
    assert_no_axe_violations(page, f"{name} at {viewport['width']}x{viewport['height']}")
    assert horizontal_overflow(page) <= 0, f"{name} scrolls sideways at {viewport['width']} px"
    small = small_targets(page)
    assert not small, f"{name}: targets under {MIN_TARGET_PX} px:\n" + "\n".join(small)
    # And on the portal's own pages Sign out is on screen; in the admin, each filter is a 24 px row
    if name in SIGNED_IN_PAGES:
        assert_inside_the_viewport(page, page.get_by_role("button", name="Sign out"))
    if name in ("admin-attempts", "admin-writes"):
        filters = page.locator("#changelist-filter a")
        heights = filters.evaluate_all("links => links.map(a => a.getBoundingClientRect().height)")
        assert len(heights) >= 5
        assert min(heights) >= MIN_TARGET_PX, heights


def test_the_navigation_wraps_on_the_narrowest_phone(page: Page, portal: str, staff_user: Any):
    page.set_viewport_size(NARROWEST)
    sign_in(page, portal, staff_user.username)
    page.goto(f"{portal}/bookings/")

    assert horizontal_overflow(page) <= 0
    for name in ("Today", "Book", "My bookings"):
        assert_inside_the_viewport(page, page.get_by_role("link", name=name, exact=True))
    assert_inside_the_viewport(page, page.get_by_test_id("signed-in-as"))
    assert_inside_the_viewport(page, page.get_by_role("button", name="Sign out"))


def test_focus_is_visible_at_3_to_1_and_alert_links_read_at_4_5_to_1(
    page: Page, scene: Scene, booking_admin: Any
):
    page.set_viewport_size(VIEWPORTS["desktop"])
    sign_in(page, scene.portal, booking_admin.username)
    _day_omneo_refuses(page, scene)
    retry = page.get_by_test_id("day-problem").get_by_role("link", name="Retry")

    # On the dark bar, on white, and inside the red alert
    assert_visible_focus(
        page,
        {
            "nav link": page.get_by_role("link", name="Today", exact=True),
            "Sign out": page.get_by_role("button", name="Sign out"),
            "Show button": page.get_by_role("button", name="Show"),
            "store select": page.get_by_label("Store"),
            "Retry in the alert": retry,
        },
    )
    ring = focus_ring(page, retry)
    assert contrast(ring["text"], ring["behind"]) >= 4.5, ring

    # And in the admin: the header, the breadcrumbs, a sidebar caption and a filter link
    _admin_attempts(page, scene)
    assert_visible_focus(
        page,
        {
            "header link": page.locator("#user-tools a").first,
            "breadcrumb": page.locator(".breadcrumbs a").first,
            "sidebar caption": page.locator("#nav-sidebar caption a").first,
            "filter link": page.locator("#changelist-filter a").first,
        },
    )
