"""Lenient readers shared by every resource: a wrong type or a null becomes a safe default."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

JSON = dict[str, Any]


def as_str(value: object) -> str:
    return "" if value is None else str(value)


def opt_str(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def as_int(value: object, default: int = 0) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):  # OverflowError: an infinite number
        return default


def opt_int(value: object) -> int | None:
    try:
        return None if value is None or value == "" else int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):  # OverflowError: an infinite number
        return None


def as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value)


def as_dict(value: object) -> JSON:
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def as_meta(value: object) -> tuple[Any, ...]:
    """Omneo's meta: documented as a list of strings, an object in the SDK; a tuple either way."""
    if isinstance(value, list):
        return tuple(value)
    return tuple(as_dict(value).items())


def zone_or_none(name: object) -> ZoneInfo | None:
    try:
        return ZoneInfo(str(name)) if name else None
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        return None


def person_name(first: str | None, last: str | None, fallback: str) -> str:
    name = " ".join(part for part in (first, last) if part)
    return name or fallback
