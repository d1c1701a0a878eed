"""The waitlist in Chromium, by keyboard: find the customer by name, choose them, add them."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from booking_portal.sandbox import data
from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxAppointment, SandboxWaitlistEntry
from tests.browser.steps import tomorrow

pytestmark = pytest.mark.browser


def test_a_customer_is_waitlisted_by_name_never_by_id(signed_in_page: Page, portal: str):
    page = signed_in_page
    seed_demo_day()
    page.goto(f"{portal}/day/?location=13")
    form = page.get_by_test_id("waitlist-add")

    # Given the service chosen and the customer's name typed
    form.get_by_label("Service").select_option(label="Suit fitting")
    form.get_by_label("Customer", exact=True).fill("ava")
    choice = form.get_by_role("radio", name="Ava Nguyen")

    # When staff choose her from the matches (keyboard only) and add her
    expect(choice).to_be_visible()
    choice.focus()
    page.keyboard.press("Space")
    form.get_by_label("Notes").fill("Any Saturday morning")
    form.get_by_role("button", name="Add to waitlist").press("Enter")

    # Then the day lists her, naming the service
    expect(page.locator("main .alert[role=status]")).to_contain_text("Added to the waitlist")
    added = SandboxWaitlistEntry.objects.get(notes="Any Saturday morning")
    row = page.get_by_test_id(f"waitlist-entry-{added.pk}")
    expect(row).to_contain_text("Ava Nguyen")
    expect(row.get_by_test_id("waitlist-service")).to_have_text("Suit fitting")


def test_a_cancellation_surfaces_a_waiting_customer_who_is_booked_from_the_match(
    signed_in_page: Page, portal: str
):
    page = signed_in_page
    seed_demo_day()  # Grace waits for a suit fitting at Melbourne Central, tomorrow midday
    zone = ZoneInfo("Australia/Melbourne")
    day = date.fromisoformat(tomorrow())
    start = datetime.combine(day, time(11), tzinfo=zone)
    fitting = SandboxAppointment.objects.create(
        definition_id=1,
        profile_id=data.demo_uuid("customer:Ava.Nguyen"),
        location_id=13,
        status="confirmed",
        start=start,
        end=start + timedelta(minutes=45),
        timezone="Australia/Melbourne",
    )
    grace = SandboxWaitlistEntry.objects.get(location_id=13, status="active")

    # Given Ava's 11 AM fitting tomorrow is cancelled
    page.goto(f"{portal}/day/appointments/{fitting.pk}/")
    page.get_by_label("Reason").fill("Customer rang to cancel")
    page.get_by_role("button", name="Cancel appointment").click()

    # When staff look at tomorrow, the freed time names Grace, who wants midday
    page.goto(f"{portal}/day/?location=13&date={day.isoformat()}")
    match = page.get_by_test_id(f"opening-{grace.pk}-{fitting.pk}")
    expect(match).to_contain_text("Grace Anderson")
    expect(match).to_contain_text("11:00 AM")

    # Then Book now opens the booking page for her, the service and the day
    match.get_by_role("link", name="Book now").click()
    expect(page).to_have_url(re.compile(r"/book/\?"))
    expect(page.get_by_role("radio", name=re.compile("Grace Anderson"))).to_be_checked()
    expect(page.get_by_role("radio", name=re.compile("Suit fitting"))).to_be_checked()
