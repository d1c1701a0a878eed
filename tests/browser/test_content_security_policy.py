"""The booking page under its Content-Security-Policy in Chromium: htmx works, nothing blocked."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import FITTING, choose_customer, choose_service, choose_store

pytestmark = pytest.mark.browser


def test_booking_choices_refresh_with_no_policy_violation(signed_in_page: Page):
    page = signed_in_page
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.reload()  # Chromium reports each blocked script, style or eval on the console
    page.wait_for_load_state("load")

    # When staff choose a service and find a customer (htmx swaps both parts in)
    choose_service(page, FITTING)
    choose_store(page)
    choose_customer(page, search="ava", label="Ava Nguyen")

    # Then the parts arrived, htmx injected no style of its own, and nothing was blocked
    expect(page.get_by_test_id("store-zone")).to_be_visible()
    assert page.locator("head style").count() == 0
    assert violations == []
