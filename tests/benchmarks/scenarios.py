"""The steps a staff member takes to book, as the browser sends them, each timed cold and warm.

Cold: the portal's cache is emptied first. Warm: the same request again at once. Calls read
ahead in the background are not waits (common_path.py reports them). For each step: Omneo
calls, sequential round trips, time (the round trip as the browser waits for it), that time
less Omneo's, the portal's own time (measured inside the portal: the request reaching it to
its answer, less Omneo's time, so the bench's own HTTP client is not counted), the processor
time its thread used, and the ratio to the minimum (one raw round trip per round trip the step
cannot do without). The portal reports its Omneo calls in a header (recorded_portal.py), so it
may run here or in a gunicorn of its own.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import requests
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.utils import timezone

from booking_portal.omneo.client import OmneoClient
from booking_portal.sandbox import data
from booking_portal.staff.roles import STORE_STAFF
from booking_portal.writes.creates import store_appointment_from_payload
from booking_portal.writes.models import BookingAttempt
from tests.benchmarks.bench_report import python_speed_ms, report
from tests.benchmarks.common_path import run_paths
from tests.benchmarks.omneo_calls import omneo_seconds, round_trips, waited_for
from tests.benchmarks.recorded_portal import (
    COLD_HEADER,
    calls_of,
    cpu_seconds_of,
    portal_seconds_of,
)

AVA = data.demo_uuid("customer:Ava.Nguyen")
TOKEN = re.compile(r'name="form_token" value="([0-9a-f-]{36})"')
SLOT = re.compile(r'name="slot" value="([0-9T:-]{16})"')
SEALS = re.compile(r'name="(choices_seal|people_seal)" value="([^"]+)"')
STAFF_SELECT = re.compile(r'<select name="staff".*?</select>', re.S)
OPTION = re.compile(r'<option value="([0-9a-f-]{36})"')
STATIC = re.compile(r'(?:href|src)="(/static/[^"]+)"')
PASSWORD = "bench-password-1"


@dataclass
class Figures:
    """One step's measurements over the rounds, cold and warm."""

    minimum_trips: int
    times: dict[str, list[float]] = field(default_factory=lambda: {"cold": [], "warm": []})
    own: dict[str, list[float]] = field(default_factory=lambda: {"cold": [], "warm": []})
    inside: dict[str, list[float]] = field(default_factory=lambda: {"cold": [], "warm": []})
    cpu: dict[str, list[float]] = field(default_factory=lambda: {"cold": [], "warm": []})
    calls: dict[str, list[int]] = field(default_factory=lambda: {"cold": [], "warm": []})
    trips: dict[str, list[int]] = field(default_factory=lambda: {"cold": [], "warm": []})


class Bench:
    """A signed-in browser on the portal, and the figures of every step it takes."""

    def __init__(self, origin: str, client: OmneoClient) -> None:
        self.origin = origin
        self.client = client
        self.raw_posts: list[float] = []
        self.user = _staff_user()
        self.sign_in()
        self.figures: dict[str, Figures] = {}
        self.form: dict[str, str] = {}

    def sign_in(self) -> None:
        """A new browser session, signed in as the bench's staff member."""
        self.session = _staff_session(self.origin)

    def send(
        self, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> requests.Response:
        return self.session.request(
            method,
            f"{self.origin}{path}",
            timeout=60,
            allow_redirects=False,
            headers=headers or {},
            **kwargs,
        )

    def timed(
        self,
        step: str,
        warmth: str,
        minimum: int,
        send: Callable[[dict[str, str]], requests.Response],
    ) -> requests.Response:
        """Send once (cold: the portal's cache emptied first); its Omneo calls and its time."""
        headers = {COLD_HEADER: "1"} if warmth == "cold" else {}
        started = time.perf_counter()
        response = send(headers)
        took = time.perf_counter() - started
        calls = calls_of(response.headers)
        figures = self.figures.setdefault(step, Figures(minimum))
        figures.times[warmth].append(took)
        figures.own[warmth].append(max(0.0, took - omneo_seconds(calls)))
        figures.inside[warmth].append(portal_seconds_of(response.headers))
        figures.cpu[warmth].append(cpu_seconds_of(response.headers))
        figures.calls[warmth].append(len(waited_for(calls)))
        figures.trips[warmth].append(round_trips(calls))
        return response

    def step(self, step: str, part: str | None, minimum: int, **changes: str) -> str:
        """An htmx part (or the whole page) asked for with the form as it now is, cold then warm."""
        self.form.update(changes)
        path = f"/book/parts/{part}/" if part else "/book/"
        htmx = {"HX-Request": "true"} if part else {}
        for warmth in ("cold", "warm"):
            response = self.timed(
                step,
                warmth,
                minimum,
                lambda cold: self.send("GET", path, params=self.form, headers={**htmx, **cold}),
            )
            assert response.status_code == 200, (step, response.status_code)
        self.form.update(SEALS.findall(response.text))
        return response.text


def _staff_user() -> User:
    user, _ = User.objects.get_or_create(username="bench")
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=STORE_STAFF)[0])
    return user


