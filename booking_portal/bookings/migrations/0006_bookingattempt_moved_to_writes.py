"""BookingAttempt now lives in the writes app: the same table, so nothing changes in the database."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('bookings', '0005_settlement'),
        ('writes', '0003_bookingattempt_moved_here'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='bookingattempt',
                    name='one_unsettled_attempt_per_booking',
                ),
                migrations.DeleteModel(name='BookingAttempt'),
            ],
            database_operations=[],
        ),
    ]
