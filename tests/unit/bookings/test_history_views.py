"""My bookings: own attempts only, newest first, with the way back to each."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.factories import BookingAttemptFactory

pytestmark = pytest.mark.django_db


def test_my_bookings_lists_own_attempts_newest_first(client, staff_user, booking_admin):
    older = BookingAttemptFactory(booked_by=staff_user, customer_name="Older One")
    newer = BookingAttemptFactory(
        booked_by=staff_user, customer_name="Newer One", outcome="rejected"
    )
    BookingAttemptFactory(booked_by=booking_admin, customer_name="Not Mine")
    older.created_at = newer.created_at - timedelta(hours=1)
    older.save(update_fields=["created_at"])
    client.force_login(staff_user)

    text = client.get("/bookings/").text

    assert text.index("Newer One") < text.index("Older One")
    assert "Not Mine" not in text
    assert f"/book/done/{older.pk}/" in text  # created: its confirmation
    assert f"/bookings/{newer.pk}/" in text  # rejected: its details


def test_a_rejected_attempt_can_be_reopened(client, staff_user):
    attempt = BookingAttemptFactory(
        booked_by=staff_user,
        outcome="rejected",
        error_messages=["The selected transaction.id is invalid."],
    )
    client.force_login(staff_user)

    text = client.get(f"/bookings/{attempt.pk}/").text
    reopen = client.get(f"/bookings/{attempt.pk}/reopen/")

    assert "The selected transaction.id is invalid." in text
    assert f"/bookings/{attempt.pk}/reopen/" in text
    assert reopen.url == f"/book/?reopen={attempt.pk}"


def test_the_detail_shows_what_was_sent_escaped(client, staff_user):
    attempt = BookingAttemptFactory(
        booked_by=staff_user, outcome="failed", payload={"notes": "<script>x</script>"}
    )
    client.force_login(staff_user)

    text = client.get(f"/bookings/{attempt.pk}/").text

    assert "&quot;notes&quot;: &quot;&lt;script&gt;x&lt;/script&gt;&quot;" in text
    assert "<script>x</script>" not in text


def test_another_staff_members_attempt_is_not_found(client, staff_user, django_user_model):
    other = django_user_model.objects.create_user("other", password="x")
    theirs = BookingAttemptFactory(booked_by=other, outcome="failed")
    client.force_login(staff_user)

    assert client.get(f"/bookings/{theirs.pk}/").status_code == 404
    assert client.get(f"/bookings/{theirs.pk}/reopen/").status_code == 404
