"""A booking held in the browser's outbox and replayed with its token as Idempotency-Key."""

from __future__ import annotations

import pytest

from booking_portal.common.replay import OUTBOX_LOCATION
from booking_portal.writes.models import BookingAttempt
from tests.unit.bookings.page_posts import V3, booking_post

pytestmark = pytest.mark.django_db


def creates(omneo) -> int:
    return sum(1 for call in omneo.calls if call.request.url == f"{V3}/appointments")


def test_a_replay_of_a_submit_that_reached_the_portal_gets_the_first_result(
    signed_in, omneo, omneo_fixture
):
    omneo.post(f"{V3}/appointments", json=omneo_fixture("created_201.json"), status=201)
    posted = booking_post(signed_in)
    key = {"Idempotency-Key": posted["form_token"]}
    # Given the submit reached the portal and was booked (its answer lost on the way back)
    first = signed_in.post("/book/", posted, headers=key)
    attempt = BookingAttempt.objects.get()

    # When the outbox replays it under the same token
    replay = signed_in.post("/book/", posted, headers=key)

    # Then both answers name the one confirmation, and Omneo was asked to create once
    assert first.status_code == replay.status_code == 204
    assert first[OUTBOX_LOCATION] == replay[OUTBOX_LOCATION] == f"/book/done/{attempt.pk}/"
    assert creates(omneo) == 1
    assert BookingAttempt.objects.count() == 1


def test_a_replay_whose_key_is_not_the_forms_token_books_nothing(signed_in, omneo):
    posted = booking_post(signed_in)

    response = signed_in.post("/book/", posted, headers={"Idempotency-Key": "something-else"})

    assert response.status_code == 400
    assert creates(omneo) == 0
    assert not BookingAttempt.objects.exists()


def test_a_replay_after_the_session_ended_names_the_sign_in_page(client, omneo):
    posted = {"form_token": "4f1c2d3e-0000-4000-8000-000000000001"}

    response = client.post("/book/", posted, headers={"Idempotency-Key": posted["form_token"]})

    assert response.status_code == 204
    assert response[OUTBOX_LOCATION].startswith("/accounts/login/")
    assert creates(omneo) == 0
