"""Visits recorded on arrival, and the start a reschedule freed."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('writes', '0006_one_unsettled_write_per_target'),
    ]

    operations = [
        migrations.AddField(
            model_name='appointmentwrite',
            name='profile_id',
            field=models.CharField(blank=True, help_text='The customer a visit is recorded for.', max_length=64),
        ),
        migrations.AddField(
            model_name='appointmentwrite',
            name='start_before',
            field=models.DateTimeField(blank=True, help_text='The start a reschedule moved from (the time it freed).', null=True),
        ),
        migrations.AlterField(
            model_name='appointmentwrite',
            name='kind',
            field=models.CharField(choices=[('confirm', 'Confirm'), ('reject', 'Reject'), ('arrive', 'Mark arrived'), ('complete', 'Mark completed'), ('no_show', 'Mark no-show'), ('cancel', 'Cancel'), ('reschedule', 'Reschedule'), ('waitlist_add', 'Add to waitlist'), ('waitlist_fulfil', 'Mark waitlist entry fulfilled'), ('visit', 'Record visit')], db_index=True, max_length=16),
        ),
    ]
