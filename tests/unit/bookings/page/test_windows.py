"""Every day of a service's booking window can be picked: one availability window per read."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
import responses

from booking_portal.bookings.page import build as page_module
from booking_portal.bookings.page import submitted as submitted_module
from booking_portal.bookings.page.times import window_start
from tests.unit.bookings.page.test_reads import FormPage, month
from tests.unit.bookings.page_posts import V3, booking_post

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 11)
SECOND_WINDOW = date(2026, 6, 11)  # 31 days on: the range call's longest window
DAY_45 = TODAY + timedelta(days=45)
LAST = TODAY + timedelta(days=60)


def _every_day_at_ten(request):
    """A range answer with one free time, 10:00, on each day asked for."""
    asked = json.loads(request.body)
    start, end = date.fromisoformat(asked["start_date"]), date.fromisoformat(asked["end_date"])
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    data = [{"start_at": f"{d} 10:00:00", "end_at": f"{d} 10:30:00"} for d in days]
    return 200, {}, json.dumps({"data": data, "meta": {"timezone": "Australia/Melbourne"}})


@pytest.fixture
def sixty_days(signed_in, omneo, monkeypatch):
    """The fitting takes bookings 60 days ahead; today, where the store is, is 11 May 2026."""
    fitting = {
        "id": 1,
        "name": "Suit fitting",
        "duration_minutes": 30,
        "booking_type": "instant",
        "max_advance_days": 60,
    }
    page = {"meta": {"current_page": 1, "last_page": 1}}
    omneo.replace("GET", f"{V3}/appointment-definitions", json={"data": [fitting], **page})
    omneo.remove(responses.POST, f"{V3}/appointment-definitions/1/available-slots-range")
    omneo.add_callback(
        responses.POST,
        f"{V3}/appointment-definitions/1/available-slots-range",
        callback=_every_day_at_ten,
    )
    monkeypatch.setattr(page_module, "month_start", lambda zone: TODAY)
    monkeypatch.setattr(submitted_module, "month_start", lambda zone: TODAY)
    return FormPage(signed_in, omneo)


def _asked_range(omneo) -> tuple[str, str]:
    body = json.loads(omneo.calls[-1].request.body)
    return body["start_date"], body["end_date"]


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (None, TODAY),
        (TODAY - timedelta(days=3), TODAY),
        (TODAY, TODAY),
        (TODAY + timedelta(days=30), TODAY),
        (TODAY + timedelta(days=31), SECOND_WINDOW),
        (DAY_45, SECOND_WINDOW),
        (TODAY + timedelta(days=62), TODAY + timedelta(days=62)),
    ],
)
def test_a_day_falls_in_the_window_of_31_days_holding_it(day, start):
    assert window_start(TODAY, day) == start


def test_the_first_window_offers_later_days_and_stops_at_its_31st_day(sixty_days):
    # The one store is chosen for staff: the first window is read with the service's stores
    html, calls = sixty_days.part("choices", definition="1", date=TODAY.isoformat())

    assert calls.count(month(1)) == 1
    assert _asked_range(sixty_days.omneo) == ("2026-05-11", "2026-06-10")
    assert "bookable up to Fri 10 Jul (60 days ahead)" in html
    assert 'id="day-2026-06-10"' in html
    assert 'id="day-2026-06-11"' not in html
    assert re.search(r'name="date" value="2026-06-11" id="day-later"', html)
    assert 'id="day-earlier"' not in html


def test_later_days_read_the_next_window_in_one_call_up_to_the_last_bookable_day(sixty_days):
    sixty_days.part("choices", definition="1", date=TODAY.isoformat())

    # When staff press "Later days →" (the strip sends the next window's first day)
    html, calls = sixty_days.part("times", date=SECOND_WINDOW.isoformat())

    # Then one range read covers the next window, its days pickable up to the last bookable day
    assert calls == [month(1)]
    assert _asked_range(sixty_days.omneo) == ("2026-06-11", "2026-07-11")
    assert re.search(r'value="2026-06-11" id="day-2026-06-11" checked>', html)
    assert re.search(r'value="2026-07-10" id="day-2026-07-10">', html)
    assert 'id="day-2026-07-11"' not in html  # past the service's 60 days
    assert 'id="day-later"' not in html
    assert re.search(r'name="date" value="2026-05-11" id="day-earlier"', html)
    assert 'value="2026-06-11T10:00"' in html


def test_a_day_45_days_ahead_is_shown_from_its_own_window_in_one_call(sixty_days):
    sixty_days.part("choices", definition="1", date=TODAY.isoformat())

    html, calls = sixty_days.part("times", date=DAY_45.isoformat())

    assert calls == [month(1)]
    assert _asked_range(sixty_days.omneo) == ("2026-06-11", "2026-07-11")
    assert re.search(rf'value="{DAY_45}" id="day-{DAY_45}" checked>', html)
    assert f'value="{DAY_45}T10:00"' in html


def test_a_time_45_days_ahead_is_accepted_and_sent(signed_in, sixty_days, omneo_fixture):
    created = omneo_fixture("created_201.json")
    sixty_days.omneo.post(f"{V3}/appointments", json=created, status=201)
    sent = booking_post(signed_in, date=DAY_45.isoformat(), slot=f"{DAY_45}T10:00")

    response = signed_in.post("/book/", sent)

    assert response.status_code == 302, response.text[:3000]
    booked = json.loads(sixty_days.omneo.calls[-1].request.body)
    assert booked["scheduled_start_at"] == f"{DAY_45} 10:00:00"
