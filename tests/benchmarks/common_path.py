"""The common path as a staff member takes it, at a person's pace, against its physical minimum.

Service, search, customer, store, staff, day, time, book, with the store remembered from the
booking before and about BENCH_PACE_SECONDS between taps. "Fresh": the portal's cache is
emptied just before the service is chosen; "warm": the same path again at once. For each step:
the Omneo calls it waited for, its sequential round trips, the calls read ahead in the
background since the last answer of that worker (never waited for), and its time. The physical
minimum is three round trips: the service's reads, the search, the create.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field

from booking_portal.sandbox import data
from booking_portal.staff.models import RememberedStore
from tests.benchmarks.omneo_calls import round_trips, waited_for
from tests.benchmarks.recorded_portal import COLD_HEADER, calls_of

PACE = float(os.environ.get("BENCH_PACE_SECONDS", "1.0"))
MINIMUM_WAITS = 3  # choosing the service, the search, the create
AVA = data.demo_uuid("customer:Ava.Nguyen")
TOKEN = re.compile(r'name="form_token" value="([0-9a-f-]{36})"')
SLOT = re.compile(r'name="slot" value="([0-9T:-]{16})"')
SEALS = re.compile(r'name="(choices_seal|people_seal)" value="([^"]+)"')
STAFF_SELECT = re.compile(r'<select name="staff".*?</select>', re.S)
OPTION = re.compile(r'<option value="([0-9a-f-]{36})"')
# A day of the strip with free times (days without are disabled); the one shown is checked.
OPEN_DAY = re.compile(r'name="date" value="(\d{4}-\d{2}-\d{2})" id="day-[\d-]+"(?: checked)?>')
SHOWN_DAY = re.compile(
    r'name="date" value="(\d{4}-\d{2}-\d{2})"(?: id="day-[\d-]+")? checked|'
    r'type="hidden" name="date" value="(\d{4}-\d{2}-\d{2})"'
)


@dataclass(frozen=True)
class Path:
    """A service booked at a remembered store; its first question's answer."""

    name: str
    definition: int
    store: int
    answer: str

    @property
    def zone(self) -> str:
        return data.LOCATIONS[self.store]["timezone"] or ""


PATHS = (
    Path("styling (staff) at store 13", definition=2, store=13, answer="wedding"),
    Path("fitting at store 15", definition=1, store=15, answer="suit"),
)


@dataclass
class StepFigures:
    """One step of the path, over the rounds."""

    trips: list[int] = field(default_factory=list)
    calls: list[int] = field(default_factory=list)
    ahead: list[int] = field(default_factory=list)
    times: list[float] = field(default_factory=list)


def walk(bench, path: Path, *, fresh: bool, figures: dict[str, StepFigures]) -> None:
    """One booking along the path; each step's figures added to figures."""
    RememberedStore.objects.update_or_create(
        user__username="bench",
        defaults={"location_id": path.store, "timezone": path.zone, "user": bench.user},
    )
    bench.sign_in()  # a new session reads the remembered store
    page = bench.send("GET", "/book/").text
    form = {"form_token": TOKEN.search(page).group(1), **dict(SEALS.findall(page))}
    form["profile_search"] = ""

    def tap(step: str, method: str, url: str, *, cold: bool = False, **changes: str) -> str:
        form.update(changes)
        time.sleep(PACE)
        headers = {COLD_HEADER: "1"} if cold else {}
        if url.startswith("/book/parts/"):
            headers["HX-Request"] = "true"
        started = time.perf_counter()
        if method == "GET":
            response = bench.send("GET", url, params=form, headers=headers)
        else:
            posted = {**form, "csrfmiddlewaretoken": bench.session.cookies["csrftoken"]}
            response = bench.send("POST", url, data=posted, headers=headers)
        took = time.perf_counter() - started
        assert response.status_code in (200, 302), (step, response.status_code)
        calls = calls_of(response.headers)
        figure = figures.setdefault(step, StepFigures())
        figure.trips.append(round_trips(calls))
        figure.calls.append(len(waited_for(calls)))
        figure.ahead.append(len(calls) - len(waited_for(calls)))
        figure.times.append(took)
        form.update(SEALS.findall(response.text))
        return response.text

    html = tap(
        "service", "GET", "/book/parts/choices/", cold=fresh, definition=str(path.definition)
    )
    form["location"] = str(path.store)
    shown = SHOWN_DAY.search(html)
    form["date"] = next((day for day in shown.groups() if day), "") if shown else ""
    form["staff"] = ""
    tap("search", "GET", "/book/parts/customers/", profile_search="ava")
    tap("customer", "GET", "/book/parts/customers/", profile=AVA)
    html = tap("store", "GET", "/book/parts/times/", location=str(path.store))
    staff = OPTION.findall(STAFF_SELECT.search(html).group(0)) if STAFF_SELECT.search(html) else []
    if staff:
        html = tap("staff", "GET", "/book/parts/times/", staff=staff[0])
    days = [day for day in OPEN_DAY.findall(html) if day != form["date"]]
    html = tap("day", "GET", "/book/parts/times/", date=days[0] if days else form["date"])
    slots = SLOT.findall(html)
    figures.setdefault("time (in the page)", StepFigures()).trips.append(0)
    tap("book", "POST", "/book/", slot=slots[-1], **{"answers-0-value": path.answer})


def run_paths(bench, rounds: int) -> None:
    """Each path fresh then warm, over the rounds; the table of steps and the waits in all."""
    print(f"\nThe common path at a person's pace ({PACE:.1f} s between taps), store remembered:")
    for path in PATHS:
        for warmth, fresh in (("fresh cache", True), ("warm", False)):
            figures: dict[str, StepFigures] = {}
            for _ in range(rounds):
                walk(bench, path, fresh=fresh, figures=figures)
            report(f"{path.name}, {warmth}", figures)


def report(title: str, figures: dict[str, StepFigures]) -> None:
    print(f"  {title}")
    print(f"    {'step':<20} {'calls':>6} {'trips':>6} {'read ahead':>11} {'time ms':>8}")
    waits = total = 0
    for step, figure in figures.items():
        trips = max(figure.trips)
        waits += trips > 0
        total += trips
        if not figure.times:
            print(f"    {step:<20} {'—':>6} {0:>6} {'—':>11} {'no request':>8}")
            continue
        ms = sorted(figure.times)[len(figure.times) // 2] * 1000
        print(
            f"    {step:<20} {max(figure.calls):>6} {trips:>6} {max(figure.ahead):>11} {ms:>8.0f}"
        )
    print(
        f"    steps that waited for Omneo: {waits} (minimum {MINIMUM_WAITS}); "
        f"round trips in all: {total} (minimum {MINIMUM_WAITS})"
    )
