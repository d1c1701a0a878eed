"""A day at the counter in Chromium: book, see it on the day, arrive, complete; move; cancel."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxAppointment
from tests.browser.steps import (
    answer_fitting_questions,
    book,
    expect_booked,
    fitting_for_ava,
    tomorrow,
)

pytestmark = pytest.mark.browser


def _row(page: Page, appointment_id: int):
    return page.get_by_test_id(f"appointment-{appointment_id}")


def test_a_day_at_the_counter(signed_in_page: Page, portal: str):
    page = signed_in_page
    seed_demo_day()
    day = tomorrow()
    # Given a fitting booked for Ava tomorrow at 2 pm
    fitting_for_ava(page, day=day, time="2:00 PM")
    answer_fitting_questions(page)
    book(page)
    booked = int(expect_booked(page).inner_text().strip())

    # When staff open Today for that store and day, it is there, confirmed, in the store's zone
    page.get_by_role("link", name="Today").click()
    page.goto(f"{portal}/day/?location=13&date={day}")
    row = _row(page, booked)
    expect(row).to_contain_text("2:00 PM")
    expect(row).to_contain_text("Australia/Melbourne")
    expect(row.get_by_test_id("status")).to_have_text("Confirmed")

    # Then they mark the customer arrived, and the visit completed
    row.get_by_role("button", name="Mark arrived").click()
    expect(page.locator("main .alert[role=status]")).to_contain_text("now arrived")
    expect(_row(page, booked).get_by_test_id("status")).to_have_text("Arrived")
    _row(page, booked).get_by_role("button", name="Mark completed").click()
    expect(_row(page, booked).get_by_test_id("status")).to_have_text("Completed")
    assert SandboxAppointment.objects.get(pk=booked).status == "completed"

    # And they move another confirmed appointment to a time availability offers
    other = SandboxAppointment.objects.filter(
        location_id=13, status="confirmed", meta=["demo-day"]
    ).order_by("-start")[0]
    page.goto(f"{portal}/day/appointments/{other.pk}/?date={day}")
    first_time = page.locator("input[name=slot]").first
    wanted = first_time.get_attribute("value")
    first_time.check()
    page.get_by_role("button", name="Reschedule").click()
    expect(page.locator("main .alert[role=status]")).to_contain_text("Reschedule: done")
    other.refresh_from_db()
    assert wanted is not None
    assert other.start.astimezone(ZoneInfo(other.timezone)).strftime("%Y-%m-%dT%H:%M") == wanted

    # And they cancel a request with a reason; without one, nothing is sent
    request = SandboxAppointment.objects.filter(location_id=13, status="requested").first()
    page.goto(f"{portal}/day/appointments/{request.pk}/")
    page.get_by_role("button", name="Cancel appointment").click()
    expect(page.get_by_test_id("reason-error")).to_have_text("Give a reason for cancelling.")
    page.get_by_label("Reason for cancelling").fill("Customer rang to cancel")
    page.get_by_role("button", name="Cancel appointment").click()
    expect(page.locator("main .alert[role=status]")).to_contain_text(re.compile("now cancelled"))
    request.refresh_from_db()
    assert request.status == "cancelled"
    assert "Customer rang to cancel" in request.notes
