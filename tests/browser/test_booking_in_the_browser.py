"""A staff member books in Chromium: the happy path, 422s fixed on the page, failures survived."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from booking_portal.sandbox import faults
from booking_portal.sandbox.models import SandboxAppointment
from tests.browser.conftest import fill_fitting, tomorrow
from tests.integration.test_client_against_sandbox import a_fitting

pytestmark = pytest.mark.browser


def test_a_staff_member_books_a_fitting(signed_in_page: Page):
    page = signed_in_page
    # Given the fitting, the customer, the store, a time and the answers
    fill_fitting(page)
    page.get_by_label("Yes").check()
    expect(page.get_by_label("What needs altering?")).to_be_visible()
    page.get_by_label("What needs altering?").fill("Shorten the sleeves")
    page.get_by_label("Waist").check()
    page.get_by_label("Transaction id").fill("1001")

    # When they book
    page.get_by_role("button", name="Book appointment").click()

    # Then the confirmation shows what Omneo made
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()
    created = SandboxAppointment.objects.get()
    expect(page.get_by_test_id("omneo-id")).to_have_text(str(created.pk))
    expect(page.get_by_test_id("start")).to_contain_text("Australia/Melbourne")
    answers = {a["questionnaire_question_id"]: a["value"] for a in created.answers}
    assert answers[24] == "Shorten the sleeves"


def test_a_hidden_question_is_not_required_and_not_sent(signed_in_page: Page):
    page = signed_in_page
    fill_fitting(page)
    page.get_by_label("No", exact=True).check()
    expect(page.get_by_label("What needs altering?")).to_be_hidden()

    page.get_by_role("button", name="Book appointment").click()

    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()
    assert 24 not in [
        a["questionnaire_question_id"] for a in SandboxAppointment.objects.get().answers
    ]


def test_omneos_422s_sit_beside_their_fields_and_can_be_fixed(
    signed_in_page: Page, portal, sandbox_client
):
    page = signed_in_page
    # Given a form with an unknown transaction, a past event date, and a slot someone else takes
    slot = fill_fitting(page, slot_index=12)
    page.get_by_label("Date of the event").fill("2001-01-01")
    page.get_by_label("Transaction id").fill("999")
    page.get_by_label("Notes").fill("Customer prefers navy")

    start = slot.replace("T", " ") + ":00"
    end_hour = None
    for _ in range(2):  # the fitting takes two bookings per slot
        end = (datetime.fromisoformat(start) + timedelta(minutes=45)).strftime("%Y-%m-%d %H:%M:%S")
        sandbox_client.appointment_create(a_fitting(scheduled_start_at=start, scheduled_end_at=end))
    del end_hour

    # When they submit
    page.get_by_role("button", name="Book appointment").click()

    # Then the summary takes focus and each message sits beside its field
    expect(page).to_have_title(re.compile(r"^Error:"))
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    for field_id, message in (
        ("id_transaction_id", "The selected “Transaction id” is invalid."),
        ("id_answers-5-value", "must be a date after or equal to today"),
    ):
        field = page.locator(f"[id='{field_id}']")
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_attribute("aria-describedby", re.compile(f"{field_id}_error"))
        expect(page.locator(f"[id='{field_id}_error']")).to_contain_text(message)
    slot_group = page.locator("#div_id_slot fieldset")
    expect(slot_group).to_have_attribute("aria-describedby", re.compile("id_slot_error"))
    expect(page.locator("#id_slot_error")).to_contain_text("no longer available")

    # And a summary link moves focus to its field
    summary.get_by_role("link", name=re.compile("Transaction id")).click()
    expect(page.locator("#id_transaction_id")).to_be_focused()

    # And nothing typed was lost
    expect(page.locator("#id_notes")).to_have_value("Customer prefers navy")
    expect(page.locator("#id_transaction_id")).to_have_value("999")
    expect(page.get_by_label("Ava Nguyen · ava.nguyen@example.com")).to_be_checked()
    expect(page.get_by_label("Which garment?")).to_have_value("suit")

    # When they fix the fields and submit again
    page.locator("#id_transaction_id").fill("1002")
    page.get_by_label("Date of the event").fill("2030-06-01")
    page.locator("input[name=slot]").nth(0).check()
    page.get_by_role("button", name="Book appointment").click()

    # Then the appointment is booked
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()
    assert SandboxAppointment.objects.filter(transaction__id=1002).count() == 1


def test_omneo_not_answering_keeps_the_input_and_a_retry_books(signed_in_page: Page):
    page = signed_in_page
    fill_fitting(page)
    page.get_by_label("Notes").fill("Try twice")
    faults.arm(kind="server_error")

    page.get_by_role("button", name="Book appointment").click()

    expect(page.get_by_test_id("notice")).to_contain_text("Omneo did not answer")
    expect(page.locator("#id_notes")).to_have_value("Try twice")
    page.get_by_role("button", name="Book appointment").click()
    expect(page.get_by_role("heading", name="Appointment booked")).to_be_visible()
    assert SandboxAppointment.objects.count() == 1


def test_touch_targets_are_at_least_44_px_on_a_tablet(signed_in_page: Page):
    page = signed_in_page
    fill_fitting(page)

    targets = [
        page.get_by_role("button", name="Book appointment"),
        page.get_by_label("Service"),
        page.get_by_label("Store"),
        page.locator("#div_id_slot .form-check").first,
        page.locator("#div_id_profile .form-check").first,
    ]

    heights = [target.bounding_box()["height"] for target in targets]
    assert min(heights) >= 44, heights
    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    assert tomorrow()  # the date used is the store's tomorrow
