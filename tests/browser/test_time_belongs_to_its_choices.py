"""In the browser: a time picked, then the date or store changed, is never booked."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from booking_portal.sandbox import faults
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.writes.models import BookingAttempt
from tests.browser.steps import (
    answer_fitting_questions,
    book,
    choose_slot,
    day_button,
    expect_booked,
    fitting_for_ava,
    settled,
    slot_radios,
    tap,
    tomorrow,
)

pytestmark = pytest.mark.browser


def test_changing_the_date_after_picking_a_time_clears_it_and_books_the_new_day(
    signed_in_page: Page,
):
    page = signed_in_page
    first_day = tomorrow()
    next_day = (date.fromisoformat(first_day) + timedelta(days=1)).isoformat()
    # Given 2:00 PM picked on the first day
    picked = fitting_for_ava(page, day=first_day, time="2:00 PM")
    answer_fitting_questions(page)

    # When the date changes to the next day
    tap(page, day_button(page, next_day))

    # Then no time is ticked, the page says why, and only the new day's times are offered
    expect(page.locator("input[name=slot]:checked")).to_have_count(0)
    expect(slot_radios(page, next_day).first).to_be_visible()
    settled(page)
    expect(page.locator(f"input[name=slot][value='{picked}']")).to_have_count(0)
    expect(page.get_by_test_id("slot-note")).to_contain_text("Choose a new time")

    # When Book is pressed without a time, nothing is sent
    book(page)
    expect(page.get_by_text("Time is required.").first).to_be_visible()
    assert not SandboxAppointment.objects.exists()

    # When a time on the new day is picked and booked (the answers were kept), that day is booked
    chosen = choose_slot(page, next_day, "2:00 PM")
    book(page)
    expect_booked(page)
    made = SandboxAppointment.objects.get()
    assert chosen.startswith(next_day)
    attempt = BookingAttempt.objects.get()
    assert attempt.scheduled_start == made.start
    assert made.start.astimezone(attempt.zone).date().isoformat() == next_day


def test_a_slow_refresh_shows_the_part_is_loading(signed_in_page: Page, settings):
    page = signed_in_page
    settings.OMNEO_SANDBOX_FAULTS = True
    day = tomorrow()
    fitting_for_ava(page, day=day, time="2:00 PM")
    faults.arm(kind="latency", method="POST", path_suffix="/available-slots", seconds=1.5)

    next_day = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    page.locator(f"label[for='day-{next_day}']").click()

    times = page.locator("#times")
    expect(times).to_have_attribute("aria-busy", "true")
    expect(times).to_have_attribute("inert", "")  # nothing in it can be tapped meanwhile
    expect(page.locator("#times-region [aria-live]")).to_have_count(1)
    expect(times).not_to_have_attribute("aria-busy", "true", timeout=10_000)
    expect(page.locator("[data-live-for=times]")).to_contain_text(re.compile(r"free times? on"))
    faults.clear()
