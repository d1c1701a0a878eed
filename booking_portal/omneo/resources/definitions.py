"""Definitions (bookable services), their booking questions, and the stores offering them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .parsing import as_bool, as_dict, as_int, as_list, as_str, opt_int, opt_str


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
            id=as_int(data.get("id")),
            name=as_str(data.get("name")) or f"Location {data.get('id')}",
            handle=as_str(data.get("handle")),
            timezone=opt_str(data.get("timezone")),
        )


@dataclass(frozen=True)
class Definition:
    """A bookable service (an appointment definition) and the rules that shape its booking."""

    id: int
    name: str
    handle: str = ""
    description: str | None = None
    duration_minutes: int = 30
    booking_type: str = "instant"
    allow_walk_in: bool = False
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
    def takes_walk_ins(self) -> bool:
        """Whether the store's walk-in queue may hold this service."""
        return self.allow_walk_in or self.booking_type == "walk_in_only"

    @property
    def offers_slots(self) -> bool:
        """Walk-in-only services have no advance booking, so no slots to offer."""
        return self.booking_type != "walk_in_only"

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Definition:
        return cls(
            id=as_int(data.get("id")),
            name=as_str(data.get("name")) or f"Service {data.get('id')}",
            handle=as_str(data.get("handle")),
            description=opt_str(data.get("description")),
            duration_minutes=as_int(data.get("duration_minutes"), 30) or 30,
            booking_type=as_str(data.get("booking_type")) or "instant",
            allow_walk_in=as_bool(data.get("allow_walk_in")),
            requires_staff=as_bool(data.get("requires_staff")),
            customer_must_select_staff=as_bool(data.get("customer_must_select_staff")),
            use_staff_from_location=as_bool(data.get("use_staff_from_location")),
            min_lead_minutes=as_int(data.get("min_lead_minutes")),
            max_advance_days=opt_int(data.get("max_advance_days")),
            slot_interval_minutes=opt_int(data.get("slot_interval_minutes")),
            is_published=as_bool(data.get("is_published", True)),
            is_archived=as_bool(data.get("is_archived", False)),
            has_booking_questionnaire=as_bool(data.get("has_booking_questionnaire")),
            locations=tuple(
                Location.from_json(item)
                for item in as_list(data.get("locations"))
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
        version = {**data, **as_dict(data.get("version"))}
        options = []
        for option in as_list(version.get("options")):
            if isinstance(option, dict):
                value = as_str(option.get("value", option.get("label")))
                label = as_str(option.get("label")) or value
                options.append(QuestionOption(label=label, value=value))
            elif option is not None:
                options.append(QuestionOption(label=str(option), value=str(option)))
        question = as_dict(data.get("question"))
        label = version.get("label") or question.get("name") or data.get("mapping_key")
        qq_id = data.get("questionnaire_question_id", data.get("id"))
        return cls(
            questionnaire_question_id=as_int(qq_id),
            label=as_str(label) or f"Question {qq_id}",
            type=as_str(version.get("type")) or "text",
            mapping_key=as_str(data.get("mapping_key")) or as_str(question.get("handle")),
            is_required=as_bool(data.get("is_required", version.get("is_required"))),
            help_text=as_str(version.get("help_text")),
            sort_order=as_int(data.get("sort_order")),
            options=tuple(options),
            validation=as_dict(version.get("validation")),
            default_value=version.get("default_value"),
            visibility_condition=data.get("visibility_condition"),
            visibility_dependencies=tuple(
                str(key) for key in as_list(data.get("visibility_dependencies"))
            ),
        )
