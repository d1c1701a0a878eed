"""A network drop at the counter: what staff press while the portal cannot be reached is held on
the tablet, listed, and sent once when the connection is back; Omneo receives each write once."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, Route, expect

from booking_portal.omneo.client import OmneoClient
from booking_portal.sandbox import data
from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxAppointment
from tests.browser.axe import assert_no_axe_violations
from tests.browser.counter_hand import SHOTS, shoot
from tests.browser.steps import (
    AVA,
    FITTING,
    MELBOURNE,
    answer_fitting_questions,
    book,
    expect_booked,
    expect_fitting_answers_kept,
    fitting_for_ava,
    recap,
    tap,
    tomorrow,
)
from tests.browser.test_omneo_errors_in_the_browser import take_slot
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser
HELD_BOOKING = (
    "No connection — this booking is held on this tablet and will be sent once, "
    "when the connection is back."
)
OFFLINE_PART = "Offline — this part could not be refreshed"
PHONE, NARROW = {"width": 390, "height": 844}, {"width": 320, "height": 640}
HELD_KEYS_JS = """
() => new Promise((resolve, reject) => {
  const opened = indexedDB.open("booking-portal-outbox");
  opened.onerror = () => reject(opened.error);
  opened.onsuccess = () => {
    const db = opened.result;
    if (!db.objectStoreNames.contains("held")) { db.close(); resolve([]); return; }
    const keys = db.transaction("held").objectStore("held").getAllKeys();
    keys.onsuccess = () => { db.close(); resolve(keys.result); };
  };
})
"""


@pytest.fixture
def counted(signed_in_page: Page, fault_proxy: Any, settings: Any) -> Any:
    """Omneo reached through the fault proxy (passing everything), which counts what it received."""
    settings.OMNEO_BASE_URL = fault_proxy.base_url
    return fault_proxy


def creates(proxy: Any) -> int:
    return sum(
        1 for method, path in proxy.forwarded if method == "POST" and path.endswith("/appointments")
    )


def puts(proxy: Any) -> int:
    return sum(1 for method, _path in proxy.forwarded if method == "PUT")


def refuse_posts(page: Page, portal: str, path: str) -> None:
    """The portal's port refuses every POST to `path` from any tab (pages still load)."""

    def refuse(route: Route) -> None:
        if route.request.method == "POST":
            route.abort("connectionrefused")
        else:
            route.continue_()

    page.context.route(f"{portal}{path}", refuse)


def held_items(page: Page):
    return page.get_by_test_id("held-item")


