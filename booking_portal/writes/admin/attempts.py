"""Admin review of every booking attempt: read-only, with CSV export and check/resubmit."""

from __future__ import annotations

import json

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html

from booking_portal.common.display import store_time
from booking_portal.omneo.errors import OmneoError
from booking_portal.writes.creates import OmneoUnasked, attempt_resubmit
from booking_portal.writes.models import BookingAttempt
from booking_portal.writes.records import AlreadySent, StillUnsettled

from .csv_export import attempts_csv
from .present import (
    LastKnownStatusFilter,
    current_status_html,
    history_html,
)
from .review_only import ReviewOnlyAdmin

RETRYABLE = (
    BookingAttempt.Outcome.FAILED,
    BookingAttempt.Outcome.UNKNOWN,
    BookingAttempt.Outcome.PENDING,
    BookingAttempt.Outcome.REVIEW,
)


def _pretty(value: object) -> str:
    if value in (None, "", {}, []):
        return "—"
    return format_html("<pre class='booking-json'>{}</pre>", json.dumps(value, indent=2))


@admin.register(BookingAttempt)
class BookingAttemptAdmin(ReviewOnlyAdmin, admin.ModelAdmin):
    list_display = (
        "submitted_in_store_zone",
        "booked_by",
        "omneo_staff_id",
        "customer_name",
        "definition_name",
        "location_name",
        "start_in_store_zone",
        "outcome",
        "omneo_appointment_id",
    )
    list_filter = (
        "outcome",
        LastKnownStatusFilter,
        "location_name",
        "definition_name",
        "booked_by",
        "created_at",
    )
    search_fields = (
        "customer_name",
        "customer_email",
        "profile_id",
        "=omneo_appointment_id",
        "=omneo_staff_id",
    )
    search_help_text = (
        "Customer name or email, Omneo profile id, Omneo appointment id or associate's staff id."
    )
    date_hierarchy = "created_at"
    list_select_related = ("booked_by",)
    show_facets = admin.ShowFacets.ALWAYS
    actions = ("export_csv", "check_then_resubmit")
    change_list_template = "admin/writes/bookingattempt/change_list.html"
    readonly_fields = (
        "submitted_in_store_zone",
        "start_in_store_zone",
        "end_in_store_zone",
        "answered_in_store_zone",
        "checked_in_store_zone",
        "payload_pretty",
        "response_pretty",
        "field_errors_pretty",
        "current_omneo_status",
        "portal_actions",
    )
    # Raw times would show in UTC unlabelled; the store-time fields above replace them.
    exclude = (
        "payload",
        "response_body",
        "field_errors",
        "form_data",
        "scheduled_start",
        "scheduled_end",
        "answered_at",
        "checked_at",
    )

    @admin.display(description="Submitted (store time)", ordering="created_at")
    def submitted_in_store_zone(self, attempt: BookingAttempt) -> str:
        return store_time(attempt.created_at, attempt.timezone)

    @admin.display(description="Starts (store time)", ordering="scheduled_start")
    def start_in_store_zone(self, attempt: BookingAttempt) -> str:
        return store_time(attempt.scheduled_start, attempt.timezone)

    @admin.display(description="Ends (store time)")
    def end_in_store_zone(self, attempt: BookingAttempt) -> str:
        return store_time(attempt.scheduled_end, attempt.timezone)

    @admin.display(description="Omneo answered (store time)")
    def answered_in_store_zone(self, attempt: BookingAttempt) -> str:
        return store_time(attempt.answered_at, attempt.timezone) or "—"

    @admin.display(description="Last checked in Omneo (store time)")
    def checked_in_store_zone(self, attempt: BookingAttempt) -> str:
        return store_time(attempt.checked_at, attempt.timezone) or "—"

    @admin.display(description="Payload sent")
    def payload_pretty(self, attempt: BookingAttempt) -> str:
        return _pretty(attempt.payload)

    @admin.display(description="Omneo's response")
    def response_pretty(self, attempt: BookingAttempt) -> str:
        return (
            _pretty(attempt.response_body)
            if attempt.response_body
            else (attempt.response_text or "—")
        )

    @admin.display(description="Field errors")
    def field_errors_pretty(self, attempt: BookingAttempt) -> str:
        return _pretty(attempt.field_errors)

    @admin.display(description="Current status in Omneo")
    def current_omneo_status(self, attempt: BookingAttempt) -> str:
        return current_status_html(attempt.omneo_appointment_id)

    @admin.display(description="Actions through the portal")
    def portal_actions(self, attempt: BookingAttempt) -> str:
        return history_html(attempt.omneo_appointment_id)

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("writes.retry_bookingattempt")

    def get_urls(self) -> list:
        export = path(
            "export.csv",
            self.admin_site.admin_view(self.export_filtered),
            name="writes_bookingattempt_export",
        )
        return [export, *super().get_urls()]

    def export_filtered(self, request: HttpRequest) -> HttpResponse:
        """The changelist as it is filtered and searched now, as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            queryset = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            # As the changelist itself answers a filter it cannot apply.
            changelist = reverse("admin:writes_bookingattempt_changelist")
            return HttpResponseRedirect(f"{changelist}?{ERROR_FLAG}=1")
        return attempts_csv(queryset, filename="booking-attempts.csv")

    @admin.action(description="Export selected to CSV")
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return attempts_csv(queryset.select_related("booked_by"), filename="booking-attempts.csv")

    @admin.action(
        description="Check in Omneo, then resubmit",
        permissions=["retry"],
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def check_then_resubmit(self, request: HttpRequest, queryset: QuerySet) -> None:
        for attempt in queryset.filter(outcome__in=RETRYABLE):
            try:
                result = attempt_resubmit(attempt=attempt, resubmitted_by=request.user)
            except (OmneoError, OmneoUnasked):
                self.message_user(
                    request,
                    f"{attempt}: Omneo could not be asked whether it exists; nothing was sent.",
                    messages.ERROR,
                )
                continue
            except StillUnsettled as doubt:
                self.message_user(
                    request,
                    f"{attempt}: attempt #{doubt.record.pk} at the same booking is"
                    f" {doubt.record.get_outcome_display().lower()}; nothing was sent.",
                    messages.WARNING,
                )
                continue
            except AlreadySent as duplicate:
                self.message_user(
                    request,
                    f"{attempt}: already resubmitted as #{duplicate.record.pk}"
                    f" ({duplicate.record.get_outcome_display().lower()}); not posted again.",
                    messages.WARNING,
                )
                continue
            if result.pk == attempt.pk and result.outcome == BookingAttempt.Outcome.CREATED:
                text = (
                    f"{attempt}: found in Omneo as {attempt.omneo_appointment_id}; not resubmitted."
                )
            elif result.pk == attempt.pk:
                text = (
                    f"{attempt}: {result.get_check_result_display().lower()}; not resubmitted"
                    f" ({result.get_outcome_display().lower()})."
                )
            else:
                text = f"{attempt}: not in Omneo; resubmitted as #{result.pk} ({result.outcome})."
            self.message_user(request, text, messages.SUCCESS)
        skipped = queryset.exclude(outcome__in=RETRYABLE).count()
        if skipped:
            self.message_user(
                request,
                f"{skipped} attempt(s) skipped: only failed, pending, unknown or review ones.",
                messages.WARNING,
            )
