"""Reads of booking attempts."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from booking_portal.staff.roles import can_review_all
from booking_portal.writes.models import BookingAttempt


def booking_attempt_list(*, user: Any) -> QuerySet[BookingAttempt]:
    """The user's own attempts, newest first."""
    return BookingAttempt.objects.filter(booked_by=user).order_by("-created_at")


def booking_attempt_get(*, user: Any, attempt_id: int) -> BookingAttempt | None:
    """One attempt the user may see: their own, or any for booking admins."""
    attempts = BookingAttempt.objects.select_related("booked_by")
    if not can_review_all(user):
        attempts = attempts.filter(booked_by=user)
    return attempts.filter(pk=attempt_id).first()
