"""Reads of the record of writes: which appointments have a change still unsettled."""

from __future__ import annotations

from collections.abc import Iterable

from .models import UNSETTLED, AppointmentWrite


def unsettled_writes(*, appointment_ids: Iterable[int]) -> dict[int, AppointmentWrite]:
    """The latest pending or unknown write of each appointment that has one."""
    found: dict[int, AppointmentWrite] = {}
    writes = AppointmentWrite.objects.filter(
        appointment_id__in=list(appointment_ids), outcome__in=UNSETTLED
    ).order_by("created_at")
    for write in writes:
        found[write.appointment_id] = write
    return found
