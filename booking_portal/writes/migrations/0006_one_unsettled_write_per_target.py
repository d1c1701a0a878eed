"""While one write to an appointment (or entry, or waitlist place) is unsettled, no second starts."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("writes", "0005_write_targets")]

    operations = [
        migrations.AddConstraint(
            model_name='appointmentwrite',
            constraint=models.UniqueConstraint(condition=models.Q(('outcome__in', ('pending', 'unknown', 'review'))), fields=('target',), name='one_unsettled_write_per_target'),
        ),
    ]
