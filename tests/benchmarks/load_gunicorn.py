"""Load: staff sessions booking at once through gunicorn, with Omneo answering 150 ms late.

Run with `make load` (or `python tests/benchmarks/load_gunicorn.py --users 30 --rounds 3`).
Staff pause between taps as people do (--think-ms, 2 s on average, jittered); --think-ms 0
sends each request as soon as the last answered, a stress test rather than a counter.
It starts, on free loopback ports and with a throw-away SQLite database, the sandbox double as
its own gunicorn (every answer delayed --latency-ms) and the portal with the repo's gunicorn
config (WEB_CONCURRENCY, WEB_THREADS and GUNICORN_CMD_ARGS are passed through). Each session
opens the booking page, searches customers and books; it prints p50/p95 for one user, then all,
and the processor time the portal's and the double's gunicorn processes used per request (Linux).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.benchmarks.bench_booking import free_port  # noqa: E402
from tests.benchmarks.load_servers import (  # noqa: E402
    LOOPBACK,
    Served,
    gunicorn,
    prepare_database,
    server_env,
)

TOKEN = re.compile(r'name="form_token" value="([0-9a-f-]{36})"')
SLOT = re.compile(r'name="slot" value="([0-9T:-]{16})"')
SEALS = re.compile(r'name="(choices_seal|people_seal)" value="([^"]+)"')
STEPS = ("GET /book/ (page)", "GET customers part", "POST /book/ + confirmation")
REQUEST_TIMEOUT = 30
THINK = {"ms": 2000}  # a person's pause between taps, on average (set from --think-ms)
Timings = defaultdict[str, list[float]]


def staff_session(
    origin: str, session_key: str, day_offset: int, rounds: int, timings: Timings
) -> None:
    """One member of staff: open the page, search customers, book; `rounds` times."""
    try:
        _book_rounds(origin, session_key, day_offset, rounds, timings)
    except Exception as exc:  # a benchmark reports failures, it does not stop on them
        timings["errors"].append(0.0)
        print(f"  session failed: {exc!r}", file=sys.stderr)


def _book_rounds(
    origin: str, session_key: str, day_offset: int, rounds: int, timings: Timings
) -> None:
    from django.utils import timezone

    from booking_portal.sandbox import data

    http = requests.Session()
    http.cookies.set("sessionid", session_key, domain=LOOPBACK)
    ava = data.demo_uuid("customer:Ava.Nguyen")
    for number in range(rounds):
        # A day of this session's own at a different store each round: no two bookings collide.
        location = 13 + number % 4
        day = (timezone.now() + timedelta(days=3 + day_offset)).date().isoformat()
        params = {"definition": 1, "location": location, "date": day, "profile_search": "ava"}
        page = timed(timings, STEPS[0], http.get, f"{origin}/book/", params=params)
        timed(
            timings,
            STEPS[1],
            http.get,
            f"{origin}/book/parts/customers/",
            params={"profile_search": "ol"},
            headers={"HX-Request": "true"},
        )
        slots = SLOT.findall(page.text)
        form = {
            "csrfmiddlewaretoken": http.cookies["csrftoken"],
            "form_token": TOKEN.search(page.text).group(1),
            "definition": "1",
            "profile": ava,
            "location": str(location),
            "date": day,
            "slot": slots[len(slots) // 2],
            "answers-0-value": "suit",
            **dict(SEALS.findall(page.text)),
        }
        done = timed(timings, STEPS[2], http.post, f"{origin}/book/", data=form)
        if 'data-testid="heading">Booked<' not in done.text:
            timings["refused bookings"].append(done.status_code)
            if len(timings["refused bookings"]) == 1:
                print(f"  first refusal: {_refusal(done.text)}", file=sys.stderr)


def _refusal(page: str) -> str:
    """The first error the page shows, in brief."""
    found = re.search(r'class="[^"]*(?:invalid-feedback|alert)[^"]*"[^>]*>(.*?)</', page, re.S)
    return " ".join(found.group(1).split())[:300] if found else page[:300]


def timed(
    timings: Timings, step: str, send: Callable[..., requests.Response], url: str, **kwargs: object
) -> requests.Response:
    if THINK["ms"]:  # the person reads the page, then taps: half to one and a half pauses
        time.sleep(THINK["ms"] / 1000 * random.uniform(0.5, 1.5))  # noqa: S311 - not security
    started = time.perf_counter()
    response = send(url, timeout=REQUEST_TIMEOUT, **kwargs)
    timings[step].append((time.perf_counter() - started) * 1000)
    if response.status_code >= 500:
        response.raise_for_status()
    return response


def warm_up(origin: str, keys: list[str]) -> None:
    """Every session opens each store's page once, at once: every worker's cache gets filled."""

    def open_pages(key: str) -> None:
        http = requests.Session()
        http.cookies.set("sessionid", key, domain=LOOPBACK)
        for location in range(13, 17):
            params = {"definition": 1, "location": location, "profile_search": "ol"}
            http.get(f"{origin}/book/", params=params, timeout=REQUEST_TIMEOUT)

    threads = [threading.Thread(target=open_pages, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT * 4)


def run_sessions(
    origin: str, keys: list[str], *, rounds: int, day_offset: int = 0
) -> tuple[Timings, float]:
    """All sessions at once (one thread each); the timings and the wall-clock seconds."""
    timings: Timings = defaultdict(list)
    threads = [
        threading.Thread(target=staff_session, args=(origin, key, day_offset + i, rounds, timings))
        for i, key in enumerate(keys)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT * rounds * 3)
    return timings, time.perf_counter() - started


def measured(
    servers: dict[str, Served], run: Callable[[], tuple[Timings, float]]
) -> tuple[Timings, float, dict[str, float | None]]:
    """Run the sessions; their timings, wall seconds and each server's processor seconds."""
    before = {name: served.cpu_seconds() for name, served in servers.items()}
    timings, seconds = run()
    used = {}
    for name, served in servers.items():
        after = served.cpu_seconds()
        used[name] = None if after is None or before[name] is None else after - before[name]
    return timings, seconds, used


