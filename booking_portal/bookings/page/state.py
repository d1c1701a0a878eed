"""The booking page's state: what has been chosen so far, what was read, and the forms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from django.conf import settings

from booking_portal.bookings import messages
from booking_portal.bookings.answer_forms import AnswerForm
from booking_portal.bookings.error_summary import SummaryLine, summary_lines
from booking_portal.bookings.forms import BookingForm
from booking_portal.bookings.payload import BookingChoices
from booking_portal.common.customer_history import CustomerPanel
from booking_portal.omneo.resources import Definition, Location, Person

from .carried import CarriedChoices, seal_choices, seal_people
from .times import (
    StripDay,
    TimeChoice,
    date_strip,
    last_bookable_day,
    nearest_slots,
    slot_groups,
    slot_label,
    window_before,
    window_end,
)
from .words import MORE_OPTIONS, ServiceChoice, services_in_words


@dataclass
class BookingPage:
    """Everything the booking template shows."""

    form: BookingForm | None = None  # made last, once its choices are known
    answer_forms: Sequence[AnswerForm] = ()  # the answers formset once questions are known
    definition: Definition | None = None
    location: Location | None = None
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo(settings.PORTAL_DEFAULT_TIMEZONE))
    day: date | None = None
    slots: list[tuple[str, str]] = field(default_factory=list)
    slots_known: bool = False
    staff: list[Person] = field(default_factory=list)
    profiles: list[Person] = field(default_factory=list)
    profile: Person | None = None
    profiles_term: str | None = None  # the search the customers listed were found by
    open_days: list[date] = field(default_factory=list)  # days with times, from month_start
    open_days_for: str = ""
    carried: CarriedChoices = field(default_factory=CarriedChoices)
    problems: dict[str, str] = field(default_factory=dict)
    slot_note: str = ""
    day_note: str = ""  # the date sent had no times: the first day with times is shown
    month_start: date | None = None  # today where the store is: the booking window's first day
    window_start: date | None = None  # the first day of the strip's availability window
    taken_slot: str = ""  # the time Omneo said was gone, after a refused booking
    panel: CustomerPanel | None = None  # the chosen customer's appointments

    @property
    def has_errors(self) -> bool:
        return self.form.is_bound and (
            bool(self.form.errors) or any(f.errors for f in self.answer_forms)
        )

    @property
    def zone_note(self) -> str:
        """Which zone the page's dates and times are in, and why, when it is not the store's."""
        default = settings.PORTAL_DEFAULT_TIMEZONE
        if self.location is None:
            return messages.ZONE_BEFORE_STORE.format(zone=default)
        if not self.location.timezone or self.zone.key != self.location.timezone:
            return messages.ZONE_NOT_SET.format(zone=default)
        return ""

    @cached_property
    def strip(self) -> list[StripDay]:
        """The date strip: one availability window's bookable days, open ones pickable."""
        start = self.window_start or self.month_start
        if start is None or self.last_bookable is None or not (self.definition and self.location):
            return []
        known = self.open_days_for != ""
        open_days = self.open_days if known else None
        last = window_end(start, self.last_bookable)
        return date_strip(start=start, last=last, open_days=open_days, chosen=self.day)

    @property
    def earlier_days(self) -> date | None:
        """The first day of the window before the strip's, when the strip does not start today."""
        start, today = self.window_start, self.month_start
        if start is None or today is None or start <= today or not self.strip:
            return None
        return window_before(start)

    @property
    def later_days(self) -> date | None:
        """The first day of the window after the strip's, while the service still takes bookings."""
        start, last = self.window_start or self.month_start, self.last_bookable
        if start is None or last is None or not self.strip:
            return None
        after = window_end(start, last) + timedelta(days=1)
        return after if after <= last else None

    @property
    def last_bookable(self) -> date | None:
        return last_bookable_day(self.definition, self.month_start) if self.month_start else None

    @property
    def time_groups(self) -> list[tuple[str, list[TimeChoice]]]:
        chosen = str(self.form["slot"].value() or "")
        return slot_groups(self.slots, self.taken_slot, chosen)

    @cached_property
    def nearest_free(self) -> list[TimeChoice]:
        """After a time was taken: the three free times closest to it."""
        return nearest_slots(self.slots, self.taken_slot) if self.taken_slot else []

    @cached_property
    def first_nearest(self) -> str:
        """The time focus moves to after a time was taken."""
        nearest = self.nearest_free
        return nearest[0].value if nearest else ""

    @cached_property
    def focus_nearest(self) -> bool:
        """Focus goes to the nearest free time when the taken time is the only problem."""
        others = [name for name in self.form.errors if name != "slot"]
        answers = any(answer.errors for answer in self.answer_forms)
        return bool(self.first_nearest) and not others and not answers

    @property
    def summary_lines(self) -> list[SummaryLine]:
        return summary_lines(self)

    @property
    def taken_note(self) -> str:
        return messages.TIME_TAKEN.format(time=slot_label(self.taken_slot))

    @cached_property
    def services(self) -> list[ServiceChoice]:
        return services_in_words(self.form)

    @property
    def more_options_open(self) -> bool:
        """Open when a field under "More options" has an error or a value."""
        return any(self.form[name].errors or self.form[name].value() for name in MORE_OPTIONS)

    @property
    def choices_seal(self) -> str:
        return seal_choices(self.carried)

    @property
    def people_seal(self) -> str:
        return seal_people(self.profiles, term=self.profiles_term)

    def choices(self) -> BookingChoices | None:
        """The Omneo records behind a valid form, or None when one is missing."""
        staff_id = self.form.cleaned_data.get("staff")
        staff = next((person for person in self.staff if person.id == staff_id), None)
        if not (self.definition and self.location and self.profile):
            return None
        return BookingChoices(self.definition, self.location, self.zone, self.profile, staff)
