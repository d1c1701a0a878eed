"""Link portal users to Omneo staff profiles by email, where exactly one staff member matches."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from booking_portal.omneo.errors import OmneoError
from booking_portal.staff.links import staff_links_match


class Command(BaseCommand):
    help = (
        "Link every active user without an Omneo staff profile to the one Omneo staff member "
        "sharing their email (and to that member's stores, unless stores are set already). "
        "Users with no match, or several, are listed and left alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            results = staff_links_match()
        except OmneoError as error:
            raise CommandError(f"Omneo could not be asked: {error.message}") from error
        for user, match in results:
            if match.member is not None:
                stores = ", ".join(str(s) for s in sorted(match.member.location_ids)) or "none"
                name = match.member.person.display_name
                self.stdout.write(f"linked   {user.get_username()} → {name} (stores {stores})")
            else:
                self.stdout.write(f"skipped  {user.get_username()}: {match.reason}")
