"""The waitlist in Chromium, by keyboard: find the customer by name, choose them, add them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxWaitlistEntry

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
