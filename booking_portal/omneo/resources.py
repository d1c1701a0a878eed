"""Frozen request and response shapes, parsed leniently: unknown fields ignored, nulls accepted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .timeparse import parse_date, parse_datetime

JSON = dict[str, Any]


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _opt_str(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _int(value: object, default: int = 0) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _opt_int(value: object) -> int | None:
    try:
        return None if value is None or value == "" else int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value)


def _dict(value: object) -> JSON:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _zone_or_none(name: object) -> ZoneInfo | None:
    try:
        return ZoneInfo(str(name)) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _person_name(first: str | None, last: str | None, fallback: str) -> str:
    name = " ".join(part for part in (first, last) if part)
    return name or fallback


@dataclass(frozen=True)
class Location:
    """A store: id, name, handle and IANA time zone (which may be missing)."""

    id: int
    name: str
    handle: str = ""
    timezone: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Location:
        return cls(
            id=_int(data.get("id")),
            name=_str(data.get("name")) or f"Location {data.get('id')}",
            handle=_str(data.get("handle")),
            timezone=_opt_str(data.get("timezone")),
        )


@dataclass(frozen=True)
class Person:
    """A profile summary: a customer, or a staff member (staff are profiles too)."""

    id: str
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    mobile_phone: str | None = None
    full_name: str | None = None
    has_available_slots: bool | None = None

    @property
    def display_name(self) -> str:
        fallback = self.email or self.id
        return self.full_name or _person_name(self.first_name, self.last_name, fallback)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Person:
        nested = _dict(data.get("staff"))  # a definition's staff row wraps the profile
        source = nested if nested and "id" not in data else {**nested, **data}
        has_slots = source.get("has_available_slots")
        return cls(
            id=_str(source.get("staff_id") or source.get("id")),
            first_name=_opt_str(source.get("first_name")),
            last_name=_opt_str(source.get("last_name")),
            email=_opt_str(source.get("email")),
            mobile_phone=_opt_str(source.get("mobile_phone")),
            full_name=_opt_str(source.get("full_name")),
            has_available_slots=None if has_slots is None else _bool(has_slots),
        )


Profile = Person
StaffMember = Person


@dataclass(frozen=True)
class Definition:
    """A bookable service (an appointment definition) and the rules that shape its booking."""

    id: int
    name: str
    handle: str = ""
    description: str | None = None
    duration_minutes: int = 30
    booking_type: str = "instant"
    requires_staff: bool = False
    customer_must_select_staff: bool = False
    use_staff_from_location: bool = False
    min_lead_minutes: int = 0
    max_advance_days: int | None = None
    slot_interval_minutes: int | None = None
    is_published: bool = True
    is_archived: bool = False
    has_booking_questionnaire: bool = False
    locations: tuple[Location, ...] = ()

    @property
    def offers_slots(self) -> bool:
        """Walk-in-only services have no advance booking, so no slots to offer."""
        return self.booking_type != "walk_in_only"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Definition:
        return cls(
            id=_int(data.get("id")),
            name=_str(data.get("name")) or f"Service {data.get('id')}",
            handle=_str(data.get("handle")),
            description=_opt_str(data.get("description")),
            duration_minutes=_int(data.get("duration_minutes"), 30) or 30,
            booking_type=_str(data.get("booking_type")) or "instant",
            requires_staff=_bool(data.get("requires_staff")),
            customer_must_select_staff=_bool(data.get("customer_must_select_staff")),
            use_staff_from_location=_bool(data.get("use_staff_from_location")),
            min_lead_minutes=_int(data.get("min_lead_minutes")),
            max_advance_days=_opt_int(data.get("max_advance_days")),
            slot_interval_minutes=_opt_int(data.get("slot_interval_minutes")),
            is_published=_bool(data.get("is_published", True)),
            is_archived=_bool(data.get("is_archived", False)),
            has_booking_questionnaire=_bool(data.get("has_booking_questionnaire")),
            locations=tuple(
                Location.from_json(item)
                for item in _list(data.get("locations"))
                if isinstance(item, dict)
            ),
        )


@dataclass(frozen=True)
class QuestionOption:
    label: str
    value: str


@dataclass(frozen=True)
class Question:
    """One booking question, flattened from either the versioned or the older flat shape."""

    questionnaire_question_id: int
    label: str
    type: str = "text"
    mapping_key: str = ""
    is_required: bool = False
    help_text: str = ""
    sort_order: int = 0
    options: tuple[QuestionOption, ...] = ()
    validation: Mapping[str, Any] = field(default_factory=dict)
    default_value: Any = None
    visibility_condition: Any = None
    visibility_dependencies: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Question:
        version = {**data, **_dict(data.get("version"))}
        options = []
        for option in _list(version.get("options")):
            if isinstance(option, dict):
                value = _str(option.get("value", option.get("label")))
                label = _str(option.get("label")) or value
                options.append(QuestionOption(label=label, value=value))
            elif option is not None:
                options.append(QuestionOption(label=str(option), value=str(option)))
        question = _dict(data.get("question"))
        label = version.get("label") or question.get("name") or data.get("mapping_key")
        qq_id = data.get("questionnaire_question_id", data.get("id"))
        return cls(
            questionnaire_question_id=_int(qq_id),
            label=_str(label) or f"Question {qq_id}",
            type=_str(version.get("type")) or "text",
            mapping_key=_str(data.get("mapping_key")) or _str(question.get("handle")),
            is_required=_bool(data.get("is_required", version.get("is_required"))),
            help_text=_str(version.get("help_text")),
            sort_order=_int(data.get("sort_order")),
            options=tuple(options),
            validation=_dict(version.get("validation")),
            default_value=version.get("default_value"),
            visibility_condition=data.get("visibility_condition"),
            visibility_dependencies=tuple(
                str(key) for key in _list(data.get("visibility_dependencies"))
            ),
        )


@dataclass(frozen=True)
class Slot:
    """A bookable start time; accepts Omneo's string slots and its object slots."""

    start_at: datetime
    end_at: datetime | None = None
    label: str = ""
    capacity_remaining: int | None = None

    @classmethod
    def from_json(cls, data: object, *, zone: ZoneInfo) -> Slot | None:
        """Parse one slot; naive times are the store's wall clock. None when unreadable."""
        if isinstance(data, str):
            start = parse_datetime(data, naive_zone=zone)
            return None if start is None else cls(start_at=start)
        if not isinstance(data, dict):
            return None
        start = parse_datetime(data.get("start_at") or data.get("start"), naive_zone=zone)
        if start is None:
            return None
        return cls(
            start_at=start,
            end_at=parse_datetime(data.get("end_at") or data.get("end"), naive_zone=zone),
            label=_str(data.get("label")),
            capacity_remaining=_opt_int(data.get("capacity_remaining")),
        )


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
            id=_int(data.get("id")),
            external_id=_opt_str(data.get("external_id")),
            receipt_ref=_opt_str(data.get("receipt_ref")),
            order_number=_opt_str(data.get("order_number")),
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
    created_at: datetime | None = None
    notes: str | None = None
    meta: tuple[Any, ...] = ()
    transaction: LinkedRecord | None = None
    order: LinkedRecord | None = None
    answers: tuple[AppointmentAnswer, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Appointment:
        definition = _dict(data.get("appointment_definition"))
        profile = _dict(data.get("profile"))
        location = _dict(data.get("location"))
        staff = _dict(data.get("assigned_staff"))
        meta = data.get("meta")
        zone = _zone_or_none(data.get("timezone"))  # a time without an offset is the store's

        def moment(key: str) -> datetime | None:
            return parse_datetime(data.get(key), naive_zone=zone)

        return cls(
            id=_int(data.get("id")),
            status=_str(data.get("status")),
            appointment_definition_id=_int(data.get("appointment_definition_id")),
            profile_id=_str(data.get("profile_id")),
            location_id=_int(data.get("location_id")),
            scheduled_start_at=moment("scheduled_start_at"),
            scheduled_end_at=moment("scheduled_end_at"),
            timezone=_str(data.get("timezone")),
            definition_name=_str(definition.get("name")),
            profile=Person.from_json(profile) if profile else None,
            location=Location.from_json(location) if location else None,
            assigned_staff=Person.from_json(staff) if staff else None,
            assigned_staff_id=_opt_str(data.get("assigned_staff_id")),
            confirmed_at=moment("confirmed_at"),
            created_at=moment("created_at"),
            notes=_opt_str(data.get("notes")),
            meta=tuple(meta) if isinstance(meta, list) else tuple(_dict(meta).items()),
            transaction=LinkedRecord.from_json(data.get("transaction")),
            order=LinkedRecord.from_json(data.get("order")),
            answers=tuple(
                AppointmentAnswer(
                    questionnaire_question_id=_int(answer.get("questionnaire_question_id")),
                    label=_str(answer.get("question_label")),
                    value=answer.get("value"),
                )
                for answer in _list(data.get("answers"))
                if isinstance(answer, dict)
            ),
            raw=dict(data),
        )


@dataclass(frozen=True)
class DaySlots:
    """The slots Omneo offers for one store-local day (or a range)."""

    timezone: str | None
    slots: tuple[Slot, ...]
    date: date | None = None

    @classmethod
    def from_json(cls, data: object, *, meta: Mapping[str, Any], zone: ZoneInfo) -> DaySlots:
        """Accept {data: {slots: [...]}} (one day) and {data: [...]} (a range)."""
        body = _dict(data)
        raw_slots = data if isinstance(data, list) else _list(body.get("slots"))
        slots = (Slot.from_json(item, zone=zone) for item in raw_slots)
        return cls(
            timezone=_opt_str(body.get("timezone") or meta.get("timezone")),
            slots=tuple(sorted((slot for slot in slots if slot), key=lambda s: s.start_at)),
            date=parse_date(body.get("date")),
        )