def test_a_booking_pressed_offline_is_held_survives_a_reload_and_is_booked_once(
    signed_in_page: Page, counted: Any, portal: str
):
    page = signed_in_page
    ava = data.demo_uuid("customer:Ava.Nguyen")
    # Given a filled fitting for Ava, and the tablet's Wi-Fi gone
    day = tomorrow()
    fitting_for_ava(page, day=day, time="2:00 PM")
    answer_fitting_questions(page)
    page.get_by_label("Notes").fill("Prefers navy")
    page.set_viewport_size(PHONE)
    page.context.set_offline(True)

    # When they press Book
    book(page)

    # Then the page says at once that it is held, keeps everything typed, and lists it
    expect(page.get_by_test_id("outbox-status")).to_have_text(HELD_BOOKING)
    expect(held_items(page)).to_have_count(1)
    expect(held_items(page)).to_contain_text("Held, not booked yet")
    expect(held_items(page)).to_contain_text("Ava Nguyen")
    expect(page.get_by_role("radio", name=AVA)).to_be_checked()
    expect(page.get_by_label("Notes")).to_have_value("Prefers navy")
    expect_fitting_answers_kept(page)
    expect(page.get_by_role("button", name="Book appointment")).to_be_enabled()
    assert creates(counted) == 0
    expect(page.get_by_test_id("outbox-status")).to_be_in_viewport()
    shoot(page, SHOTS, "390x844-booking-held-at-once")

    # When the Wi-Fi is back but the portal's port still refuses the booking, and they reload
    refuse_posts(page, portal, "/book/")
    page.context.set_offline(False)
    page.reload()

    # Then it is still held after the reload, and nothing reached Omneo
    expect(held_items(page)).to_have_count(1)
    page.wait_for_timeout(3500)  # a retry has been tried by now, and refused
    expect(held_items(page)).to_have_count(1)
    assert creates(counted) == 0
    # And the page with the held item passes axe, and is looked at on a phone and a narrow one
    assert_no_axe_violations(page, "booking page with a held booking")
    for size in (PHONE, NARROW):
        page.set_viewport_size(size)
        assert_no_axe_violations(page, f"held booking, {size['width']}px")
        shoot(page, SHOTS, f"{size['width']}x{size['height']}-held-booking")

    # When they close the tab and open the portal in a new one
    context = page.context
    page.close()
    page = context.new_page()
    page.goto(f"{portal}/day/")

    # Then it is still held there
    expect(held_items(page)).to_have_count(1)

    # When the portal answers again
    context.unroute(f"{portal}/book/")

    # Then the held booking is sent once, by itself, and the confirmation shows
    expect_booked(page)
    assert creates(counted) == 1
    assert SandboxAppointment.objects.filter(profile_id=ava).count() == 1
    expect(held_items(page)).to_have_count(0)
    assert page.evaluate(HELD_KEYS_JS) == []


def test_a_booking_whose_answer_was_lost_is_not_booked_twice_when_replayed(
    signed_in_page: Page, counted: Any, portal: str
):
    page = signed_in_page
    ava = data.demo_uuid("customer:Ava.Nguyen")
    day = tomorrow()
    fitting_for_ava(page, day=day, time="2:00 PM")
    answer_fitting_questions(page)
    token = page.locator("input[name=form_token]").input_value()
    sent: list[dict[str, str]] = []  # the headers of every POST of the booking, first and replays
    page.on(
        "request",
        lambda request: (
            sent.append(request.headers)
            if request.method == "POST" and request.url.endswith("/book/")
            else None
        ),
    )

    # Given the booking reaches the portal, which books it, but its answer is lost in the drop
    def lose_answer(route: Route) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        route.fetch(max_redirects=0)
        route.abort("connectionreset")

    page.context.route(f"{portal}/book/", lose_answer)
    book(page)
    expect(page.get_by_test_id("outbox-status")).to_have_text(HELD_BOOKING)
    expect(held_items(page)).to_have_count(1)
    assert creates(counted) == 1

    # When the connection is whole again and the held submit is replayed under its own token
    page.context.unroute(f"{portal}/book/")

    # Then the portal answers with the first result: the confirmation, booked once
    expect_booked(page)
    expect(page.locator("main .alert").first).to_contain_text("already")
    assert creates(counted) == 1
    assert SandboxAppointment.objects.filter(profile_id=ava).count() == 1
    assert len(sent) >= 2  # the first submit, and the replay that reached the portal
    assert {headers.get("idempotency-key") for headers in sent} == {token}


