"""Booking admins may review the record of writes to Omneo."""

from __future__ import annotations

from django.contrib.auth.management import create_permissions
from django.db import migrations

BOOKING_ADMINS = "Booking admins"
REVIEW = ("view_appointmentwrite",)


def grant_review(apps, schema_editor):
    app_config = apps.get_app_config("writes")
    app_config.models_module = True  # the stub has none; create_permissions wants one
    create_permissions(app_config, apps=apps, verbosity=0)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    admins, _ = group_model.objects.get_or_create(name=BOOKING_ADMINS)
    admins.permissions.add(
        *permission_model.objects.filter(content_type__app_label="writes", codename__in=REVIEW)
    )


def revoke_review(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    for admins in apps.get_model("auth", "Group").objects.filter(name=BOOKING_ADMINS):
        admins.permissions.remove(
            *permission_model.objects.filter(content_type__app_label="writes", codename__in=REVIEW)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("writes", "0001_initial"),
        ("bookings", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_review, revoke_review)]
