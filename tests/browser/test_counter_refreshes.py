"""While the times part refreshes: what is typed elsewhere stays, the old times cannot be picked,
a late answer never replaces a newer one, and the times' live region says how many there are."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from booking_portal.omneo.reads.cache import refreshes_settled
from booking_portal.sandbox import faults
from tests.browser.steps import (
    AVA,
    FITTING,
    choose_customer,
    choose_day,
    choose_service,
    choose_store,
    day_button,
    recap,
    settled,
    slot_radios,
    tomorrow,
)

pytestmark = pytest.mark.browser
SLOW_SECONDS = 2.0


def later(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def in_words(day: str) -> str:
    """A day as the times part names it: "Thu 26 Nov"."""
    return date.fromisoformat(day).strftime("%a %-d %b")


def fitting_for_ava_tomorrow(page: Page) -> str:
    """A suit fitting for Ava at Melbourne Central, tomorrow's times shown; returns the day."""
    day = tomorrow()
    choose_service(page, FITTING)
    choose_customer(page, search="av", label=AVA)
    choose_store(page)
    choose_day(page, day)
    return day


def slow_times_next(seconds: float = SLOW_SECONDS) -> None:
    """The next times Omneo is asked for (a day's, or a window's) arrive `seconds` late.

    The times read ahead are forgotten first, so the next day is read from Omneo, not the cache.
    """
    refreshes_settled()
    cache.clear()
    for endpoint in ("/available-slots", "/available-slots-range"):
        faults.arm(kind="latency", method="POST", path_suffix=endpoint, seconds=seconds)


def tap_day(page: Page, day: str) -> None:
    """A finger on the day's button in the strip (no waiting for the times)."""
    label = page.locator(f"label[for='day-{day}']")
    label.evaluate("element => element.scrollIntoView({block: 'center'})")
    label.click()


def expect_loading(page: Page) -> None:
    times = page.locator("#times")
    expect(times).to_have_attribute("aria-busy", "true")
    expect(times).to_have_attribute("inert", "")


def expect_loaded(page: Page) -> None:
    expect(page.locator("#times")).not_to_have_attribute(
        "aria-busy", "true", timeout=(SLOW_SECONDS + 8) * 1000
    )
    settled(page)


def test_an_answer_typed_while_the_times_load_is_kept_and_keeps_its_focus(signed_in_page: Page):
    page = signed_in_page
    day = fitting_for_ava_tomorrow(page)
    fit = page.get_by_label("Preferred fit")
    busy = page.locator("[aria-busy=true]")
    slow_times_next()

    # When the day changes and, while its times load, an answer is typed
    tap_day(page, later(day, 1))
    expect(busy).to_have_count(1)  # the part being refreshed, whichever it is
    fit.click()
    fit.press_sequentially("Slim through the chest")
    expect(busy).to_have_count(1)  # all of it typed before the times arrived

    # Then, once the new day's times are shown, every character is there and the field has focus
    expect(busy).to_have_count(0, timeout=(SLOW_SECONDS + 8) * 1000)
    settled(page)
    expect(slot_radios(page, later(day, 1)).first).to_be_attached()
    expect(fit).to_have_value("Slim through the chest")
    expect(fit).to_be_focused()

    # And typing simply goes on
    page.keyboard.type(", relaxed waist")
    expect(fit).to_have_value("Slim through the chest, relaxed waist")


def test_a_time_tapped_while_the_times_load_is_not_picked_and_nothing_stale_stays(
    signed_in_page: Page,
):
    page = signed_in_page
    day = fitting_for_ava_tomorrow(page)
    old_time = slot_radios(page, day).nth(2)
    old_value = old_time.get_attribute("value")
    old_label = page.locator(f"label[for='{old_time.get_attribute('id')}']")
    old_label.evaluate("element => element.scrollIntoView({block: 'center'})")
    box = old_label.bounding_box()
    assert box is not None
    slow_times_next()

    # When the day changes and, while its times load, a finger lands on one of the old times
    tap_day(page, later(day, 1))
    expect_loading(page)
    old_label.evaluate("element => element.scrollIntoView({block: 'center'})")
    box = old_label.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    # Then it is not picked, then or after the refresh, and the recap has no time
    expect(old_time).not_to_be_checked()
    expect_loaded(page)
    expect(slot_radios(page, later(day, 1)).first).to_be_attached()
    expect(page.locator("input[name=slot]:checked")).to_have_count(0)
    expect(page.locator(f"input[name=slot][value='{old_value}']")).to_have_count(0)
    expect(recap(page, "when")).to_have_text("Not chosen yet")
    expect(day_button(page, later(day, 1))).to_be_checked()


