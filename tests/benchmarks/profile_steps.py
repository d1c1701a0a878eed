"""Profile: the portal's own cost per warm booking step, in this process, DEBUG off.

Run with `.venv/bin/python tests/benchmarks/profile_steps.py [--repeat 40] [--profile]`.
The sandbox is served by gunicorn in its own process with no latency (as in bench_booking.py);
the portal runs here under Django's test client, with production settings (DEBUG off, cached
templates). Per step it prints the SQL queries and the mean milliseconds of a warm request;
with --profile, the functions that took the most time over all steps (cProfile, cumulative).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.benchmarks.bench_booking import TOKEN, sandbox  # noqa: E402

EXTRA: dict = {}
FORM_TOKEN = re.compile(r'name="form_token" value="([0-9a-f-]{36})"')
SEALS = re.compile(r'name="(choices_seal|people_seal)" value="([^"]+)"')
SLOT = re.compile(r'name="slot" value="([0-9T:-]{16})"')


def configure(database: Path, omneo_url: str) -> None:
    """Production settings for this process, before Django reads them."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="booking_portal.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{database}",
        OMNEO_BASE_URL=omneo_url,
        OMNEO_API_TOKEN=TOKEN,
        LOG_LEVEL="WARNING",
    )


def booking_steps(client, ava: str) -> list[tuple[str, Callable[[], object]]]:
    """The bench's warm steps, each a callable sending one request as the browser would."""
    from django.utils import timezone

    htmx = {"headers": {"HX-Request": "true", **EXTRA}}
    page = client.get("/book/").content.decode()
    form = {"form_token": FORM_TOKEN.search(page).group(1), **dict(SEALS.findall(page))}
    day = (timezone.now() + timezone.timedelta(days=5)).date().isoformat()
    steps: list[tuple[str, dict[str, str], str | None]] = [
        ("open the page", {}, None),
        ("choose service", {"definition": "1"}, "choices"),
        ("type a customer search", {"profile_search": "ava"}, "customers"),
        ("pick a customer", {"profile": ava}, "customers"),
        ("choose store", {"location": "15", "date": day}, "times"),
    ]
    sent = []
    for name, changes, part in steps:
        form.update(changes)
        path = f"/book/parts/{part}/" if part else "/book/"
        params = dict(form)
        kwargs = htmx if part else {"headers": EXTRA}
        response = client.get(path, params, **kwargs)
        assert response.status_code == 200, (name, response.status_code)
        body = response.content
        if response.get("Content-Encoding") == "gzip":
            import gzip

            body = gzip.decompress(body)
        form.update(SEALS.findall(body.decode()))
        sent.append((name, partial(client.get, path, params, **kwargs)))
    return sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--step", help="profile only this step (default: every step)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir, sandbox(Path(workdir)) as omneo_url:
        configure(Path(workdir) / "portal.sqlite3", omneo_url)
        import django

        django.setup()
        from django.conf import settings
        from django.contrib.auth.models import Group, User
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from booking_portal.sandbox import data
        from booking_portal.staff.roles import STORE_STAFF

        call_command("migrate", verbosity=0)
        if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
            call_command("collectstatic", interactive=False, verbosity=0)
        user = User.objects.create_user(username="profile")
        user.groups.add(Group.objects.get_or_create(name=STORE_STAFF)[0])
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        steps = booking_steps(client, data.demo_uuid("customer:Ava.Nguyen"))
        profiler = cProfile.Profile() if args.profile else None
        print(f"{'step':<26} {'queries':>7} {'ms/request':>11}")
        for name, send in steps:
            send()
            with CaptureQueriesContext(connection) as captured:
                send()
            queries = [query["sql"] for query in captured.captured_queries]
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                profiling = profiler and args.step in (None, name)
                if profiling:
                    profiler.enable()
                send()
                if profiling:
                    profiler.disable()
                times.append(time.perf_counter() - started)
            print(f"{name:<26} {len(queries):>7} {statistics.median(times) * 1000:>11.2f}")
            if os.environ.get("PROFILE_SQL"):
                for query in queries:
                    print("    ", query[:160])
        if profiler:
            stats = pstats.Stats(profiler).sort_stats("cumulative")
            stats.print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
