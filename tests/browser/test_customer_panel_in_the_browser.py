"""The customer panel at the counter: Book again, and a booking over the customer's own time.

Omneo (the sandbox) is reached through the fault proxy, so each test counts the creates Omneo
actually received.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from booking_portal.omneo import get_omneo_client
from booking_portal.omneo.resources import AnswerInput, StoreAppointment
from booking_portal.sandbox import data
from booking_portal.sandbox.models import SandboxAppointment
from tests.browser.axe import assert_no_axe_violations
from tests.browser.layout_checks import MIN_TARGET_PX, horizontal_overflow
from tests.browser.steps import (
    AVA,
    answer_fitting_questions,
    book,
    choose_customer,
    expect_booked,
    fitting_for_ava,
    reveal,
    settled,
)
from tests.unit.sandbox.conftest import MELBOURNE, tomorrow_at

pytestmark = pytest.mark.browser
AVA_ID = data.demo_uuid("customer:Ava.Nguyen")
CREATE = ("POST", "/sandbox/api/v3/appointments")
PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 720}
SHOTS = os.environ.get("A11Y_SHOTS")  # a folder: keep the screenshots looked at


@pytest.fixture
def counter(signed_in_page: Page, fault_proxy: Any, settings: Any) -> tuple[Page, Any]:
    """The signed-in booking page, its Omneo calls passing through the proxy."""
    settings.OMNEO_BASE_URL = fault_proxy.base_url
    get_omneo_client().close()
    return signed_in_page, fault_proxy


def _creates(proxy: Any) -> int:
    return sum(1 for call in proxy.forwarded if tuple(call) == CREATE)


def _avas_fitting(days: int, hour: int) -> SandboxAppointment:
    """Ava's fitting `days` from tomorrow at `hour` in Melbourne, booked in Omneo beforehand."""
    start = tomorrow_at(hour) + timedelta(days=days)
    made = get_omneo_client().appointment_create(
        StoreAppointment(
            appointment_definition_id=1,
            profile_id=AVA_ID,
            location_id=13,
            scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
            scheduled_end_at=(start + timedelta(minutes=45)).strftime("%Y-%m-%d %H:%M:%S"),
            timezone=MELBOURNE.key,
            answers=(AnswerInput(questionnaire_question_id=21, value="suit"),),
        )
    )
    return SandboxAppointment.objects.get(pk=made.id)


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-{page.viewport_size['width']}.png", full_page=True)


def test_book_again_books_the_same_service_store_and_staff_at_the_next_free_time(counter):
    page, proxy = counter
    earlier = _avas_fitting(days=2, hour=15)
    page.reload()
    page.wait_for_load_state("load")

    # Given Ava chosen, her fitting listed in the panel, and a note typed
    choose_customer(page, search="av", label=AVA)
    panel = page.get_by_test_id("customer-panel")
    expect(panel).to_contain_text("Suit fitting")
    expect(panel.get_by_test_id("panel-open")).to_have_attribute(
        "href", f"/day/appointments/{earlier.pk}/"
    )
    page.get_by_label("Notes").fill("Same as last time")
    sent_before = _creates(proxy)

    # When staff tap Book again
    again = panel.get_by_role("button", name=re.compile(r"^Book again"))
    reveal(again)
    again.click()
    page.wait_for_load_state("load")

    # Then the fitting at the same store is chosen, with the next free time, and the note kept
    expect(page.get_by_role("radio", name=re.compile(r"^Suit fitting"))).to_be_checked()
    expect(page.get_by_label("Store")).to_have_value("13")
    chosen = page.locator("input[name=slot]:checked")
    expect(chosen).to_have_count(1)
    first_free = page.locator("input[name=slot]").first.get_attribute("value")
    expect(chosen).to_have_value(first_free)
    expect(page.get_by_label("Notes")).to_have_value("Same as last time")
    assert _creates(proxy) == sent_before  # nothing was sent

    answer_fitting_questions(page)
    book(page)
    expect_booked(page)
    made = SandboxAppointment.objects.exclude(pk=earlier.pk).get()
    assert (made.definition_id, made.location_id, made.staff_id) == (
        earlier.definition_id,
        earlier.location_id,
        earlier.staff_id,
    )
    assert made.start.astimezone(MELBOURNE).strftime("%Y-%m-%dT%H:%M") == first_free
    assert _creates(proxy) == sent_before + 1


def test_an_overlapping_booking_is_asked_about_then_booked_once_however_often_pressed(counter):
    page, proxy = counter
    _avas_fitting(days=0, hour=14)
    page.set_viewport_size(PHONE)
    sent_before = _creates(proxy)

    # Given a fitting for Ava tomorrow at 2:00 PM, when she already has one then
    day = tomorrow_at(14).date().isoformat()
    fitting_for_ava(page, day=day, time="2:00 PM")
    answer_fitting_questions(page)
    book(page)

    # Then nothing is sent, and the question has the focus
    question = page.get_by_test_id("overlap-question")
    expect(question).to_contain_text(
        "Ava Nguyen already has Suit fitting at 2:00 PM that day \N{EM DASH} book anyway?"
    )
    expect(question).to_be_focused()
    expect(page.get_by_role("alert").filter(has_text="book anyway?")).to_be_visible()
    assert _creates(proxy) == sent_before
    expect(page.locator("input[name=slot]:checked")).to_have_value(f"{day}T14:00")
    expect(page.get_by_label("Preferred fit")).to_have_value("Slim")
    _check_the_screen(page, "overlap-question")

    # When Book anyway is pressed twice, one create reaches Omneo
    page.get_by_test_id("book-anyway").dblclick()
    expect_booked(page)
    assert _creates(proxy) == sent_before + 1
    assert SandboxAppointment.objects.filter(profile_id=AVA_ID).count() == 2


def test_the_panel_fits_a_phone_and_a_narrow_screen(counter):
    page, _ = counter
    booked = _avas_fitting(days=1, hour=11)
    page.reload()
    page.wait_for_load_state("load")
    choose_customer(page, search="av", label=AVA)
    settled(page)
    expect(page.get_by_test_id("customer-panel")).to_contain_text("Suit fitting")
    for size in (PHONE, NARROW):
        page.set_viewport_size(size)
        _check_the_screen(page, "customer-panel")

    page.goto(page.url.split("/book/")[0] + f"/day/appointments/{booked.pk}/")
    expect(page.get_by_test_id("customer-panel")).to_contain_text("Upcoming")
    for size in (PHONE, NARROW):
        page.set_viewport_size(size)
        _check_the_screen(page, "appointment-panel")


def _check_the_screen(page: Page, name: str) -> None:
    _shot(page, name)
    assert horizontal_overflow(page) <= 0
    for control in page.get_by_test_id("customer-panel").locator("a, button").all():
        box = control.bounding_box()
        assert box is not None
        assert box["height"] >= MIN_TARGET_PX, control.inner_text()
        assert box["x"] + box["width"] <= page.viewport_size["width"], control.inner_text()
    size = page.viewport_size
    assert_no_axe_violations(page, f"{name} at {size['width']}x{size['height']}")
