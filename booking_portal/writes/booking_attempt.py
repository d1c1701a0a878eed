"""BookingAttempt: the record of each create sent to Omneo, written before Omneo is called."""

from __future__ import annotations

import json
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import models

OMNEO_TAG_PREFIX = "booking-portal:"


class CheckResult(models.TextChoices):
    """What looking an attempt's appointment up in Omneo found."""

    FOUND = "found", "Found in Omneo"
    NOT_YET = "not_yet", "Not in Omneo yet"
    ABSENT = "absent", "Not in Omneo"
    AMBIGUOUS = "ambiguous", "Several possible appointments"
    UNREACHABLE = "unreachable", "Omneo could not be asked"


JSON_FIELDS = ("payload", "form_data", "response_body", "error_messages", "field_errors")


def _without_nul(value: Any) -> Any:
    """The same JSON value with NUL replaced by U+FFFD: PostgreSQL's jsonb cannot hold NUL.

    JSON writes NUL as \\u0000, so one C-speed dump tells whether there is any to replace.
    """
    if "\\u0000" not in json.dumps(value, default=str):
        return value
    return _nul_replaced(value)


def _nul_replaced(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {_nul_replaced(key): _nul_replaced(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_nul_replaced(item) for item in value]
    return value


class BookingAttempt(models.Model):
    """A staff member's submission of one booking form, and what Omneo made of it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "Pending"
        CREATED = "created", "Created"
        REJECTED = "rejected", "Rejected"
        FAILED = "failed", "Failed"
        UNKNOWN = "unknown", "Unknown"
        REVIEW = "review", "Needs review"

    form_token = models.UUIDField(unique=True, help_text="The booking form's one-time token.")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="booking_attempts"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    outcome = models.CharField(
        max_length=16, choices=Outcome.choices, default=Outcome.PENDING, db_index=True
    )
    payload = models.JSONField(help_text="The StoreAppointment body sent to Omneo.")
    form_data = models.JSONField(
        default=dict, blank=True, help_text="The submitted form, to reopen it."
    )
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    omneo_appointment_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    response_body = models.JSONField(null=True, blank=True)
    response_text = models.TextField(blank=True, help_text="A non-JSON answer, cut to 1 KB.")
    error_class = models.CharField(max_length=64, blank=True)
    error_messages = models.JSONField(default=list, blank=True)
    field_errors = models.JSONField(default=dict, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    recovered = models.BooleanField(
        default=False, help_text="Omneo's answer was lost, but a look-up found the appointment."
    )
    answered_at = models.DateTimeField(
        null=True, blank=True, help_text="When Omneo answered the create, or the call failed."
    )
    checked_at = models.DateTimeField(
        null=True, blank=True, help_text="When the portal last looked the appointment up."
    )
    check_count = models.PositiveSmallIntegerField(default=0)
    check_result = models.CharField(
        max_length=16,
        choices=CheckResult.choices,
        blank=True,
        help_text="What the last look-up found.",
    )
    candidate_ids = models.JSONField(
        default=list, blank=True, help_text="Omneo appointments that may be this booking."
    )
    answers_display = models.JSONField(
        default=list, blank=True, help_text="The answers as staff read them: [question, answer]."
    )
    resubmitted_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="resubmissions"
    )

    definition_id = models.BigIntegerField()
    definition_name = models.CharField(max_length=255, blank=True)
    location_id = models.BigIntegerField()
    location_name = models.CharField(max_length=255, blank=True)
    profile_id = models.CharField(max_length=64, db_index=True)
    customer_name = models.CharField(max_length=255, blank=True)
    customer_email = models.CharField(max_length=255, blank=True)
    staff_id = models.CharField(max_length=64, blank=True)
    staff_name = models.CharField(max_length=255, blank=True)
    scheduled_start = models.DateTimeField(db_index=True)
    scheduled_end = models.DateTimeField()
    timezone = models.CharField(max_length=64)

    class Meta:
        db_table = "bookings_bookingattempt"  # created by the bookings app, moved here unchanged
        ordering = ("-created_at",)
        permissions = (("retry_bookingattempt", "Can check and resubmit a booking attempt"),)
        constraints = (
            # While one attempt at a booking is unsettled, no second create may start for it.
            models.UniqueConstraint(
                fields=("profile_id", "definition_id", "location_id", "scheduled_start"),
                condition=models.Q(outcome__in=("pending", "unknown", "review")),
                name="one_unsettled_attempt_per_booking",
            ),
        )

    def __str__(self) -> str:
        return f"{self.customer_name or self.profile_id} · {self.definition_name} ({self.outcome})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, keeping NUL (from a junk form field or an odd Omneo body) out of the JSON."""
        written = kwargs.get("update_fields")
        for name in JSON_FIELDS if written is None else set(JSON_FIELDS).intersection(written):
            setattr(self, name, _without_nul(getattr(self, name)))
        super().save(*args, **kwargs)

    @property
    def omneo_tag(self) -> str:
        """The meta entry sent with the create, by which its own appointment is recognised."""
        return f"{OMNEO_TAG_PREFIX}{self.form_token}"

    @property
    def zone(self) -> ZoneInfo:
        """The store's time zone, in which the booking's times are shown."""
        try:
            return ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
            return ZoneInfo(settings.PORTAL_DEFAULT_TIMEZONE)

    @property
    def is_settled(self) -> bool:
        """Whether the attempt's outcome is known (created, or certainly not booked)."""
        return self.outcome in SETTLED

    @property
    def appointment_data(self) -> dict[str, Any] | None:
        """Omneo's created Appointment object, when there is one."""
        body = self.response_body
        if isinstance(body, dict) and isinstance(body.get("data"), dict):
            return body["data"]
        return None


UNSETTLED = frozenset(
    {
        BookingAttempt.Outcome.PENDING,
        BookingAttempt.Outcome.UNKNOWN,
        BookingAttempt.Outcome.REVIEW,
    }
)
SETTLED = frozenset(BookingAttempt.Outcome) - UNSETTLED
