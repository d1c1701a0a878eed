"""Free times: a day's and a month's, kept a few seconds and forgotten on booking."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.calls.availability import MAX_RANGE_DAYS
from booking_portal.omneo.resources import Appointment, DaySlots, Definition, Location, Slot
from booking_portal.omneo.timeparse import zone_or_default

from .cache import bump_generation, cache_key, cached_value, generation, read_through, warm

SLOT_SECONDS = 5  # a time can be taken at any moment
GENERATION_KEEP_SECONDS = 60 * 60  # outlives every times entry keyed with it


def _client(client: OmneoClient | None) -> OmneoClient:
    return client or get_omneo_client()


def _times_key(definition_id: int, location_id: int, *parts: object) -> str:
    """A times key, under the generation a booking at this store for this service moves on."""
    counter = cache_key("times-generation", definition_id, location_id)
    return cache_key("times", definition_id, location_id, generation(counter), *parts)


def slots_forget(*, definition_id: int, location_id: int) -> None:
    """Drop every cached time of the service at the store (the day's and the month's)."""
    counter = cache_key("times-generation", definition_id, location_id)
    bump_generation(counter, keep=GENERATION_KEEP_SECONDS)


def slot_list(
    *,
    definition: Definition,
    location: Location,
    on: date,
    staff_id: str | None,
    timezone: str,
    window_start: date | None = None,
    client: OmneoClient | None = None,
) -> DaySlots:
    """Free times for the day, kept a few seconds (a slot can be taken at any moment).

    Given the start of the availability window holding the day, a month of times still in the
    cache (so no older than SLOT_SECONDS) answers without asking Omneo.
    """
    if not definition.offers_slots:
        return DaySlots(timezone=timezone, slots=())
    if window_start is not None:
        key = _month_key(definition.id, location.id, window_start, staff_id, timezone)
        month = cached_value(key)
        if isinstance(month, MonthTimes) and window_start <= on <= _window_end(window_start):
            if on in month:
                return month[on]
            return DaySlots(timezone=month.timezone, slots=(), date=on)
    key = _times_key(definition.id, location.id, "day", on.isoformat(), staff_id or "any")
    return read_through(
        key,
        lambda: _client(client).available_slots(
            definition.id, location_id=location.id, on=on, staff_id=staff_id, timezone=timezone
        ),
        seconds=SLOT_SECONDS,
    )


NO_END = "-"  # a time Omneo gave no end for


@dataclass(frozen=True)
class MonthTimes(Mapping[date, DaySlots]):
    """A month of free times by store-local day, kept as one line of text per day.

    A cache hit unpickles 31 strings instead of thousands of tuples; only the day shown is
    split into times.
    """

    timezone: str | None
    by_day: dict[str, str]  # "2026-11-27" → "start end;start end;…" (end "-" when Omneo gave none)

    @classmethod
    def from_slots(cls, slots: DaySlots, zone: ZoneInfo) -> MonthTimes:
        by_day: dict[str, list[str]] = {}
        for slot in slots.slots:
            end = slot.end_at.isoformat() if slot.end_at else NO_END
            day = slot.start_at.astimezone(zone).date().isoformat()
            by_day.setdefault(day, []).append(f"{slot.start_at.isoformat()} {end}")
        days = {day: ";".join(times) for day, times in sorted(by_day.items())}
        return cls(timezone=slots.timezone, by_day=days)

    def __getitem__(self, day: date) -> DaySlots:
        slots = []
        for time in self.by_day[day.isoformat()].split(";"):
            start, end = time.split(" ")
            slots.append(
                Slot(
                    start_at=datetime.fromisoformat(start),
                    end_at=None if end == NO_END else datetime.fromisoformat(end),
                )
            )
        return DaySlots(timezone=self.timezone, slots=tuple(slots), date=day)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day.isoformat() in self.by_day

    def __iter__(self) -> Iterator[date]:
        return (date.fromisoformat(day) for day in self.by_day)

    def __len__(self) -> int:
        return len(self.by_day)


def _window_end(start: date) -> date:
    return start + timedelta(days=MAX_RANGE_DAYS - 1)


def _month_key(
    definition_id: int, location_id: int, start: date, staff_id: str | None, timezone: str
) -> str:
    parts = ("month", start.isoformat(), staff_id or "any", timezone)
    return _times_key(definition_id, location_id, *parts)


def _month_read(
    definition_id: int,
    location_id: int,
    start: date,
    staff_id: str | None,
    timezone: str,
    client: OmneoClient | None,
) -> Callable[[], MonthTimes]:
    def read() -> MonthTimes:
        slots = _client(client).available_slots_range(
            definition_id,
            location_id=location_id,
            start=start,
            end=_window_end(start),
            staff_id=staff_id,
            timezone=timezone,
        )
        return MonthTimes.from_slots(slots, zone_or_default(slots.timezone, default=timezone))

    return read


def month_times(
    *,
    definition: Definition,
    location: Location,
    start: date,
    staff_id: str | None,
    timezone: str,
    client: OmneoClient | None = None,
) -> MonthTimes:
    """Each store-local day's free times in the month from start: one range call of 31 days.

    It feeds the date strip (which days have times) and the first open day's times at once.
    """
    if not definition.offers_slots:
        return MonthTimes(timezone=timezone, by_day={})
    return month_times_ahead(
        definition_id=definition.id,
        location_id=location.id,
        start=start,
        staff_id=staff_id,
        timezone=timezone,
        client=client,
    )


def month_times_ahead(
    *,
    definition_id: int,
    location_id: int,
    start: date,
    staff_id: str | None,
    timezone: str,
    client: OmneoClient | None = None,
) -> MonthTimes:
    """A month of times for a service not read yet: kept under month_times's key."""
    return read_through(
        _month_key(definition_id, location_id, start, staff_id, timezone),
        _month_read(definition_id, location_id, start, staff_id, timezone, client),
        seconds=SLOT_SECONDS,
    )


def month_times_warm(
    *, definition: Definition, location: Location, start: date, staff_id: str | None, timezone: str
) -> bool:
    """Read the month in the background unless it is cached; True when a read was started.

    It is kept SLOT_SECONDS from when Omneo answered, like any month: a step later than that
    reads it again.
    """
    if not definition.offers_slots:
        return False
    return warm(
        _month_key(definition.id, location.id, start, staff_id, timezone),
        _month_read(definition.id, location.id, start, staff_id, timezone, None),
        fresh=SLOT_SECONDS,
        keep=SLOT_SECONDS,
    )


def reschedule_times(
    *, appointment: Appointment, zone: ZoneInfo, on: date, client: OmneoClient | None = None
) -> list[datetime]:
    """Free start times for the appointment's service, store and staff on `on`, in `zone`."""
    day = _client(client).available_slots(
        appointment.appointment_definition_id,
        location_id=appointment.location_id,
        on=on,
        staff_id=appointment.assigned_staff_id,
        timezone=zone.key,
    )
    return [slot.start_at.astimezone(zone) for slot in day.slots]
