"""At the counter when things go sideways: a time taken before Book, a customer not in Omneo yet,
and the next booking for the same customer straight from the confirmation."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from booking_portal.omneo.client import OmneoClient
from booking_portal.sandbox import data
from booking_portal.sandbox.models import SandboxAppointment, SandboxProfile
from tests.browser.axe import assert_no_axe_violations
from tests.browser.counter_hand import SHOTS, shoot
from tests.browser.steps import (
    AVA,
    answer_fitting_questions,
    book,
    choose_customer,
    choose_day,
    choose_service,
    choose_store,
    expect_booked,
    expect_fitting_answers_kept,
    fitting_for_ava,
    recap,
    slot_radios,
    tap,
    tomorrow,
)
from tests.browser.test_omneo_errors_in_the_browser import take_slot

pytestmark = pytest.mark.browser
BESPOKE = "Bespoke tailoring · 90 min · confirmed at once"  # no questions, one staff per store
FITTING_SERVICE = "Suit fitting · 45 min · confirmed at once"
PHONE, DESK = {"width": 390, "height": 844}, {"width": 1024, "height": 768}
SLOT = "%Y-%m-%dT%H:%M"


def nearest_three(offered: list[str], taken: str) -> list[str]:
    """The three offered times closest to the taken one, earliest first on a tie, in order."""
    wanted = datetime.strptime(taken, SLOT)  # noqa: DTZ007 (store-local wall clock)

    def distance(value: str) -> tuple[float, str]:
        moment = datetime.strptime(value, SLOT)  # noqa: DTZ007
        return abs((moment - wanted).total_seconds()), value

    return sorted(sorted(offered, key=distance)[:3])


def first_time_of(page: Page, day: str) -> str:
    """Pick the day's first free time; return its value."""
    radio = slot_radios(page, day).first
    tap(page, radio)
    return radio.get_attribute("value") or ""


def test_a_time_taken_before_book_offers_the_nearest_three_and_keeps_everything(
    signed_in_page: Page, sandbox_client: OmneoClient
):
    page = signed_in_page
    day = tomorrow()
    ava = data.demo_uuid("customer:Ava.Nguyen")
    # Given a filled fitting for Ava whose time someone else fills before Book is pressed
    slot = fitting_for_ava(page, day=day, time="2:00 PM")
    answer_fitting_questions(page)
    page.get_by_label("Notes").fill("Prefers navy")
    take_slot(sandbox_client, slot, bookings=2)  # a fitting slot holds two bookings

    # When they press Book
    book(page)

    # Then the times were read again: the taken one is struck out where it was, not offered
    expect(page).to_have_title(re.compile(r"^Error:"))
    taken = page.locator("#times .time-taken")
    expect(taken).to_have_count(1)
    expect(taken).to_have_text("2:00 PM")
    expect(page.locator(f"input[name=slot][value='{slot}']")).to_have_count(0)
    expect(page.get_by_test_id("slot-taken")).to_contain_text("2:00 PM")

    # And exactly the three nearest free times are offered, focus on the first of them
    nearest = page.locator("[data-testid=slot-taken] .time-near")
    expect(nearest).to_have_count(3)
    offered = slot_radios(page, day).evaluate_all("radios => radios.map(r => r.value)")
    targets = [label.get_attribute("for") for label in nearest.all()]
    assert targets == [f"slot-{value}" for value in nearest_three(offered, slot)]
    expect(page.locator(f"[id='{targets[0]}']")).to_be_focused()

    # And every other entry is kept: customer, answers, notes
    expect(page.get_by_role("radio", name=AVA)).to_be_checked()
    expect(recap(page, "customer")).to_have_text("Ava Nguyen")
    expect_fitting_answers_kept(page)
    expect(page.get_by_label("Notes")).to_have_value("Prefers navy")

    # And the page passes axe on a phone and on a landscape tablet
    for size in (PHONE, DESK):
        page.set_viewport_size(size)
        assert_no_axe_violations(page, f"time taken, {size['width']}x{size['height']}")
        shoot(page, SHOTS, f"{size['width']}x{size['height']}-time-taken")
    expect(page.locator(f"[id='{targets[0]}']")).to_be_focused()

    # When they tap the first nearest time and book
    nearest.first.click()
    chosen = page.locator(f"[id='{targets[0]}']")
    expect(chosen).to_be_checked()
    book(page)

    # Then exactly one appointment is made for Ava, at that time
    expect_booked(page)
    assert SandboxAppointment.objects.filter(profile_id=ava).count() == 1
    assert SandboxAppointment.objects.count() == 3  # the two taken, and this one
    made = SandboxAppointment.objects.get(profile_id=ava)
    assert made.start.astimezone(ZoneInfo(made.timezone)).strftime(SLOT) == targets[0][5:]


