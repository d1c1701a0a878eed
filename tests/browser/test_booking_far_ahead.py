"""A booking 45 days ahead: past the first availability window of 31 days, within the 60."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from booking_portal.sandbox.models import SandboxAppointment
from tests.browser.steps import (
    AVA,
    FITTING,
    MELBOURNE,
    answer_fitting_questions,
    book,
    choose_customer,
    choose_service,
    choose_store,
    day_button,
    expect_booked,
    settled,
    slot_radios,
    tap,
)

pytestmark = pytest.mark.browser


def test_a_fitting_45_days_ahead_is_booked_through_later_days(signed_in_page: Page):
    page = signed_in_page
    day = (timezone.now().astimezone(MELBOURNE) + timedelta(days=45)).date().isoformat()
    # Given a fitting for Ava at Melbourne Central: the strip shows the first 31 days
    choose_service(page, FITTING)
    choose_customer(page, search="av", label=AVA)
    choose_store(page)
    expect(day_button(page, day)).to_have_count(0)

    # When staff move to the later days, pick the day 45 days ahead and its first time
    tap(page, page.get_by_test_id("later-days"))
    settled(page)
    tap(page, day_button(page, day))
    expect(slot_radios(page, day).first).to_be_attached()
    settled(page)
    first = slot_radios(page, day).first
    slot = first.get_attribute("value") or ""
    tap(page, first)
    answer_fitting_questions(page)
    book(page)

    # Then Omneo booked that very time, 45 days ahead
    expect_booked(page)
    created = SandboxAppointment.objects.get()
    start = created.start.astimezone(MELBOURNE)
    assert start.strftime("%Y-%m-%dT%H:%M") == slot
    assert start.date().isoformat() == day
