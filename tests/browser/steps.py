"""What a staff member does on the booking page, step by step, waiting for each htmx refresh."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

MELBOURNE = ZoneInfo("Australia/Melbourne")
FITTING = "Suit fitting · 45 min · confirmed at once"
STYLING = "Styling consultation · 60 min · confirmed at once"
STORE = "Melbourne Central"
AVA = "Ava Nguyen · ava.nguyen@example.com"


def tomorrow() -> str:
    """Tomorrow in the store's zone: inside the demo's booking window whatever the hour."""
    return (timezone.now().astimezone(MELBOURNE) + timedelta(days=1)).date().isoformat()


def settled(page: Page) -> None:
    """Wait until htmx has swapped and settled: it binds the new content's triggers only then."""
    expect(
        page.locator(".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added")
    ).to_have_count(0)


def reveal(target: Locator) -> None:
    """Scroll the target to the middle of the screen, clear of the recap fixed at the bottom."""
    target.evaluate("element => element.scrollIntoView({block: 'center'})")


def tap(page: Page, radio: Locator) -> None:
    """Tap a choice as staff do: on its card (the radio itself is drawn by its label)."""
    card = page.locator(f"label[for='{radio.get_attribute('id')}']")
    reveal(card)
    card.click()
    expect(radio).to_be_checked()


def recap(page: Page, what: str) -> Locator:
    """What the recap beside Book says for one choice ("service", "customer", "when", …)."""
    return page.locator(f"[data-recap-for='{what}']")


def choose_service(page: Page, label: str) -> None:
    tap(page, page.get_by_role("radio", name=label))
    # The store list is refreshed for the service; Melbourne Central is offered by every demo one.
    expect(page.get_by_label("Store").locator("option", has_text=STORE)).to_have_count(1)
    settled(page)


def choose_customer(page: Page, *, search: str, label: str) -> None:
    page.get_by_label("Find a customer").press_sequentially(search)  # typed, as staff do
    settled(page)
    tap(page, page.get_by_role("radio", name=label))
    expect(recap(page, "customer")).to_have_text(label.split(" · ")[0])


def choose_store(page: Page, name: str = STORE) -> None:
    page.get_by_label("Store").select_option(label=name)
    expect(page.get_by_test_id("store-zone")).to_contain_text("Australia/")
    settled(page)


def day_button(page: Page, day: str) -> Locator:
    """The date strip's radio for one store-local day."""
    return page.locator(f"input[name=date][value='{day}']")


def choose_day(page: Page, day: str) -> None:
    if not day_button(page, day).is_checked():
        tap(page, day_button(page, day))
    expect(slot_radios(page, day).first).to_be_attached()
    settled(page)


def slot_radios(page: Page, day: str) -> Locator:
    """The time radios offered for one store-local day (values are "YYYY-MM-DDTHH:MM")."""
    return page.locator(f"input[name=slot][value^='{day}T']")


def choose_slot(page: Page, day: str, time: str) -> str:
    """Pick the time starting at `time` (e.g. "2:00 PM") on `day`; return the slot's value."""
    radio = page.get_by_role("radio", name=re.compile(rf"^{re.escape(time)} "))
    expect(radio).to_have_attribute("value", re.compile(rf"^{day}T"))
    tap(page, radio)
    return radio.get_attribute("value") or ""


def fitting_for_ava(page: Page, *, day: str, time: str) -> str:
    """Service, customer, store, day and time for a suit fitting; returns the slot's value."""
    choose_service(page, FITTING)
    choose_customer(page, search="av", label=AVA)  # two characters are enough to search
    choose_store(page)
    choose_day(page, day)
    return choose_slot(page, day, time)


def answer_fitting_questions(page: Page, *, event_date: str = "2030-06-01") -> None:
    """Answer every fitting question: select, text, yes/no, textarea, multi, date and number."""
    page.get_by_label("Which garment?").select_option(label="Suit")
    page.get_by_label("Preferred fit").fill("Slim")
    alterations = page.get_by_label("What needs altering?")
    expect(alterations).to_be_hidden()
    page.get_by_role("radio", name="Yes").check()
    expect(alterations).to_be_visible()
    alterations.fill("Shorten the sleeves")
    page.get_by_role("checkbox", name="Sleeves").check()
    page.get_by_role("checkbox", name="Waist").check()
    page.get_by_label("Date of the event").fill(event_date)
    page.get_by_label("Chest (cm)").fill("102")


def expect_fitting_answers_kept(page: Page, *, event_date: str = "2030-06-01") -> None:
    """Every answer answer_fitting_questions gave is still there, and nothing more is ticked."""
    expect(page.get_by_label("Which garment?")).to_have_value("suit")
    expect(page.get_by_label("Preferred fit")).to_have_value("Slim")
    expect(page.get_by_role("radio", name="Yes")).to_be_checked()
    expect(page.get_by_label("What needs altering?")).to_have_value("Shorten the sleeves")
    expect(page.get_by_role("checkbox", name="Sleeves")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Waist")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Hem")).not_to_be_checked()
    expect(page.get_by_label("Date of the event")).to_have_value(event_date)
    expect(page.get_by_label("Chest (cm)")).to_have_value("102")


def open_more_options(page: Page) -> None:
    """Open the "More options" disclosure: status, linked transaction or order, tags."""
    more = page.locator("details.more-options")
    if more.get_attribute("open") is None:
        reveal(more)
        more.locator("summary").click()
    expect(more).to_have_attribute("open", "")


def book(page: Page) -> None:
    page.get_by_role("button", name="Book appointment").click()


def expect_booked(page: Page) -> Locator:
    """The confirmation page; returns the Omneo id shown."""
    expect(page).to_have_url(re.compile(r"/book/done/\d+/$"))
    expect(page.get_by_role("heading", level=1, name="Booked", exact=True)).to_be_visible()
    omneo_id = page.get_by_test_id("omneo-id")
    expect(omneo_id).to_have_text(re.compile(r"^\s*\d+\s*$"))
    return omneo_id
