"""RememberedStore moves here from the bookings app: its table and rows stay as they were."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="staff", model="rememberedstore").delete()
    content_type.objects.filter(app_label="bookings", model="rememberedstore").update(
        app_label="staff"
    )


def move_content_type_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="staff", model="rememberedstore").update(
        app_label="bookings"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("bookings", "0007_remembered_store"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RememberedStore",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("location_id", models.PositiveBigIntegerField()),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="remembered_store", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={"db_table": "bookings_rememberedstore"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
