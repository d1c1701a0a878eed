"""Browser tests: Debian's Chromium driven by Playwright, against the live portal and sandbox."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from booking_portal.sandbox import faults
from tests.conftest import STAFF_PASSWORD
from tests.unit.sandbox.conftest import MELBOURNE

# Playwright's sync API runs an event loop in the test thread; the ORM calls there are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, never a downloaded one; quiet on a closed network."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A tablet in portrait, the counter's usual device."""
    return {**browser_context_args, "viewport": {"width": 768, "height": 1024}}


@pytest.fixture
def portal(live_server: Any, sandbox_base_url: str, settings: Any) -> str:
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.clear()
    yield live_server.url
    faults.clear()


@pytest.fixture
def signed_in_page(page: Page, portal: str, staff_user: Any) -> Page:
    """A store staff member signed in through the real form, on the booking page."""
    page.set_default_timeout(10_000)
    page.goto(f"{portal}/book/")
    page.get_by_label("Username").fill(staff_user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Book an appointment")).to_be_visible()
    return page


def tomorrow() -> str:
    return (timezone.now().astimezone(MELBOURNE) + timedelta(days=1)).date().isoformat()


def fill_fitting(page: Page, *, slot_index: int = 10) -> str:
    """Choose the fitting for Ava at Melbourne Central tomorrow, answer its required question."""
    page.get_by_label("Service").select_option(label="Suit fitting · 45 min · instant")
    expect(page.locator("#id_location option", has_text="Melbourne Central")).to_have_count(1)
    page.get_by_label("Find the customer").fill("ava ng")
    page.get_by_label("Ava Nguyen · ava.nguyen@example.com").check()
    expect(page.get_by_test_id("chosen-customer")).to_contain_text("Ava Nguyen")
    page.get_by_label("Store").select_option(label="Melbourne Central")
    expect(page.get_by_test_id("store-zone")).to_contain_text("Australia/Melbourne")
    page.locator("#id_date").fill(tomorrow())
    slot = page.locator("input[name=slot]").nth(slot_index)
    expect(slot).to_be_visible()
    value = slot.get_attribute("value")
    slot.check()
    page.get_by_label("Which garment?").select_option("suit")
    return value
