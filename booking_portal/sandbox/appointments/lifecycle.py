"""The appointment lifecycle: which status may follow which, and the stamp each status sets."""

from __future__ import annotations

from datetime import datetime

from booking_portal.sandbox.models import SandboxAppointment

# The one table of allowed status changes; anything else is refused with a 422 on `status`.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    "requested": frozenset({"confirmed", "rejected", "cancelled"}),
    "confirmed": frozenset({"arrived", "no_show", "cancelled"}),
    "arrived": frozenset({"completed"}),
    "cancelled": frozenset(),
    "rejected": frozenset(),
    "completed": frozenset(),
    "no_show": frozenset(),
}
STATUS_STAMPS = {
    "confirmed": "confirmed_at",
    "cancelled": "cancelled_at",
    "arrived": "arrived_at",
    "completed": "completed_at",
    "no_show": "no_show_at",
    "rejected": "rejected_at",
}
# Statuses whose time may still change (a reschedule).
RESCHEDULABLE = frozenset({"requested", "confirmed"})


def transition_error(current: str, requested: str) -> str | None:
    """Why the status may not go from current to requested, or None when the table allows it."""
    if requested not in ALLOWED_TRANSITIONS:
        return "The selected status is invalid."
    if requested == current:
        return f"The appointment is already {current.replace('_', ' ')}."
    if requested not in ALLOWED_TRANSITIONS.get(current, frozenset()):
        return (
            f"An appointment that is {current.replace('_', ' ')} cannot become "
            f"{requested.replace('_', ' ')}."
        )
    return None


def set_status(appointment: SandboxAppointment, status: str, *, at: datetime) -> None:
    """Move to status and set its stamp (unsaved); earlier stamps are kept."""
    appointment.status = status
    stamp = STATUS_STAMPS.get(status)
    if stamp is not None:
        setattr(appointment, stamp, at)
