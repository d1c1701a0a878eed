"""In Chromium at the counter: a booked customer marked arrived has exactly one visit in Omneo,
however often arrival is pressed; a reschedule offers the time it left to someone waiting."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from booking_portal.appointments import messages
from booking_portal.sandbox import data
from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import (
    SandboxAppointment,
    SandboxVisit,
    SandboxWaitlistEntry,
)
from tests.browser.steps import tomorrow

pytestmark = pytest.mark.browser
MELBOURNE = ZoneInfo("Australia/Melbourne")


def _fitting_for_ava(day: date, hour: int) -> SandboxAppointment:
    start = datetime.combine(day, time(hour), tzinfo=MELBOURNE)
    return SandboxAppointment.objects.create(
        definition_id=1,
        profile_id=data.demo_uuid("customer:Ava.Nguyen"),
        location_id=13,
        status="confirmed",
        start=start,
        end=start + timedelta(minutes=45),
        timezone="Australia/Melbourne",
    )


def test_marked_arrived_twice_the_customer_has_one_visit(signed_in_page: Page, portal: str):
    page = signed_in_page
    seed_demo_day()
    day = date.fromisoformat(tomorrow())
    fitting = _fitting_for_ava(day, 11)
    day_url = f"{portal}/day/?location=13&date={day.isoformat()}"
    second_tab = page.context.new_page()
    second_tab.goto(day_url)  # a colleague's tab, still showing Confirmed

    # Given Ava's fitting on the day, Mark arrived pressed twice in quick succession
    page.goto(day_url)
    page.get_by_test_id(f"appointment-{fitting.pk}").get_by_role(
        "button", name="Mark arrived"
    ).dblclick()
    row = page.get_by_test_id(f"appointment-{fitting.pk}")
    expect(row.get_by_test_id("status")).to_have_text("Arrived")

    # ...and once more from the second tab
    second_tab.get_by_test_id(f"appointment-{fitting.pk}").get_by_role(
        "button", name="Mark arrived"
    ).click()
    second_tab.close()

    # Then the day says the visit is recorded, and Omneo holds exactly one
    page.goto(day_url)
    row = page.get_by_test_id(f"appointment-{fitting.pk}")
    expect(row.get_by_test_id("visit")).to_have_text(messages.VISIT_WORDS["recorded"])
    visits = SandboxVisit.objects.filter(external_id=f"APPT-{fitting.pk}")
    assert visits.count() == 1
    assert (visits[0].profile_id, visits[0].location_id) == (fitting.profile_id, 13)
    fitting.refresh_from_db()
    assert fitting.status == "arrived"


def test_a_reschedule_offers_the_time_it_left_to_a_waiting_customer(
    signed_in_page: Page, portal: str
):
    page = signed_in_page
    seed_demo_day()  # Grace waits for a suit fitting at Melbourne Central, tomorrow midday
    day = date.fromisoformat(tomorrow())
    fitting = _fitting_for_ava(day, 11)
    grace = SandboxWaitlistEntry.objects.get(location_id=13, status="active")

    # Given Ava's 11 AM fitting tomorrow is moved to the day after
    later = day + timedelta(days=1)
    page.goto(f"{portal}/day/appointments/{fitting.pk}/?date={later.isoformat()}")
    page.locator("input[name=slot]").first.check()
    page.get_by_role("button", name="Reschedule").click()
    expect(page.locator("main .alert[role=status]")).to_contain_text("Reschedule: done")
    fitting.refresh_from_db()
    assert fitting.start.astimezone(MELBOURNE).date() == later

    # When staff look at tomorrow, the time it left names Grace, who wants midday
    page.goto(f"{portal}/day/?location=13&date={day.isoformat()}")
    match = page.get_by_test_id(f"opening-{grace.pk}-{fitting.pk}")
    expect(match).to_contain_text("11:00 AM")
    expect(match).to_contain_text("rescheduled")
    expect(match).to_contain_text("Grace Anderson")
    expect(match.get_by_role("button", name="Dismiss")).to_be_visible()

    # Then Book now opens the booking page for her, the service and the day
    match.get_by_role("link", name="Book now").click()
    expect(page).to_have_url(re.compile(r"/book/\?"))
    expect(page.get_by_role("radio", name=re.compile("Grace Anderson"))).to_be_checked()
    expect(page.get_by_role("radio", name=re.compile("Suit fitting"))).to_be_checked()
