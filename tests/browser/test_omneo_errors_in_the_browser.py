"""When Omneo refuses or fails: messages beside their fields, nothing typed lost, then a booking."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from booking_portal.bookings import messages
from booking_portal.omneo.client import OmneoClient
from booking_portal.omneo.resources import AnswerInput, StoreAppointment
from booking_portal.sandbox import data, faults
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.writes.models import CheckResult
from tests.browser.steps import (
    AVA,
    answer_fitting_questions,
    book,
    choose_slot,
    expect_booked,
    expect_fitting_answers_kept,
    fitting_for_ava,
    open_more_options,
    tomorrow,
)

pytestmark = pytest.mark.browser
WIRE = "%Y-%m-%d %H:%M:%S"


def take_slot(client: OmneoClient, slot: str, *, bookings: int) -> None:
    """Someone else books this fitting slot `bookings` times, straight through the sandbox."""
    start = datetime.strptime(slot, "%Y-%m-%dT%H:%M")  # noqa: DTZ007 (store-local wall clock)
    for _ in range(bookings):
        client.appointment_create(
            StoreAppointment(
                appointment_definition_id=1,
                profile_id=data.demo_uuid("customer:Oliver.Smith"),
                location_id=13,
                scheduled_start_at=start.strftime(WIRE),
                scheduled_end_at=(start + timedelta(minutes=45)).strftime(WIRE),
                timezone="Australia/Melbourne",
                answers=(AnswerInput(questionnaire_question_id=21, value="blazer"),),
            )
        )


def expect_error_beside(page: Page, field: Locator, message: str | re.Pattern[str]) -> None:
    """The field is marked invalid and describes itself by an error, inside its own container."""
    field_id = field.get_attribute("id")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", re.compile(rf"\b{field_id}_error\b"))
    beside = page.locator(f"[id='div_{field_id}'] [id='{field_id}_error']")
    expect(beside).to_contain_text(message)


def test_omneos_422s_sit_beside_their_fields_and_the_booking_succeeds_once_fixed(
    signed_in_page: Page, sandbox_client: OmneoClient
):
    page = signed_in_page
    day = tomorrow()
    # Given a filled form with an event date in the past (only Omneo checks it), an unknown
    # transaction and order number, and a time that someone else fills before the submit
    slot = fitting_for_ava(page, day=day, time="2:00 PM")
    answer_fitting_questions(page, event_date="2001-01-01")
    open_more_options(page)
    page.get_by_label("Transaction id").fill("999")
    page.get_by_label("Order number").fill("SO-9999")
    page.get_by_label("Notes").fill("Customer prefers navy")
    take_slot(sandbox_client, slot, bookings=2)  # the fitting takes two bookings per slot

    # When they submit
    book(page)

    # Then the page says there is a problem, in the title and a summary that took focus
    expect(page).to_have_title(re.compile(r"^Error:"))
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("heading", level=2, name="There is a problem")).to_be_visible()
    expect(summary).to_be_focused()

    # And each of Omneo's messages sits beside its field: nested, answer and top-level ones
    transaction = page.locator("#id_transaction_id")
    order_number = page.locator("#id_order_number")
    event_date = page.get_by_label("Date of the event")
    expect_error_beside(page, transaction, re.compile(r"Transaction id.*invalid"))
    expect_error_beside(page, order_number, re.compile(r"Order number.*invalid"))
    expect_error_beside(page, event_date, "must be a date after or equal to today")
    slot_group = page.locator("fieldset").filter(has=page.locator("input[name=slot]")).last
    expect(slot_group).to_have_attribute("aria-describedby", re.compile(r"\bid_slot_error\b"))
    expect(slot_group.locator("#id_slot_error")).to_contain_text("no longer available")

    # And each summary link moves focus to its field
    for field in (transaction, order_number, event_date):
        field_id = field.get_attribute("id")
        summary.locator(f"a[href='#{field_id}']").click()
        expect(field).to_be_focused()
    summary.locator("a[href^='#slot-']").click()
    expect(page.locator("input[name=slot]:focus")).to_have_count(1)

    # And the times were read again: the one someone else took is gone, the free ones are offered
    expect(page.locator(f"input[name=slot][value='{slot}']")).to_have_count(0)
    expect(page.locator("input[name=slot]").first).to_be_visible()

    # And everything typed is still there
    expect(page.get_by_role("radio", name=AVA)).to_be_checked()
    expect_fitting_answers_kept(page, event_date="2001-01-01")
    expect(transaction).to_have_value("999")
    expect(order_number).to_have_value("SO-9999")
    expect(page.get_by_label("Notes")).to_have_value("Customer prefers navy")

    # When they fix each field, choose another time and submit again
    transaction.fill("1002")
    order_number.fill("SO-2002")
    event_date.fill("2030-06-01")
    choose_slot(page, day, "3:00 PM")
    book(page)

    # Then the appointment is booked with the fixed values
    expect_booked(page)
    created = SandboxAppointment.objects.get(profile_id=data.demo_uuid("customer:Ava.Nguyen"))
    assert created.transaction["id"] == 1002
    assert created.order["order_number"] == "SO-2002"
    assert created.notes == "Customer prefers navy"


def test_omneo_not_answering_keeps_every_entry_and_a_second_submit_books(
    signed_in_page: Page, settings
):
    page = signed_in_page
    # Given a filled form, Omneo failing the next create with a 500, and no grace for a late create
    settings.BOOKING_SETTLE_GRACE_SECONDS = 0
    slot = fitting_for_ava(page, day=tomorrow(), time="2:00 PM")
    answer_fitting_questions(page)
    open_more_options(page)
    page.get_by_label("Transaction id").fill("1003")
    page.get_by_label("Notes").fill("Try twice")
    page.get_by_label("Tags").fill("vip\nreturning")
    faults.arm(kind="server_error")

    # When they submit
    book(page)

    # Then the portal checked, found nothing, and says so, with every entry intact
    absent = f"{messages.OUTCOME_UNKNOWN} {messages.CHECK_RESULTS[CheckResult.ABSENT]}"
    expect(page.get_by_test_id("notice")).to_have_text(absent)
    expect(page.get_by_role("radio", name=AVA)).to_be_checked()
    expect(page.locator(f"input[name=slot][value='{slot}']")).to_be_checked()
    expect(page.get_by_label("Which garment?")).to_have_value("suit")
    expect(page.get_by_label("What needs altering?")).to_have_value("Shorten the sleeves")
    expect(page.get_by_role("checkbox", name="Waist")).to_be_checked()
    expect(page.get_by_label("Chest (cm)")).to_have_value("102")
    expect(page.get_by_label("Transaction id")).to_have_value("1003")
    expect(page.get_by_label("Notes")).to_have_value("Try twice")
    expect(page.get_by_label("Tags")).to_have_value("vip\nreturning")
    assert not SandboxAppointment.objects.exists()

    # When they submit again
    book(page)

    # Then the one appointment is booked
    expect_booked(page)
    created = SandboxAppointment.objects.get()
    assert created.meta[:2] == ["vip", "returning"]  # then the attempt's own tag
    assert created.meta[2].startswith("booking-portal:")
    assert created.transaction["id"] == 1003