def test_a_held_booking_whose_time_was_taken_comes_back_with_the_nearest_times(
    signed_in_page: Page, counted: Any, sandbox_client: OmneoClient
):
    page = signed_in_page
    ava = data.demo_uuid("customer:Ava.Nguyen")
    day = tomorrow()
    slot = fitting_for_ava(page, day=day, time="2:00 PM")
    answer_fitting_questions(page)
    page.get_by_label("Notes").fill("Prefers navy")
    # Given the booking is held offline
    page.context.set_offline(True)
    book(page)
    expect(held_items(page)).to_have_count(1)
    # And someone else fills its time meanwhile
    take_slot(sandbox_client, slot, bookings=2)  # straight to the sandbox, not through the proxy

    # When the connection is back
    page.context.set_offline(False)

    # Then the refusal comes back in place: the taken time struck out, the nearest three offered
    expect(page.get_by_test_id("slot-taken")).to_contain_text("2:00 PM")
    expect(page.locator("[data-testid=slot-taken] .time-near")).to_have_count(3)
    expect(page.locator(f"input[name=slot][value='{slot}']")).to_have_count(0)
    expect(held_items(page)).to_have_count(0)
    # And everything typed is kept
    expect(page.get_by_role("radio", name=AVA)).to_be_checked()
    expect(recap(page, "customer")).to_have_text("Ava Nguyen")
    expect(page.get_by_role("radio", name=FITTING)).to_be_checked()
    expect_fitting_answers_kept(page)
    expect(page.get_by_label("Notes")).to_have_value("Prefers navy")
    # And Omneo received the one create, which it refused
    assert creates(counted) == 1
    assert not SandboxAppointment.objects.filter(profile_id=ava).exists()

    # When they take the first nearest time and book, it is booked once
    page.locator("[data-testid=slot-taken] .time-near").first.click()
    book(page)
    expect_booked(page)
    assert creates(counted) == 2
    assert SandboxAppointment.objects.filter(profile_id=ava).count() == 1


def test_a_status_tap_held_offline_is_sent_once(signed_in_page: Page, counted: Any, portal: str):
    page = signed_in_page
    seed_demo_day()
    today = timezone.now().astimezone(MELBOURNE).date()
    confirmed = next(
        appointment
        for appointment in SandboxAppointment.objects.filter(location_id=13, status="confirmed")
        if appointment.start.astimezone(MELBOURNE).date() == today
    )
    page.goto(f"{portal}/day/?location=13&date={today.isoformat()}")
    row = page.get_by_test_id(f"appointment-{confirmed.pk}")
    expect(row.get_by_test_id("status")).to_have_text("Confirmed")
    page.wait_for_load_state("load")

    # Given the Wi-Fi drops, when they press Mark arrived
    page.context.set_offline(True)
    row.get_by_role("button", name="Mark arrived").click()

    # Then the tap is held and listed, and Omneo received nothing
    expect(page.get_by_test_id("outbox-status")).to_contain_text("“Mark arrived")
    expect(page.get_by_test_id("outbox-status")).to_contain_text("held on this tablet")
    expect(held_items(page)).to_have_count(1)
    expect(held_items(page)).to_contain_text("Held, not sent yet")
    assert puts(counted) == 0
    assert_no_axe_violations(page, "the day with a held tap")
    shoot(page, SHOTS, "768x1024-day-tap-held")

    # When the connection is back
    page.context.set_offline(False)

    # Then it is sent once, and the day shows the customer arrived
    expect(page.locator("main .alert[role=status]")).to_contain_text("now arrived")
    row = page.get_by_test_id(f"appointment-{confirmed.pk}")
    expect(row.get_by_test_id("status")).to_have_text("Arrived")
    expect(held_items(page)).to_have_count(0)
    page.wait_for_timeout(3500)  # a second send, had one been tried, would have gone by now
    assert puts(counted) == 1
    confirmed.refresh_from_db()
    assert confirmed.status == "arrived"


def test_a_held_booking_can_be_discarded_and_is_never_sent(signed_in_page: Page, counted: Any):
    page = signed_in_page
    fitting_for_ava(page, day=tomorrow(), time="2:00 PM")
    answer_fitting_questions(page)
    page.context.set_offline(True)
    book(page)
    expect(held_items(page)).to_have_count(1)

    # When they discard it, then come back online
    held_items(page).get_by_role("button", name=re.compile("^Discard")).click()
    expect(held_items(page)).to_have_count(0)
    page.context.set_offline(False)

    # Then nothing is sent, and the form is still there to book again
    page.wait_for_timeout(3500)
    assert creates(counted) == 0
    assert page.evaluate(HELD_KEYS_JS) == []
    expect(page.get_by_role("radio", name=AVA)).to_be_checked()


