"""Each part of the booking page asks Omneo for what it shows, and nothing else (Omneo mocked)."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlparse

import pytest
import requests
from django.core.cache import cache
from django.utils.html import escape

from booking_portal.bookings import messages
from booking_portal.bookings.page import build as page_module
from tests.unit.bookings.page_posts import AVA, SAM, V3, booking_post

pytestmark = pytest.mark.django_db

KIM_ID = "7d3c1a2e-5b6f-4c1d-9e8f-0a1b2c3d4e5f"
SEALS = re.compile(r'name="(choices_seal|people_seal)" value="([^"]+)"')
DEFINITIONS = ("GET", "/v3/appointment-definitions")


def stores(definition_id: int) -> tuple[str, str]:
    return ("GET", f"/v3/appointment-definitions/{definition_id}/locations")


def questions(definition_id: int) -> tuple[str, str]:
    return ("GET", f"/v3/appointment-definitions/{definition_id}/questions")


def times(definition_id: int) -> tuple[str, str]:
    return ("POST", f"/v3/appointment-definitions/{definition_id}/available-slots")


def month(definition_id: int) -> tuple[str, str]:
    return ("POST", f"/v3/appointment-definitions/{definition_id}/available-slots-range")


def staff(definition_id: int) -> tuple[str, str]:
    return ("POST", f"/v3/appointment-definitions/{definition_id}/available-staff")


class FormPage:
    """The page as htmx sends it: every field of the form, the seals of the last answer."""

    def __init__(self, client, omneo) -> None:
        self.client, self.omneo = client, omneo
        self.form = {"definition": "", "profile_search": "", "location": "", "date": "2026-05-11"}

    def calls(self) -> list[tuple[str, str]]:
        return [
            (c.request.method, urlparse(c.request.url).path.removeprefix("/api"))
            for c in self.omneo.calls
        ]

    def part(self, part: str, **changes: str) -> tuple[str, list[tuple[str, str]]]:
        """The part's HTML and the Omneo calls it made."""
        self.form.update(changes)
        before = len(self.omneo.calls)
        response = self.client.get(f"/book/parts/{part}/", self.form, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        self.form.update(SEALS.findall(response.text))
        return response.text, self.calls()[before:]


@pytest.fixture
def form_page(signed_in, omneo, monkeypatch):
    two_stores = [
        {"id": 13, "name": "Melbourne Central", "timezone": "Australia/Melbourne"},
        {"id": 14, "name": "Brisbane Queen Street", "timezone": "Australia/Brisbane"},
    ]
    for definition_id in (1, 3):
        omneo.replace("GET", f"{V3}/appointment-definitions/{definition_id}/locations",
                      json={"data": two_stores})  # fmt: skip
    # The strip's month starts on the mocked tenant's first day with times.
    monkeypatch.setattr(page_module, "month_start", lambda zone: date(2026, 5, 11))
    # Each part's own reads only: what is read ahead in the background is test_reads_ahead.py's.
    monkeypatch.setattr(page_module, "open_days_warm", lambda plan, days: 0)
    monkeypatch.setattr(page_module, "next_steps_warm", lambda carried: 0)
    return FormPage(signed_in, omneo)


def test_typing_a_search_asks_only_for_customers(form_page):
    html, calls = form_page.part("customers", profile_search="av")

    assert "Ava Nguyen" in html
    assert calls == [("GET", "/v3/profiles")]


def test_picking_a_listed_customer_asks_nothing(form_page):
    form_page.part("customers", profile_search="av")

    html, calls = form_page.part("customers", profile=AVA)

    assert re.search(rf'value="{AVA}"[^>]*checked', html)
    assert "Ava Nguyen" in html
    assert calls == []


def test_a_customer_not_listed_is_read_beside_the_search(form_page):
    _, calls = form_page.part("customers", profile_search="av", profile=AVA)

    assert sorted(calls) == [("GET", "/v3/profiles"), ("GET", f"/v3/profiles/{AVA}")]


def test_choosing_a_service_reads_its_stores_and_questions_only(form_page):
    html, calls = form_page.part("choices", definition="1")

    assert sorted(calls) == sorted([DEFINITIONS, stores(1), questions(1)])
    assert "Brisbane Queen Street" in html
    assert "Preferred fit" in html


def test_choosing_a_store_reads_only_the_month_which_carries_the_days_times(form_page):
    form_page.part("choices", definition="1")

    html, calls = form_page.part("times", location="13")

    assert calls == [month(1)]
    assert 'value="2026-05-11T10:00"' in html
    assert "Preferred fit" not in html  # the times part leaves the questions alone
    assert re.search(r'value="2026-05-13" id="day-2026-05-13">', html)  # a day with times
    assert re.search(r'value="2026-05-12" id="day-2026-05-12" disabled>', html)


def test_without_a_date_sent_the_first_day_with_times_is_chosen(form_page):
    form_page.form["date"] = ""
    form_page.omneo.replace(
        "POST",
        f"{V3}/appointment-definitions/1/available-slots-range",
        json={
            "data": [{"start_at": "2026-05-13 09:00:00", "end_at": "2026-05-13 09:30:00"}],
            "meta": {"timezone": "Australia/Melbourne"},
        },
    )
    form_page.part("choices", definition="1")

    html, calls = form_page.part("times", location="13")

    assert calls == [month(1)]
    assert re.search(r'value="2026-05-13" id="day-2026-05-13" checked>', html)
    assert 'value="2026-05-13T09:00"' in html


def test_changing_the_date_within_a_month_still_fresh_reads_nothing(form_page):
    form_page.part("choices", definition="1")
    form_page.part("choices", location="13")

    _, calls = form_page.part("times", date="2026-05-13")

    assert calls == []  # the month read a moment ago holds the day's times


def test_changing_the_date_once_the_month_is_past_its_freshness_reads_that_days_times(form_page):
    form_page.part("choices", definition="1")
    form_page.part("choices", location="13")
    cache.clear()  # the month's few seconds are up

    _, calls = form_page.part("times", date="2026-05-13")

    assert calls == [times(1)]


def test_a_staff_service_reads_staff_then_their_times_beside_it(form_page):
    kim = {"id": KIM_ID, "first_name": "Kim", "last_name": "Park"}
    sam = {"id": SAM, "first_name": "Sam", "last_name": "Lee"}
    form_page.omneo.replace(
        "POST", f"{V3}/appointment-definitions/3/available-staff", json={"data": [sam, kim]}
    )
    form_page.part("choices", definition="3")

    html, store_calls = form_page.part("times", location="13")
    _, staff_calls = form_page.part("times", staff=SAM)

    assert store_calls == [staff(3)]  # no times until a staff member is chosen
    assert "Sam Lee" in html
    assert staff_calls == [month(3)]  # the staff list is cached; the month carries the day


def test_a_staff_service_with_one_staff_member_reads_their_times_next(form_page):
    form_page.part("choices", definition="3")

    html, calls = form_page.part("times", location="13")

    assert calls == [staff(3), month(3)]  # one after the other: the times need the staff
    assert re.search(rf'<option value="{SAM}" selected>', html)
    assert 'value="2026-05-11T10:00"' in html


def test_another_service_reads_its_catalogue_again(form_page):
    form_page.part("choices", definition="1")

    _, calls = form_page.part("choices", definition="3")

    assert sorted(calls) == sorted([stores(3), questions(3)])  # the services list is cached


def test_the_submit_makes_one_call(signed_in, omneo, omneo_fixture):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("created_201.json"), status=201)
    sent = booking_post(signed_in)
    before = len(omneo.calls)

    response = signed_in.post("/book/", sent)

    assert response.status_code == 302
    assert [c.request.url for c in omneo.calls[before:]] == [f"{V3}/appointments"]


