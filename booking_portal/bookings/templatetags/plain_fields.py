"""Form fields as plain Bootstrap 5 markup: the widget's own context, no per-field template tree.

The booking page's fields render on every htmx refresh; crispy's field templates cost most of
the portal's own time there. `plain_field` gives bookings/_field.html what it needs, with the
ids, labels, aria attributes and error blocks crispy gave.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from django import forms, template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _kind(widget: forms.Widget) -> str:
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


def _css(widget: forms.Widget, kind: str, invalid: bool) -> str:
    if kind == "choices":
        base = "form-check-input"
    elif kind == "select":
        base = "select form-select"
    else:
        base = f"{type(widget).__name__.lower()} form-control"
    given = widget.attrs.get("class")
    return " ".join(part for part in (given, base, "is-invalid" if invalid else "") if part)


def _attrs(attrs: Mapping[str, Any]) -> str:
    """HTML attributes, escaped: True is a bare attribute, False and None are left out."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {name}")
        elif value is not False and value is not None:
            parts.append(f' {name}="{escape(str(value))}"')
    return "".join(parts)


def _options(kind: str, input_type: str, options: list[dict[str, Any]]) -> SafeString:
    """The options of a select, or the inputs of a radio or checkbox list, as markup."""
    if kind == "select":
        html = (
            f'<option value="{escape(str(o["value"]))}"{" selected" if o["selected"] else ""}>'
            f"{escape(str(o['label']))}</option>"
            for o in options
        )
        return mark_safe("\n".join(html))  # noqa: S308 - every value escaped above
    html = (
        f'<div class="form-check"><input type="{input_type}" name="{escape(o["name"])}" '
        f'value="{escape(str(o["value"]))}"{_attrs(o["attrs"])}>'
        f'<label for="{escape(str(o["attrs"].get("id", "")))}" class="form-check-label">'
        f"{escape(str(o['label']))}</label></div>"
        for o in options
    )
    return mark_safe("\n".join(html))  # noqa: S308 - every value escaped above


@register.filter
def plain_field(bound: forms.BoundField) -> dict[str, Any]:
    """What bookings/_field.html renders for one bound field."""
    widget = bound.field.widget
    kind = _kind(widget)
    invalid = bool(bound.errors)
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs["id"] = bound.auto_id
    attrs["class"] = _css(widget, kind, invalid)
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    view: dict[str, Any] = {
        "kind": kind,
        "id": bound.auto_id,
        "name": context["name"],
        "label": bound.label,
        "required": bound.field.required,
        "errors": bound.errors,
        "help_text": bound.help_text,
        "describedby": bound.aria_describedby if kind == "choices" else "",
    }
    if kind == "input":
        view["attrs"] = mark_safe(_attrs({"type": context["type"], **context["attrs"]}))  # noqa: S308
        view["value"] = context["value"]
    elif kind == "textarea":
        view["attrs"] = mark_safe(_attrs(context["attrs"]))  # noqa: S308
        view["value"] = context["value"] or ""
    else:
        options = [option for _, group, _ in context["optgroups"] for option in group]
        view["options"] = _options(kind, getattr(widget, "input_type", ""), options)
        view["attrs"] = mark_safe(_attrs(context["attrs"]))  # noqa: S308
    return view


@register.filter
def plain_hidden(bound: forms.BoundField) -> SafeString:
    """A hidden field as one <input type="hidden">, as Django's widget renders it."""
    value = bound.field.widget.format_value(bound.value())
    attrs = {"type": "hidden", "name": bound.html_name, "value": value, "id": bound.auto_id}
    return mark_safe(f"<input{_attrs(attrs)}>")  # noqa: S308 - every value escaped


@register.filter
def plain_hidden_fields(form: forms.Form) -> SafeString:
    """Every field of an all-hidden form (a formset's management form) as hidden inputs."""
    return mark_safe("".join(plain_hidden(bound) for bound in form))  # noqa: S308
