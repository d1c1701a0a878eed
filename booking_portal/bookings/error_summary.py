"""The error summary's links: each goes to a control on the page, or to its part's heading."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .page.words import MORE_OPTIONS


@dataclass(frozen=True)
class SummaryLine:
    message: str
    anchor: str  # an element id on the page, or "" when there is nowhere to go


def _anchor(page: Any, name: str) -> str:
    """Where a field's error summary link goes: the control when shown, else its heading."""
    form = page.form
    if name == "definition":
        chosen = next((i for i, s in enumerate(page.services) if s.chosen), None)
        first = next((i for i, s in enumerate(page.services) if s.bookable), None)
        index = chosen if chosen is not None else first
        return f"id_definition_{index}" if index is not None else "service-heading"
    if name == "profile":
        return "id_profile_0" if page.profiles else "id_profile_search"
    if name == "profile_search" or name in MORE_OPTIONS or name == "notes":
        return f"id_{name}"
    if page.definition is None:
        return "service-heading"
    if name == "location":
        return "id_location"
    if name == "staff":
        return "id_staff" if page.staff or page.definition.requires_staff else "when-heading"
    if name == "date":
        shown = any(day.day == page.day for day in page.strip)
        return f"day-{page.day.isoformat()}" if shown and page.day else "when-heading"
    if name == "slot":
        if page.first_nearest:
            return f"slot-{page.first_nearest}"
        return f"slot-{page.slots[0][0]}" if page.slots else "times-heading"
    return "" if form.fields[name].widget.is_hidden else f"id_{name}"


def summary_lines(page: Any) -> list[SummaryLine]:
    """Every error on the page, in the page's order, each with where to fix it."""
    lines = [SummaryLine(str(error), "") for error in page.form.non_field_errors()]
    for name in page.form.fields:
        anchor = _anchor(page, name)
        lines += [SummaryLine(str(error), anchor) for error in page.form[name].errors]
    for answer in page.answer_forms:
        label = answer.question.label
        lines += [SummaryLine(f"{label}: {e}", "") for e in answer.non_field_errors()]
        value = answer["value"]
        widget_id = value.id_for_label or f"{value.auto_id}_0"
        lines += [SummaryLine(str(error), widget_id) for error in value.errors]
    return lines
