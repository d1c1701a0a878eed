"""A Saturday's walk-ins in Chromium: two added (one anonymous), called, served, one booked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from booking_portal.appointments import messages
from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxAppointment, SandboxQueueEntry
from tests.browser.axe import assert_no_axe_violations
from tests.browser.layout_checks import assert_inside_the_viewport, horizontal_overflow
from tests.browser.steps import (
    answer_fitting_questions,
    book,
    choose_day,
    choose_slot,
    expect_booked,
    settled,
    tomorrow,
)

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/walk-in-shots")  # noqa: S108 (screenshots for a person to look at)
DAY = "/day/?location=13"


def _add_walk_in(page: Page, *, service: str, note: str, customer: str = "") -> None:
    panel = page.get_by_test_id("walk-in-add-panel")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    form = page.get_by_test_id("walk-in-add")
    form.get_by_label("Service").select_option(label=service)
    if customer:
        form.get_by_label("Customer", exact=True).press_sequentially(customer[:3].lower())
        settled(page)
        form.get_by_role("radio", name=re.compile(customer)).check()
    form.get_by_label("Note").fill(note)
    form.get_by_role("button", name="Add to the queue").click()
    expect(page.locator("main .alert[role=status]").first).to_contain_text(messages.WALK_IN_ADDED)


def _row(page: Page, note: str):
    entry = SandboxQueueEntry.objects.get(notes=note)
    return page.get_by_test_id(f"walk-in-{entry.pk}"), entry


def test_two_walk_ins_called_served_and_one_booked(signed_in_page: Page, portal: str):
    page = signed_in_page
    seed_demo_day()
    SandboxQueueEntry.objects.all().delete()  # the Saturday starts with an empty queue
    page.goto(f"{portal}{DAY}")
    expect(page.get_by_test_id("no-walk-ins")).to_be_visible()

    # Given two walk-ins: one who gives no name, and Ava for a suit fitting
    _add_walk_in(page, service="Walk-in alterations", note="Trouser hem")
    _add_walk_in(page, service="Suit fitting", note="Sleeves", customer="Ava Nguyen")
    hem, hem_entry = _row(page, "Trouser hem")
    sleeves, sleeves_entry = _row(page, "Sleeves")
    expect(hem).to_contain_text(messages.WALK_IN_ANONYMOUS)
    expect(hem.get_by_test_id("walk-in-wait")).to_contain_text("waiting")
    expect(sleeves).to_contain_text("Ava Nguyen")
    here = page.get_by_test_id("here-now")
    expect(here.locator("li", has_text="Walk-in · waiting")).to_have_count(2)

    # When the first is called, then served
    hem.get_by_role("button", name=re.compile("^Call")).click()
    hem, _ = _row(page, "Trouser hem")
    expect(hem.get_by_test_id("walk-in-status")).to_have_text("Called")
    hem.get_by_role("button", name=re.compile("^Served:")).click()
    expect(page.get_by_test_id(f"walk-in-{hem_entry.pk}")).to_have_count(0)
    hem_entry.refresh_from_db()
    assert hem_entry.status == "served"

    # And Ava is called, served and booked for her fitting
    sleeves.get_by_role("button", name=re.compile("^Call")).click()
    sleeves, _ = _row(page, "Sleeves")
    sleeves.get_by_role("button", name=re.compile("^Served, then book")).click()
    expect(page).to_have_url(re.compile(r"/book/\?"))
    expect(page.get_by_role("radio", name=re.compile("Ava Nguyen"))).to_be_checked()
    expect(page.get_by_role("radio", name=re.compile("Suit fitting"))).to_be_checked()
    day = tomorrow()
    choose_day(page, day)
    choose_slot(page, day, "2:00 PM")
    answer_fitting_questions(page)
    book(page)
    appointment_id = int(expect_booked(page).inner_text().strip())

    # Then the day offers to link the booking to her walk-in, and linking sends it once
    page.goto(f"{portal}{DAY}")
    link = page.get_by_test_id("walk-in-link")
    expect(link).to_contain_text(str(appointment_id))
    link.get_by_role("button").click()
    expect(page.locator("main .alert[role=status]").first).to_contain_text(
        messages.WALK_IN_LINKED.format(appointment=appointment_id)
    )
    sleeves_entry.refresh_from_db()
    assert (sleeves_entry.status, sleeves_entry.appointment_id) == ("served", appointment_id)
    assert SandboxAppointment.objects.filter(pk=appointment_id, profile_id__isnull=False).exists()
    expect(page.get_by_test_id("no-walk-ins")).to_be_visible()


@pytest.mark.parametrize(("width", "height"), [(390, 844), (320, 700)])
def test_walk_ins_fit_a_phone_and_pass_axe(signed_in_page: Page, portal: str, width, height):
    page = signed_in_page
    seed_demo_day()  # two walk-ins waiting at every store, one anonymous
    SandboxAppointment.objects.filter(location_id=13, status="confirmed").update(status="arrived")
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{portal}{DAY}")
    page.get_by_test_id("walk-in-add-panel").locator("summary").click()
    page.get_by_test_id("walk-in-add").get_by_label("Customer", exact=True).press_sequentially(
        "gra"
    )
    expect(page.get_by_role("radio", name=re.compile("Grace Anderson"))).to_be_visible()

    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"walk-ins-{width}.png"), full_page=True)
    page.get_by_test_id("walk-ins").screenshot(path=str(SHOTS / f"walk-ins-list-{width}.png"))
    form = page.get_by_test_id("walk-in-add-panel")
    form.screenshot(path=str(SHOTS / f"walk-in-add-{width}.png"))
    assert horizontal_overflow(page) <= 0
    walk_ins = page.get_by_test_id("walk-ins")
    for button in walk_ins.get_by_role("button").all():
        assert_inside_the_viewport(page, button)
    assert_inside_the_viewport(page, page.get_by_test_id("walk-in-add-submit"))
    assert_no_axe_violations(page, f"the day's walk-ins at {width} px")
