"""The attempt record keeps whatever JSON it is given, NUL included (jsonb cannot hold NUL)."""

from __future__ import annotations

import pytest

from booking_portal.writes.models import BookingAttempt
from tests.factories import BookingAttemptFactory

pytestmark = pytest.mark.django_db


def test_nul_anywhere_in_the_json_is_stored_as_a_replacement_character(staff_user):
    attempt = BookingAttemptFactory(
        booked_by=staff_user,
        form_data={"notes\x00": ["a\x00b"]},
        response_body={"data": {"meta": ["x", {"deep": "c\x00"}]}},
    )

    stored = BookingAttempt.objects.get(pk=attempt.pk)

    assert stored.form_data == {"notes\ufffd": ["a\ufffdb"]}
    assert stored.response_body == {"data": {"meta": ["x", {"deep": "c\ufffd"}]}}


def test_json_without_nul_is_stored_as_given(staff_user):
    body = {"data": {"id": 5012, "notes": "a \\u0000 written out, not a NUL"}}

    attempt = BookingAttemptFactory(booked_by=staff_user, response_body=body)

    assert BookingAttempt.objects.get(pk=attempt.pk).response_body == body