def _staff_session(origin: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{origin}/accounts/login/", timeout=60)
    login = {"username": "bench", "password": PASSWORD}
    login["csrfmiddlewaretoken"] = session.cookies["csrftoken"]
    session.post(f"{origin}/accounts/login/", data=login, timeout=60).raise_for_status()
    return session


def _day(offset: int, location_id: int) -> date:
    zone = ZoneInfo(data.LOCATIONS[location_id]["timezone"])
    return (timezone.now().astimezone(zone) + timedelta(days=offset)).date()


def fitting_flow(bench: Bench, round_number: int) -> None:
    """Service, customer, store, date, submit: the fitting at store 15."""
    bench.form = {}
    first = bench.step("open the page", None, 1)
    bench.form = {"form_token": TOKEN.search(first).group(1), **dict(SEALS.findall(first))}
    bench.form.update(definition="", profile_search="", location="", date="", staff="")
    bench.step("choose service", "choices", 1, definition="1")
    bench.step("type a customer search", "customers", 1, profile_search="ava")
    bench.step("pick a customer", "customers", 0, profile=AVA)
    day = _day(3 + 2 * round_number, 15)
    bench.step("choose store", "times", 1, location="15", date=day.isoformat())
    page = bench.step("change date", "times", 1, date=(day + timedelta(days=1)).isoformat())
    submit(bench, page, "cold")
    bench.form.pop("form_token")
    page = bench.send("GET", "/book/", params=bench.form).text  # a fresh form, not timed
    bench.form.update(SEALS.findall(page), form_token=TOKEN.search(page).group(1))
    submit(bench, page, "warm", index=-1)


def staff_flow(bench: Bench, round_number: int) -> None:
    """A service that needs a staff member: service, store, then the staff member."""
    day = _day(2 + round_number, 13)
    bench.form.update(definition="", location="", staff="", date=day.isoformat(), profile="")
    bench.step("choose service (staff)", "choices", 1, definition="2")
    page = bench.step("choose store (staff)", "times", 1, location="13")
    staff = OPTION.findall(STAFF_SELECT.search(page).group(0))
    bench.step("choose staff", "times", 1, staff=staff[round_number % len(staff)])


def submit(bench: Bench, page: str, warmth: str, index: int = 0) -> None:
    slots = SLOT.findall(page)
    form = {**bench.form, "slot": slots[index], "answers-0-value": "suit"}
    form["csrfmiddlewaretoken"] = bench.session.cookies["csrftoken"]
    response = bench.timed(
        "submit", warmth, 1, lambda cold: bench.send("POST", "/book/", data=form, headers=cold)
    )
    assert response.status_code == 302, (response.status_code, response.text[:2000])
    raw_post(bench)


def raw_post(bench: Bench) -> None:
    """The create alone: the body the portal just sent, moved to a free day, posted straight."""
    payload = dict(BookingAttempt.objects.latest("pk").payload)
    later = timedelta(days=20 + len(bench.raw_posts))
    for key in ("scheduled_start_at", "scheduled_end_at"):
        moment = datetime.strptime(payload[key], "%Y-%m-%d %H:%M:%S")  # noqa: DTZ007
        payload[key] = f"{moment + later:%Y-%m-%d %H:%M:%S}"
    appointment = store_appointment_from_payload(payload)
    started = time.perf_counter()
    bench.client.appointment_create(appointment)
    bench.raw_posts.append(time.perf_counter() - started)


def page_weight(bench: Bench) -> tuple[int, int]:
    """Bytes of the first load: the page's HTML and the static files it names (raw, on the wire)."""
    raw = wire = 0
    html = bench.send("GET", "/book/")
    urls = ["/book/", *STATIC.findall(html.text)]
    for url in urls:
        response = bench.session.get(
            f"{bench.origin}{url}", headers={"Accept-Encoding": "gzip, br"}, stream=True
        )
        body = response.raw.read(decode_content=False)
        wire += len(body)
        raw += len(response.content) if not body else len(_decoded(response, body))
    return raw, wire


def _decoded(response: requests.Response, body: bytes) -> bytes:
    encoding = response.headers.get("Content-Encoding", "")
    if encoding == "gzip":
        import gzip

        return gzip.decompress(body)
    if encoding == "br":
        import brotli

        return brotli.decompress(body)
    return body


def arm_latency(omneo_url: str, seconds: float) -> None:
    """A latency fault on every sandbox path, GET and POST (an empty suffix matches any path)."""
    for method in ("GET", "POST"):
        requests.post(
            f"{omneo_url}/_faults",
            json={
                "kind": "latency",
                "method": method,
                "path_suffix": "",
                "times": 10**7,
                "seconds": seconds,
            },
            headers={"Authorization": f"Bearer {settings.OMNEO_API_TOKEN}"},
            timeout=60,  # the sandbox's first request builds its demo data
        ).raise_for_status()


def run_scenarios(*, origin: str, omneo_url: str, latency: float, rounds: int) -> None:
    client = OmneoClient(base_url=omneo_url, token=settings.OMNEO_API_TOKEN, read_retries=0)
    if latency:
        arm_latency(omneo_url, latency)
    print(f"Omneo latency {latency * 1000:.0f} ms on every call; {rounds} rounds; medians.")
    speeds = [python_speed_ms()]
    trips = []
    for _ in range(7):
        started = time.perf_counter()
        client.definition_questions(1)
        trips.append(time.perf_counter() - started)
    bench = Bench(origin, client)
    for number in range(rounds):
        fitting_flow(bench, number)
        staff_flow(bench, number)
        speeds.append(python_speed_ms())
    report(bench.figures, statistics.median(trips), page_weight(bench), bench.raw_posts)
    run_paths(bench, rounds)
    print(
        "Machine speed check (one fixed Python loop before the rounds and after each; lower is "
        f"faster): {' '.join(f'{speed:.0f}' for speed in speeds)} ms"
    )
