"""The customer panel, Book again and the overlap question against the sandbox over HTTP."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from booking_portal.common.customer_history import HISTORY_UNAVAILABLE
from booking_portal.sandbox import faults
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.writes.models import BookingAttempt
from tests.integration.portal_session import AVA, fitting_form, signed_in_session

pytestmark = pytest.mark.integration
THEIRS = f"/v3/profiles/{AVA}/appointments"


@pytest.fixture
def staff_session(live_server, sandbox_base_url, staff_user, settings):
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.clear()
    return signed_in_session(live_server.url, staff_user.username)


def _panel(session, base_url: str) -> str:
    page = session.get(
        f"{base_url}/book/", params={"profile_search": "ava", "profile": AVA}, timeout=30
    ).text
    return page[page.index('id="customer-panel"') :]


def test_a_booking_shows_at_once_in_the_customers_panel(live_server, staff_session):
    form = fitting_form(staff_session, live_server.url)
    staff_session.post(f"{live_server.url}/book/", data=form, timeout=30)
    made = SandboxAppointment.objects.get()

    panel = _panel(staff_session, live_server.url)

    assert f'href="/day/appointments/{made.pk}/"' in panel  # upcoming, with its link
    assert 'name="book_again" value="1:13:' in panel


def test_an_overlapping_booking_asks_then_books_anyway(live_server, staff_session):
    # Given Ava booked for a fitting (the fitting takes two bookings per slot)
    first = fitting_form(staff_session, live_server.url)
    staff_session.post(f"{live_server.url}/book/", data=first, timeout=30)
    again = fitting_form(staff_session, live_server.url) | {"slot": first["slot"]}

    # When the same time is booked for her again, the page asks and sends nothing
    asked = staff_session.post(f"{live_server.url}/book/", data=again, timeout=30)

    assert asked.status_code == 200
    assert 'data-testid="overlap-question"' in asked.text
    assert re.search(r"Ava Nguyen already has Suit fitting at \d+:\d\d [AP]M that day", asked.text)
    assert SandboxAppointment.objects.count() == 1

    # Then Book anyway books it, once, however often it is pressed
    anyway = again | {"book_anyway": "1"}
    booked = staff_session.post(f"{live_server.url}/book/", data=anyway, timeout=30)
    pressed_again = staff_session.post(f"{live_server.url}/book/", data=anyway, timeout=30)

    assert booked.url == pressed_again.url
    assert "/book/done/" in booked.url
    assert SandboxAppointment.objects.count() == 2
    assert BookingAttempt.objects.count() == 2


def test_the_same_form_pressed_twice_is_not_asked_about_its_own_booking(live_server, staff_session):
    form = fitting_form(staff_session, live_server.url)

    first = staff_session.post(f"{live_server.url}/book/", data=form, timeout=30)
    second = staff_session.post(f"{live_server.url}/book/", data=form, timeout=30)

    assert first.url == second.url
    assert 'data-testid="overlap-question"' not in second.text
    assert SandboxAppointment.objects.count() == 1


def test_a_panel_omneo_fails_to_read_says_so_and_booking_goes_on(live_server, staff_session):
    faults.arm(kind="server_error", method="GET", path_suffix=THEIRS, times=20)

    panel = _panel(staff_session, live_server.url)
    form = fitting_form(staff_session, live_server.url)  # its panel read fails too
    booked = staff_session.post(f"{live_server.url}/book/", data=form, timeout=30)

    assert escape(HISTORY_UNAVAILABLE) in panel
    assert "/book/done/" in booked.url
    assert SandboxAppointment.objects.count() == 1


def test_book_again_from_the_appointment_page_chooses_the_next_free_time(
    live_server, staff_session
):
    form = fitting_form(staff_session, live_server.url)
    staff_session.post(f"{live_server.url}/book/", data=form, timeout=30)
    made = SandboxAppointment.objects.get()
    detail = staff_session.get(f"{live_server.url}/day/appointments/{made.pk}/", timeout=30).text
    link = re.search(r'href="(/book/\?[^"]+)" data-testid="book-again"', detail).group(1)

    page = staff_session.get(f"{live_server.url}{link.replace('&amp;', '&')}", timeout=30).text

    assert re.search(r'name="definition" value="1"[^>]*checked', page)
    assert re.search(r'<option value="13" selected>', page)
    assert re.search(rf'name="profile" value="{AVA}"[^>]*checked', page)
    first_time = re.search(r'name="slot" value="([0-9T:-]{16})"', page).group(1)
    assert re.search(rf'name="slot" value="{first_time}"[^>]*checked', page)
