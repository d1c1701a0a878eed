"""A day's action held in the browser's outbox and replayed with its token as Idempotency-Key."""

from __future__ import annotations

import pytest

from booking_portal.common.replay import OUTBOX_LOCATION
from booking_portal.writes.models import AppointmentWrite

pytestmark = pytest.mark.django_db


def test_a_replayed_action_with_another_key_is_refused_before_anything_is_checked(
    client, staff_user
):
    client.force_login(staff_user)
    posted = {"seal": "x", "action_token": "4f1c2d3e-0000-4000-8000-000000000002", "kind": "arrive"}

    response = client.post(
        "/day/appointments/41/act/", posted, headers={"Idempotency-Key": "not-the-token"}
    )

    assert response.status_code == 400
    assert not AppointmentWrite.objects.exists()


def test_a_replayed_action_on_a_stale_page_names_where_to_go_back(client, staff_user):
    client.force_login(staff_user)
    posted = {
        "seal": "stale",
        "action_token": "4f1c2d3e-0000-4000-8000-000000000003",
        "kind": "arrive",
        "next": "/day/?location=13",
    }

    response = client.post(
        "/day/appointments/41/act/", posted, headers={"Idempotency-Key": posted["action_token"]}
    )

    assert response.status_code == 204
    assert response[OUTBOX_LOCATION] == "/day/?location=13"
    assert not AppointmentWrite.objects.exists()
