"""The record of every write to Omneo: BookingAttempt for creates, AppointmentWrite for the rest.

Each row is written before the call is sent, and completed from Omneo's answer.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from .booking_attempt import BookingAttempt

__all__ = ["AppointmentWrite", "BookingAttempt", "WriteCheck"]

WRITE_TAG_PREFIX = "booking-portal-write:"


class WriteCheck(models.TextChoices):
    """What reading the appointment (or waitlist entry) back found after an unknown outcome."""

    APPLIED = "applied", "Omneo shows the change"
    NOT_YET = "not_yet", "Omneo does not show the change yet"
    NOT_APPLIED = "not_applied", "Omneo does not show the change"
    UNREACHABLE = "unreachable", "Omneo could not be asked"


class AppointmentWrite(models.Model):
    """A staff member's change to an appointment or waitlist entry, and what Omneo made of it."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", "Confirm"
        REJECT = "reject", "Reject"
        ARRIVE = "arrive", "Mark arrived"
        COMPLETE = "complete", "Mark completed"
        NO_SHOW = "no_show", "Mark no-show"
        CANCEL = "cancel", "Cancel"
        RESCHEDULE = "reschedule", "Reschedule"
        WAITLIST_ADD = "waitlist_add", "Add to waitlist"
        WAITLIST_FULFIL = "waitlist_fulfil", "Mark waitlist entry fulfilled"

    class Outcome(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        REJECTED = "rejected", "Rejected"
        FAILED = "failed", "Failed"
        UNKNOWN = "unknown", "Unknown"

    action_token = models.UUIDField(unique=True, help_text="The action form's one-time token.")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointment_writes"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    kind = models.CharField(max_length=16, choices=Kind.choices, db_index=True)
    appointment_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    waitlist_entry_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    body = models.JSONField(help_text="The body sent to Omneo.")
    outcome = models.CharField(
        max_length=16, choices=Outcome.choices, default=Outcome.PENDING, db_index=True
    )
    status_before = models.CharField(max_length=32, blank=True)
    status_after = models.CharField(
        max_length=32, blank=True, help_text="The status Omneo reported after the write."
    )
    response_body = models.JSONField(null=True, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error_class = models.CharField(max_length=64, blank=True)
    error_messages = models.JSONField(default=list, blank=True)
    field_errors = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    location_id = models.BigIntegerField(null=True, blank=True)
    timezone = models.CharField(max_length=64, blank=True)
    recovered = models.BooleanField(
        default=False, help_text="Omneo's answer was lost, but reading back showed the change."
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    check_count = models.PositiveSmallIntegerField(default=0)
    check_result = models.CharField(max_length=16, choices=WriteCheck.choices, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        target = self.appointment_id or self.waitlist_entry_id or "new"
        return f"{self.get_kind_display()} · {target} ({self.outcome})"

    @property
    def tag(self) -> str:
        """The meta entry sent with the write, by which its effect is recognised."""
        return f"{WRITE_TAG_PREFIX}{self.action_token}"

    @property
    def is_settled(self) -> bool:
        return self.outcome not in UNSETTLED

    def record(self, **fields: Any) -> None:
        for name, value in fields.items():
            setattr(self, name, value)
        self.save()


UNSETTLED = frozenset({AppointmentWrite.Outcome.PENDING, AppointmentWrite.Outcome.UNKNOWN})
