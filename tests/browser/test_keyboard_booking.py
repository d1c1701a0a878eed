"""Keyboard only: from sign-in to confirmation with Tab, Shift+Tab, arrows, Space and Enter."""

from __future__ import annotations

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


def arrow_to_radio(page: Page, name: str, wanted: str, *, by: str = "label") -> None:
    """ArrowRight through a radio group (each press chooses) until the wanted one is chosen."""
    for _ in range(MAX_PRESSES):
        focused = page.locator(f"input[name={name}]:focus")
        if by == "value" and focused.get_attribute("value") == wanted:
            return
        if by == "label" and wanted in focused.evaluate("radio => radio.labels[0].innerText"):
            return
        page.keyboard.press("ArrowRight")
        settled(page)
    raise AssertionError(f"ArrowRight never chose {wanted!r}")


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

    # When they Tab into the services and choose the fitting with the arrow keys
    tab_to(page, page.locator("input[name=definition]").first)
    arrow_to_radio(page, "definition", FITTING.split(" · ")[0])
    expect(page.get_by_label("Store").locator("option", has_text=STORE)).to_have_count(1)
    settled(page)

    # And type a customer's name, Tab into the results and pick Ava with the arrows and Space
    tab_to(page, page.get_by_label("Find a customer"))
    keys.type("nguyen")
    ava = page.get_by_role("radio", name=AVA)
    expect(ava).to_be_attached()
    settled(page)
    tab_to(page, page.locator("input[name=profile]").first)  # past "Add a new customer"
    if not has_focus(ava):
        keys.press("ArrowDown")  # arrows move through a radio group
    keys.press("Space")
    expect(page.locator("[data-recap-for=customer]")).to_have_text("Ava Nguyen")

    # And choose the store with the arrow keys
    store = page.get_by_label("Store")
    tab_to(page, store)
    arrow_to(page, store, STORE)
    expect(page.get_by_test_id("store-zone")).to_contain_text("Australia/Melbourne")
    settled(page)

    # And Tab into the date strip and arrow to tomorrow, then Tab into the times:
    # Space picks the first, ArrowDown the next
    tab_to(page, page.locator("input[name=date]:checked"))
    arrow_to_radio(page, "date", day, by="value")
    expect(slot_radios(page, day).first).to_be_attached()
    settled(page)
    second = slot_radios(page, day).nth(1).get_attribute("value")
    tab_to(page, slot_radios(page, day).first)
    keys.press("Space")
    keys.press("ArrowDown")
    expect(page.locator("input[name=slot]:checked")).to_have_value(second)

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
