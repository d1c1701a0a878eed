"""The record of every write to Omneo: written before the call, completed from its answer.

One abstract base, OmneoWrite, holds what every write records (its outcome, Omneo's answer, the
checks that settle it); BookingAttempt records a create, AppointmentWrite every later write.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models

from booking_portal.omneo.reads.zones import store_zone

__all__ = ["AppointmentWrite", "BookingAttempt", "CheckResult", "OmneoWrite"]

OMNEO_TAG_PREFIX = "booking-portal:"
WRITE_TAG_PREFIX = "booking-portal-write:"
UNSETTLED_OUTCOMES = ("pending", "unknown", "review")


class CheckResult(models.TextChoices):
    """What looking a write up in Omneo found, after its answer was lost."""

    FOUND = "found", "Found in Omneo"
    NOT_YET = "not_yet", "Not in Omneo yet"
    ABSENT = "absent", "Not in Omneo"
    AMBIGUOUS = "ambiguous", "Several possible appointments"
    UNREACHABLE = "unreachable", "Omneo could not be asked"


JSON_FIELDS = ("payload", "body", "form_data", "response_body", "error_messages", "field_errors")


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


class OmneoWrite(models.Model):
    """What every write to Omneo records: claimed before the call, completed from the answer."""

    # Set by each kind of record: the outcome that means "Omneo has it", and the unsettled ones.
    DONE: ClassVar[str]
    token_field: ClassVar[str]

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    answered_at = models.DateTimeField(
        null=True, blank=True, help_text="When Omneo answered, or the call failed."
    )
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)
    response_text = models.TextField(blank=True, help_text="A non-JSON answer, cut to 1 KB.")
    error_class = models.CharField(max_length=64, blank=True)
    error_messages = models.JSONField(default=list, blank=True)
    field_errors = models.JSONField(default=dict, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    recovered = models.BooleanField(
        default=False, help_text="Omneo's answer was lost, but looking it up found the write."
    )
    checked_at = models.DateTimeField(
        null=True, blank=True, help_text="When the portal last looked the write up."
    )
    check_count = models.PositiveSmallIntegerField(default=0)
    check_result = models.CharField(
        max_length=16,
        choices=CheckResult.choices,
        blank=True,
        help_text="What the last look found.",
    )
    location_id = models.BigIntegerField(null=True, blank=True)
    timezone = models.CharField(max_length=64, blank=True)
    omneo_staff_id = models.CharField(
        "Omneo staff id",
        max_length=64,
        blank=True,
        help_text="The Omneo staff profile of the associate who made the write, when linked.",
    )

    class Meta:
        abstract = True
        ordering = ("-created_at",)

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, keeping NUL (from a junk form field or an odd Omneo body) out of the JSON."""
        written = kwargs.get("update_fields")
        names = {field.name for field in self._meta.concrete_fields}.intersection(JSON_FIELDS)
        for name in names if written is None else names.intersection(written):
            setattr(self, name, _without_nul(getattr(self, name)))
        super().save(*args, **kwargs)

    def record(self, **fields: Any) -> None:
        """Set these columns and write them (and only them)."""
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=[*fields, "updated_at"])

    @property
    def token(self) -> Any:
        """The one-time token of the form or action that claimed this write."""
        return getattr(self, self.token_field)

    @property
    def zone(self) -> ZoneInfo:
        """The zone the write's times are shown in (the portal's default for none or unknown)."""
        return store_zone(self.timezone)

    @property
    def is_settled(self) -> bool:
        """Whether the outcome is known: Omneo has the write, or certainly does not."""
        return self.outcome not in UNSETTLED_OUTCOMES


class BookingAttempt(OmneoWrite):
    """A staff member's submission of one booking form, and what Omneo made of it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "Pending"
        CREATED = "created", "Created"
        REJECTED = "rejected", "Rejected"
        FAILED = "failed", "Failed"
        UNKNOWN = "unknown", "Unknown"
        REVIEW = "review", "Needs review"

    DONE = Outcome.CREATED
    token_field = "form_token"  # noqa: S105 - a column name

    form_token = models.UUIDField(unique=True, help_text="The booking form's one-time token.")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="booking_attempts"
    )
    outcome = models.CharField(
        max_length=16, choices=Outcome.choices, default=Outcome.PENDING, db_index=True
    )
    payload = models.JSONField(help_text="The StoreAppointment body sent to Omneo.")
    form_data = models.JSONField(
        default=dict, blank=True, help_text="The submitted form, to reopen it."
    )
    omneo_appointment_id = models.BigIntegerField(null=True, blank=True, db_index=True)
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
    location_name = models.CharField(max_length=255, blank=True)
    profile_id = models.CharField(max_length=64, db_index=True)
    customer_name = models.CharField(max_length=255, blank=True)
    customer_email = models.CharField(max_length=255, blank=True)
    staff_id = models.CharField(max_length=64, blank=True)
    staff_name = models.CharField(max_length=255, blank=True)
    scheduled_start = models.DateTimeField(db_index=True)
    scheduled_end = models.DateTimeField()

    class Meta(OmneoWrite.Meta):
        db_table = "bookings_bookingattempt"  # created by the bookings app, moved here unchanged
        permissions = (("retry_bookingattempt", "Can check and resubmit a booking attempt"),)
        constraints = (
            # While one attempt at a booking is unsettled, no second create may start for it.
            models.UniqueConstraint(
                fields=("profile_id", "definition_id", "location_id", "scheduled_start"),
                condition=models.Q(outcome__in=UNSETTLED_OUTCOMES),
                name="one_unsettled_attempt_per_booking",
            ),
        )

    def __str__(self) -> str:
        return f"{self.customer_name or self.profile_id} · {self.definition_name} ({self.outcome})"

    @property
    def omneo_tag(self) -> str:
        """The meta entry sent with the create, by which its own appointment is recognised."""
        return f"{OMNEO_TAG_PREFIX}{self.form_token}"

    @property
    def appointment_data(self) -> dict[str, Any] | None:
        """Omneo's created Appointment object, when there is one."""
        body = self.response_body
        if isinstance(body, dict) and isinstance(body.get("data"), dict):
            return body["data"]
        return None


class AppointmentWrite(OmneoWrite):
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

    DONE = Outcome.DONE
    token_field = "action_token"  # noqa: S105 - a column name

    action_token = models.UUIDField(unique=True, help_text="The action form's one-time token.")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointment_writes"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, db_index=True)
    target = models.CharField(
        max_length=200,
        help_text="What in Omneo the write changes: one appointment, entry or waitlist place.",
    )
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
    reason = models.TextField(blank=True)

    class Meta(OmneoWrite.Meta):
        constraints = (
            # While one write to an appointment (or entry) is unsettled, no second may start.
            models.UniqueConstraint(
                fields=("target",),
                condition=models.Q(outcome__in=UNSETTLED_OUTCOMES),
                name="one_unsettled_write_per_target",
            ),
        )

    def __str__(self) -> str:
        target = self.appointment_id or self.waitlist_entry_id or "new"
        return f"{self.get_kind_display()} · {target} ({self.outcome})"

    @property
    def tag(self) -> str:
        """The meta entry sent with the write, by which its effect is recognised."""
        return f"{WRITE_TAG_PREFIX}{self.action_token}"


UNSETTLED = frozenset(UNSETTLED_OUTCOMES)
SETTLED = frozenset(BookingAttempt.Outcome) - UNSETTLED