def test_a_late_answer_for_an_earlier_day_never_replaces_the_later_days_times(
    signed_in_page: Page,
):
    page = signed_in_page
    day = fitting_for_ava_tomorrow(page)
    first, second = later(day, 1), later(day, 2)
    slow_times_next()

    # When the day changes to `first` (slow) and, before its times arrive, to `second`.
    # The strip is inert while it loads, so no finger can do this: the second change is made
    # the way a late event would make it, straight on the radio.
    tap_day(page, first)
    expect_loading(page)
    day_button(page, second).evaluate(
        "radio => { radio.checked = true;"
        " radio.dispatchEvent(new Event('change', {bubbles: true})); }"
    )

    # Then the second day's times are shown, and still are once the first day's answer is due
    expect(slot_radios(page, second).first).to_be_attached(timeout=(SLOW_SECONDS + 8) * 1000)
    page.wait_for_timeout((SLOW_SECONDS + 1.5) * 1000)
    expect_loaded(page)
    expect(day_button(page, second)).to_be_checked()
    expect(slot_radios(page, second).first).to_be_attached()
    expect(slot_radios(page, first)).to_have_count(0)
    expect(page.locator("#times-heading")).to_contain_text(in_words(second))


def test_a_store_changed_while_a_days_times_load_wins_over_the_day(signed_in_page: Page):
    page = signed_in_page
    day = fitting_for_ava_tomorrow(page)
    slow_times_next()

    # When the day changes (slow) and, meanwhile, another store is chosen (its list is not inert)
    tap_day(page, later(day, 1))
    expect_loading(page)
    page.get_by_label("Store").select_option(label="Perth Murray Street")

    # Then Perth's times are shown, and still are once the slow answer for Melbourne is due
    expect(page.get_by_test_id("store-zone")).to_contain_text(
        "Australia/Perth", timeout=(SLOW_SECONDS + 8) * 1000
    )
    page.wait_for_timeout((SLOW_SECONDS + 1.5) * 1000)
    expect_loaded(page)
    expect(page.get_by_test_id("store-zone")).to_contain_text("Australia/Perth")
    expect(recap(page, "store")).to_have_text("Perth Murray Street")
    expect(recap(page, "zone")).to_have_text("Australia/Perth time")
    expect(page.locator("input[name=slot]").first).to_be_attached()


def test_the_times_live_region_announces_the_new_days_count(signed_in_page: Page):
    page = signed_in_page
    day = fitting_for_ava_tomorrow(page)
    region = page.locator("[data-live-for=times]")
    region.evaluate("element => { element.dataset.sameRegion = 'yes'; }")
    slow_times_next(1.0)

    # When the day changes
    tap_day(page, later(day, 2))
    expect_loading(page)
    expect_loaded(page)

    # Then the same live region (never replaced) says how many times the new day has
    count = slot_radios(page, later(day, 2)).count()
    assert count > 0
    plural = "" if count == 1 else "s"
    spoken = date.fromisoformat(later(day, 2)).strftime("%A %-d %B")  # said in full
    expect(region).to_have_text(f"{count} free time{plural} on {spoken}")
    expect(region).to_have_attribute("data-same-region", "yes")
    expect(region).to_have_attribute("aria-live", "polite")
    expect(page.locator("[data-live-for=times]")).to_have_count(1)
    assert re.fullmatch(r"\d+ free times? on \w+ \d+ \w+", region.inner_text())