def report(label: str, timings: Timings, seconds: float, cpu: dict[str, float | None]) -> None:
    count = sum(len(timings[step]) for step in STEPS)
    print(f"{label}: {count} requests in {seconds:.1f} s ({count / seconds:.1f} req/s)")
    per_request = [
        f"{name} {used * 1000 / count:.1f} ms" for name, used in cpu.items() if used and count
    ]
    if per_request:
        print(f"  processor time per request: {', '.join(per_request)}")
    for step in (*STEPS, "all requests"):
        values = sorted(timings[step] if step in STEPS else [v for s in STEPS for v in timings[s]])
        if not values:
            continue
        p95 = values[max(0, round(0.95 * len(values)) - 1)]
        print(
            f"  {step:<30} n={len(values):<4} p50={statistics.median(values):7.0f}  "
            f"p95={p95:7.0f}  max={values[-1]:7.0f} ms"
        )
    for problem in ("refused bookings", "errors"):
        if timings[problem]:
            print(f"  {problem}: {len(timings[problem])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--latency-ms", type=int, default=150)
    parser.add_argument("--think-ms", type=int, default=2000, help="pause between taps (mean)")
    args = parser.parse_args()
    THINK["ms"] = max(0, args.think_ms)
    if not 1 <= args.users <= 40:
        parser.error(
            "--users must be 1 to 40: each session books days of its own, 60 days ahead at most"
        )
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="portal-load-")))
        (workdir / "secret").write_text(secrets.token_urlsafe(50))
        keys = prepare_database(server_env(workdir), args.users)
        # The double is sized never to be the bottleneck: many threads, no latency of its own.
        double = stack.enter_context(
            gunicorn(
                "tests.benchmarks.slow_sandbox:application",
                free_port(),
                server_env(workdir),
                workdir / "sandbox.log",
                WEB_CONCURRENCY="2",
                WEB_THREADS="64",
                SANDBOX_LATENCY_MS=str(args.latency_ms),
                GUNICORN_CMD_ARGS="",
            )
        )
        portal_env = server_env(workdir, omneo_base_url=f"{double}/sandbox/api")
        origin = stack.enter_context(
            gunicorn("booking_portal.wsgi", free_port(), portal_env, workdir / "portal.log")
        )
        print(
            f"portal: workers={os.environ.get('WEB_CONCURRENCY', '2')} "
            f"threads={os.environ.get('WEB_THREADS', '16')} "
            f"extra={os.environ.get('GUNICORN_CMD_ARGS', '')!r}; "
            f"Omneo latency {args.latency_ms} ms; staff pause {THINK['ms']} ms between taps"
        )
        # Warm caches and connections, then one user, then everyone; each books days of its own.
        warm_up(origin, keys)
        servers = {"portal": origin, "Omneo double": double}
        alone = measured(
            servers,
            lambda: run_sessions(origin, keys[:1], rounds=args.rounds, day_offset=args.users + 5),
        )
        report("1 user", *alone)
        everyone = measured(servers, lambda: run_sessions(origin, keys[1:], rounds=args.rounds))
        report(f"{args.users} users", *everyone)


if __name__ == "__main__":
    main()
