"""Who is who in Chromium: the associate's own stores, Mine / Everyone, and "me" first."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from booking_portal.sandbox.data import STAFF, demo_uuid
from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.staff.models import StaffLink
from tests.browser.steps import STORE, STYLING, choose_service, choose_store

pytestmark = pytest.mark.browser
MIA = demo_uuid("staff:Mia.Chen")  # the first staff member at Melbourne Central (13)


@pytest.fixture
def mia_at_the_counter(signed_in_page: Page, staff_user) -> Page:
    """The signed-in associate is Omneo's Mia Chen, working at Melbourne Central only."""
    StaffLink.objects.filter(user=staff_user).update(
        omneo_staff_id=MIA, omneo_staff_name="Mia Chen", location_ids=[13]
    )
    return signed_in_page


def test_the_day_shows_everyone_then_only_mine(mia_at_the_counter: Page, portal: str):
    page = mia_at_the_counter
    seed_demo_day()
    seeded = SandboxAppointment.objects.filter(location_id=13, meta=["demo-day"])
    mine = {a.pk for a in seeded if a.staff_id == MIA}  # today's and tomorrow's

    page.goto(f"{portal}/day/")
    # Only Mia's store is offered, and Everyone is the default
    expect(page.locator("#id_location option")).to_have_text([STORE])
    expect(page.get_by_test_id("everyone")).to_have_attribute("aria-current", "page")
    rows = page.locator("[data-testid^=appointment-]")
    shown_everyone = {int(r.get_attribute("data-testid").split("-")[1]) for r in rows.all()}

    page.get_by_test_id("mine").click()
    expect(page.get_by_test_id("mine")).to_have_attribute("aria-current", "page")
    shown_mine = {int(r.get_attribute("data-testid").split("-")[1]) for r in rows.all()}

    assert shown_mine
    assert shown_mine < shown_everyone
    assert shown_mine <= mine
    assert "mine=1" in page.url
    # The minute's refresh keeps Mine
    assert "mine=1" in page.get_by_test_id("day-list").get_attribute("hx-get")

    page.get_by_test_id("everyone").click()
    expect(page.get_by_test_id("everyone")).to_have_attribute("aria-current", "page")
    assert {int(r.get_attribute("data-testid").split("-")[1]) for r in rows.all()} == shown_everyone


def test_another_stores_day_is_refused(mia_at_the_counter: Page, portal: str):
    page = mia_at_the_counter

    response = page.goto(f"{portal}/day/?location=14")

    assert response is not None
    assert response.status == 403
    expect(page.get_by_test_id("forbidden")).to_contain_text("another store's")


def test_the_booking_page_offers_me_first_among_staff(mia_at_the_counter: Page):
    page = mia_at_the_counter
    others = [p for p in STAFF.values() if p["location_id"] == 13 and p["id"] != MIA]

    choose_service(page, STYLING)
    choose_store(page)

    staff = page.get_by_label("Staff member").locator("option")
    expect(staff).to_have_text(
        [
            "Choose a staff member…",
            "Mia Chen (me)",
            *[f"{p['first_name']} {p['last_name']}" for p in others],
        ]
    )
