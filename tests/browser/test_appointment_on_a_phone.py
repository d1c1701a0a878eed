"""An appointment's page on the narrowest phone: the cancel form fits without sideways scrolling."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxAppointment
from tests.browser.steps import MELBOURNE
from tests.browser.test_accessibility_pages import NARROWEST, sign_in

pytestmark = pytest.mark.browser


def test_the_cancel_reason_box_fits_a_320_px_screen(page: Page, portal: str, booking_admin: Any):
    # Given a confirmed appointment of the demo day, opened on a 320 px wide phone
    seed_demo_day()
    day = (timezone.now().astimezone(MELBOURNE) + timedelta(days=1)).date()
    confirmed = SandboxAppointment.objects.filter(
        location_id=13, status="confirmed", meta=["demo-day"], start__date__gte=day
    ).order_by("start")[0]
    page.set_viewport_size(NARROWEST)
    page.set_default_timeout(10_000)
    sign_in(page, portal, booking_admin.username)

    # When the appointment's page is shown and a reason is typed
    page.goto(f"{portal}/day/appointments/{confirmed.pk}/?date={day.isoformat()}")
    reason = page.get_by_label("Reason for cancelling")
    expect(reason).to_be_visible()
    reason.fill("The customer called to say they are ill and will book again next week.")

    # Then nothing sticks out sideways: the box is inside the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROWEST["width"]
    box = reason.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= NARROWEST["width"]
