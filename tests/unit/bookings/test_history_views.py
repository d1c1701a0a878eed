"""My bookings: own attempts only, newest first, with the way back to each."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

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


def test_demo_setup_creates_both_logins(settings, capsys):
    settings.DEBUG = True

    call_command("demo_setup")
    call_command("demo_setup")  # idempotent

    from django.contrib.auth import authenticate

    demo = authenticate(username="demo", password="demo-booking-1")
    admin = authenticate(username="admin", password="demo-admin-1")
    assert list(demo.groups.values_list("name", flat=True)) == ["Store staff"]
    assert admin.is_staff
    assert admin.has_perm("bookings.retry_bookingattempt")
    assert "demo-booking-1" in capsys.readouterr().out


def test_demo_setup_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_setup")
