"""Days and times as the booking page shows them: labels, the date strip, grouped times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from booking_portal.bookings.forms import SLOT_FORMAT
from booking_portal.common.display import clock
from booking_portal.omneo.calls.availability import MAX_RANGE_DAYS
from booking_portal.omneo.resources import DaySlots, Definition

# Where a time falls in the store's day: before noon, before five, after.
DAY_PARTS = (("Morning", 0), ("Afternoon", 12), ("Evening", 17))


def slot_label(value: str, zone: ZoneInfo | None = None) -> str:
    """A time's value ("2026-11-27T10:00") as staff read it: "Fri 27 Nov, 10:00 AM"."""
    try:
        moment = datetime.strptime(value, SLOT_FORMAT)  # noqa: DTZ007 - store wall clock
    except ValueError:
        return value
    return f"{moment.strftime('%a %-d %b')}, {clock(moment)}"


def slot_choices(slots: DaySlots | None, zone: ZoneInfo) -> list[tuple[str, str]]:
    """Radio choices for the day's free times: store-local value and "10:00 AM to 10:45 AM"."""
    choices = []
    for slot in slots.slots if slots else ():
        start = slot.start_at.astimezone(zone)
        end = slot.end_at.astimezone(zone) if slot.end_at else None
        label = clock(start) + (f" \N{EN DASH} {clock(end)}" if end else "")
        choices.append((start.isoformat(timespec="minutes")[:16], label))  # SLOT_FORMAT
    return choices


@dataclass(frozen=True)
class TimeChoice:
    """One time button: its value, the start staff see, and the end for screen readers."""

    value: str
    start: str
    end: str
    taken: bool = False  # Omneo said it was gone: shown struck out, not offered
    chosen: bool = False
    recap: str = ""  # the time as the recap says it: "Fri 27 Nov, 10:00 AM"


def _time_choice(
    value: str, label: str, *, taken: bool = False, chosen: str = "", day: str = ""
) -> TimeChoice:
    start, _, end = label.partition(" \N{EN DASH} ")
    recap = f"{day}, {start}" if day else slot_label(value)
    return TimeChoice(value, start, end, taken, value == chosen, recap)


def _start(value: str) -> datetime | None:
    """A time's value ("2026-11-27T10:00") as a store wall-clock moment, None if unreadable."""
    try:
        return datetime.fromisoformat(value) if len(value) == len("2026-11-27T10:00") else None
    except ValueError:
        return None


def slot_groups(
    slots: list[tuple[str, str]], taken: str = "", chosen: str = ""
) -> list[tuple[str, list[TimeChoice]]]:
    """The day's times as Morning / Afternoon / Evening, leaving out empty parts.

    A time Omneo said was taken stays in its place, marked, so staff see what happened.
    """
    groups: dict[str, list[TimeChoice]] = {name: [] for name, _ in DAY_PARTS}
    shown = [(value, label, False) for value, label in slots if value != taken]
    if taken and (moment := _start(taken)):
        shown = sorted([*shown, (taken, clock(moment), True)])
    days: dict[str, str] = {}  # a day's words, worked out once for all its times
    for value, label, is_taken in shown:
        moment = _start(value)
        if moment is None:
            continue
        day = days.setdefault(value[:10], moment.strftime("%a %-d %b"))
        name = next(name for name, starts in reversed(DAY_PARTS) if moment.hour >= starts)
        groups[name].append(_time_choice(value, label, taken=is_taken, chosen=chosen, day=day))
    return [(name, times) for name, times in groups.items() if times]


def nearest_slots(slots: list[tuple[str, str]], taken: str, count: int = 3) -> list[TimeChoice]:
    """The free times closest to one that was taken, earliest first on a tie."""
    try:
        wanted = datetime.strptime(taken, SLOT_FORMAT)  # noqa: DTZ007
    except ValueError:
        return []

    def distance(choice: tuple[str, str]) -> tuple[float, str]:
        moment = datetime.strptime(choice[0], SLOT_FORMAT)  # noqa: DTZ007
        return abs((moment - wanted).total_seconds()), choice[0]

    free = [choice for choice in slots if choice[0] != taken]
    closest = sorted(free, key=distance)[:count]
    return [_time_choice(value, label) for value, label in sorted(closest)]


@dataclass(frozen=True)
class StripDay:
    """One day of the date strip and, when it cannot be picked, why."""

    day: date
    bookable: bool
    reason: str = ""  # said beside a day that cannot be picked
    chosen: bool = False

    @property
    def iso(self) -> str:
        return self.day.isoformat()

    @property
    def words(self) -> tuple[str, str, str]:
        """Weekday, day of the month and month, as the strip shows them: ("Fri", "27", "Nov")."""
        return self.day.strftime("%a"), str(self.day.day), self.day.strftime("%b")


def last_bookable_day(definition: Definition | None, today: date) -> date:
    """The last day the service takes bookings for: its max_advance_days, else one window."""
    if definition and definition.max_advance_days is not None:
        return today + timedelta(days=max(definition.max_advance_days, 0))
    return today + timedelta(days=MAX_RANGE_DAYS - 1)


def window_start(today: date, day: date | None) -> date:
    """The first day of the availability window (MAX_RANGE_DAYS from today on) holding day."""
    if day is None or day <= today:
        return today
    return today + timedelta(days=(day - today).days // MAX_RANGE_DAYS * MAX_RANGE_DAYS)


def window_before(start: date) -> date:
    """The first day of the window before the one starting on start."""
    return start - timedelta(days=MAX_RANGE_DAYS)


def window_end(start: date, last: date) -> date:
    """The window's last day: one range read's days, never past the last bookable day."""
    return min(start + timedelta(days=MAX_RANGE_DAYS - 1), last)


def date_strip(
    *, start: date, last: date, open_days: list[date] | None, chosen: date | None = None
) -> list[StripDay]:
    """The strip's days from start to last; without open days known, every day can be tried.

    A chosen day outside the strip (a link to a later date) is added at its end.
    """
    days = []
    day = start
    open_set = set(open_days) if open_days is not None else None
    while day <= last:
        if open_set is None or day in open_set:
            days.append(StripDay(day, bookable=True, chosen=day == chosen))
        else:
            days.append(StripDay(day, bookable=False, reason="no free times", chosen=day == chosen))
        day += timedelta(days=1)
    if chosen is not None and not start <= chosen <= last:
        days.append(StripDay(chosen, bookable=True, chosen=True))
    return days
