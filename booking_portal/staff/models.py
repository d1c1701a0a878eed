"""What the portal keeps about each staff member between bookings."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RememberedStore(models.Model):
    """The store a staff member booked at last: preselected on their next booking."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remembered_store"
    )
    location_id = models.PositiveBigIntegerField()
    # The store's zone as the booking showed it: the next booking reads its times before the
    # store itself is read.
    timezone = models.CharField(max_length=64, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "bookings_rememberedstore"  # created by the bookings app, moved here unchanged

    def __str__(self) -> str:
        return f"{self.user} → store {self.location_id}"
