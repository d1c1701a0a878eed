"""The store's day as a page: the chosen store and date, its appointments by hour, the waitlist."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.http import QueryDict

from booking_portal.common.display import status_in_words
from booking_portal.common.input_rules import parse_positive_id
from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.reads import appointments, catalogue, profiles
from booking_portal.omneo.reads.side_by_side import read_side_by_side
from booking_portal.omneo.resources import Appointment, Location, Person, WaitlistEntry
from booking_portal.staff.links import omneo_staff_id_of
from booking_portal.staff.scopes import NO_STORES, store_scope
from booking_portal.writes.models import AppointmentWrite, BookingAttempt
from booking_portal.writes.selectors import unsettled_writes

from . import messages
from .forms import DayForm, StatusActionForm, WaitlistAddForm
from .openings import Opening, openings_on
from .seen import seen_seal
from .transitions import actions_offered, one_press_actions
from .waitlist import WaitingCustomer


@dataclass(frozen=True)
class Row:
    """One appointment as the day shows it, with the actions its status offers."""

    appointment: Appointment
    status_words: str
    seal: str
    buttons: list[tuple[str, str]]
    token_form: StatusActionForm
    offers_more: bool
    unsettled: AppointmentWrite | None = None  # a change Omneo may or may not have taken

    @property
    def unsettled_text(self) -> str:
        if self.unsettled is None:
            return ""
        return messages.WRITE_UNSETTLED.format(kind=self.unsettled.get_kind_display())

    @property
    def awaiting(self) -> bool:
        return self.appointment.status == "requested"


def appointment_row(
    appointment: Appointment, zone: ZoneInfo, unsettled: AppointmentWrite | None = None
) -> Row:
    """The appointment's row, its actions signed with what it shows (times in `zone`)."""
    offered = actions_offered(appointment.status)
    buttons = [] if unsettled else one_press_actions(appointment.status)
    return Row(
        unsettled=unsettled,
        appointment=appointment,
        status_words=status_in_words(appointment.status),
        seal=seen_seal(appointment, zone),
        buttons=buttons,
        token_form=StatusActionForm.fresh(),
        offers_more=len(offered) > len(buttons),
    )


@dataclass(frozen=True)
class WaitingRow:
    """One waitlist entry as the day shows it, naming its service."""

    entry: WaitlistEntry
    service: str


def waiting_rows(
    entries: Sequence[WaitlistEntry], services: Sequence[tuple[int, str]]
) -> list[WaitingRow]:
    """The entries with their services' names (Omneo may send only the definition's id)."""
    names = dict(services)
    return [
        WaitingRow(
            entry=entry,
            service=entry.definition_name
            or names.get(entry.appointment_definition_id, "")
            or f"Service {entry.appointment_definition_id}",
        )
        for entry in entries
    ]


@dataclass
class DayPage:
    form: DayForm
    stores: list[Location] = field(default_factory=list)
    location: Location | None = None
    on: date | None = None
    staff_id: str = ""
    status: str = ""
    day: appointments.StoreDay | None = None
    hours: list[tuple[datetime, list[Row]]] = field(default_factory=list)
    problem: str = ""
    waitlist: list[WaitingRow] | None = None
    waitlist_problem: str = ""
    waitlist_form: WaitlistAddForm | None = None
    openings: list[Opening] = field(default_factory=list)
    printing: bool = False
    my_staff_id: str = ""  # the signed-in associate's Omneo staff id, when linked
    mine: bool = False

    @property
    def query(self) -> str:
        """The filters as a query string, so the refreshed list keeps them."""
        params = self._params()
        if self.mine:
            params["mine"] = "1"
        elif self.staff_id:
            params["staff"] = self.staff_id
        return params.urlencode()

    @property
    def everyone_query(self) -> str:
        """The same store, day and status for everyone."""
        return self._params().urlencode()

    @property
    def mine_query(self) -> str:
        """The same store, day and status, only the associate's own appointments."""
        params = self._params()
        params["mine"] = "1"
        return params.urlencode()

    def _params(self) -> QueryDict:
        params = QueryDict(mutable=True)
        if self.location:
            params["location"] = str(self.location.id)
        if self.on:
            params["date"] = self.on.isoformat()
        if self.status:
            params["status"] = self.status
        return params


def default_location(*, user: Any, locations: Sequence[Location]) -> Location | None:
    """The store of the user's most recent booking attempt, else the first store."""
    last = (
        BookingAttempt.objects.filter(booked_by=user)
        .order_by("-created_at")
        .values_list("location_id", flat=True)
        .first()
    )
    by_id = {store.id: store for store in locations}
    return by_id.get(last) if last in by_id else next(iter(locations), None)


