"""A booking at the counter, counted: taps, typed characters, scrolls and screens on three screens.

A returning staff member (their last booking was at Melbourne Central) books Bespoke tailoring, a
service with no questions whose only staff member there is chosen for them, for a customer already
in Omneo. Every state on the way is checked by axe-core and photographed for a person to look at.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from booking_portal.sandbox import data
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.staff.models import RememberedStore
from tests.browser.axe import assert_no_axe_violations
from tests.browser.counter_hand import SHOTS, Hand, heights, shoot
from tests.browser.steps import AVA, STORE, expect_booked, recap, settled

pytestmark = pytest.mark.browser
BESPOKE = "Bespoke tailoring"  # no questions; Mia Chen is its only staff member at the store
BESPOKE_ID, MELBOURNE_CENTRAL = 7, 13
MAX_TAPS, MAX_CHARS = 6, 3


@dataclass(frozen=True)
class Screen:
    """A window size and what a booking on it may cost in scrolling."""

    name: str
    width: int
    height: int
    max_scrolls: int | None = None
    max_screens: float | None = None


SCREENS = [
    Screen("1024x768", 1024, 768, max_scrolls=1),
    Screen("768x1024", 768, 1024, max_screens=1.5),
    Screen("390x844", 390, 844, max_screens=3),
]


@pytest.fixture(params=SCREENS, ids=[screen.name for screen in SCREENS])
def screen(request: pytest.FixtureRequest) -> Screen:
    return request.param


@pytest.fixture
def returning_staff(staff_user: User) -> User:
    """The staff member's last booking was at Melbourne Central (read when they sign in)."""
    RememberedStore.objects.create(user=staff_user, location_id=MELBOURNE_CENTRAL)
    return staff_user


@pytest.fixture
def sized_page(page: Page, screen: Screen) -> Page:
    page.set_viewport_size({"width": screen.width, "height": screen.height})
    return page


@pytest.fixture
def counter_page(returning_staff: User, sized_page: Page, signed_in_page: Page) -> Page:
    """Signed in on the booking page, on the screen under test, scrolled to the top."""
    assert signed_in_page is sized_page
    signed_in_page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    return signed_in_page


def looked_at(page: Page, screen: Screen, state: str) -> None:
    """axe-core finds nothing in this state; screenshots of it are kept to be looked at."""
    assert_no_axe_violations(page, f"{screen.name}, {state}")
    shoot(page, SHOTS, f"{screen.name}-{state}")


def figures(
    hand: Hand, screen: Screen, screens: float, blocks: list[tuple[str, int]]
) -> dict[str, Any]:
    """The measured cost of the booking, printed and kept beside the screenshots."""
    measured = {
        "taps": hand.taps,
        "chars": hand.chars,
        "scrolls": hand.scrolls,
        "deepest_scroll_px": round(hand.deepest_scroll),
        "screens": round(screens, 2),
    }
    line = f"{screen.name}: " + ", ".join(f"{key}={value}" for key, value in measured.items())
    details = [*hand.log, "heights at Book (px):", *(f"  {name}: {px}" for name, px in blocks)]
    report = line + "\n  " + "\n  ".join(details) + "\n"
    print(report)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / f"{screen.name}-figures.txt").write_text(report)
    return measured


def test_a_returning_staff_member_books_an_existing_customer_in_few_taps(
    counter_page: Page, screen: Screen
):
    page = counter_page
    hand = Hand(page)
    looked_at(page, screen, "1-empty")

    # They tap the service: their store, its only staff member and the first day with times follow
    hand.tap(page.locator("label.choice-card").filter(has_text=BESPOKE), "service")
    expect(recap(page, "service")).to_have_text(BESPOKE)
    expect(recap(page, "store")).to_have_text(STORE)
    expect(page.locator("#id_staff option:checked")).to_have_text("Mia Chen")
    expect(page.locator("input[name=date]:checked")).to_have_count(1)
    expect(page.locator("input[name=slot]").first).to_be_attached()
    settled(page)
    looked_at(page, screen, "2-service")

    # They tap the search, type two letters and tap the customer found
    hand.tap(page.get_by_label("Find a customer"), "customer search")
    hand.type("av")
    customer = page.get_by_role("radio", name=AVA)
    expect(customer).to_be_attached()
    settled(page)
    looked_at(page, screen, "3-search")
    hand.tap(page.locator(f"label[for='{customer.get_attribute('id')}']"), "customer")
    expect(recap(page, "customer")).to_have_text("Ava Nguyen")
    looked_at(page, screen, "4-store-and-times")

    # They tap the first free time of the day shown, then Book
    first_time = page.locator("input[name=slot]").first
    slot = first_time.get_attribute("value") or ""
    hand.tap(page.locator(f"label[for='{first_time.get_attribute('id')}']"), "time")
    expect(first_time).to_be_checked()
    expect(recap(page, "when")).not_to_have_text("Not chosen yet")
    hand.note_covered(page.locator(f"label[for='{first_time.get_attribute('id')}']"), "time picked")
    looked_at(page, screen, "5-time")
    screens, blocks = hand.screens(), heights(page)
    hand.tap(page.get_by_role("button", name="Book appointment"), "Book")

    expect_booked(page)
    looked_at(page, screen, "6-confirmation")
    made = SandboxAppointment.objects.get()
    assert made.profile_id == data.demo_uuid("customer:Ava.Nguyen")
    assert (made.definition_id, made.location_id) == (BESPOKE_ID, MELBOURNE_CENTRAL)
    assert made.staff_id == data.demo_uuid("staff:Mia.Chen")
    assert made.start.astimezone(ZoneInfo(made.timezone)).strftime("%Y-%m-%dT%H:%M") == slot

    measured = figures(hand, screen, screens, blocks)
    assert measured["taps"] <= MAX_TAPS, measured
    assert measured["chars"] <= MAX_CHARS, measured
    if screen.max_scrolls is not None:
        assert measured["scrolls"] <= screen.max_scrolls, measured
    if screen.max_screens is not None:
        assert screens <= screen.max_screens, measured
