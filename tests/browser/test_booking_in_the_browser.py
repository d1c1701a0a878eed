"""A staff member books in Chromium: the happy path, and a booking that needs a staff member."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from booking_portal.sandbox import data
from booking_portal.sandbox.models import SandboxAppointment
from tests.browser.steps import (
    STYLING,
    answer_fitting_questions,
    book,
    choose_customer,
    choose_day,
    choose_slot,
    day_button,
    expect_booked,
    fitting_for_ava,
    settled,
    tomorrow,
)

pytestmark = pytest.mark.browser


def test_a_staff_member_books_a_fitting_with_every_question_answered(signed_in_page: Page):
    page = signed_in_page
    day = tomorrow()
    # Given the fitting for Ava at Melbourne Central tomorrow at 2 pm, every question answered
    slot = fitting_for_ava(page, day=day, time="2:00 PM")
    answer_fitting_questions(page)
    page.get_by_label("Notes").fill("Bring the navy suit")

    # When they book
    book(page)

    # Then the confirmation shows the appointment Omneo made, with what was entered
    omneo_id = expect_booked(page)
    created = SandboxAppointment.objects.get()
    expect(omneo_id).to_have_text(str(created.pk))
    expect(page.get_by_test_id("start")).to_contain_text("2:00 PM")
    expect(page.get_by_test_id("start")).to_contain_text("Australia/Melbourne")
    assert slot == f"{day}T14:00"
    assert created.profile_id == data.demo_uuid("customer:Ava.Nguyen")
    assert created.location_id == 13
    assert created.notes == "Bring the navy suit"
    answers = {a["questionnaire_question_id"]: a["value"] for a in created.answers}
    assert answers == {
        21: "suit",
        22: "Slim",
        23: "true",
        24: "Shorten the sleeves",
        25: '["sleeves", "waist"]',
        26: "2030-06-01",
        27: "102",
    }


def test_a_service_that_needs_staff_offers_times_once_a_staff_member_is_chosen(
    signed_in_page: Page,
):
    page = signed_in_page
    day = tomorrow()
    # Given the styling consultation, which needs a staff member, at Melbourne Central tomorrow,
    # opened from a link as the day view's "Book now" does (tomorrow: both of the store's staff
    # then have free times, whatever the hour; today one may be done and be chosen alone)
    origin = page.url.split("/book/")[0]
    page.goto(f"{origin}/book/?definition=2&location=13&date={day}")
    expect(page.get_by_role("radio", name=STYLING)).to_be_checked()
    expect(day_button(page, day)).to_be_checked()
    # for Oliver
    choose_customer(page, search="oliver", label="Oliver Smith · oliver.smith@example.com")
    expect(page.get_by_text("Choose a staff member to see their free times.")).to_be_visible()
    settled(page)

    # When they choose Mia Chen, a day and a time, and answer the question
    page.get_by_label("Staff member").select_option(label="Mia Chen")
    choose_day(page, day)
    choose_slot(page, day, "11:00 AM")
    page.get_by_label("Occasion").fill("Wedding")
    book(page)

    # Then the appointment is Mia's
    expect_booked(page)
    created = SandboxAppointment.objects.get()
    assert created.staff_id == data.demo_uuid("staff:Mia.Chen")
    assert created.answers == [{"questionnaire_question_id": 31, "value": "Wedding"}]
