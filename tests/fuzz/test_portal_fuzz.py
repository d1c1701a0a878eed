"""Random and hostile input against every page and htmx part: never a 500, never sent to Omneo.

Omneo is mocked (responses); the database is whichever the suite runs on. Each test is bounded
by max_examples, so the module runs in well under a minute.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booking_portal.writes.models import BookingAttempt
from tests.factories import BookingAttemptFactory
from tests.unit.bookings.conftest import omneo
from tests.unit.bookings.page_posts import V3, booking_post

pytestmark = pytest.mark.django_db
__all__ = ["omneo"]  # the mocked tenant: one service, one store, one customer

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the client, user and mock are reused on purpose
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
# Everything the portal may ask Omneo: ids as integers or UUIDs, nothing else in a path.
OMNEO_PATH = re.compile(
    r"/api/v3/(appointments|locations|profiles(/[0-9a-fA-F-]{36}(/appointments)?)?"
    r"|appointment-definitions(/\d+/(questions|locations|available-slots|available-slots-range|available-staff))?)"
    r"(\?[^#]*)?"
)
NASTY = [
    "../appointments/1",
    "..",
    "./",
    "x?filter[status]=cancelled&",
    "#frag",
    "%00",
    "%2e%2e%2f",
    "\x00",
    "a\x00b",
    "\x1b[2J",
    "\u202eevil",
    "\ufeff=1+1",
    "\uff1dHYPERLINK(1)",
    "\u0661\u0662",
    "\U0001d7d9",
    "A" * 20_000,
    "-1",
    "0",
    "99999999999999999999999999",
    "1e999999",
    "NaN",
    "-Infinity",
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "2026-02-30T25:61",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "%(x)s",
    "' OR 1=1 --",
    "null",
    "[]",
    "{}",
]
FIELDS = [
    "form_token",
    "definition",
    "profile_search",
    "profile",
    "location",
    "date",
    "staff",
    "slot",
    "status",
    "confirmed_at",
    "notes",
    "meta",
    "transaction_id",
    "transaction_external_id",
    "transaction_receipt_ref",
    "order_id",
    "order_number",
    "order_external_id",
    "order_receipt_ref",
    "answers-0-value",
    "answers-1-value",
    "answers-0-questionnaire_question_id",
    "answers-TOTAL_FORMS",
    "refresh",
    "reopen",
    "page",
]

plain_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
numbers = st.integers(min_value=-(2**70), max_value=2**70).map(str)
moments = st.datetimes()  # naive, from year 1 to 9999, as a browser sends them
dates = moments.map(lambda moment: moment.date().isoformat())
slots = moments.map(lambda moment: moment.isoformat(timespec="minutes"))
hostile = st.one_of(st.sampled_from(NASTY), plain_text, numbers, dates, slots)
values = st.lists(hostile, min_size=1, max_size=3)
form_data = st.dictionaries(st.one_of(st.sampled_from(FIELDS), plain_text), values, max_size=8)
query = st.dictionaries(st.one_of(st.sampled_from(FIELDS), plain_text), hostile, max_size=5)
segment = st.one_of(st.sampled_from(NASTY), plain_text, numbers).map(
    lambda text: quote(text, safe="")
)


def assert_handled(response: Any, omneo: Any, calls_before: int) -> None:
    """Answered without a 500, and Omneo only asked what the portal may ask."""
    assert response.status_code < 500
    for call in omneo.calls[calls_before:]:
        assert OMNEO_PATH.fullmatch(call.request.path_url), call.request.path_url


@pytest.fixture
def signed_in(client, staff_user, omneo, omneo_fixture):
    created = omneo_fixture("created_201.json")
    omneo.post(f"{V3}/appointments", json=created, status=201)
    client.force_login(staff_user)
    return client


@pytest.fixture
def attempts(staff_user) -> dict[str, int]:
    made = BookingAttemptFactory(booked_by=staff_user)
    failed = BookingAttemptFactory(booked_by=staff_user, outcome=BookingAttempt.Outcome.FAILED)
    return {"made": made.pk, "failed": failed.pk}


@FUZZ
@given(params=query)
def test_the_booking_page_survives_any_query(signed_in, omneo, params):
    calls = len(omneo.calls)
    assert_handled(signed_in.get("/book/", params), omneo, calls)


@FUZZ
@given(data=form_data, on_a_valid_booking=st.booleans())
def test_a_booking_survives_any_form_data(signed_in, omneo, data, on_a_valid_booking):
    calls = len(omneo.calls)
    posted = {**booking_post(signed_in), **data} if on_a_valid_booking else data

    assert_handled(signed_in.post("/book/", posted), omneo, calls)


@FUZZ
@given(extra=st.dictionaries(plain_text.filter(lambda key: key not in FIELDS), values, max_size=3))
def test_a_valid_booking_survives_any_extra_fields(signed_in, omneo, extra):
    calls = len(omneo.calls)

    assert_handled(signed_in.post("/book/", {**booking_post(signed_in), **extra}), omneo, calls)


@FUZZ
@given(part=st.one_of(st.sampled_from(["customers", "choices"]), segment), params=query)
def test_the_htmx_parts_survive_any_name_and_query(signed_in, omneo, part, params):
    calls = len(omneo.calls)
    response = signed_in.get(f"/book/parts/{part}/", params, HTTP_HX_REQUEST="true")

    assert_handled(response, omneo, calls)


@FUZZ
@given(attempt=st.one_of(st.sampled_from(["made", "failed"]), segment), page=query)
def test_confirmation_history_and_detail_survive_any_id(signed_in, omneo, attempts, attempt, page):
    calls = len(omneo.calls)
    attempt_id = attempts.get(attempt, attempt)
    for url in (
        f"/book/done/{attempt_id}/",
        f"/bookings/{attempt_id}/",
        f"/bookings/{attempt_id}/reopen/",
    ):
        assert_handled(signed_in.get(url), omneo, calls)
    assert_handled(signed_in.get("/bookings/", page), omneo, calls)


@FUZZ
@given(reopen=st.one_of(st.sampled_from(["made", "failed"]), hostile), extra=query)
def test_reopening_survives_any_value(signed_in, omneo, attempts, reopen, extra):
    calls = len(omneo.calls)
    response = signed_in.get("/book/", {**extra, "reopen": attempts.get(reopen, reopen)})

    assert_handled(response, omneo, calls)


@FUZZ
@given(username=st.one_of(st.just("sam"), hostile), password=hostile, extra=form_data)
def test_sign_in_survives_any_credentials(client, staff_user, omneo, username, password, extra):
    calls = len(omneo.calls)
    response = client.post(
        "/accounts/login/", {**extra, "username": username, "password": password}
    )

    assert_handled(response, omneo, calls)


ADMIN_PARAMS = ["q", "o", "p", "e", "outcome__exact", "booked_by__id__exact", "_facets", "all"]


@FUZZ
@given(
    params=st.dictionaries(
        st.one_of(st.sampled_from(ADMIN_PARAMS), plain_text), hostile, max_size=4
    )
)
def test_the_admin_list_and_export_survive_any_query(
    client, booking_admin, omneo, attempts, params
):
    calls = len(omneo.calls)
    client.force_login(booking_admin)
    for url in ("/admin/writes/bookingattempt/", "/admin/writes/bookingattempt/export.csv"):
        assert_handled(client.get(url, params), omneo, calls)