def test_after_a_422_the_times_are_read_once_more(signed_in, omneo):
    taken = {"message": "That time is no longer available.", "errors": {}}
    omneo.post(f"{V3}/appointments", json=taken, status=422)
    sent = booking_post(signed_in)
    later = {"data": {"timezone": "Australia/Melbourne", "slots": [
        {"start_at": "2026-05-11 11:00:00", "end_at": "2026-05-11 11:30:00"}]}}  # fmt: skip
    omneo.replace("POST", f"{V3}/appointment-definitions/1/available-slots", json=later)
    before = len(omneo.calls)

    response = signed_in.post("/book/", sent)

    urls = [c.request.url for c in omneo.calls[before:]]
    assert response.status_code == 422
    assert urls == [f"{V3}/appointments", f"{V3}/appointment-definitions/1/available-slots"]
    assert 'value="2026-05-11T11:00"' in response.text
    assert 'value="2026-05-11T10:00"' not in response.text


def test_after_a_422_a_failed_read_keeps_the_carried_times(signed_in, omneo):
    omneo.post(f"{V3}/appointments", json={"message": "No.", "errors": {}}, status=422)
    sent = booking_post(signed_in)
    omneo.replace(
        "POST",
        f"{V3}/appointment-definitions/1/available-slots",
        body=requests.ConnectionError("down"),
    )

    response = signed_in.post("/book/", sent)

    assert response.status_code == 422
    assert 'value="2026-05-11T10:00"' in response.text
    assert escape(messages.LOOKUP_PROBLEMS["slot"]) in response.text


def test_a_booking_drops_the_cached_times_of_that_store(signed_in, omneo, omneo_fixture):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("created_201.json"), status=201)
    choices = {"definition": "1", "location": "13", "date": "2026-05-11"}
    signed_in.get("/book/", choices)
    signed_in.get("/book/", choices)
    assert sum(c.request.url.endswith("/available-slots") for c in omneo.calls) == 1  # cached

    signed_in.post("/book/", booking_post(signed_in))
    signed_in.get("/book/", choices)

    assert sum(c.request.url.endswith("/available-slots") for c in omneo.calls) == 2
