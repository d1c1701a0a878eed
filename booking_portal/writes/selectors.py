"""Reads of the record of writes: what a user may see, and what is still unsettled."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from booking_portal.staff.roles import can_review_all

from .models import UNSETTLED, AppointmentWrite, BookingAttempt


def attempts_visible(*, user: Any) -> QuerySet[BookingAttempt]:
    """The booking attempts the user may see: their own; booking admins: everyone's."""
    attempts = BookingAttempt.objects.select_related("booked_by")
    return attempts if can_review_all(user) else attempts.filter(booked_by=user)


def writes_visible(*, user: Any) -> QuerySet[AppointmentWrite]:
    """The later writes the user may see: their own; booking admins: everyone's."""
    writes = AppointmentWrite.objects.select_related("written_by")
    return writes if can_review_all(user) else writes.filter(written_by=user)


def booking_attempt_list(*, user: Any) -> QuerySet[BookingAttempt]:
    """The user's own attempts, newest first."""
    return BookingAttempt.objects.filter(booked_by=user).order_by("-created_at")


def booking_attempt_get(*, user: Any, attempt_id: int) -> BookingAttempt | None:
    """One attempt the user may see, else None."""
    return attempts_visible(user=user).filter(pk=attempt_id).first()


def unsettled_writes(*, appointment_ids: Iterable[int]) -> dict[int, AppointmentWrite]:
    """The latest pending or unknown write of each appointment that has one."""
    found: dict[int, AppointmentWrite] = {}
    writes = (
        AppointmentWrite.objects.filter(
            appointment_id__in=list(appointment_ids), outcome__in=UNSETTLED
        )
        .exclude(kind=AppointmentWrite.Kind.VISIT)  # a visit never holds the appointment back
        .order_by("created_at")
    )
    for write in writes:
        found[write.appointment_id] = write
    return found
