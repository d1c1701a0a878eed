"""BookingAttempt moves here from the bookings app: its table, rows and permissions stay as they were."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """The attempt's content type (and so its permissions and admin log) now belongs to writes."""
    content_type = apps.get_model("contenttypes", "ContentType")
    old = content_type.objects.filter(app_label="bookings", model="bookingattempt").first()
    if old is None:
        return
    content_type.objects.filter(app_label="writes", model="bookingattempt").delete()
    old.app_label = "writes"
    old.save(update_fields=["app_label"])


def move_content_type_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="writes", model="bookingattempt").update(
        app_label="bookings"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('writes', '0002_booking_admins_review_writes'),
        ('bookings', '0005_settlement'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='BookingAttempt',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('form_token', models.UUIDField(help_text="The booking form's one-time token.", unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('outcome', models.CharField(choices=[('pending', 'Pending'), ('created', 'Created'), ('rejected', 'Rejected'), ('failed', 'Failed'), ('unknown', 'Unknown'), ('review', 'Needs review')], db_index=True, default='pending', max_length=16)),
                        ('payload', models.JSONField(help_text='The StoreAppointment body sent to Omneo.')),
                        ('form_data', models.JSONField(blank=True, default=dict, help_text='The submitted form, to reopen it.')),
                        ('http_status', models.PositiveSmallIntegerField(blank=True, null=True)),
                        ('omneo_appointment_id', models.BigIntegerField(blank=True, db_index=True, null=True)),
                        ('response_body', models.JSONField(blank=True, null=True)),
                        ('response_text', models.TextField(blank=True, help_text='A non-JSON answer, cut to 1 KB.')),
                        ('error_class', models.CharField(blank=True, max_length=64)),
                        ('error_messages', models.JSONField(blank=True, default=list)),
                        ('field_errors', models.JSONField(blank=True, default=dict)),
                        ('duration_ms', models.PositiveIntegerField(blank=True, null=True)),
                        ('recovered', models.BooleanField(default=False, help_text="Omneo's answer was lost, but a look-up found the appointment.")),
                        ('answered_at', models.DateTimeField(blank=True, help_text='When Omneo answered the create, or the call failed.', null=True)),
                        ('checked_at', models.DateTimeField(blank=True, help_text='When the portal last looked the appointment up.', null=True)),
                        ('check_count', models.PositiveSmallIntegerField(default=0)),
                        ('check_result', models.CharField(blank=True, choices=[('found', 'Found in Omneo'), ('not_yet', 'Not in Omneo yet'), ('absent', 'Not in Omneo'), ('ambiguous', 'Several possible appointments'), ('unreachable', 'Omneo could not be asked')], help_text='What the last look-up found.', max_length=16)),
                        ('candidate_ids', models.JSONField(blank=True, default=list, help_text='Omneo appointments that may be this booking.')),
                        ('answers_display', models.JSONField(blank=True, default=list, help_text='The answers as staff read them: [question, answer].')),
                        ('definition_id', models.BigIntegerField()),
                        ('definition_name', models.CharField(blank=True, max_length=255)),
                        ('location_id', models.BigIntegerField()),
                        ('location_name', models.CharField(blank=True, max_length=255)),
                        ('profile_id', models.CharField(db_index=True, max_length=64)),
                        ('customer_name', models.CharField(blank=True, max_length=255)),
                        ('customer_email', models.CharField(blank=True, max_length=255)),
                        ('staff_id', models.CharField(blank=True, max_length=64)),
                        ('staff_name', models.CharField(blank=True, max_length=255)),
                        ('scheduled_start', models.DateTimeField(db_index=True)),
                        ('scheduled_end', models.DateTimeField()),
                        ('timezone', models.CharField(max_length=64)),
                        ('booked_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='booking_attempts', to=settings.AUTH_USER_MODEL)),
                        ('resubmitted_from', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='resubmissions', to='writes.bookingattempt')),
                    ],
                    options={
                        'db_table': 'bookings_bookingattempt',
                        'ordering': ('-created_at',),
                        'permissions': (('retry_bookingattempt', 'Can check and resubmit a booking attempt'),),
                        'constraints': [models.UniqueConstraint(condition=models.Q(('outcome__in', ('pending', 'unknown', 'review'))), fields=('profile_id', 'definition_id', 'location_id', 'scheduled_start'), name='one_unsettled_attempt_per_booking')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
