"""The customer panel on the booking page, Book again, and the question before an overlap.

Omneo is mocked; each test counts the calls Omneo received.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.utils.html import escape

from booking_portal.bookings import messages
from booking_portal.bookings.page import build as page_module
from booking_portal.common.customer_history import HISTORY_UNAVAILABLE
from booking_portal.writes.models import BookingAttempt
from tests.unit.appointments.omneo_bodies import PAGE, appointment_json
from tests.unit.bookings.page_posts import AVA, SAM, V3, booking_post

pytestmark = pytest.mark.django_db

SEALS = re.compile(r'name="(choices_seal|people_seal)" value="([^"]+)"')
THEIRS = f"{V3}/profiles/{AVA}/appointments"
PANEL_READ = ("GET", f"/v3/profiles/{AVA}/appointments")
HTMX = {"HTTP_HX_REQUEST": "true"}
# Ava's Suit fitting at 10:00 AM in Melbourne on Mon 11 May (the mocked tenant's first free time).
OVERLAPPING = appointment_json(
    41, start="2026-05-11T00:00:00Z", end="2026-05-11T00:30:00Z", profile_id=AVA, profile=None
)
LATER = appointment_json(
    42,
    start="2030-01-07T00:00:00Z",
    end="2030-01-07T01:00:00Z",
    profile_id=AVA,
    profile=None,
    appointment_definition_id=3,
    appointment_definition={"id": 3, "name": "Stylist session"},
    assigned_staff_id=SAM,
    assigned_staff={"id": SAM, "first_name": "Sam", "last_name": "Lee"},
)


def _calls(omneo, since: int = 0) -> list[tuple[str, str]]:
    return [
        (c.request.method, urlparse(c.request.url).path.removeprefix("/api"))
        for c in omneo.calls[since:]
    ]


def _creates(omneo) -> int:
    return sum(
        1
        for c in omneo.calls
        if c.request.method == "POST" and c.request.url.endswith("/appointments")
    )


@pytest.fixture
def theirs(omneo):
    """Ava has a Suit fitting at 10:00 AM on Mon 11 May and a Stylist session with Sam ahead."""
    omneo.replace("GET", THEIRS, json={"data": [LATER, OVERLAPPING], **PAGE})
    return omneo


@pytest.fixture
def may(monkeypatch):
    # The strip's window starts on the mocked tenant's first day with times.
    monkeypatch.setattr(page_module, "month_start", lambda zone: date(2026, 5, 11))


def _listed(client) -> dict[str, str]:
    """The seals of a customers part that listed Ava."""
    response = client.get("/book/parts/customers/", {"profile_search": "ava"}, **HTMX)
    return dict(SEALS.findall(response.text))


def test_choosing_a_customer_reads_only_their_appointments(signed_in, theirs):
    seals = _listed(signed_in)
    before = len(theirs.calls)

    response = signed_in.get("/book/parts/panel/", {**seals, "profile": AVA}, **HTMX)

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="customer-panel"')
    assert _calls(theirs, before) == [PANEL_READ]  # one read: one round trip
    assert "Ava Nguyen\N{RIGHT SINGLE QUOTATION MARK}s appointments" in response.text
    assert "Stylist session" in response.text
    assert 'name="book_again" value="3:13:' + SAM + '"' in response.text
    assert 'href="/day/appointments/42/"' in response.text  # upcoming: a link to it
    assert 'href="/day/appointments/41/"' not in response.text  # past: no link


def test_the_panel_is_not_read_again_while_fresh(signed_in, theirs):
    seals = _listed(signed_in)
    signed_in.get("/book/parts/panel/", {**seals, "profile": AVA}, **HTMX)
    before = len(theirs.calls)

    signed_in.get("/book/parts/panel/", {**seals, "profile": AVA}, **HTMX)

    assert _calls(theirs, before) == []


def test_a_customer_not_listed_reads_no_panel(signed_in, theirs):
    before = len(theirs.calls)

    response = signed_in.get("/book/parts/panel/", {"profile": AVA}, **HTMX)

    assert _calls(theirs, before) == []
    assert "customer-panel-heading" not in response.text


def test_the_whole_page_reads_the_panel_beside_the_customers_and_the_catalogue(
    signed_in, theirs, monkeypatch
):
    batches: list[set[str]] = []
    side_by_side = page_module.read_side_by_side

    def recorded(reads):
        batches.append(set(reads))
        return side_by_side(reads)

    monkeypatch.setattr(page_module, "read_side_by_side", recorded)

    response = signed_in.get("/book/", {"profile_search": "ava", "profile": AVA})

    assert response.status_code == 200
    assert batches == [{"definitions", "profiles", "profile", "panel"}]  # one round trip
    assert "Stylist session" in response.text


def test_a_failed_panel_read_says_so_and_the_page_works(signed_in, omneo):
    omneo.replace("GET", THEIRS, status=500, body="<html>down</html>")

    response = signed_in.get("/book/", {"profile_search": "ava", "profile": AVA})

    assert response.status_code == 200
    assert escape(HISTORY_UNAVAILABLE) in response.text
    assert "Suit fitting" in response.text  # the services are there
    assert f'value="{AVA}"' in response.text  # and the customer chosen


def test_book_again_keeps_what_was_typed_and_chooses_the_next_free_time(signed_in, theirs, may):
    page = signed_in.get("/book/", {"profile_search": "ava", "profile": AVA})
    before = len(theirs.calls)
    sent = {
        **dict(SEALS.findall(page.text)),
        "profile_search": "ava",
        "profile": AVA,
        "definition": "1",
        "date": "2026-05-20",
        "slot": "2026-05-20T09:00",
        "notes": "Bring the navy jacket",
        "book_again": f"3:13:{SAM}",
    }

    response = signed_in.post("/book/", sent)

    assert response.status_code == 200
    html = response.text
    assert re.search(r'name="definition" value="3"[^>]*checked', html)
    assert re.search(rf'<option value="{SAM}" selected>', html)
    assert re.search(r'value="2026-05-11T10:00"[^>]*checked', html)  # the next free time
    assert "Bring the navy jacket" in html
    assert ("POST", "/v3/appointments") not in _calls(theirs, before)


def test_book_again_with_nonsense_changes_nothing_it_cannot_read(signed_in, theirs, may):
    response = signed_in.post(
        "/book/", {"profile": AVA, "definition": "1", "book_again": "x:<b>:1"}
    )

    assert response.status_code == 200
    assert re.search(r'name="definition" value="1"[^>]*checked', response.text)


def test_an_overlapping_booking_asks_first_and_sends_nothing(signed_in, theirs):
    sent = booking_post(signed_in)
    before = len(theirs.calls)

    response = signed_in.post("/book/", sent)

    assert response.status_code == 200
    question = messages.OVERLAP_QUESTION.format(
        name="Ava Nguyen", service="Suit fitting", time="10:00 AM"
    )
    assert escape(question) in response.text
    assert 'data-testid="book-anyway"' in response.text
    assert f'value="{sent["form_token"]}"' in response.text  # the same booking, same token
    assert "Bring the jacket" in response.text
    assert _calls(theirs, before) == []  # decided from the panel's cached read
    assert 'id="customer-panel-heading"' in response.text  # the panel stays in view
    assert BookingAttempt.objects.count() == 0


def test_book_anyway_books_it_once_however_often_pressed(signed_in, theirs, omneo_fixture):
    theirs.post(f"{V3}/appointments", json=omneo_fixture("created_201.json"), status=201)
    sent = {**booking_post(signed_in), "book_anyway": "1"}

    first = signed_in.post("/book/", sent)
    second = signed_in.post("/book/", sent)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert _creates(theirs) == 1
    assert BookingAttempt.objects.get().outcome == BookingAttempt.Outcome.CREATED


def test_book_pressed_twice_shows_the_first_press_not_the_question(signed_in, omneo, omneo_fixture):
    created = omneo_fixture("created_201.json")
    omneo.post(f"{V3}/appointments", json=created, status=201)
    sent = booking_post(signed_in)
    first = signed_in.post("/book/", sent)
    # Omneo now lists the appointment the first press made
    made = {**OVERLAPPING, "meta": [f"booking-portal:{sent['form_token']}"]}
    omneo.replace("GET", THEIRS, json={"data": [made], **PAGE})

    second = signed_in.post("/book/", sent)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert _creates(omneo) == 1


def test_without_a_cached_panel_the_check_reads_once(signed_in, theirs):
    sent = booking_post(signed_in)
    cache.clear()
    before = len(theirs.calls)

    response = signed_in.post("/book/", sent)

    assert _calls(theirs, before) == [PANEL_READ]
    assert 'data-testid="overlap-question"' in response.text


def test_a_failed_check_does_not_hold_the_booking_up(signed_in, omneo, omneo_fixture):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("created_201.json"), status=201)
    sent = booking_post(signed_in)
    cache.clear()
    omneo.replace("GET", THEIRS, status=503, body="down")

    response = signed_in.post("/book/", sent)

    assert response.status_code == 302
    assert _creates(omneo) == 1


def test_a_booking_forgets_the_customers_appointments(signed_in, theirs, omneo_fixture):
    theirs.post(f"{V3}/appointments", json=omneo_fixture("created_201.json"), status=201)
    seals = _listed(signed_in)
    signed_in.post("/book/", {**booking_post(signed_in), "book_anyway": "1"})
    before = len(theirs.calls)

    signed_in.get("/book/parts/panel/", {**seals, "profile": AVA}, **HTMX)

    assert _calls(theirs, before) == [PANEL_READ]  # read again: it now holds the new booking