def test_a_new_customer_is_added_chosen_and_booked(signed_in_page: Page):
    page = signed_in_page
    # Given a search that finds no one
    page.get_by_label("Find a customer").press_sequentially("zz")
    expect(page.locator("#no-customers")).to_contain_text("No customers match")

    # When they open the new-customer form
    page.get_by_role("button", name="Add a new customer").click()
    expect(page.get_by_role("heading", name="New customer")).to_be_visible()
    assert_no_axe_violations(page, "new customer form, open")
    shoot(page, SHOTS, "768x1024-new-customer")

    # And add someone whose email Omneo already has
    page.locator("#id_new_customer-first_name").fill("Priya")
    page.locator("#id_new_customer-last_name").fill("Raman")
    email = page.locator("#id_new_customer-email")
    email.fill("ava.nguyen@example.com")
    page.locator("#id_new_customer-mobile_phone").fill("0499 000 111")
    page.get_by_role("button", name="Add customer").click()

    # Then the email is marked, the rest kept, and the form still passes axe
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_new_customer-email_error")).to_contain_text("already been taken")
    expect(page.locator("#id_new_customer-first_name")).to_have_value("Priya")
    assert_no_axe_violations(page, "new customer form, email taken")
    shoot(page, SHOTS, "768x1024-new-customer-email-taken")
    assert not SandboxProfile.objects.exists()

    # When they correct the email and add again
    email.fill("priya.raman@example.net")
    page.get_by_role("button", name="Add customer").click()

    # Then the new customer is chosen and shown in the recap
    expect(recap(page, "customer")).to_have_text("Priya Raman")
    added = SandboxProfile.objects.get()
    expect(page.locator(f"input[name=profile][value='{added.pk}']")).to_be_checked()

    # When they choose the service, store and a time and book
    choose_service(page, BESPOKE)
    choose_store(page)
    day = tomorrow()
    choose_day(page, day)
    first_time_of(page, day)
    expect(recap(page, "customer")).to_have_text("Priya Raman")
    book(page)

    # Then the one appointment is for the new customer
    expect_booked(page)
    expect(page.get_by_test_id("customer")).to_contain_text("Priya Raman")
    made = SandboxAppointment.objects.get()
    assert made.profile_id == str(added.pk)


def test_pressing_add_a_new_customer_again_keeps_what_was_typed(signed_in_page: Page):
    page = signed_in_page
    page.get_by_label("Find a customer").press_sequentially("zz")
    expect(page.locator("#no-customers")).to_contain_text("No customers match")
    opener = page.get_by_role("button", name="Add a new customer")
    opener.click()
    first_name = page.locator("#id_new_customer-first_name")
    first_name.fill("Priya")
    page.locator("#id_new_customer-last_name").fill("Raman")
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))

    # When the button that opened the form is pressed again
    opener.click()

    # Then the press goes to the open form, which is not asked for again: nothing typed is lost
    expect(first_name).to_be_focused()
    page.wait_for_timeout(500)  # a request, had one gone, would have been answered by now
    assert not [url for url in asked if "/book/customer/new/" in url]
    expect(page.locator("#new-customer")).to_have_count(1)
    expect(first_name).to_have_value("Priya")
    expect(page.locator("#id_new_customer-last_name")).to_have_value("Raman")


def test_book_another_for_the_customer_and_the_calendar_file(signed_in_page: Page):
    page = signed_in_page
    day = tomorrow()
    # Given a booking for Ava at Brisbane Queen Street
    choose_service(page, BESPOKE)
    choose_customer(page, search="av", label=AVA)
    choose_store(page, "Brisbane Queen Street")
    choose_day(page, day)
    first_time_of(page, day)
    book(page)
    expect_booked(page)

    # Then the confirmation's calendar file downloads as text/calendar
    ics = page.get_by_role("link", name="Add to calendar (.ics)")
    with page.expect_download() as download:
        ics.click()
    saved = download.value
    assert saved.suggested_filename.endswith(".ics")
    body = Path(saved.path()).read_text(encoding="utf-8")
    assert body.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" in body
    assert "Bespoke tailoring" in body
    response = page.request.get(ics.evaluate("link => link.href"))
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")

    # When they book another for this customer
    page.get_by_role("link", name="Book another for this customer").click()

    # Then the booking page opens with Ava chosen and the store carried until a service is chosen
    expect(page.get_by_role("heading", name="Book an appointment")).to_be_visible()
    page.wait_for_load_state("load")
    expect(page.get_by_role("radio", name=AVA)).to_be_checked()
    expect(recap(page, "customer")).to_have_text("Ava Nguyen")
    expect(page.locator("input[type=hidden][name=location]")).to_have_value("14")

    # And choosing a service shows that store chosen
    choose_service(page, FITTING_SERVICE)
    expect(page.get_by_label("Store")).to_have_value("14")
    expect(recap(page, "store")).to_have_text("Brisbane Queen Street")
    expect(page.get_by_test_id("store-zone")).to_contain_text("Australia/Brisbane")
