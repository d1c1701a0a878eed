"""A booking lands once, on the day shown: the page's own choices, never a failed look-up."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import requests
from django.core.cache import cache
from django.utils.html import escape
from urllib3.exceptions import NewConnectionError

from booking_portal.bookings import messages
from booking_portal.writes.models import BookingAttempt
from tests.factories import BookingAttemptFactory
from tests.unit.bookings.page_posts import AVA, SAM, V3, booking_post

pytestmark = pytest.mark.django_db
CREATES = f"{V3}/appointments"


def creates_sent(omneo) -> int:
    return sum(1 for c in omneo.calls if c.request.method == "POST" and c.request.url == CREATES)


EVERYTHING = re.compile(rf"{re.escape(V3)}/.*")


def refused() -> requests.ConnectionError:
    """What requests raises when nothing listens: the request was never sent."""
    return requests.ConnectionError(NewConnectionError(None, "Connection refused"))


def omneo_goes_down(omneo) -> None:
    """Every look-up and the create are refused from now on."""
    omneo.reset()
    for method in ("GET", "POST"):
        omneo.add(method, EVERYTHING, body=refused())


def test_a_time_from_another_date_is_refused_on_the_time_field(signed_in, omneo):
    # Given a time picked on 11 May, and then the date changed to 12 May without new times
    sent = booking_post(signed_in, seen={"date": "2026-05-11"}, date="2026-05-12")

    response = signed_in.post("/book/", sent)

    assert response.status_code == 422
    expected = messages.TIME_NOT_ON_DATE.format(time="Mon 11 May, 10:00 AM", date="Tue 12 May 2026")
    assert escape(expected) in response.text
    # the summary link goes to a time on the page (or the times' heading when none is shown)
    assert re.search(r'href="#(slot-2026-05-1\dT\d\d:\d\d|times-heading)"', response.text)
    assert "Bring the jacket" in response.text  # everything else kept
    assert 'value="1001"' in response.text
    assert creates_sent(omneo) == 0


def test_a_time_offered_for_another_staff_member_is_refused(signed_in, omneo):
    # Given the stylist service's time was offered for "any", then a staff member was picked
    two = [
        {"id": SAM, "first_name": "Sam", "last_name": "Lee"},
        {"id": "7d3c1a2e-5b6f-4c1d-9e8f-0a1b2c3d4e5f", "first_name": "Kim", "last_name": "Park"},
    ]
    omneo.replace("POST", f"{V3}/appointment-definitions/3/available-staff", json={"data": two})
    sent = booking_post(
        signed_in,
        seen={"definition": "3", "staff": ""},
        definition="3",
        staff=SAM,
    )

    response = signed_in.post("/book/", sent)

    assert response.status_code == 422
    assert escape(messages.TIME_NOT_OFFERED.format(time="Mon 11 May, 10:00 AM")) in response.text
    assert creates_sent(omneo) == 0


def test_refreshing_for_another_date_unticks_the_time_and_says_so(signed_in, omneo):
    omneo.replace(
        "POST",
        f"{V3}/appointment-definitions/1/available-slots",
        json={
            "data": {
                "date": "2026-05-12",
                "timezone": "Australia/Melbourne",
                "slots": [{"start_at": "2026-05-12 10:00:00", "end_at": "2026-05-12 10:30:00"}],
            }
        },
    )

    response = signed_in.get(
        "/book/parts/choices/",
        {"definition": "1", "location": "13", "date": "2026-05-12", "slot": "2026-05-11T10:00"},
        HTTP_HX_REQUEST="true",
    )

    text = response.text
    assert escape(messages.TIME_CLEARED.format(time="Mon 11 May, 10:00 AM")) in text
    assert 'value="2026-05-12T10:00"' in text
    assert "checked" not in text.split('name="slot"', 1)[1].split("</fieldset>", 1)[0]


def test_a_tampered_page_is_refused_without_calling_omneo(signed_in, omneo):
    sent = booking_post(signed_in)
    sent["choices_seal"] = sent["choices_seal"][:-3] + "abc"

    response = signed_in.post("/book/", sent)

    assert response.status_code == 422
    assert escape(messages.STORE_AGAIN) in response.text  # the page carried no stores
    assert "valid choice" not in response.text
    assert creates_sent(omneo) == 0


def test_omneo_down_at_submit_keeps_every_entry_and_its_label(signed_in, omneo):
    # Given a page filled in while Omneo answered
    sent = booking_post(signed_in)
    # When Omneo stops answering, and the staff member presses Book
    omneo_goes_down(omneo)
    response = signed_in.post("/book/", sent)

    # Then the create was tried once, nothing is "not a valid choice", and every entry stays
    text = response.text
    assert creates_sent(omneo) == 1
    assert "valid choice" not in text
    assert escape(messages.NOT_ANSWERING) in text
    assert "Suit fitting" in text
    assert "Melbourne Central" in text
    assert "Ava Nguyen" in text
    assert "10:00 AM" in text
    assert 'value="slim" selected' in text
    assert "Bring the jacket" in text
    attempt = BookingAttempt.objects.get()
    assert (attempt.outcome, attempt.error_class) == ("failed", "OmneoUnreachable")
    assert "data-submit-once" in text  # nothing was sent: booking again is safe


def test_a_connection_reset_at_submit_is_unknown_and_offers_no_book_button(signed_in, omneo):
    sent = booking_post(signed_in)
    omneo.reset()
    omneo.add("POST", CREATES, body=requests.ConnectionError("Connection reset by peer"))
    omneo.add("GET", EVERYTHING, body=refused())

    response = signed_in.post("/book/", sent)

    attempt = BookingAttempt.objects.get()
    assert response.status_code == 202
    assert (attempt.outcome, attempt.check_result) == ("unknown", "unreachable")
    assert escape(messages.unsettled_message(attempt)) in response.text
    assert "Book appointment</button>" not in response.text


def test_a_failed_times_look_up_says_so_and_offers_retry(signed_in, omneo):
    omneo.replace(
        "POST",
        f"{V3}/appointment-definitions/1/available-slots",
        body=requests.ConnectionError("down"),
    )

    response = signed_in.get("/book/", {"definition": "1", "location": "13", "date": "2026-05-11"})

    text = response.text
    assert escape(messages.LOOKUP_PROBLEMS["slot"]) in text
    assert "No free times" not in text
    assert ">Retry</button>" in text


def test_a_failed_staff_look_up_keeps_the_chosen_staff_member(signed_in, omneo):
    # Given the page showed Sam for the stylist service
    first = signed_in.get("/book/", {"definition": "3", "location": "13", "date": "2026-05-11"})
    seal = dict(re.findall(r'name="(choices_seal)" value="([^"]+)"', first.text))
    omneo.replace(
        "POST",
        f"{V3}/appointment-definitions/3/available-staff",
        body=requests.ConnectionError("down"),
    )

    # When the staff look-up fails on the next refresh, on a worker with nothing cached
    cache.clear()
    response = signed_in.get(
        "/book/parts/choices/",
        {"definition": "3", "location": "13", "date": "2026-05-11", "staff": SAM, **seal},
        HTTP_HX_REQUEST="true",
    )

    # Then Sam stays chosen, and the failure is said
    assert escape(messages.LOOKUP_PROBLEMS["staff"]) in response.text
    assert f'value="{SAM}" selected' in response.text


@pytest.mark.parametrize("outcome", ["pending", "unknown", "review"])
def test_a_fresh_form_for_an_unsettled_booking_sends_nothing(signed_in, omneo, staff_user, outcome):
    earlier = BookingAttemptFactory(
        booked_by=staff_user,
        outcome=outcome,
        profile_id=AVA,
        definition_id=1,
        location_id=13,
        scheduled_start=datetime(2026, 5, 11, 0, 0, tzinfo=UTC),  # 10:00 in Melbourne
    )

    response = signed_in.post("/book/", booking_post(signed_in), follow=True)

    assert response.redirect_chain[-1][0] == f"/bookings/{earlier.pk}/"
    assert "not settled yet" in response.text
    assert creates_sent(omneo) == 0


def test_check_again_settles_an_unknown_attempt_omneo_has(
    signed_in, omneo, staff_user, omneo_fixture
):
    unknown = BookingAttemptFactory(
        booked_by=staff_user, outcome="unknown", omneo_appointment_id=None, profile_id=AVA
    )
    made = omneo_fixture("created_201.json")["data"] | {"meta": [unknown.omneo_tag]}
    omneo.get(CREATES, json={"data": [made], "meta": {"current_page": 1, "last_page": 1}})

    response = signed_in.post(f"/bookings/{unknown.pk}/check/", follow=True)

    unknown.refresh_from_db()
    assert unknown.outcome == "created"
    assert 'data-testid="heading">Booked<' in response.text


def test_an_unknown_attempt_offers_check_again_not_reopen(signed_in, staff_user):
    unknown = BookingAttemptFactory(booked_by=staff_user, outcome="unknown", check_result="not_yet")

    response = signed_in.get(f"/bookings/{unknown.pk}/")

    assert 'data-testid="check-again"' in response.text
    assert "Reopen in the booking form" not in response.text
    assert escape(messages.unsettled_message(unknown)) in response.text


def test_before_a_store_is_chosen_the_page_names_the_zone_it_uses(signed_in, omneo, settings):
    two_stores = [
        {"id": 13, "name": "Melbourne Central", "timezone": "Australia/Melbourne"},
        {"id": 14, "name": "Brisbane Queen Street", "timezone": "Australia/Brisbane"},
    ]
    omneo.replace("GET", f"{V3}/appointment-definitions/1/locations", json={"data": two_stores})

    response = signed_in.get("/book/", {"definition": "1"})

    zone = settings.PORTAL_DEFAULT_TIMEZONE
    assert escape(messages.ZONE_BEFORE_STORE.format(zone=zone)) in response.text


def test_a_store_without_a_zone_is_flagged(signed_in, omneo, settings):
    location = {"id": 13, "name": "Melbourne Central", "timezone": None}
    omneo.replace("GET", f"{V3}/appointment-definitions/1/locations", json={"data": [location]})

    response = signed_in.get("/book/", {"definition": "1", "location": "13"})

    assert escape(messages.ZONE_NOT_SET.format(zone=settings.PORTAL_DEFAULT_TIMEZONE)) in (
        response.text
    )


def test_the_confirmation_shows_answers_and_status_in_the_portals_words(
    signed_in, omneo, omneo_fixture
):
    made = omneo_fixture("created_201.json")
    made["data"]["answers"] = [
        {"questionnaire_question_id": 21, "question_label": "fit_q", "value": "slim"}
    ]
    omneo.post(CREATES, json=made, status=201)

    response = signed_in.post("/book/", booking_post(signed_in), follow=True)

    text = response.text
    assert "Preferred fit" in text
    assert "Slim" in text
    assert "fit_q" not in text
    assert 'data-testid="status">Confirmed<' in text


def test_a_time_cleared_in_the_browser_stays_cleared_even_if_offered_again(signed_in, omneo):
    response = signed_in.get(
        "/book/parts/choices/",
        {
            "definition": "1",
            "location": "13",
            "date": "2026-05-11",
            "cleared_slot": "2026-05-11T10:00",
        },
        HTTP_HX_REQUEST="true",
    )

    text = response.text
    assert escape(messages.TIME_CLEARED.format(time="Mon 11 May, 10:00 AM")) in text
    assert 'value="2026-05-11T10:00"' in text
    assert "checked" not in text.split('name="slot"', 1)[1].split("</fieldset>", 1)[0]


def test_an_attempt_keeps_only_the_forms_own_fields_for_reopening(signed_in, omneo, omneo_fixture):
    omneo.post(CREATES, json=omneo_fixture("created_201.json"), status=201)

    signed_in.post("/book/", booking_post(signed_in, stray="x" * 5000))

    kept = BookingAttempt.objects.get().form_data
    assert "stray" not in kept
    assert "csrfmiddlewaretoken" not in kept
    assert {"definition", "slot", "notes", "answers-0-value", "choices_seal"} <= set(kept)
