"""Profiles: customers and staff members (staff are Omneo profiles too)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .parsing import as_bool, as_dict, as_str, opt_str, person_name


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
        return self.full_name or person_name(self.first_name, self.last_name, fallback)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Person:
        nested = as_dict(data.get("staff"))  # a definition's staff row wraps the profile
        source = nested if nested and "id" not in data else {**nested, **data}
        has_slots = source.get("has_available_slots")
        return cls(
            id=as_str(source.get("staff_id") or source.get("id")),
            first_name=opt_str(source.get("first_name")),
            last_name=opt_str(source.get("last_name")),
            email=opt_str(source.get("email")),
            mobile_phone=opt_str(source.get("mobile_phone")),
            full_name=opt_str(source.get("full_name")),
            has_available_slots=None if has_slots is None else as_bool(has_slots),
        )


Profile = Person
StaffMember = Person
