"""What a page showed of an appointment, signed into its action forms.

An action is checked against what the page carried (and Omneo's own 422 on the write), so
pressing a button costs one PUT and never a read that may itself fail.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core import signing

from booking_portal.omneo.resources import Appointment

SALT = "appointments.seen"
MAX_AGE_SECONDS = 12 * 60 * 60


@dataclass(frozen=True)
class Seen:
    id: int
    status: str
    location_id: int
    timezone: str
    definition_id: int
    staff_id: str | None
    start: str | None
    end: str | None
    notes: str | None = None
    zone: str = ""  # the zone the page showed its times in (zones.store_zone)
    profile_id: str = ""  # the customer, for the visit an arrival records ("" for none)

    @classmethod
    def of(cls, appointment: Appointment, zone: ZoneInfo) -> Seen:
        def iso(moment: datetime | None) -> str | None:
            return moment.isoformat() if moment else None

        return cls(
            id=appointment.id,
            status=appointment.status,
            location_id=appointment.location_id,
            timezone=appointment.timezone,
            definition_id=appointment.appointment_definition_id,
            staff_id=appointment.assigned_staff_id,
            start=iso(appointment.scheduled_start_at),
            end=iso(appointment.scheduled_end_at),
            notes=appointment.notes,
            zone=zone.key,
            profile_id=appointment.profile_id or "",
        )

    @property
    def duration(self) -> float | None:
        if not (self.start and self.end):
            return None
        delta = datetime.fromisoformat(self.end) - datetime.fromisoformat(self.start)
        return delta.total_seconds()

    def as_appointment(self) -> Appointment:
        """Enough of the appointment for the write record (id, status, store, zone)."""
        return Appointment(
            id=self.id,
            status=self.status,
            appointment_definition_id=self.definition_id,
            profile_id=self.profile_id,
            location_id=self.location_id,
            scheduled_start_at=datetime.fromisoformat(self.start) if self.start else None,
            scheduled_end_at=datetime.fromisoformat(self.end) if self.end else None,
            timezone=self.timezone,
            assigned_staff_id=self.staff_id,
            notes=self.notes,
        )


def seen_seal(appointment: Appointment, zone: ZoneInfo) -> str:
    """What the page shows of the appointment, and the zone it shows its times in, signed."""
    return signing.dumps(asdict(Seen.of(appointment, zone)), salt=SALT, compress=True)


def seen_unsealed(seal: str) -> Seen | None:
    """Whatever appointment the seal names, or None for a seal that is forged or stale."""
    try:
        data = signing.loads(seal, salt=SALT, max_age=MAX_AGE_SECONDS)
        return Seen(**data)
    except (signing.BadSignature, TypeError):
        return None


def seen_open(seal: str, *, appointment_id: int) -> Seen | None:
    """The appointment the page showed, or None for a seal that is forged, stale or another's."""
    seen = seen_unsealed(seal)
    return seen if seen is not None and seen.id == appointment_id else None
