"""The booking page's lists of choices as markup, built in one go: services, customers, the
date strip's days and a day's times.

A store's month is 31 day buttons and a day can hold dozens of times; rendering each through
template nodes cost most of a refresh's own time. The markup is what the template gave.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from booking_portal.bookings.page.times import StripDay, TimeChoice
from booking_portal.bookings.page.words import ServiceChoice
from booking_portal.omneo.resources import Person

register = template.Library()


def _choice(name: str, number: int, value: object, *, title: str, detail: str, extra: str) -> str:
    """One radio drawn as a card: its title, then (for telling cards apart) a detail line.

    `extra` is the radio's further attributes, already escaped.
    """
    value, title = escape(str(value)), escape(title)
    card = f'<span class="choice-name">{title}</span>'
    if detail:
        card += '<span class="visually-hidden"> · </span>\n'
        card += f'<span class="choice-detail">{escape(detail)}</span>'
    return (
        f'<div class="choice">\n<input class="btn-check" type="radio" name="{name}" '
        f'value="{value}" id="id_{name}_{number}" data-recap="{title}"{extra}>\n'
        f'<label class="choice-card" for="id_{name}_{number}">{card}</label>\n</div>'
    )


@register.filter
def service_cards(services: Sequence[ServiceChoice]) -> SafeString:
    """The services as radio cards: name, length and how each books; walk-in ones disabled."""
    cards = []
    for number, service in enumerate(services):
        definition = service.definition
        minutes = f"{definition.duration_minutes} min"
        extra = f' data-duration="{escape(minutes)}" data-status="{escape(service.status_words)}"'
        extra += (" checked" if service.chosen else "") + ("" if service.bookable else " disabled")
        detail = f"{minutes} · {service.words}"
        cards.append(
            _choice(
                "definition",
                number,
                definition.id,
                title=definition.name,
                detail=detail,
                extra=extra,
            )
        )
    return mark_safe("\n".join(cards))  # noqa: S308 - every value escaped


@register.filter
def customer_cards(people: Sequence[Person], chosen: object) -> SafeString:
    """The customers found as radio cards: name, then email and phone to tell them apart."""
    cards = (
        _choice(
            "profile",
            number,
            person.id,
            title=person.display_name,
            detail=" · ".join(part for part in (person.email, person.mobile_phone) if part),
            extra=" checked" if person.id == chosen else "",
        )
        for number, person in enumerate(people)
    )
    return mark_safe("\n".join(cards))  # noqa: S308 - every value escaped


def _day(strip_day: StripDay) -> str:
    iso = strip_day.iso
    weekday, number, month = strip_day.words
    flags = (" checked" if strip_day.chosen else "") + ("" if strip_day.bookable else " disabled")
    reason = (
        f'<span class="visually-hidden">, {escape(strip_day.reason)}</span>'
        if strip_day.reason
        else ""
    )
    return (
        f'<input type="radio" class="btn-check" name="date" value="{iso}" id="day-{iso}"{flags}>'
        f'<label class="day-btn" for="day-{iso}"><span class="day-dow">{weekday}</span> '
        f'<span class="day-num">{number}</span> '
        f'<span class="day-mon">{month}</span>{reason}</label>'
    )


@register.filter
def day_buttons(days: Sequence[StripDay]) -> SafeString:
    """The strip's radios, each drawn by its label."""
    return mark_safe("\n".join(_day(day) for day in days))  # noqa: S308 - escaped in _day


def _time(time: TimeChoice, *, autofocus: str, described: bool) -> str:
    start = escape(time.start)
    if time.taken:
        return f'<span class="time-btn time-taken" aria-hidden="true">{start}</span>'
    value = escape(time.value)
    flags = (" checked" if time.chosen else "") + (
        " data-autofocus" if time.value == autofocus else ""
    )
    describedby = ' aria-describedby="id_slot_error"' if described else ""
    end = f'<span class="visually-hidden"> to {escape(time.end)}</span>' if time.end else ""
    return (
        f'<input type="radio" class="btn-check" name="slot" value="{value}" id="slot-{value}" '
        f'data-recap="{escape(time.recap)}"{flags}{describedby}>'
        f'<label class="time-btn" for="slot-{value}">{start}{end}</label>'
    )


@register.filter
def time_buttons(times: Sequence[TimeChoice], page: Any) -> SafeString:
    """One group's times: radios drawn as buttons, the taken one struck out."""
    autofocus = page.first_nearest if page.focus_nearest else ""
    described = bool(page.form["slot"].errors)
    html = (_time(time, autofocus=autofocus, described=described) for time in times)
    return mark_safe("\n".join(html))  # noqa: S308 - every value escaped in _time