def _choose(page: DayPage, *, user: Any, source: QueryDict) -> None:
    form = page.form
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    chosen = data.get("location") if "location" not in form.errors else None
    by_id = {store.id: store for store in page.stores}
    page.location = by_id.get(chosen) or default_location(user=user, locations=page.stores)
    if page.location is None:
        return
    page.on = data.get("date") or appointments.store_today(page.location)
    page.my_staff_id = omneo_staff_id_of(user)
    page.mine = bool(data.get("mine") and page.my_staff_id)
    page.staff_id = page.my_staff_id if page.mine else data.get("staff") or ""
    page.status = data.get("status") or ""


def day_page(
    *,
    user: Any,
    source: QueryDict,
    with_waitlist: bool = True,
    waitlist_form: Any = None,
    waiting_customer: WaitingCustomer | None = None,
    dismissed: Sequence[str] = (),
) -> DayPage:
    """Read the stores (cached), then the day and the waitlist side by side.

    Only the user's own stores are offered (a booking admin's: every store).
    """
    try:
        stores = catalogue.location_list()
    except OmneoError:
        return DayPage(form=DayForm(source), problem=messages.STORES_UNAVAILABLE)
    scope = store_scope(user)
    stores = scope.only(stores, key=lambda store: store.id)
    if not scope.every_store and not stores:
        return DayPage(form=DayForm(source), problem=NO_STORES)
    page = DayPage(
        form=DayForm(source, stores=[(store.id, store.name) for store in stores]),
        stores=stores,
        printing=source.get("print") == "1",
    )
    _choose(page, user=user, source=source)
    if page.location is None or page.on is None:
        return page
    location, on = page.location, page.on
    reads: dict[str, Callable[[], Any]] = {
        "day": lambda: appointments.store_day(
            location=location, on=on, staff_id=page.staff_id, status=page.status
        )
    }
    with_waitlist = with_waitlist and not page.printing  # the printed day shows no waitlist
    if with_waitlist:
        reads["waitlist"] = lambda: appointments.waitlist_active(location_id=location.id)
    results = read_side_by_side(reads)
    if isinstance(results["day"], OmneoError):
        page.problem = messages.DAY_UNAVAILABLE
    else:
        page.day = results["day"]
        ids = [a.id for group in page.day.hours for a in group.appointments]
        unsettled = unsettled_writes(appointment_ids=ids)
        page.hours = [
            (
                group.starts,
                [
                    appointment_row(a, page.day.zone, unsettled.get(a.id))
                    for a in group.appointments
                ],
            )
            for group in page.day.hours
        ]
    if with_waitlist:
        services = waitlist_services()
        if isinstance(results["waitlist"], OmneoError):
            page.waitlist_problem = messages.WAITLIST_UNAVAILABLE
        else:
            page.waitlist = waiting_rows(results["waitlist"], services)
            if page.day is not None:
                page.openings = openings_on(
                    appointments=page.day.everything,
                    waiting=[(row.entry, row.service) for row in page.waitlist],
                    zone=page.day.zone,
                    dismissed=dismissed,
                )
        page.waitlist_form = waitlist_form or _waitlist_form(source, services, waiting_customer)
    return page


def _waitlist_form(
    source: QueryDict, services: list[tuple[int, str]], customer: WaitingCustomer | None
) -> WaitlistAddForm:
    """A fresh add-to-waitlist form; from the booking page, filled with its service and customer."""
    definition = parse_positive_id(source.get("waitlist_definition", ""))
    if customer is None or definition is None:
        return WaitlistAddForm.fresh(services=services)  # type: ignore[return-value]
    chosen = Person(id=customer.profile_id, full_name=customer.name)
    form = WaitlistAddForm.fresh(services=services, customers=[chosen])
    form.initial.update(
        {"definition": definition, "profile": customer.profile_id, "profile_search": customer.name}
    )
    return form  # type: ignore[return-value]


def waitlist_customers(term: str) -> tuple[list[Person], str]:
    """The customers matching a waitlist search, or none and why (Omneo did not answer)."""
    try:
        return profiles.profile_search(term=term), ""
    except OmneoError:
        return [], messages.CUSTOMERS_UNAVAILABLE


def waitlist_form_bound(data: QueryDict) -> WaitlistAddForm:
    """A submitted add-to-waitlist form, its customer choices from the search it carried."""
    customers, problem = waitlist_customers(data.get("profile_search", ""))
    return WaitlistAddForm(
        data, services=waitlist_services(), customers=customers, customers_problem=problem
    )


def waitlist_services() -> list[tuple[int, str]]:
    """The services for the waitlist form; none (and the form says so) if Omneo is down."""
    try:
        return [(d.id, d.name) for d in catalogue.definition_list()]
    except OmneoError:
        return []
