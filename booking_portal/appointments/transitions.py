"""Which actions staff are offered for an appointment, by its current status: one table."""

from __future__ import annotations

from booking_portal.writes.models import AppointmentWrite

Kind = AppointmentWrite.Kind

# The status each status-changing action sends.
KIND_STATUS: dict[str, str] = {
    Kind.CONFIRM: "confirmed",
    Kind.REJECT: "rejected",
    Kind.ARRIVE: "arrived",
    Kind.COMPLETE: "completed",
    Kind.NO_SHOW: "no_show",
    Kind.CANCEL: "cancelled",
}
# Status → the actions offered from it. Any status not listed (cancelled, rejected, completed,
# no_show, or one Omneo adds later) offers nothing.
OFFERED: dict[str, tuple[str, ...]] = {
    "requested": (Kind.CONFIRM, Kind.REJECT, Kind.CANCEL, Kind.RESCHEDULE),
    "confirmed": (Kind.ARRIVE, Kind.NO_SHOW, Kind.CANCEL, Kind.RESCHEDULE),
    "arrived": (Kind.COMPLETE,),
}
# Actions a single button sends; cancel needs a reason and reschedule a new time.
ONE_PRESS = frozenset({Kind.CONFIRM, Kind.REJECT, Kind.ARRIVE, Kind.COMPLETE, Kind.NO_SHOW})


def actions_offered(status: str) -> tuple[str, ...]:
    """The actions offered for an appointment in this status, in the order they are shown."""
    return OFFERED.get(status, ())


def one_press_actions(status: str) -> list[tuple[str, str]]:
    """(kind, label) for each action offered as a plain button."""
    return [(kind, Kind(kind).label) for kind in actions_offered(status) if kind in ONE_PRESS]


def is_offered(status: str, kind: str) -> bool:
    return kind in actions_offered(status)
