"""Laravel-style lists: one page of items with its meta and links, and filter[...] parameters."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

FILTER = re.compile(r"^filter\[(\w+)\](?:\[(\w+)\])?$")
OPERATORS = {
    "eq": "exact",
    "ne": "exact",
    "gt": "gt",
    "gte": "gte",
    "lt": "lt",
    "lte": "lte",
    "in": "in",
}
INTEGER_COLUMNS = frozenset({"definition_id", "location_id", "appointment_id"})


def _positive(value: str | None, default: int, ceiling: int) -> int:
    try:
        return max(1, min(int(value or default), ceiling))
    except ValueError:
        return default


def page_of(request: HttpRequest, items: list[Any]) -> dict[str, Any]:
    """One page of items with Laravel's paginator meta and links."""
    size = _positive(request.GET.get("page[size]"), 15, 100)
    last_page = max(1, math.ceil(len(items) / size))
    # As Laravel: a page past the last one is empty, not clamped.
    number = _positive(request.GET.get("page[number]"), 1, 100_000)
    chunk = items[(number - 1) * size : number * size]
    base = request.build_absolute_uri(request.path)

    def link(page: int) -> str:
        return f"{base}?page[number]={page}&page[size]={size}"

    return {
        "data": chunk,
        "meta": {
            "current_page": number,
            "last_page": last_page,
            "per_page": size,
            "total": len(items),
            "from": (number - 1) * size + 1 if chunk else None,
            "to": (number - 1) * size + len(chunk) if chunk else None,
        },
        "links": {
            "first": link(1),
            "last": link(last_page),
            "prev": link(number - 1) if number > 1 else None,
            "next": link(number + 1) if number < last_page else None,
        },
    }


def _utc(value: str) -> datetime | None:
    """A filter time: ISO 8601 with an offset, or naive (read as UTC, as Omneo stores times)."""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _operand(column: str, lookup: str, value: str) -> Any:
    """The filter value as the column holds it; None when it cannot match anything."""
    values = value.split(",") if lookup == "in" else [value]
    if column == "start":
        parsed = [_utc(item) for item in values]
    elif column in INTEGER_COLUMNS:
        parsed = [int(item) if item.strip().lstrip("-").isdigit() else None for item in values]
    else:
        parsed = list(values)
    if None in parsed:
        return None
    return parsed if lookup == "in" else parsed[0]


def filter_rows[Row: models.Model](
    request: HttpRequest, rows: QuerySet[Row], filterable: dict[str, str]
) -> QuerySet[Row]:
    """Apply filter[field]=v and filter[field][op]=v (eq, ne, gt, gte, lt, lte, in)."""
    for key, value in request.GET.items():
        match = FILTER.match(key)
        if not match or match.group(1) not in filterable:
            continue
        column = filterable[match.group(1)]
        operator = match.group(2) or "eq"
        lookup = OPERATORS.get(operator, "exact")
        operand = _operand(column, lookup, value)
        if operand is None:
            if column in INTEGER_COLUMNS:  # an id that is not a number matches nothing
                rows = rows.none()
            continue
        condition = {f"{column}__{lookup}": operand}
        rows = rows.exclude(**condition) if operator == "ne" else rows.filter(**condition)
    return rows