def test_sign_out_clears_what_is_held(
    signed_in_page: Page, counted: Any, portal: str, staff_user: Any
):
    page = signed_in_page
    fitting_for_ava(page, day=tomorrow(), time="2:00 PM")
    answer_fitting_questions(page)
    refuse_posts(page, portal, "/book/")
    book(page)
    expect(held_items(page)).to_have_count(1)

    # When they sign out and someone signs in on the same tablet
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    assert page.evaluate(HELD_KEYS_JS) == []
    page.context.unroute(f"{portal}/book/")
    page.get_by_label("Username").fill(staff_user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Then nothing is held, and nothing is ever sent
    expect(page.get_by_role("heading", name="Book an appointment")).to_be_visible()
    expect(page.get_by_test_id("outbox")).to_be_hidden()
    page.wait_for_timeout(3500)
    assert creates(counted) == 0


def test_a_part_refreshed_while_offline_says_offline(signed_in_page: Page):
    page = signed_in_page
    page.context.set_offline(True)

    # When they choose a service while offline, the parts it refreshes say "offline"
    tap(page, page.get_by_role("radio", name=FITTING))

    note = page.get_by_test_id("offline-note").first
    expect(note).to_contain_text(OFFLINE_PART)
    expect(page.locator("main")).not_to_contain_text("Omneo did not answer")


HOLD_FOR_ANOTHER_JS = """
async () => {
  const form = document.getElementById("booking-form");
  const button = form.querySelector("[data-outbox-send]");
  const fields = [...new FormData(form, button)].filter(([, v]) => typeof v === "string");
  const key = new FormData(form).get("form_token");
  const item = {key, user: "another-user", kind: "booking", what: "Someone else's booking",
                url: new URL(form.action, location.href).href, fields, heldAt: Date.now()};
  await idbKeyval.set(key, item, idbKeyval.createStore("booking-portal-outbox", "held"));
  return key;
}
"""


def test_what_another_user_held_is_neither_listed_nor_sent(signed_in_page: Page, counted: Any):
    page = signed_in_page
    fitting_for_ava(page, day=tomorrow(), time="2:00 PM")
    answer_fitting_questions(page)
    # Given a complete booking held on this tablet under another user
    key = page.evaluate(HOLD_FOR_ANOTHER_JS)

    # When this user's page loads and the outbox retries
    page.reload()
    page.wait_for_timeout(3500)

    # Then it is not listed and never sent; it stays until sign-out clears the tablet
    expect(page.get_by_test_id("outbox")).to_be_hidden()
    assert creates(counted) == 0
    assert page.evaluate(HELD_KEYS_JS) == [key]


def test_a_booking_held_when_the_session_ended_is_sent_after_signing_in_again(
    signed_in_page: Page, counted: Any, portal: str, staff_user: Any
):
    page = signed_in_page
    ava = data.demo_uuid("customer:Ava.Nguyen")
    fitting_for_ava(page, day=tomorrow(), time="2:00 PM")
    answer_fitting_questions(page)
    page.context.set_offline(True)
    book(page)
    expect(held_items(page)).to_have_count(1)

    # Given the session ends while it is held (its cookies gone, the sign-in token with them)
    page.context.clear_cookies()
    page.context.set_offline(False)

    # Then the replay reaches no one signed in: it stays held and the page asks to sign in
    expect(page.get_by_test_id("outbox-status")).to_contain_text("Sign in again")
    expect(held_items(page)).to_have_count(1)
    assert creates(counted) == 0

    # When they sign in again
    page.goto(f"{portal}/book/")
    page.get_by_label("Username").fill(staff_user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Then the held booking is sent once under the new sign-in, and booked
    expect_booked(page)
    assert creates(counted) == 1
    assert SandboxAppointment.objects.filter(profile_id=ava).count() == 1
