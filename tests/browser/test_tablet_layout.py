"""On a tablet in portrait (768 by 1024) the things staff tap are at least 44 px high."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import TABLET
from tests.browser.steps import fitting_for_ava, tomorrow

pytestmark = pytest.mark.browser
MIN_TARGET_PX = 44


def heights(targets: Locator) -> dict[str, float]:
    """Each target's text and rendered height in CSS pixels."""
    measured = targets.evaluate_all(
        "elements => elements.map(e => [e.textContent.trim(), e.getBoundingClientRect().height])"
    )
    return dict(measured)


def test_the_submit_button_and_radio_labels_are_big_enough_to_tap(signed_in_page: Page):
    page = signed_in_page
    # Given a fitting with customers, times and a yes/no question on the page
    fitting_for_ava(page, day=tomorrow(), time="2:00 PM")
    assert page.viewport_size == TABLET
    radio_labels = page.locator("xpath=//label[@for = //input[@type='radio']/@id]")
    expect(radio_labels.filter(has_text="Ava Nguyen")).to_have_count(1)
    expect(radio_labels.filter(has_text=re.compile(r"^\s*2:00 PM"))).to_have_count(1)
    expect(radio_labels.filter(has_text=re.compile(r"^\s*Yes\s*$"))).to_have_count(1)

    # When they are measured
    button = heights(page.get_by_role("button", name="Book appointment"))
    labels = heights(radio_labels)

    # Then every one is at least 44 px high, and the page does not scroll sideways
    assert min(button.values()) >= MIN_TARGET_PX, button
    too_small = {text: height for text, height in labels.items() if height < MIN_TARGET_PX}
    assert not too_small, (
        f"{len(too_small)} of {len(labels)} radio labels are under {MIN_TARGET_PX} px, "
        f"e.g. {dict(list(too_small.items())[:3])}"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
