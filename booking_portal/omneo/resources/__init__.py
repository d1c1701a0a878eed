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
from .clienteling import ClientelingContext, CustomField, OmneoUser, epoch_moment
from .definitions import Definition, Location, Question, QuestionOption
from .parsing import JSON
from .profiles import Person, Profile, StaffMember
from .queues import QUEUE_STATUSES, QueueEntry, QueueEntryInput
from .visits import Visit, VisitInput
from .waitlists import WAITLIST_STATUSES, WaitlistEntry, WaitlistEntryInput

__all__ = [
    "APPOINTMENT_STATUSES",
    "JSON",
    "QUEUE_STATUSES",
    "UNSET",
    "WAITLIST_STATUSES",
    "AnswerInput",
    "Appointment",
    "AppointmentAnswer",
    "AppointmentChanges",
    "ClientelingContext",
    "CustomField",
    "DaySlots",
    "Definition",
    "LinkedRecord",
    "Location",
    "OmneoUser",
    "OrderLink",
    "Person",
    "Profile",
    "Question",
    "QuestionOption",
    "QueueEntry",
    "QueueEntryInput",
    "Slot",
    "StaffMember",
    "StoreAppointment",
    "TransactionLink",
    "Unset",
    "Visit",
    "VisitInput",
    "WaitlistEntry",
    "WaitlistEntryInput",
    "epoch_moment",
]
