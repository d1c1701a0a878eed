"""Hostile requests to the booking pages: never sent to Omneo, never stored, never a 500."""

from __future__ import annotations

import json

import pytest

from booking_portal.bookings import messages
from booking_portal.request_guard import BAD_REQUEST
from booking_portal.writes.models import BookingAttempt
from tests.factories import BookingAttemptFactory
from tests.unit.bookings.page_posts import AVA, V3, booking_post

pytestmark = pytest.mark.django_db


def omneo_paths(omneo) -> list[str]:
    return [call.request.path_url for call in omneo.calls]


@pytest.mark.parametrize(
    "profile", ["../appointments/1", "..", "x?filter[status]=cancelled", "%2e%2e", "a/b"]
)
def test_a_hostile_profile_id_is_never_looked_up(signed_in, omneo, profile):
    response = signed_in.get("/book/parts/customers/", {"profile": profile})

    assert response.status_code == 200
    assert not [path for path in omneo_paths(omneo) if path.startswith("/api/v3/profiles/")]


def test_a_well_formed_profile_id_is_looked_up(signed_in, omneo):
    signed_in.get("/book/parts/customers/", {"profile": AVA})

    assert f"/api/v3/profiles/{AVA}" in omneo_paths(omneo)


@pytest.mark.parametrize("term", ["a" * 101, "ava\x1b[2J"])
def test_a_hostile_search_is_never_sent(signed_in, omneo, term):
    response = signed_in.get("/book/parts/customers/", {"profile_search": term})

    assert response.status_code == 200
    assert not [path for path in omneo_paths(omneo) if path.startswith("/api/v3/profiles")]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_absurd_day_asks_omneo_for_today_instead(signed_in, omneo, day):
    response = signed_in.get("/book/parts/choices/", {"definition": "1", "date": day})

    asked = [
        json.loads(call.request.body).get("date") or json.loads(call.request.body)["start_date"]
        for call in omneo.calls
        if "/available-slots" in call.request.path_url
    ]
    assert response.status_code == 200
    assert asked
    assert day not in asked


@pytest.mark.parametrize(
    "fields",
    [
        {"slot": "0001-01-01T00:00"},
        {"slot": "9999-12-31T23:59", "date": "9999-12-31"},
        {"confirmed_at": "0001-01-01T00:00", "status": "confirmed"},
        {"notes": "bell\x07"},
        {"notes": "nul\x00"},
        {"profile": "../appointments/1"},
        {"transaction_id": "9" * 40},
    ],
)
def test_a_hostile_booking_is_a_field_error_and_nothing_is_stored(signed_in, omneo, fields):
    response = signed_in.post("/book/", booking_post(signed_in, **fields))

    assert response.status_code == 422
    assert set(fields) & set(response.context["page"].form.errors)
    assert BookingAttempt.objects.count() == 0
    assert "/api/v3/appointments" not in omneo_paths(omneo)


@pytest.mark.parametrize("reopen", ["abc", "", "-1", "0", "1.5", "9" * 30, "\u0661"])
def test_an_unreadable_reopen_is_not_found(signed_in, reopen):
    response = signed_in.get("/book/", {"reopen": reopen})

    assert response.status_code == 404


def test_reopening_a_booking_that_was_made_goes_to_its_confirmation(signed_in, staff_user):
    made = BookingAttemptFactory(booked_by=staff_user, outcome=BookingAttempt.Outcome.CREATED)

    response = signed_in.get("/book/", {"reopen": made.pk})
    confirmation = signed_in.get(response.url)

    assert response.status_code == 302
    assert response.url == f"/book/done/{made.pk}/"
    assert messages.ALREADY_BOOKED in confirmation.text


def test_the_reopen_link_of_a_made_booking_ends_at_its_confirmation(signed_in, staff_user):
    made = BookingAttemptFactory(booked_by=staff_user, outcome=BookingAttempt.Outcome.CREATED)

    response = signed_in.get(f"/bookings/{made.pk}/reopen/", follow=True)

    assert response.redirect_chain[-1][0] == f"/book/done/{made.pk}/"


def test_a_failed_booking_still_reopens(signed_in, staff_user, omneo):
    failed = BookingAttemptFactory(
        booked_by=staff_user,
        outcome=BookingAttempt.Outcome.REJECTED,
        form_data={"definition": ["1"], "notes": ["Bring the jacket"]},
    )

    response = signed_in.get("/book/", {"reopen": failed.pk})

    assert response.status_code == 200
    assert "Bring the jacket" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/admin/writes/bookingattempt/?q=%00",
        "/admin/writes/bookingattempt/?outcome__exact=created%00",
        "/admin/writes/bookingattempt/export.csv?q=a%00b",
        "/book/parts/customers/?profile_search=%00",
    ],
)
def test_nul_in_a_query_string_is_a_bad_request(admin_client, url):
    response = admin_client.get(url)

    assert response.status_code == 400
    assert response.content.decode() == BAD_REQUEST


def test_nul_in_a_form_field_name_is_a_bad_request(signed_in):
    response = signed_in.post("/book/", {"refresh": "1", "x\x00y": "1"})

    assert response.status_code == 400


def test_a_booking_with_a_junk_field_holding_nul_stores_no_junk(signed_in, omneo, omneo_fixture):
    # PostgreSQL's jsonb cannot hold NUL: stored as it was, it would be a 500 there.
    created = omneo_fixture("created_201.json")
    omneo.post(f"{V3}/appointments", json=created, status=201)

    response = signed_in.post("/book/", booking_post(signed_in, **{"junk\u2028": "a\x00b"}))

    attempt = BookingAttempt.objects.get()
    assert response.status_code == 302
    assert "junk\u2028" not in attempt.form_data  # only the form's own fields are kept


@pytest.mark.parametrize("params", [{"": "x"}, {"0": "x"}, {"no_such_field": "1"}])
def test_the_csv_export_of_an_impossible_filter_goes_back_to_the_list(admin_client, params):
    response = admin_client.get("/admin/writes/bookingattempt/export.csv", params)

    assert response.status_code == 302
    assert response.url == "/admin/writes/bookingattempt/?e=1"
