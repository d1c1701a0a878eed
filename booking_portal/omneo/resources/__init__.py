"""Frozen request and response shapes, one module per Omneo resource family, parsed leniently.

Every name is re-exported here, so `from booking_portal.omneo.resources import X` works for all.
"""

from __future__ import annotations

from .appointments import STATUSES as APPOINTMENT_STATUSES
from .appointments import (
    UNSET,
    AnswerInput,
    Appointment,
    AppointmentAnswer,
    AppointmentChanges,
    LinkedRecord,
    OrderLink,
    StoreAppointment,
    TransactionLink,
    Unset,
)
from .availability import DaySlots, Slot
from .definitions import Definition, Location, Question, QuestionOption
from .parsing import JSON
from .profiles import Person, Profile, StaffMember
from .waitlists import WAITLIST_STATUSES, WaitlistEntry, WaitlistEntryInput

__all__ = [
    "APPOINTMENT_STATUSES",
    "JSON",
    "UNSET",
    "WAITLIST_STATUSES",
    "AnswerInput",
    "Appointment",
    "AppointmentAnswer",
    "AppointmentChanges",
    "DaySlots",
    "Definition",
    "LinkedRecord",
    "Location",
    "OrderLink",
    "Person",
    "Profile",
    "Question",
    "QuestionOption",
    "Slot",
    "StaffMember",
    "StoreAppointment",
    "TransactionLink",
    "Unset",
    "WaitlistEntry",
    "WaitlistEntryInput",
]
