"""Keyboard only: from sign-in to confirmation with Tab, Shift+Tab, arrows, Space and Enter."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from booking_portal.sandbox import data
from booking_portal.sandbox.models import SandboxAppointment
from tests.browser.steps import AVA, FITTING, STORE, settled, slot_radios, tomorrow
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser
MAX_PRESSES = 60


def has_focus(target: Locator) -> bool:
    return target.evaluate("element => element === document.activeElement")


def tab_to(page: Page, target: Locator, *, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the target has focus, as a keyboard user would."""
    for _ in range(MAX_PRESSES):
        if has_focus(target):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached {target}")


def arrow_to(page: Page, target: Locator, option: str) -> None:
    """ArrowDown through a focused, closed select until the option is chosen."""
    for _ in range(MAX_PRESSES):
        if target.evaluate("select => select.selectedOptions[0]?.text ?? ''") == option:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"ArrowDown never chose {option!r}")


def date_keys(page: Page, iso_date: str) -> str:
    """The digits a person types into a date field, in the order the browser's locale shows."""
    year, month, day = iso_date.split("-")
    order = page.evaluate(
        "() => new Intl.DateTimeFormat().formatToParts(new Date(2000, 10, 22))"
        ".filter(part => part.type !== 'literal').map(part => part.type)"
    )
    parts = {"year": year, "month": month, "day": day}
    return "".join(parts[kind] for kind in order)


def test_a_staff_member_books_with_the_keyboard_alone(page: Page, portal: str, staff_user: Any):
    keys = page.keyboard
    day = tomorrow()
    page.set_default_timeout(10_000)

    # Given the sign-in page: type the username, Tab to the password, Enter signs in
    page.goto(f"{portal}/book/")
    tab_to(page, page.get_by_label("Username"))
    keys.type(staff_user.username)
    keys.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    keys.type(STAFF_PASSWORD)
    keys.press("Enter")
    expect(page.get_by_role("heading", name="Book an appointment")).to_be_visible()
    page.wait_for_load_state("load")

    # When they choose the service with the arrow keys
    service = page.get_by_label("Service")
    tab_to(page, service)
    arrow_to(page, service, FITTING)
    expect(page.get_by_label("Store").locator("option", has_text=STORE)).to_have_count(1)
    settled(page)

    # And type a customer's name, Tab into the results and pick Ava with the arrows and Space
    tab_to(page, page.get_by_label("Find the customer"))
    keys.type("nguyen")
    ava = page.get_by_role("radio", name=AVA)
    expect(ava).to_be_visible()
    settled(page)
    keys.press("Tab")
    expect(page.locator("input[name=profile]:focus")).to_have_count(1)
    if not has_focus(ava):
        keys.press("ArrowDown")  # arrows move through a radio group
    keys.press("Space")
    expect(page.get_by_test_id("chosen-customer")).to_contain_text("Ava Nguyen")
    settled(page)

    # And choose the store with the arrow keys
    store = page.get_by_label("Store")
    tab_to(page, store)
    arrow_to(page, store, STORE)
    expect(page.get_by_test_id("store-zone")).to_contain_text("Australia/Melbourne")
    settled(page)

    # And type tomorrow's date, then Tab into the times: Space picks the first, ArrowDown the next
    date = page.locator("#id_date")
    tab_to(page, date)
    keys.type(date_keys(page, day))
    expect(date).to_have_value(day)
    expect(slot_radios(page, day).first).to_be_visible()
    settled(page)
    tab_to(page, slot_radios(page, day).first)
    keys.press("Space")
    keys.press("ArrowDown")
    expect(page.locator("input[name=slot]:checked")).to_have_value(re.compile(rf"^{day}T06:15$"))

    # And answer the questions: arrows in the select, typing, Space on "Yes" reveals one more
    garment = page.get_by_label("Which garment?")
    tab_to(page, garment)
    arrow_to(page, garment, "Suit")
    tab_to(page, page.get_by_label("Preferred fit"))
    keys.type("Slim")
    tab_to(page, page.get_by_role("radio", name="Yes"))
    keys.press("Space")
    alterations = page.get_by_label("What needs altering?")
    expect(alterations).to_be_visible()
    tab_to(page, alterations)
    keys.type("Take in the waist")

    # And Tab on to the button, step back with Shift+Tab to add a note, and press Enter on it
    button = page.get_by_role("button", name="Book appointment")
    tab_to(page, button)
    tab_to(page, page.get_by_label("Notes"), key="Shift+Tab")
    keys.type("Booked by keyboard")
    tab_to(page, button)
    keys.press("Enter")

    # Then the appointment is booked as chosen
    expect(page.get_by_role("heading", level=1, name="Booked", exact=True)).to_be_visible()
    created = SandboxAppointment.objects.get()
    expect(page.get_by_test_id("omneo-id")).to_have_text(str(created.pk))
    assert created.profile_id == data.demo_uuid("customer:Ava.Nguyen")
    assert created.notes == "Booked by keyboard"
    answers = {a["questionnaire_question_id"]: a["value"] for a in created.answers}
    assert answers == {21: "suit", 22: "Slim", 23: "true", 24: "Take in the waist"}
