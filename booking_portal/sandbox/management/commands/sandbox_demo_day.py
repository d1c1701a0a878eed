"""Seed the sandbox with a demo day at every store for `make run` (never when DEBUG is off)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from booking_portal.sandbox.demo_day import seed_demo_day


class Command(BaseCommand):
    help = "Fill the sandbox's today with demo appointments and waitlist entries."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("The demo day is only seeded with DEBUG on.")
        seeded = seed_demo_day()
        self.stdout.write(
            f"  Demo day: {seeded.appointments} appointments, "
            f"{seeded.waitlist_entries} waitlist entries (see Today)"
        )
