"""Browser fixtures: Debian's Chromium driven by Playwright against the live portal and sandbox."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from booking_portal.sandbox import faults
from tests.conftest import STAFF_PASSWORD

# Playwright's sync API runs an event loop in the test thread; the ORM calls there are still sync.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
CHROMIUM = "/usr/bin/chromium"  # never a downloaded browser
TABLET = {"width": 768, "height": 1024}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, headless and quiet on a closed network."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
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
    return {**browser_context_args, "viewport": TABLET}


@pytest.fixture
def portal(sandbox_base_url: str, live_server: Any, settings: Any) -> Iterator[str]:
    """The live portal's origin; its Omneo client uses the sandbox, faults allowed, none armed."""
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.clear()
    yield live_server.url
    faults.clear()


@pytest.fixture
def signed_in_page(page: Page, portal: str, staff_user: Any) -> Page:
    """A store staff member signed in through the real form, on the booking page, scripts ready."""
    page.set_default_timeout(10_000)
    page.goto(f"{portal}/book/")
    page.get_by_label("Username").fill(staff_user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Book an appointment")).to_be_visible()
    # htmx binds its triggers on DOMContentLoaded; a change made before that would be lost.
    page.wait_for_load_state("load")
    return page
