"""Frozen request and response shapes, one module per Omneo resource family, parsed leniently.

Every name is re-exported here, so `from booking_portal.omneo.resources import X` works for all.
"""

from __future__ import annotations

from .appointments import (
    AnswerInput,
    Appointment,
    AppointmentAnswer,
    LinkedRecord,
    OrderLink,
    StoreAppointment,
    TransactionLink,
)
from .availability import DaySlots, Slot
from .definitions import Definition, Location, Question, QuestionOption
from .parsing import JSON
from .profiles import Person, Profile, StaffMember

__all__ = [
    "JSON",
    "AnswerInput",
    "Appointment",
    "AppointmentAnswer",
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
]
