"""Appointments: the create body, the changes a PUT sends, and the appointment read back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from booking_portal.omneo.timeparse import parse_datetime, to_wire

from .definitions import Location
from .parsing import JSON, as_dict, as_int, as_list, as_meta, as_str, opt_str, zone_or_none
from .profiles import Person


@dataclass(frozen=True)
class TransactionLink:
    """The transaction to link on create."""

    id: int | None = None
    external_id: str | None = None
    receipt_ref: str | None = None

    def to_json(self) -> JSON:
        return {key: value for key, value in vars(self).items() if value not in (None, "")}


@dataclass(frozen=True)
class OrderLink:
    """The order to link on create."""

    id: int | None = None
    external_id: str | None = None
    receipt_ref: str | None = None
    order_number: str | None = None

    def to_json(self) -> JSON:
        return {key: value for key, value in vars(self).items() if value not in (None, "")}


@dataclass(frozen=True)
class AnswerInput:
    """One booking answer as sent: the question it answers and its value as a string."""

    questionnaire_question_id: int
    value: str

    def to_json(self) -> JSON:
        return {"questionnaire_question_id": self.questionnaire_question_id, "value": self.value}


@dataclass(frozen=True)
class StoreAppointment:
    """The body of POST /v3/appointments (the contract's StoreAppointment)."""

    appointment_definition_id: int
    profile_id: str
    location_id: int
    scheduled_start_at: str
    scheduled_end_at: str
    timezone: str
    assigned_staff_id: str | None = None
    status: str | None = None
    confirmed_at: str | None = None
    notes: str | None = None
    meta: tuple[str, ...] | None = None
    transaction: TransactionLink | None = None
    order: OrderLink | None = None
    answers: tuple[AnswerInput, ...] = ()

    def to_json(self) -> JSON:
        """The wire body: optional fields left out when unset, nested links only when given."""
        body: JSON = {
            "appointment_definition_id": self.appointment_definition_id,
            "profile_id": self.profile_id,
            "location_id": self.location_id,
            "scheduled_start_at": self.scheduled_start_at,
            "scheduled_end_at": self.scheduled_end_at,
            "timezone": self.timezone,
        }
        optional = {
            "assigned_staff_id": self.assigned_staff_id,
            "status": self.status,
            "confirmed_at": self.confirmed_at,
            "notes": self.notes,
            "meta": list(self.meta) if self.meta else None,
            "transaction": self.transaction.to_json() if self.transaction else None,
            "order": self.order.to_json() if self.order else None,
            "answers": [answer.to_json() for answer in self.answers] or None,
        }
        body.update({key: value for key, value in optional.items() if value not in (None, {}, "")})
        return body


@dataclass(frozen=True)
class AppointmentAnswer:
    questionnaire_question_id: int
    label: str
    value: Any


@dataclass(frozen=True)
class LinkedRecord:
    """A transaction or order as Omneo returns it on an appointment."""

    id: int
    external_id: str | None = None
    receipt_ref: str | None = None
    order_number: str | None = None

    @classmethod
    def from_json(cls, data: object) -> LinkedRecord | None:
        if not isinstance(data, dict) or data.get("id") is None:
            return None
        return cls(
            id=as_int(data.get("id")),
            external_id=opt_str(data.get("external_id")),
            receipt_ref=opt_str(data.get("receipt_ref")),
            order_number=opt_str(data.get("order_number")),
        )


STATUSES = ("requested", "confirmed", "cancelled", "arrived", "completed", "no_show", "rejected")
# Every timestamp an appointment carries; a status change sets its own (confirmed → confirmed_at).
STAMPS = (
    "confirmed_at",
    "approved_at",
    "cancelled_at",
    "arrived_at",
    "completed_at",
    "no_show_at",
    "rejected_at",
    "created_at",
    "updated_at",
)


@dataclass(frozen=True)
class Appointment:
    """A created appointment (the contract's Appointment); times are aware, in UTC."""

    id: int
    status: str
    appointment_definition_id: int
    profile_id: str
    location_id: int
    scheduled_start_at: datetime | None
    scheduled_end_at: datetime | None
    timezone: str
    definition_name: str = ""
    profile: Person | None = None
    location: Location | None = None
    assigned_staff: Person | None = None
    assigned_staff_id: str | None = None
    confirmed_at: datetime | None = None
    approved_at: datetime | None = None
    cancelled_at: datetime | None = None
    arrived_at: datetime | None = None
    completed_at: datetime | None = None
    no_show_at: datetime | None = None
    rejected_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    notes: str | None = None
    meta: tuple[Any, ...] = ()
    transaction: LinkedRecord | None = None
    order: LinkedRecord | None = None
    answers: tuple[AppointmentAnswer, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Appointment:
        definition = as_dict(data.get("appointment_definition"))
        profile = as_dict(data.get("profile"))
        location = as_dict(data.get("location"))
        staff = as_dict(data.get("assigned_staff"))
        zone = zone_or_none(data.get("timezone"))  # a time without an offset is the store's

        def moment(key: str) -> datetime | None:
            return parse_datetime(data.get(key), naive_zone=zone)

        return cls(
            id=as_int(data.get("id")),
            status=as_str(data.get("status")),
            appointment_definition_id=as_int(
                data.get("appointment_definition_id") or definition.get("id")
            ),
            profile_id=as_str(data.get("profile_id") or profile.get("id")),
            location_id=as_int(data.get("location_id") or location.get("id")),
            scheduled_start_at=moment("scheduled_start_at"),
            scheduled_end_at=moment("scheduled_end_at"),
            timezone=as_str(data.get("timezone")),
            definition_name=as_str(definition.get("name")),
            profile=Person.from_json(profile) if profile else None,
            location=Location.from_json(location) if location else None,
            assigned_staff=Person.from_json(staff) if staff else None,
            assigned_staff_id=opt_str(data.get("assigned_staff_id") or staff.get("id")),
            **{key: moment(key) for key in STAMPS},
            notes=opt_str(data.get("notes")),
            meta=as_meta(data.get("meta")),
            transaction=LinkedRecord.from_json(data.get("transaction")),
            order=LinkedRecord.from_json(data.get("order")),
            answers=tuple(
                AppointmentAnswer(
                    questionnaire_question_id=as_int(answer.get("questionnaire_question_id")),
                    label=as_str(answer.get("question_label")),
                    value=answer.get("value"),
                )
                for answer in as_list(data.get("answers"))
                if isinstance(answer, dict)
            ),
            raw=dict(data),
        )


class Unset(Enum):
    """The type of UNSET: a field a partial update leaves out (whereas None sends null)."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET = Unset.UNSET


@dataclass(frozen=True)
class AppointmentChanges:
    """The partial body of PUT /v3/appointments/{id}: only the fields given are sent.

    A field left UNSET is kept as it is; None sends null (transaction=None detaches it).
    """

    status: str | Unset = UNSET
    scheduled_start_at: str | Unset = UNSET
    scheduled_end_at: str | Unset = UNSET
    timezone: str | Unset = UNSET
    assigned_staff_id: str | Unset | None = UNSET
    notes: str | Unset | None = UNSET
    meta: tuple[str, ...] | Unset | None = UNSET
    transaction: TransactionLink | Unset | None = UNSET
    order: OrderLink | Unset | None = UNSET

    @classmethod
    def reschedule(cls, *, start: datetime, end: datetime, timezone: str) -> AppointmentChanges:
        """A move to [start, end), sent as wall-clock times in the store's zone."""
        zone = ZoneInfo(timezone)
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("A reschedule needs aware times.")
        return cls(
            scheduled_start_at=to_wire(start, zone),
            scheduled_end_at=to_wire(end, zone),
            timezone=timezone,
        )

    @property
    def is_empty(self) -> bool:
        return not self.to_json()

    def to_json(self) -> JSON:
        body: JSON = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value is UNSET:
                continue
            if isinstance(value, TransactionLink | OrderLink):
                value = value.to_json()
            elif isinstance(value, tuple):
                value = list(value)
            body[item.name] = value
        return body
