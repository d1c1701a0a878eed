"""Booking admins may see and clear sign-in lockouts (django-axes' access attempts)."""

from __future__ import annotations

from django.contrib.auth.management import create_permissions
from django.db import migrations

BOOKING_ADMINS = "Booking admins"
UNLOCK_PERMISSIONS = ("view_accessattempt", "delete_accessattempt")


def grant_unlock(apps, schema_editor):
    app_config = apps.get_app_config("axes")
    app_config.models_module = True  # the stub has none; create_permissions wants one
    create_permissions(app_config, apps=apps, verbosity=0)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    admins, _ = group_model.objects.get_or_create(name=BOOKING_ADMINS)
    admins.permissions.add(
        *permission_model.objects.filter(
            content_type__app_label="axes", codename__in=UNLOCK_PERMISSIONS
        )
    )


def revoke_unlock(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for admins in group_model.objects.filter(name=BOOKING_ADMINS):
        admins.permissions.remove(
            *permission_model.objects.filter(
                content_type__app_label="axes", codename__in=UNLOCK_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0003_outcome_labels"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant_unlock, revoke_unlock)]
