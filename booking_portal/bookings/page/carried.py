"""What the booking page carried: the choices it showed, signed, so a submit needs no look-up.

Each refreshable part of the page holds a sealed copy of the Omneo records it rendered. A
submission is checked against those, never against a live look-up that may fail.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from django.core import signing

from booking_portal.omneo.resources import Definition, Location, Person, Question, QuestionOption

SALT = "booking_portal.bookings.carried"
MAX_AGE_SECONDS = 12 * 60 * 60  # a page left open over a shift


@dataclass(frozen=True)
class CarriedChoices:
    """The service, stores, staff, times and questions one render of the page offered."""

    definition: Definition | None = None
    locations: tuple[Location, ...] = ()
    location: Location | None = None
    staff: tuple[Person, ...] = ()
    slots_for_staff: str | None = None  # the staff member the times were looked up for
    day: date | None = None
    slots: tuple[tuple[str, str], ...] = ()  # (value, label) as shown
    slots_known: bool = False  # False when the times could not be looked up
    questions: tuple[Question, ...] = ()
    catalogue_read: bool = False  # the stores and questions were read, not stood in for
    open_days: tuple[date, ...] = ()  # days with times in the month from open_days_for's start
    open_days_for: str = ""  # "<service>:<store>:<staff>:<first day>" they were read for


def _location(data: dict[str, Any]) -> Location:
    return Location(**data)


def _definition(data: dict[str, Any]) -> Definition:
    return Definition(**{**data, "locations": tuple(_location(x) for x in data["locations"])})


def _question(data: dict[str, Any]) -> Question:
    return Question(
        **{
            **data,
            "options": tuple(QuestionOption(**option) for option in data["options"]),
            "visibility_dependencies": tuple(data["visibility_dependencies"]),
        }
    )


SCALARS = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """A record type's field names; None for anything that is not a dataclass."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(field.name for field in dataclasses.fields(kind))


def _plain(value: Any) -> Any:
    """Records as dicts, tuples as lists, for JSON: dataclasses.asdict without its deep copies."""
    kind = type(value)
    if kind in SCALARS:
        return value
    if kind is tuple or kind is list:
        return [_plain(item) for item in value]
    if (names := _field_names(kind)) is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value


def seal_choices(choices: CarriedChoices) -> str:
    """The choices as a signed, compressed string for a hidden input."""
    data = _plain(choices)
    data["day"] = choices.day.isoformat() if choices.day else None
    data["open_days"] = [day.isoformat() for day in choices.open_days]
    return signing.dumps(data, salt=SALT, compress=True)


def unseal_choices(text: str | None) -> CarriedChoices | None:
    """The choices a page carried, or None when missing, tampered with or too old."""
    try:
        data = signing.loads(text or "", salt=SALT, max_age=MAX_AGE_SECONDS)
        return CarriedChoices(
            definition=_definition(data["definition"]) if data["definition"] else None,
            locations=tuple(_location(x) for x in data["locations"]),
            location=_location(data["location"]) if data["location"] else None,
            staff=tuple(Person(**x) for x in data["staff"]),
            slots_for_staff=data["slots_for_staff"],
            day=date.fromisoformat(data["day"]) if data["day"] else None,
            slots=tuple((str(value), str(label)) for value, label in data["slots"]),
            slots_known=bool(data["slots_known"]),
            questions=tuple(_question(x) for x in data["questions"]),
            catalogue_read=bool(data.get("catalogue_read")),
            open_days=tuple(date.fromisoformat(day) for day in data.get("open_days", ())),
            open_days_for=str(data.get("open_days_for", "")),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def seal_people(people: list[Person] | tuple[Person, ...], *, term: str | None = None) -> str:
    """The customers a page listed, and the search they were listed for, signed."""
    data = {"term": term, "people": _plain(people)}
    return signing.dumps(data, salt=f"{SALT}.people", compress=True)


def unseal_listing(text: str | None) -> tuple[str | None, list[Person]]:
    """The search a page listed customers for (None if unknown) and those customers."""
    try:
        data = signing.loads(text or "", salt=f"{SALT}.people", max_age=MAX_AGE_SECONDS)
        term, items = (data.get("term"), data["people"]) if isinstance(data, dict) else (None, data)
        return (term if isinstance(term, str) else None), [Person(**item) for item in items]
    except (signing.BadSignature, AttributeError, KeyError, TypeError, ValueError):
        return None, []
