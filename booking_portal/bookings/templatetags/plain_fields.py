"""Form fields as plain Bootstrap 5 markup: the widget's own context, no per-field template tree.

The booking page's fields render on every htmx refresh; field templates (crispy's, then an
included one per field) cost most of the portal's own time there. `field_block` writes a field's
whole block in one go, with the ids, labels, aria attributes and error blocks crispy gave.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from django import forms, template
from django.utils.html import conditional_escape
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


def _option(value: object, label: object, *, selected: bool) -> str:
    """One <option>, escaped."""
    chosen = " selected" if selected else ""
    return f'<option value="{escape(str(value))}"{chosen}>{escape(str(label))}</option>'


def _options(kind: str, input_type: str, options: list[dict[str, Any]]) -> SafeString:
    """The options of a select, or the inputs of a radio or checkbox list, as markup."""
    if kind == "select":
        html = (_option(o["value"], o["label"], selected=o["selected"]) for o in options)
        return mark_safe("\n".join(html))  # noqa: S308 - every value escaped in _option
    html = (
        f'<div class="form-check"><input type="{input_type}" name="{escape(o["name"])}" '
        f'value="{escape(str(o["value"]))}"{_attrs(o["attrs"])}>'
        f'<label for="{escape(str(o["attrs"].get("id", "")))}" class="form-check-label">'
        f"{escape(str(o['label']))}</label></div>"
        for o in options
    )
    return mark_safe("\n".join(html))  # noqa: S308 - every value escaped above


REQUIRED_MARK = (
    '<span class="asteriskField" aria-hidden="true">*</span>'
    '<span class="visually-hidden"> (required)</span>'
)


def _widget_view(bound: forms.BoundField) -> dict[str, Any]:
    """The widget's markup pieces for one bound field: kind, attributes, value or options."""
    widget = bound.field.widget
    kind = _kind(widget)
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs["id"] = bound.auto_id
    attrs["class"] = _css(widget, kind, bool(bound.errors))
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    view: dict[str, Any] = {"kind": kind, "name": escape(context["name"])}
    if kind == "input":
        view["attrs"] = _attrs({"type": context["type"], **context["attrs"]})
        view["value"] = context["value"]
    elif kind == "textarea":
        view["attrs"] = _attrs(context["attrs"])
        view["value"] = context["value"] or ""
    else:
        options = [option for _, group, _ in context["optgroups"] for option in group]
        view["options"] = _options(kind, getattr(widget, "input_type", ""), options)
        view["attrs"] = _attrs(context["attrs"])
    return view


def _control(view: dict[str, Any]) -> str:
    name, attrs = view["name"], view["attrs"]
    if view["kind"] == "select":
        return f'<select name="{name}"{attrs}>\n{view["options"]}\n</select>'
    if view["kind"] == "textarea":
        return f'<textarea name="{name}"{attrs}>\n{conditional_escape(view["value"])}</textarea>'
    value = view["value"]
    shown = "" if value is None else f' value="{escape(str(value))}"'
    return f'<input name="{name}"{shown}{attrs}>'


@register.simple_tag
def field_block(bound: forms.BoundField, required_mark: bool = False) -> SafeString:
    """One field as Bootstrap 5 markup: label (or legend), control, errors and help text."""
    view = _widget_view(bound)
    field_id = escape(bound.auto_id or "")
    required = bound.field.required or required_mark
    label_class = " requiredField" if required else ""
    label = f"{conditional_escape(bound.label)}{REQUIRED_MARK if required else ''}"
    if view["kind"] == "choices":
        describedby = bound.aria_describedby
        described = f' aria-describedby="{escape(describedby)}"' if describedby else ""
        head = (
            f"<fieldset{described}>\n"
            f'<legend class="form-label{label_class} fs-6">{label}</legend>\n'
            f"<div>\n{view['options']}\n</div>"
        )
    else:
        head = (
            f'<label for="{field_id}" class="form-label{label_class}">{label}</label>\n'
            f"{_control(view)}"
        )
    parts = [f'<div id="div_{field_id}" class="mb-3">\n{head}']
    if bound.errors:
        errors = "".join(
            f'<p id="error_{number}_{field_id}"><strong>{conditional_escape(error)}</strong></p>'
            for number, error in enumerate(bound.errors, start=1)
        )
        parts.append(f'\n<div id="{field_id}_error" class="invalid-feedback">{errors}</div>')
    if bound.help_text:
        help_text = conditional_escape(bound.help_text)
        parts.append(f'\n<div id="{field_id}_helptext" class="form-text">{help_text}</div>')
    parts.append("\n</fieldset></div>" if view["kind"] == "choices" else "\n</div>")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


@register.filter
def select_options(bound: forms.BoundField) -> SafeString:
    """A select's <option>s from its field's choices, the bound value selected."""
    value = bound.value()
    chosen = "" if value is None else str(value)
    html = (
        _option(choice, label, selected=str(choice) == chosen)
        for choice, label in bound.field.choices
    )
    return mark_safe("".join(html))  # noqa: S308 - every value escaped in _option


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
