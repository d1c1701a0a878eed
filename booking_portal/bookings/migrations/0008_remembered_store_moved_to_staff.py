"""RememberedStore now belongs to the staff app; its table stays (see staff 0001)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("bookings", "0007_remembered_store"),
        ("staff", "0001_remembered_store_moved_here"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RememberedStore")],
            database_operations=[],
        ),
    ]
