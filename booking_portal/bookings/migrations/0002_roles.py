"""Create the portal's two roles: Store staff and Booking admins."""

from __future__ import annotations

from django.contrib.auth.management import create_permissions
from django.db import migrations

STORE_STAFF = "Store staff"
BOOKING_ADMINS = "Booking admins"
ADMIN_PERMISSIONS = ("view_bookingattempt", "retry_bookingattempt")


def create_roles(apps, schema_editor):
    # Permissions normally appear after all migrations; make this app's exist now.
    app_config = apps.get_app_config("bookings")
    app_config.models_module = True  # the stub has none; create_permissions wants one
    create_permissions(app_config, apps=apps, verbosity=0)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group_model.objects.get_or_create(name=STORE_STAFF)
    admins, _ = group_model.objects.get_or_create(name=BOOKING_ADMINS)
    admins.permissions.add(
        *permission_model.objects.filter(
            content_type__app_label="bookings", codename__in=ADMIN_PERMISSIONS
        )
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[STORE_STAFF, BOOKING_ADMINS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
