"""One write pipeline: the columns every write records, and a target for later writes."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('writes', '0003_bookingattempt_moved_here'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='appointmentwrite',
            name='duration_ms',
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='appointmentwrite',
            name='response_text',
            field=models.TextField(blank=True, help_text='A non-JSON answer, cut to 1 KB.'),
        ),
        migrations.AddField(
            model_name='appointmentwrite',
            name='target',
            field=models.CharField(default='', help_text='What in Omneo the write changes: one appointment, entry or waitlist place.', max_length=200),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='appointmentwrite',
            name='answered_at',
            field=models.DateTimeField(blank=True, help_text='When Omneo answered, or the call failed.', null=True),
        ),
        migrations.AlterField(
            model_name='appointmentwrite',
            name='check_result',
            field=models.CharField(blank=True, choices=[('found', 'Found in Omneo'), ('not_yet', 'Not in Omneo yet'), ('absent', 'Not in Omneo'), ('ambiguous', 'Several possible appointments'), ('unreachable', 'Omneo could not be asked')], help_text='What the last look found.', max_length=16),
        ),
        migrations.AlterField(
            model_name='appointmentwrite',
            name='checked_at',
            field=models.DateTimeField(blank=True, help_text='When the portal last looked the write up.', null=True),
        ),
        migrations.AlterField(
            model_name='appointmentwrite',
            name='recovered',
            field=models.BooleanField(default=False, help_text="Omneo's answer was lost, but looking it up found the write."),
        ),
        migrations.AlterField(
            model_name='bookingattempt',
            name='answered_at',
            field=models.DateTimeField(blank=True, help_text='When Omneo answered, or the call failed.', null=True),
        ),
        migrations.AlterField(
            model_name='bookingattempt',
            name='check_result',
            field=models.CharField(blank=True, choices=[('found', 'Found in Omneo'), ('not_yet', 'Not in Omneo yet'), ('absent', 'Not in Omneo'), ('ambiguous', 'Several possible appointments'), ('unreachable', 'Omneo could not be asked')], help_text='What the last look found.', max_length=16),
        ),
        migrations.AlterField(
            model_name='bookingattempt',
            name='checked_at',
            field=models.DateTimeField(blank=True, help_text='When the portal last looked the write up.', null=True),
        ),
        migrations.AlterField(
            model_name='bookingattempt',
            name='location_id',
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='bookingattempt',
            name='recovered',
            field=models.BooleanField(default=False, help_text="Omneo's answer was lost, but looking it up found the write."),
        ),
        migrations.AlterField(
            model_name='bookingattempt',
            name='timezone',
            field=models.CharField(blank=True, max_length=64),
        ),
    ]
