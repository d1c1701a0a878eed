"""manage.py clienteling_register --url https://booking.example.com [--dry-run]."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from booking_portal.clienteling.registration import (
    RegistrationError,
    registration_field,
    registration_send,
)
from booking_portal.omneo import OmneoClient
from booking_portal.omneo.errors import OmneoError


class Command(BaseCommand):
    help = (
        "Register the portal as a Clienteling app and customer block (a tenant custom field). "
        "The admin token is read from OMNEO_ADMIN_TOKEN, never from the command line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", required=True, help="The portal's public base URL.")
        parser.add_argument("--handle", default="booking_portal", help="The app's handle.")
        parser.add_argument("--title", default="Booking Portal", help="The app's title.")
        parser.add_argument("--label", default="Book", help="The button's label.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the JSON to send; send nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            field = registration_field(
                url=options["url"],
                handle=options["handle"],
                title=options["title"],
                label=options["label"],
            )
        except RegistrationError as exc:
            raise CommandError(str(exc)) from exc
        if options["dry_run"]:
            self.stdout.write(json.dumps(field.to_json(), indent=2))
            return
        if not settings.OMNEO_ADMIN_TOKEN:
            raise CommandError(
                "Set OMNEO_ADMIN_TOKEN (a CX Manager token allowed to edit settings)."
            )
        client = OmneoClient(
            base_url=settings.OMNEO_BASE_URL,
            token=settings.OMNEO_ADMIN_TOKEN,
            connect_timeout=settings.OMNEO_CONNECT_TIMEOUT,
            read_timeout=settings.OMNEO_READ_TIMEOUT,
        )
        try:
            done = registration_send(custom_field=field, client=client)
        except OmneoError as exc:
            raise CommandError(f"Omneo refused the registration: {exc}") from exc
        finally:
            client.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"{done.capitalize()} {field.key}: {field.value['clienteling']['url']}"
            )
        )
